from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.choices import EventKind, Status
from feedback.models import Holiday, Routing, Submission
from personnel import roles
from tests.factories import UnitFactory, UserFactory
from tests.feedback.helpers import LOOKUP, SUBMIT, form_data, make_submission

pytestmark = pytest.mark.django_db

OBJECTION = reverse("feedback:objection")
CHANGELIST = reverse("admin:feedback_submission_changelist")


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return {
        "root": root,
        "diskominfo": UnitFactory(code="diskominfo", name="Diskominfo", parent=root),
    }


@pytest.fixture
def moderator(city):
    return UserFactory(
        units=[city["root"]],
        groups=[Group.objects.get(name=roles.MODERATOR)],
        email="moderator@tanjungpinangkota.go.id",
    )


@pytest.fixture
def responder(city):
    return UserFactory(
        units=[city["diskominfo"]],
        groups=[Group.objects.get(name=roles.UNIT_RESPONDER)],
        email="kominfo@tanjungpinangkota.go.id",
    )


def answered(unit, responder, **fields):
    submission = make_submission(**fields)
    for status in (Status.DIVERIFIKASI, Status.DITERUSKAN):
        Submission.objects.filter(pk=submission.pk).update(status=status)
    Routing.objects.create(submission=submission, unit=unit)
    services.unit_respond(
        submission=submission, unit=unit, text="Sudah kami perbaiki.", by=responder
    )
    submission.refresh_from_db()
    return submission


def test_a_submission_gets_its_verification_deadline_in_working_days(client):
    client.post(SUBMIT, form_data())
    submission = Submission.objects.get()
    today = timezone.localdate()
    assert submission.verify_due > today
    assert submission.verify_due.weekday() < 5
    assert (submission.verify_due - today).days <= 5


def test_a_new_submission_past_three_working_days_is_overdue(client):
    late = make_submission(verify_due=date(2026, 3, 4))
    make_submission(verify_due=date(2026, 3, 5))
    assert list(Submission.objects.overdue(date(2026, 3, 5))) == [late]
    today = timezone.localdate()
    shown_late = make_submission(verify_due=today - timedelta(days=1))
    shown_on_time = make_submission(verify_due=today)
    html = client.get(LOOKUP, {"kode": shown_late.display_code}).content.decode()
    assert "Melewati batas waktu layanan" in html
    html = client.get(LOOKUP, {"kode": shown_on_time.display_code}).content.decode()
    assert "Melewati batas waktu layanan" not in html


def test_an_unanswered_routing_past_five_working_days_is_overdue(responder, city):
    submission = make_submission()
    for status in (Status.DIVERIFIKASI, Status.DITERUSKAN):
        Submission.objects.filter(pk=submission.pk).update(status=status)
    Routing.objects.create(
        submission=submission, unit=city["diskominfo"], respond_due=date(2026, 3, 9)
    )
    assert not Submission.objects.overdue(date(2026, 3, 9)).exists()
    assert Submission.objects.overdue(date(2026, 3, 10)).get() == submission
    services.unit_respond(
        submission=submission, unit=city["diskominfo"], text="Dijawab.", by=responder
    )
    assert not Submission.objects.overdue(date(2026, 3, 10)).exists()


def test_routing_sets_a_response_deadline_and_mails_the_units_responders(
    moderator, responder, city, django_capture_on_commit_callbacks
):
    submission = make_submission(email="warga@contoh.id")
    Submission.objects.filter(pk=submission.pk).update(status=Status.DIVERIFIKASI)
    with django_capture_on_commit_callbacks(execute=True):
        services.moderation_route(submission=submission, units=[city["diskominfo"]], by=moderator)
    routing = Routing.objects.get()
    assert routing.respond_due > timezone.localdate()
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == [("kominfo@tanjungpinangkota.go.id",), ("warga@contoh.id",)]


def test_the_submitter_is_mailed_on_each_status_change_after_commit(
    moderator, django_capture_on_commit_callbacks
):
    submission = make_submission(email="warga@contoh.id")
    silent = make_submission()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.moderation_verify(submission=submission, by=moderator)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["warga@contoh.id"]
    assert submission.display_code in mail.outbox[0].body
    assert "/masukan/lacak/?kode=" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.moderation_verify(submission=silent, by=moderator)
    assert len(mail.outbox) == 1


def test_a_response_sets_the_closing_date_ten_working_days_later(responder, city):
    submission = answered(city["diskominfo"], responder)
    assert submission.status == Status.DITANGGAPI
    today = timezone.localdate()
    assert (submission.close_due - today).days >= 12


def test_closing_answered_feedback_is_due_only_and_idempotent(responder, city):
    due = answered(city["diskominfo"], responder)
    not_yet = answered(city["diskominfo"], responder)
    Submission.objects.filter(pk=due.pk).update(close_due=date(2026, 3, 10))
    Submission.objects.filter(pk=not_yet.pk).update(close_due=date(2026, 3, 11))
    out = StringIO()
    call_command("close_answered_feedback", "--today", "2026-03-10", stdout=out)
    assert "1 masukan ditutup." in out.getvalue()
    call_command("close_answered_feedback", "--today", "2026-03-10", stdout=out)
    assert "0 masukan ditutup." in out.getvalue()
    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert due.status == Status.SELESAI
    assert due.closed_at is not None
    assert due.timeline.filter(status=Status.SELESAI, is_public=True).count() == 1
    assert not_yet.status == Status.DITANGGAPI


def test_a_bad_date_for_the_commands_is_refused():
    from django.core.management.base import CommandError

    for command in ("close_answered_feedback", "feedback_overdue_digest"):
        with pytest.raises(CommandError):
            call_command(command, "--today", "kemarin")


def test_the_submitter_objects_once_and_the_case_reopens(client, responder, city):
    submission = answered(city["diskominfo"], responder)
    html = client.get(LOOKUP, {"kode": submission.display_code}).content.decode()
    assert "Ajukan keberatan" in html
    assert (
        client.post(OBJECTION, {"kode": submission.display_code, "alasan": ""}).status_code == 400
    )
    response = client.post(
        OBJECTION, {"kode": submission.display_code, "alasan": "Antrean masih panjang."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keberatan Anda tercatat" in html
    assert "Pengirim keberatan atas tanggapan: Antrean masih panjang." in html
    assert "Ajukan keberatan" not in html
    submission.refresh_from_db()
    assert submission.status == Status.DITERUSKAN
    assert submission.close_due is None
    routing = Routing.objects.get()
    assert routing.responded_at is None
    assert routing.respond_due >= timezone.localdate()
    services.unit_respond(
        submission=submission, unit=city["diskominfo"], text="Petugas ditambah.", by=responder
    )
    again = client.post(OBJECTION, {"kode": submission.display_code, "alasan": "Lagi"})
    assert again.status_code == 409
    submission.refresh_from_db()
    assert submission.status == Status.DITANGGAPI
    assert submission.timeline.filter(kind=EventKind.STATUS, status=Status.DITERUSKAN).count() == 1


def test_an_objection_before_a_response_is_refused(client):
    submission = make_submission()
    response = client.post(OBJECTION, {"kode": submission.display_code, "alasan": "Terlalu lama"})
    assert response.status_code == 409
    submission.refresh_from_db()
    assert submission.objected_at is None


def test_the_overdue_digest_goes_to_moderators_and_the_late_units_responders(
    moderator, responder, city
):
    make_submission(verify_due=date(2026, 3, 2))
    late = make_submission()
    for status in (Status.DIVERIFIKASI, Status.DITERUSKAN):
        Submission.objects.filter(pk=late.pk).update(status=status)
    Routing.objects.create(submission=late, unit=city["diskominfo"], respond_due=date(2026, 3, 3))
    out = StringIO()
    call_command("feedback_overdue_digest", "--today", "2026-03-05", stdout=out)
    assert "2 e-mail ringkasan dikirim." in out.getvalue()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {
        "moderator@tanjungpinangkota.go.id",
        "kominfo@tanjungpinangkota.go.id",
    }
    assert late.display_code in by_recipient["kominfo@tanjungpinangkota.go.id"].body
    mail.outbox.clear()
    call_command("feedback_overdue_digest", "--today", "2026-03-02", stdout=out)
    assert mail.outbox == []


def test_holidays_are_entered_by_moderators_in_the_admin(client, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("admin:feedback_holiday_add"), {"date": "2026-03-19", "name": "Hari Suci Nyepi"}
    )
    assert response.status_code == 302
    assert Holiday.objects.get().date == date(2026, 3, 19)
    duplicate = client.post(
        reverse("admin:feedback_holiday_add"), {"date": "2026-03-19", "name": "Lagi"}
    )
    assert duplicate.status_code == 200
    assert Holiday.objects.count() == 1


def test_the_admin_marks_overdue_rows_in_a_column(client, moderator):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = make_submission(verify_due=yesterday)
    client.force_login(moderator)
    response = client.get(CHANGELIST, {"terlambat": "ya"})
    assert [s.pk for s in response.context["cl"].result_list] == [late.pk]
    assert response.context["cl"].result_list[0].is_overdue
