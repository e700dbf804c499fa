"""The report workflow, its permissions and scope, and the immutability of what is published."""

import itertools

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from reports import services
from reports.choices import PREDIKAT_MATRIX, Predikat, Rating, ReportStatus
from reports.models import BehaviourRating, Indicator, Report, Withholding
from tests.factories import ReportFactory, UnitFactory, UserFactory, advance

pytestmark = pytest.mark.django_db

# The triggers answer with a raised exception, which the driver reports as a DatabaseError.
DatabaseRefusal = DatabaseError


def user_with(*codenames, units=()):
    user = UserFactory(units=list(units))
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)
    )
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def evaluator(unit):
    return user_with("submit_report", units=[unit])


@pytest.fixture
def verifier(unit):
    return user_with("submit_report", "approve_report", "publish_report", units=[unit])


# ----------------------------------------------------------------- predikat matrix


@pytest.mark.parametrize(("hasil", "perilaku"), list(itertools.product(Rating.values, repeat=2)))
def test_the_predikat_follows_the_matrix_for_every_cell(hasil, perilaku):
    report = ReportFactory(hasil_kerja=hasil, perilaku=perilaku)
    report.refresh_from_db()
    assert report.predikat == PREDIKAT_MATRIX[(hasil, perilaku)]


def test_the_matrix_gives_the_published_values_of_permenpanrb_6_2022():
    assert PREDIKAT_MATRIX[("di_atas", "di_atas")] == Predikat.SANGAT_BAIK
    assert PREDIKAT_MATRIX[("di_atas", "di_bawah")] == Predikat.KURANG
    assert PREDIKAT_MATRIX[("sesuai", "di_atas")] == Predikat.BAIK
    assert PREDIKAT_MATRIX[("di_bawah", "di_bawah")] == Predikat.SANGAT_KURANG
    assert PREDIKAT_MATRIX[("di_bawah", "di_atas")] == Predikat.BUTUH_PERBAIKAN


def test_the_database_refuses_a_predikat_that_contradicts_the_ratings():
    report = ReportFactory(hasil_kerja="sesuai", perilaku="sesuai")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(predikat=Predikat.SANGAT_BAIK)


# ----------------------------------------------------------------- transitions


def test_an_evaluator_submits_a_draft_of_their_unit(unit, evaluator):
    report = services.report_submit(report=ReportFactory(unit=unit), by=evaluator)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == evaluator


def test_an_evaluator_cannot_submit_a_report_of_another_unit(evaluator):
    report = ReportFactory(unit=UnitFactory())
    with pytest.raises(PermissionDenied):
        services.report_submit(report=report, by=evaluator)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_a_report_without_indicators_cannot_be_submitted(unit, evaluator):
    with pytest.raises(ValidationError):
        services.report_submit(report=ReportFactory(unit=unit, indicators=0), by=evaluator)


def test_an_evaluator_cannot_approve(unit, evaluator):
    report = ReportFactory(unit=unit, status="submitted")
    with pytest.raises(PermissionDenied):
        services.report_approve(report=report, by=evaluator)


def test_a_verifier_approves_and_publishes(unit, verifier):
    report = ReportFactory(unit=unit, status="submitted")
    services.report_approve(report=report, by=verifier)
    report = services.report_publish(report=report, by=verifier)
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_by == verifier
    assert report.published_at is not None


def test_a_verifier_of_another_unit_cannot_publish(verifier):
    report = ReportFactory(unit=UnitFactory(), status="approved")
    with pytest.raises(PermissionDenied):
        services.report_publish(report=report, by=verifier)


def test_a_draft_cannot_be_published_directly(unit, verifier):
    with pytest.raises(ValidationError):
        services.report_publish(report=ReportFactory(unit=unit), by=verifier)


def test_a_verifier_returns_a_submitted_report_with_a_note(unit, verifier):
    report = ReportFactory(unit=unit, status="submitted")
    with pytest.raises(ValidationError):
        services.report_return(report=report, by=verifier, note=" ")
    report = services.report_return(report=report, by=verifier, note="Lengkapi realisasi")
    assert report.status == ReportStatus.DRAFT


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("draft", "approved"),
        ("draft", "published"),
        ("submitted", "published"),
        ("published", "draft"),
    ],
)
def test_the_database_refuses_a_jump_in_the_workflow(start, end):
    report = ReportFactory(status=start)
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(status=end)


# ----------------------------------------------------------------- immutability


def test_queryset_update_cannot_change_a_published_report():
    report = ReportFactory(status="published")
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(hasil_kerja="di_atas", predikat="baik")
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(evaluator_notes="diam-diam")
    report.refresh_from_db()
    assert report.evaluator_notes == ""


def test_save_cannot_change_a_published_report():
    report = ReportFactory(status="published")
    report.position_title = "Jabatan lain"
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        report.save()


def test_the_publication_date_of_a_published_report_cannot_be_rewritten():
    report = ReportFactory(status="published")
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(published_at="2020-01-01T00:00:00Z")


def test_a_submitted_report_is_already_frozen():
    report = ReportFactory(status="submitted")
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(perilaku="di_atas", predikat="baik")


@pytest.mark.parametrize("status", ["submitted", "published"])
def test_indicators_of_a_report_out_of_draft_cannot_be_added_changed_or_deleted(status):
    report = ReportFactory(status=status)
    indicator = report.indicators.first()
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Indicator.objects.filter(pk=indicator.pk).update(realisasi="200 dokumen")
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        indicator.delete()
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Indicator.objects.create(
            report=report, rhk="x", aspect="kualitas", iki="x", target="1", realisasi="1"
        )
    assert report.indicators.count() == 2


def test_behaviour_ratings_of_a_published_report_cannot_change():
    report = ReportFactory()
    BehaviourRating.objects.create(report=report, value="akuntabel", rating="sesuai")
    advance(report, "published")
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        BehaviourRating.objects.filter(report=report).update(rating="di_atas")


def test_a_published_report_cannot_be_deleted():
    report = ReportFactory(status="published")
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Report.objects.filter(pk=report.pk).delete()
    assert Report.objects.filter(pk=report.pk).exists()


def test_a_draft_can_still_be_edited_and_deleted():
    report = ReportFactory()
    report.evaluator_notes = "Perlu pelatihan"
    report.save()
    report.delete()
    assert not Report.objects.exists()


# ----------------------------------------------------------------- corrections and withdrawal


def test_a_correction_is_a_new_version_and_the_old_one_stays_public(unit, verifier):
    original = ReportFactory(unit=unit, status="published", hasil_kerja="sesuai")
    with pytest.raises(ValidationError):
        services.report_correct(report=original, reason="", by=verifier)
    draft = services.report_correct(
        report=original, reason="Realisasi triwulan salah input", by=verifier
    )
    assert (draft.version, draft.status, draft.previous) == (2, "draft", original)
    assert draft.indicators.count() == 2
    draft.hasil_kerja = "di_atas"
    draft.save()
    for step in (services.report_submit, services.report_approve, services.report_publish):
        draft = step(report=draft, by=verifier)
    original.refresh_from_db()
    assert original.status == ReportStatus.SUPERSEDED
    assert draft.status == ReportStatus.PUBLISHED
    assert draft.predikat == Predikat.BAIK
    assert set(Report.objects.public().filter(employee=original.employee)) == {original, draft}
    assert list(Report.objects.published().filter(employee=original.employee)) == [draft]


def test_a_version_after_the_first_needs_a_reason_in_the_database():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(version=2)


def test_only_one_correction_may_be_open_at_a_time(unit, verifier):
    original = ReportFactory(unit=unit, status="published")
    services.report_correct(report=original, reason="Salah ketik", by=verifier)
    with pytest.raises(ValidationError):
        services.report_correct(report=original, reason="Lagi", by=verifier)


def test_withdrawal_keeps_the_record_with_its_reason(unit, verifier):
    report = ReportFactory(unit=unit, status="published")
    with pytest.raises(ValidationError):
        services.report_withdraw(report=report, reason="  ", by=verifier)
    report = services.report_withdraw(report=report, reason="Pegawai salah unit", by=verifier)
    assert report.status == ReportStatus.WITHDRAWN
    assert report.withdrawal_reason == "Pegawai salah unit"
    assert Report.objects.public().filter(pk=report.pk).exists()
    with pytest.raises(DatabaseRefusal), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(withdrawal_reason="")


# ----------------------------------------------------------------- withholding and audit


def test_withholding_hides_individual_reports_but_not_from_aggregates(unit):
    ppid = user_with("add_withholding", units=[unit])
    report = ReportFactory(unit=unit, status="published")
    with pytest.raises(PermissionDenied):  # the employee holds no post in the PPID's units
        services.withholding_decide(employee=report.employee, reason="Uji konsekuensi", by=ppid)
    superuser = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError):
        services.withholding_decide(employee=report.employee, reason="", by=superuser)
    withholding = services.withholding_decide(
        employee=report.employee, reason="Uji konsekuensi: proses hukum berjalan", by=superuser
    )
    assert not Report.objects.disclosed().filter(pk=report.pk).exists()
    assert Report.objects.published().filter(pk=report.pk).exists()
    services.withholding_lift(withholding=withholding, by=superuser)
    assert Report.objects.disclosed().filter(pk=report.pk).exists()
    assert Withholding.objects.count() == 1


def test_every_step_leaves_an_audit_event_with_the_actor_and_action(unit, verifier):
    report = ReportFactory(unit=unit, status="submitted")
    services.report_approve(report=report, by=verifier)
    services.report_publish(report=report, by=verifier)
    events = list(report.events.order_by("pgh_id").select_related("pgh_context"))
    published = [e for e in events if e.status == "published"]
    assert len(published) == 1
    context = published[0].pgh_context.metadata
    assert context["action"] == "publish"
    assert context["user"] == verifier.pk


def test_roles_get_their_report_permissions_from_the_groups():
    verifier = Group.objects.get(name="Verifier")
    evaluator = Group.objects.get(name="Evaluator")
    assert verifier.permissions.filter(codename="publish_report").exists()
    assert evaluator.permissions.filter(codename="submit_report").exists()
    assert not evaluator.permissions.filter(codename="approve_report").exists()
