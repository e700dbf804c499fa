from collections import Counter
from io import StringIO

import pgtrigger
import pytest
from django.core.management import call_command

from personnel.models import Unit
from reports.choices import PREDIKAT_MATRIX, BerAkhlak, PeriodKind, ReportStatus
from reports.demo import load_staff, plan_periods, plan_reports
from reports.models import (
    BehaviourRating,
    Indicator,
    Period,
    Report,
    UnitRating,
    Withholding,
)

pytestmark = pytest.mark.django_db

SMALL = "300"


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--employees", SMALL, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    return seed()


def wipe_reports():
    """Remove every reports-app row, published ones too (tests only: the triggers that protect
    published reports are set aside for this)."""
    with pgtrigger.ignore(
        "reports.Report:report_only_drafts_deleted",
        "reports.Indicator:indicator_frozen_with_report",
        "reports.BehaviourRating:behaviour_frozen_with_report",
    ):
        Withholding.objects.all().delete()
        UnitRating.objects.all().delete()
        Report.objects.filter(version__gt=1).delete()  # corrections protect what they correct
        Report.objects.all().delete()
        Period.objects.all().delete()


def fingerprint():
    return sorted(
        Report.objects.values_list("employee__nip", "period__code", "version", "predikat", "status")
    )


def counts():
    return [
        model.objects.count()
        for model in (Period, Report, Indicator, BehaviourRating, UnitRating, Withholding)
    ]


def test_the_periods_of_2025_and_2026_to_date_exist_with_their_codes(seeded):
    codes = set(Period.objects.values_list("code", flat=True))
    expected = (
        {"2025"}
        | {f"2025-t{q}" for q in range(1, 5)}
        | {f"2025-{m:02d}" for m in range(1, 13)}
        | {f"2026-t{q}" for q in range(1, 4)}
        | {f"2026-{m:02d}" for m in range(1, 11)}
    )
    assert codes == expected
    open_codes = set(Period.objects.filter(is_open=True).values_list("code", flat=True))
    assert open_codes == {"2026-t3", "2026-10"}


def test_reports_are_mostly_published_and_every_predikat_follows_the_matrix(seeded):
    statuses = Counter(Report.objects.values_list("status", flat=True))
    total = sum(statuses.values())
    assert total > 2000
    assert statuses[ReportStatus.PUBLISHED] / total > 0.85
    for hasil, perilaku, predikat in Report.objects.values_list(
        "hasil_kerja", "perilaku", "predikat"
    ).distinct():
        assert PREDIKAT_MATRIX[hasil, perilaku] == predikat
    spread = Counter(Report.objects.filter(period__code="2025").values_list("predikat", flat=True))
    annual = sum(spread.values())
    assert 0.55 < spread["baik"] / annual < 0.85
    assert 0.08 < spread["sangat_baik"] / annual < 0.3


def test_each_report_has_two_to_four_rhk_utama_and_a_snapshot(seeded):
    per_report = Counter(Indicator.objects.filter(kind="utama").values_list("report_id", flat=True))
    assert set(per_report.values()) <= {2, 3, 4}
    assert len(per_report) == Report.objects.count()
    assert not Report.objects.filter(position_title="").exists()
    # An empty chair passes the evaluation to the next head above it, so only the heads of
    # OPDs (evaluated by the Wali Kota, not an ASN) and the few staff of an OPD whose head's
    # chair was empty at the period's end have no pejabat penilai.
    staff_without = Report.objects.filter(evaluator__isnull=True, position__is_head=False)
    assert staff_without.count() < 0.005 * Report.objects.count()
    staff = Report.objects.filter(position__is_head=False).select_related("evaluator", "unit")
    for report in staff[:200]:
        headed = set(
            report.evaluator.assignments.filter(position__is_head=True).values_list(
                "position__unit", flat=True
            )
        )
        above = {report.unit_id, *(unit.pk for unit in Unit.objects.ancestors_of(report.unit))}
        assert headed & above


def test_the_latest_quarter_is_still_work_in_progress(seeded):
    latest = Counter(Report.objects.filter(period__code="2026-t3").values_list("status", flat=True))
    assert latest[ReportStatus.DRAFT] and latest[ReportStatus.SUBMITTED]
    assert latest[ReportStatus.APPROVED] and latest[ReportStatus.PUBLISHED]
    closed = Report.objects.filter(period__code__in=["2025", "2025-t2", "2026-t1"])
    assert not closed.filter(status__in=[ReportStatus.DRAFT, ReportStatus.SUBMITTED]).exists()


def test_corrections_supersede_version_one_and_withdrawals_give_a_reason(seeded):
    corrections = Report.objects.filter(version=2).select_related("previous")
    assert corrections.exists()
    for correction in corrections:
        assert correction.status == ReportStatus.PUBLISHED
        assert correction.correction_reason
        assert correction.previous.status == ReportStatus.SUPERSEDED
        assert correction.previous.period_id == correction.period_id
        assert correction.published_at > correction.previous.published_at
    withdrawn = Report.objects.filter(status=ReportStatus.WITHDRAWN)
    assert withdrawn.exists()
    assert not withdrawn.filter(withdrawal_reason="").exists()
    assert not withdrawn.filter(withdrawn_at__isnull=True).exists()


def test_a_withheld_employee_keeps_published_reports(seeded):
    withholding = Withholding.objects.active().select_related("decided_by").first()
    assert withholding is not None
    assert withholding.decided_by.username == "admin"
    assert "uji konsekuensi" in withholding.reason.lower()
    assert Report.objects.published().filter(employee=withholding.employee).exists()
    assert not Report.objects.disclosed().filter(employee=withholding.employee).exists()


def test_annual_reports_rate_all_seven_berakhlak_values_and_others_none(seeded):
    annual = Report.objects.filter(period__kind=PeriodKind.ANNUAL)
    per_report = Counter(
        BehaviourRating.objects.filter(report__in=annual).values_list("report_id", flat=True)
    )
    assert len(per_report) == annual.count()
    assert set(per_report.values()) == {len(BerAkhlak.values)}
    assert not BehaviourRating.objects.exclude(report__in=annual).exists()


def test_each_opd_has_a_2025_unit_rating(seeded):
    ratings = UnitRating.objects.filter(year=2025, unit__parent__code="pemkot")
    assert ratings.count() > 20
    assert not ratings.filter(basis="").exists()
    assert ratings.filter(predikat="baik").count() > ratings.count() / 2


def test_a_second_run_adds_nothing_and_says_so(seeded):
    before, prints = counts(), fingerprint()
    output = seed()
    assert counts() == before
    assert fingerprint() == prints
    assert "Laporan: 0 periode baru, 0 laporan kinerja baru, 0 indikator baru" in output
    assert "Demo: 0 unit baru" in output


def test_the_first_run_reports_what_it_created(seeded):
    assert f"{Report.objects.count()} laporan kinerja baru" in seeded
    assert f"{Period.objects.count()} periode baru" in seeded


def test_the_same_seed_gives_the_same_reports_after_a_wipe(seeded):
    first = fingerprint()
    wipe_reports()
    assert Report.objects.count() == 0
    seed()
    assert fingerprint() == first


def test_planning_is_a_pure_function_of_seed_and_staff(seeded):
    periods = plan_periods()
    staff = load_staff(periods)
    first = plan_reports(seed=1784, staff=staff, periods=periods)
    again = plan_reports(seed=1784, staff=staff, periods=periods)
    other = plan_reports(seed=7, staff=staff, periods=periods)
    assert first.fingerprint() == again.fingerprint()
    assert first.withholdings == again.withholdings
    assert first.unit_ratings == again.unit_ratings
    assert [r.indicators for r in first.reports] == [r.indicators for r in again.reports]
    assert first.fingerprint() != other.fingerprint()
