"""The published-report counts (reports.PublishedCount, and its sums per unit,
reports.PublishedUnitCount, and per jabatan type and golongan, reports.PublishedGradeCount)
always equal a direct count, and the list's keys (reports.ListingKey) are always exactly the
published reports with their employees' names.

The triggers on reports_report keep them; the aggregate pages and the report list's total read
them. Each test compares the tables with a GROUP BY over the reports themselves.
"""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from personnel.models import Employee
from reports import services
from reports.filters import in_name_order, matching_names
from reports.models import (
    ListingKey,
    PublishedCount,
    PublishedGradeCount,
    PublishedUnitCount,
    Report,
    Withholding,
)
from tests.factories import (
    EmployeeFactory,
    PeriodFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
    advance,
)

pytestmark = pytest.mark.django_db

GROUP = ("period_id", "unit_id", "predikat", "jabatan_type", "golongan")


def counted() -> dict:
    return {
        tuple(row[key] for key in GROUP): row["total"]
        for row in PublishedCount.objects.values(*GROUP, "total")
    }


def direct() -> dict:
    return {
        tuple(row[key] for key in GROUP): row["n"]
        for row in Report.objects.published().values(*GROUP).annotate(n=Count("*")).order_by()
    }


SUMS = {
    PublishedUnitCount: ("period_id", "unit_id", "predikat"),
    PublishedGradeCount: ("period_id", "jabatan_type", "golongan", "predikat"),
}


KEY = ("period_id", "predikat", "unit_id", "employee_id")


def sums_counted() -> dict:
    """Each sum table's rows, by its key, and the listing keys."""
    return {
        **{
            model.__name__: {
                tuple(row[key] for key in group): row["total"]
                for row in model.objects.values(*group, "total")
            }
            for model, group in SUMS.items()
        },
        "ListingKey": set(ListingKey.objects.values_list("report_id", *KEY, "name")),
    }


def sums_direct() -> dict:
    """The published reports counted directly, grouped by each sum table's key, and listed."""
    published = Report.objects.published().order_by()
    return {
        **{
            model.__name__: {
                tuple(row[key] for key in group): row["n"]
                for row in published.values(*group).annotate(n=Count("*"))
            }
            for model, group in SUMS.items()
        },
        "ListingKey": set(published.values_list("id", *KEY, "employee__name")),
    }


@pytest.fixture
def units():
    return [UnitFactory(), UnitFactory()]


@pytest.fixture
def year():
    return PeriodFactory(year=2025)


@pytest.fixture
def publisher(units):
    user = UserFactory(units=units)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reports",
            codename__in=["submit_report", "approve_report", "publish_report"],
        )
    )
    return type(user).objects.get(pk=user.pk)


def test_a_draft_is_not_counted_and_a_publication_is(units, year, publisher):
    report = ReportFactory(status="approved", period=year, unit=units[0])
    assert counted() == {}
    services.report_publish(report=report, by=publisher)
    key = (year.pk, units[0].pk, report.predikat, report.jabatan_type, report.golongan)
    assert counted() == {key: 1} == direct()
    assert sums_counted() == sums_direct()


def test_a_correction_moves_the_count_from_the_old_predikat_to_the_new(units, year, publisher):
    first = ReportFactory(status="published", period=year, unit=units[0])
    correction = services.report_correct(report=first, reason="Salah ketik", by=publisher)
    assert counted() == direct()  # the open draft changes nothing
    assert sums_counted() == sums_direct()
    correction.hasil_kerja = correction.perilaku = "di_atas"
    correction.save()
    advance(correction, "approved")
    services.report_publish(report=correction, by=publisher)
    assert counted() == direct()
    assert sums_counted() == sums_direct()
    assert sum(counted().values()) == 1
    assert PublishedCount.objects.get().predikat == "sangat_baik"


def test_a_withdrawal_takes_the_report_out_and_an_emptied_group_disappears(units, year, publisher):
    report = ReportFactory(status="published", period=year, unit=units[0])
    services.report_withdraw(report=report, reason="Data salah", by=publisher)
    assert counted() == {} == direct()
    assert sums_counted() == sums_direct()
    assert not PublishedCount.objects.exists()


def test_bulk_statements_keep_the_counts_exact(units, year):
    reports = [
        ReportFactory(status="approved", period=year, unit=units[n % 2], golongan=g)
        for n, g in enumerate(["III/a", "III/b", "III/a", "IV/a", "III/a", "II/c"])
    ]
    Report.objects.filter(status="approved").update(status="published", published_at=timezone.now())
    assert counted() == direct()
    assert sums_counted() == sums_direct()
    assert sum(counted().values()) == 6
    Report.objects.filter(pk__in=[r.pk for r in reports[:4]]).update(
        status="withdrawn", withdrawal_reason="Salah data", withdrawn_at=timezone.now()
    )
    assert counted() == direct()
    assert sums_counted() == sums_direct()
    assert sum(counted().values()) == 2


def test_deleting_drafts_changes_no_count(units, year):
    ReportFactory(status="published", period=year, unit=units[0])
    ReportFactory.create_batch(3, period=year, unit=units[1])
    Report.objects.filter(status="draft").delete()
    assert counted() == direct()
    assert sums_counted() == sums_direct()
    assert sum(counted().values()) == 1


def test_withheld_employees_are_counted_as_every_aggregate_counts_them(units, year, publisher):
    report = ReportFactory(status="published", period=year, unit=units[0])
    Withholding.objects.create(employee=report.employee, reason="Uji", decided_by=publisher)
    assert sum(counted().values()) == 1


def test_the_rebuild_recounts_a_table_that_drifted(units, year):
    ReportFactory.create_batch(3, status="published", period=year, unit=units[0])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_publishedcount SET total = 99")
        cursor.execute("UPDATE reports_publishedunitcount SET total = 98")
        cursor.execute("DELETE FROM reports_publishedgradecount")
        keys = "reports_listingkey"
        first, last = f"SELECT min(report_id) FROM {keys}", f"SELECT max(report_id) FROM {keys}"
        cursor.execute(f"UPDATE {keys} SET name = 'Zz' WHERE report_id IN ({first})")
        cursor.execute(f"DELETE FROM {keys} WHERE report_id IN ({last})")
        cursor.execute(
            "INSERT INTO reports_publishedcount"
            " (period_id, unit_id, predikat, jabatan_type, golongan, total)"
            " VALUES (%s, %s, 'kurang', 'x', 'x', 5)",
            [year.pk, units[1].pk],
        )
    assert counted() != direct()
    assert sums_counted() != sums_direct()
    out = io.StringIO()
    call_command("rebuild_published_counts", stdout=out)
    assert "3 laporan terbit" in out.getvalue()
    assert "3 kunci daftar" in out.getvalue()
    assert counted() == direct()
    assert sums_counted() == sums_direct()
    assert sum(counted().values()) == 3


# ----------------------------------------------------------------- random sequences

# "forward" moves an employee's latest report one step on (none → draft → approved → published
# → a correction opened); the others are taken only when the report allows them.
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["forward", "forward", "forward", "withdraw", "bulk", "drop"]),
        st.integers(min_value=0, max_value=2),
        st.sampled_from(["sesuai", "di_atas", "di_bawah"]),
    ),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_any_sequence_of_workflow_steps_keeps_the_counts_equal_to_a_direct_count(
    units, year, publisher, steps
):
    with transaction.atomic():
        employees = [EmployeeFactory() for _ in range(3)]
        for action, n, rating in steps:
            employee = employees[n]
            latest = Report.objects.filter(employee=employee, period=year).order_by("-version")
            latest = latest.first()
            status = latest.status if latest else None
            if action == "forward" and status is None:
                action = "new"
                ReportFactory(employee=employee, period=year, unit=units[n % 2], hasil_kerja=rating)
            elif action == "forward" and status == "draft":
                action = "approve"
                advance(latest, "approved")
            elif action == "forward" and status == "approved":
                action = "publish"
                services.report_publish(report=latest, by=publisher)
            elif action == "forward" and status == "published":
                action = "correct"
                correction = services.report_correct(report=latest, reason="Koreksi", by=publisher)
                correction.hasil_kerja = rating
                correction.save()
            elif action == "withdraw" and status == "published":
                services.report_withdraw(report=latest, reason="Ditarik", by=publisher)
            elif action == "bulk":
                # One statement over several employees: publish every first version approved.
                Report.objects.filter(status="approved", previous__isnull=True).update(
                    status="published", published_at=timezone.now()
                )
            elif action == "drop":
                Report.objects.filter(status="draft", employee__in=employees[: n + 1]).delete()
            else:
                continue  # not a step the employee's latest report can take now
            event(action)
            assert counted() == direct()
            assert sums_counted() == sums_direct()
        transaction.set_rollback(True)


# ----------------------------------------------------------------- the report list's total

LIST = reverse("reports:report-list")


@pytest.fixture
def listed_reports(units, year, publisher):
    child = UnitFactory(parent=units[0])
    made = []
    for n, (unit, rating, golongan) in enumerate(
        [
            (units[0], "sesuai", "III/a"),
            (units[0], "di_atas", "III/b"),
            (child, "sesuai", "III/a"),
            (child, "di_bawah", "IV/a"),
            (units[1], "sesuai", "III/a"),
            (units[1], "sesuai", "II/c"),
        ]
    ):
        made.append(
            ReportFactory(
                status="published",
                period=year,
                unit=unit,
                hasil_kerja=rating,
                golongan=golongan,
                jabatan_type="fungsional" if n % 2 else "pelaksana",
                employee=EmployeeFactory(name=f"Siti {n}"),
            )
        )
    Withholding.objects.create(employee=made[0].employee, reason="Uji", decided_by=publisher)
    Withholding.objects.create(employee=made[3].employee, reason="Uji", decided_by=publisher)
    ReportFactory(status="published", period=PeriodFactory(year=2024), unit=units[0])
    return made


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"periode": "semua"},
        {"periode": "2024"},
        {"unit": "UNIT0"},
        {"unit": "UNIT0", "predikat": "baik"},
        {"predikat": "sangat_baik"},
        {"jabatan": "fungsional"},
        {"golongan": "III/a"},
        {"golongan": "III/a", "unit": "UNIT1", "urut": "-terbit"},
        {"urut": "predikat"},
        {"unit": "UNIT0", "urut": "-unit"},
        {"periode": "semua", "jabatan": "fungsional", "urut": "-predikat"},
        {"predikat": "tidak-ada", "golongan": "III/a"},  # a bad value is left out
        {"periode": "1999"},  # an unknown period falls back to the default
    ],
)
def test_the_list_total_from_the_counts_equals_the_rows_it_lists(
    client, units, listed_reports, params
):
    params = {
        key: units[int(value[-1])].code if value.startswith("UNIT") else value
        for key, value in params.items()
    }
    response = client.get(LIST, params)
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.paginator.object_list.from_counts
    assert page.paginator.count == response.context["filter"].qs.count()


def test_the_name_filter_counts_its_rows_directly(client, listed_reports):
    response = client.get(LIST, {"q": "siti"})
    assert not response.context["page_obj"].paginator.object_list.from_counts
    assert response.context["page_obj"].paginator.count == 4  # two of six are withheld


def test_the_matching_employees_are_read_as_one_text_of_their_ids_and_their_names_ranks(
    django_assert_num_queries,
):
    found = [EmployeeFactory(name=name) for name in ("Siti B", "Siti A", "Siti B", "Siti C")]
    EmployeeFactory(name="Budi")
    siti = Employee.objects.filter(name__icontains="siti")
    with django_assert_num_queries(1):
        ids, ranks = matching_names(siti, 10)
    ranked = dict(zip(map(int, ids.split(",")), map(int, ranks.split(",")), strict=True))
    # equal names share a rank; the ranks follow the names' order
    assert ranked == {found[0].pk: 2, found[1].pk: 1, found[2].pk: 2, found[3].pk: 3}
    assert len(matching_names(siti, 2)[0].split(",")) == 2
    assert matching_names(Employee.objects.filter(name="Tidak ada"), 10) == ("", "")


def test_the_reports_of_the_matching_employees_are_read_in_name_order_in_one_statement(
    django_assert_num_queries, monkeypatch
):
    period, other = PeriodFactory(year=2025), PeriodFactory(year=2026)

    def report(name, period=period, status="published", employee=None):
        employee = employee or EmployeeFactory(name=name)
        return ReportFactory(status=status, employee=employee, period=period)

    siti_b = report("Siti B")
    siti_a = report("Siti A")
    twin = report("Siti B")  # the same name: the reports' ids break the tie
    report("Siti A", period=other)  # another period
    report("Siti C", status="draft")  # not published
    report("Budi")
    withheld = report("Siti D")
    Withholding.objects.create(
        employee=withheld.employee, reason="uji konsekuensi", decided_by=UserFactory()
    )
    # Published, withheld employees included: in_name_order() never matches them.
    reports = Report.objects.published().filter(period=period)
    ties = sorted([siti_b.pk, twin.pk])
    with django_assert_num_queries(1):
        ascending = in_name_order(reports, "SITI", descending=False)
    assert ascending == [str(pk) for pk in [siti_a.pk, *ties]]
    descending = in_name_order(reports, "siti", descending=True)
    assert descending == [str(pk) for pk in [*ties[::-1], siti_a.pk]]
    assert in_name_order(reports, "tidak ada", descending=False) == []
    assert in_name_order(reports, "siti d", descending=False) == []  # withheld
    monkeypatch.setattr("reports.filters.NAME_IDS", 3)  # four Sitis among the employees
    assert in_name_order(reports, "siti", descending=False) is None
    assert in_name_order(reports, "siti a", descending=False) == [str(siti_a.pk)]


def test_a_name_matching_more_employees_than_listed_is_filtered_in_the_join(
    client, listed_reports, monkeypatch
):
    monkeypatch.setattr("reports.filters.NAME_IDS", 2)
    response = client.get(LIST, {"q": "SITI"})
    names = sorted(report.employee.name for report in response.context["reports"])
    assert names == ["Siti 1", "Siti 2", "Siti 4", "Siti 5"]
    assert response.context["page_obj"].paginator.count == 4


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"unit": "UNIT0"},
        {"unit": "UNIT0", "predikat": "baik"},
        {"jabatan_type": "fungsional", "golongan": "III/a"},
        {"unit": "UNIT1", "predikat": "baik", "jabatan_type": "pelaksana", "golongan": "III/a"},
    ],
)
def test_the_prepared_totals_equal_the_totals_planned_per_query(units, listed_reports, filters):
    if "unit" in filters:
        filters["unit__in"] = [units[int(filters.pop("unit")[-1])].pk]
    period = listed_reports[0].period
    # Counts already filtered take the path planned at every call; the manager's are prepared.
    planned = PublishedCount.objects.filter(total__gte=0)
    disclosed = Report.objects.disclosed().filter(period=period, **filters)
    assert PublishedCount.objects.disclosed_total(period=period, **filters) == disclosed.count()
    assert planned.disclosed_total(period=period, **filters) == disclosed.count()
    for field in ("predikat", "unit"):
        prepared = PublishedCount.objects.disclosed_by(field, period=period, **filters)
        assert prepared == planned.disclosed_by(field, period=period, **filters)
        assert sum(prepared.values()) == disclosed.count()


def test_counts_already_filtered_keep_their_filter(units, listed_reports):
    period = listed_reports[0].period
    counts = PublishedCount.objects.exclude(unit=units[1])
    disclosed = Report.objects.disclosed().filter(period=period).exclude(unit=units[1])
    assert counts.disclosed_total(period=period) == disclosed.count() == 2
    assert sum(counts.disclosed_by("predikat", period=period).values()) == 2
    assert units[1].pk not in counts.disclosed_by("unit", period=period)
