import itertools
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from personnel.disclosure import Cell
from personnel.models import Employee
from reports import charts
from reports.choices import PREDIKAT_MATRIX
from reports.distribution import TooFewReports, check_distribution, find_breaches
from reports.models import DistributionRule, Report, UnitRating, Withholding
from reports.performance import golongan_group, group_counts, suppressed_grid
from tests.factories import EmployeeFactory, PeriodFactory, ReportFactory, UnitFactory

# (hasil kerja, perilaku kerja) giving each predikat
RATINGS = {
    "sangat_baik": ("di_atas", "di_atas"),
    "baik": ("sesuai", "sesuai"),
    "butuh_perbaikan": ("di_bawah", "sesuai"),
    "kurang": ("sesuai", "di_bawah"),
    "sangat_kurang": ("di_bawah", "di_bawah"),
}


def publish(unit, predikat="baik", count=1, period=None, **fields):
    hasil, perilaku = RATINGS[predikat]
    return [
        ReportFactory(
            status="published",
            unit=unit,
            period=period or PeriodFactory(),
            hasil_kerja=hasil,
            perilaku=perilaku,
            indicators=0,
            **fields,
        )
        for _ in range(count)
    ]


def cells(**values):
    """Predikat cells as a table gives them (None: suppressed), with their total."""
    total = sum(v for v in values.values() if v) if "total" not in values else values["total"]
    values.pop("total", None)
    return [Cell(key, key, value) for key, value in values.items()], Cell("total", "", total)


@pytest.fixture
def city(db):
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    health = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    UnitFactory(code="puskesmas", name="UPTD Puskesmas Sei Jang", kind="uptd", parent=health)
    UnitFactory(code="disdik", name="Dinas Pendidikan", parent=root)
    UnitFactory(code="kecamatan-bukit-bestari", name="Kecamatan Bukit Bestari", parent=root)
    return root


def unit(code):
    from personnel.models import Unit

    return Unit.objects.get(code=code)


def unit_page(client, code="dinkes", **query):
    return client.get(reverse("reports:unit-performance", args=[code]), query)


def numbers(row):
    return {cell.key: cell.value for cell in row.cells}


# --------------------------------------------------------------------------- charts


def test_a_chart_is_an_accessible_svg_that_scales_with_its_container():
    svg = charts.stacked_bars(
        [charts.Bar("Dinas Kesehatan", *cells(sangat_baik=6, baik=20))],
        title="Sebaran predikat",
        chart_id="grafik",
    )
    assert svg.startswith("<svg")
    assert 'role="img"' in svg and 'aria-label="Sebaran predikat"' in svg
    assert "<title" in svg and "viewBox=" in svg and 'width="100%"' in svg
    assert "<script" not in svg and "style=" not in svg and "@import" not in svg


def test_a_suppressed_cell_leaves_no_number_in_the_svg():
    row_cells, total = cells(sangat_baik=None, baik=21, kurang=None, total=24)
    svg = charts.stacked_bars([charts.Bar("Unit", row_cells, total)], title="t", chart_id="g")
    # 21 of 24 shown; the 1 and 2 behind the two suppressed cells are one hatched segment
    assert "disembunyikan" in svg and "url(#g-arsir)" in svg
    assert re.findall(r">(\d+)%<", svg) == ["88"]
    widths = re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="22" fill', svg)
    # baik, the merged hidden segment (3 of 24), the outline
    assert widths == [str(charts.WIDTH * 21 / 24), str(charts.WIDTH * 3 / 24), str(charts.WIDTH)]


def test_a_bar_whose_total_is_suppressed_is_hatched_from_end_to_end():
    row_cells, total = cells(baik=None, kurang=None, total=None)
    svg = charts.stacked_bars([charts.Bar("Unit", row_cells, total)], title="t", chart_id="g")
    assert "n disembunyikan" in svg
    assert re.findall(r">(\d+)%<", svg) == []


def test_text_put_into_a_chart_is_escaped():
    svg = charts.stacked_bars(
        [charts.Bar('<script>alert("x")</script> & co', *cells(baik=10))],
        title='Judul "kutip" <b>',
        chart_id="g",
    )
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&amp; co" in svg and "&quot;kutip&quot;" in svg


def test_segments_follow_the_fixed_predikat_order_whatever_order_the_cells_come_in():
    row_cells, total = cells(sangat_kurang=5, baik=10, sangat_baik=7)
    keys = [segment.key for segment in charts.segments(charts.Bar("u", row_cells, total))]
    assert keys == ["sangat_baik", "baik", "sangat_kurang"]


def test_the_predikat_colours_differ_in_lightness_so_they_survive_greyscale():
    def lightness(colour):
        red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
        ]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        return 116 * luminance ** (1 / 3) - 16

    levels = [lightness(charts.PREDIKAT_COLOURS[key]) for key in charts.PREDIKAT_ORDER]
    assert all(later - earlier >= 10 for earlier, later in itertools.pairwise(levels))


def test_the_trend_chart_draws_one_column_per_period_with_its_code():
    bars = [
        charts.Bar("2023", *cells(baik=10)),
        charts.Bar("2024", *cells(baik=8, sangat_baik=6)),
        charts.Bar("2025", *cells(baik=None, kurang=None, total=3)),
    ]
    svg = charts.trend_chart(bars, title="Tren", chart_id="tren")
    assert 'role="img"' in svg and "<title" in svg
    assert svg.index(">2023<") < svg.index(">2024<") < svg.index(">2025<")
    assert "n = 14" in svg and ">3<" not in svg


# --------------------------------------------------------------------------- distribution rules


@pytest.fixture
def istimewa_rules(db):
    DistributionRule.objects.update_or_create(
        organisation_predikat="istimewa",
        employee_predikat="sangat_baik",
        defaults={"max_percent": 20, "min_percent": None},
    )
    return list(DistributionRule.objects.filter(organisation_predikat="istimewa"))


def test_a_predikat_above_its_cap_is_a_breach(istimewa_rules):
    breaches = find_breaches(
        organisation_predikat="istimewa",
        rules=istimewa_rules,
        counts={"sangat_baik": 7, "baik": 13},
    )
    assert [str(breach) for breach in breaches] == ["Sangat Baik 35% melebihi batas 20%"]


def test_exactly_at_the_cap_is_no_breach(istimewa_rules):
    counts = {"sangat_baik": 2, "baik": 8}
    assert (
        find_breaches(organisation_predikat="istimewa", rules=istimewa_rules, counts=counts) == []
    )


def test_a_breach_does_not_give_a_suppressed_count_away_through_its_percentage(istimewa_rules):
    (breach,) = find_breaches(
        organisation_predikat="istimewa", rules=istimewa_rules, counts={"sangat_baik": 3, "baik": 9}
    )
    assert "25" not in str(breach) and "melebihi batas 20%" in str(breach)


def test_the_breach_check_needs_at_least_five_reports(istimewa_rules):
    with pytest.raises(TooFewReports):
        find_breaches(
            organisation_predikat="istimewa", rules=istimewa_rules, counts={"sangat_baik": 4}
        )
    check = check_distribution(
        organisation_predikat="istimewa", rules=istimewa_rules, counts={"sangat_baik": 4}
    )
    assert not check.enough_reports and check.breaches == []


# --------------------------------------------------------------------------- suppression in grids


def test_a_lone_suppressed_cell_in_a_column_is_hidden_together_with_another():
    counts = {
        "a": {"baik": 20, "kurang": 2, "sangat_baik": 6},
        "b": {"baik": 30, "kurang": 9, "sangat_baik": 8},
    }
    grid = suppressed_grid(counts, [("a", "A", {}), ("b", "B", {})], total_label="Kota")
    a, b = (numbers(row) for row in grid.rows)
    assert a["kurang"] is None and a["sangat_baik"] is None  # row complement
    # each column total minus b's cell would give a's away: b's cells go too
    assert b["kurang"] is None and b["sangat_baik"] is None
    assert b["baik"] == 30
    assert numbers(grid.total) == {
        "sangat_baik": 14,
        "baik": 50,
        "butuh_perbaikan": 0,
        "kurang": 11,
        "sangat_kurang": 0,
    }


def test_a_column_whose_only_count_is_suppressed_hides_its_total_too():
    counts = {"a": {"baik": 20, "kurang": 3, "sangat_baik": 7}, "b": {"baik": 30}}
    grid = suppressed_grid(counts, [("a", "A", {}), ("b", "B", {})], total_label="Kota")
    total = numbers(grid.total)
    assert total["kurang"] is None and total["sangat_baik"] is None
    assert grid.total.total.value == 60


def test_golongan_groups_pns_by_their_roman_rank_and_pppk_as_one():
    assert [golongan_group(g) for g in ("III/a", "IV/e", "I/b", "IX", "I", "")] == [
        "III",
        "IV",
        "I",
        "pppk",
        "pppk",
        "",
    ]


# --------------------------------------------------------------------------- unit page


def test_the_unit_page_counts_its_sub_units(client, city):
    publish(unit("dinkes"), "baik", 6)
    publish(unit("puskesmas"), "baik", 5)
    response = unit_page(client)
    assert response.status_code == 200
    assert response.context["unit_row"].total.value == 11
    assert numbers(response.context["unit_row"])["baik"] == 11


def test_the_unit_page_compares_with_the_whole_city_in_shares(client, city):
    publish(unit("dinkes"), "baik", 5)
    publish(unit("disdik"), "baik", 10)
    publish(unit("disdik"), "sangat_baik", 5)
    response = unit_page(client)
    city_row = response.context["city_row"]
    assert city_row.total.value == 20
    shares = {column.key: column.share for column in city_row.columns}
    assert shares["baik"] == 75 and shares["sangat_baik"] == 25
    html = response.content.decode()
    assert "Seluruh Kota Tanjungpinang" in html and "75%" in html


def test_the_unit_page_suppresses_a_small_predikat_and_one_more_to_protect_it(client, city):
    publish(unit("dinkes"), "baik", 12)
    publish(unit("dinkes"), "sangat_baik", 6)
    publish(unit("dinkes"), "kurang", 2)
    response = unit_page(client)
    row = numbers(response.context["unit_row"])
    assert row["kurang"] is None
    assert row["sangat_baik"] is None  # else 20 - 12 - 6 would give the 2 away
    assert row["baik"] == 12
    svg = response.context["comparison_chart"]
    assert "disembunyikan" in svg and "10%" not in svg and "30%" not in svg


def test_the_unit_page_counts_employees_whose_reports_are_withheld(client, city):
    reports = publish(unit("dinkes"), "baik", 5)
    Withholding.objects.create(
        employee=reports[0].employee,
        reason="Uji konsekuensi: sedang dalam proses hukum.",
        decided_by=get_user_model().objects.create_user("ppid"),
    )
    assert unit_page(client).context["unit_row"].total.value == 5


def test_the_unit_page_shows_the_trend_over_periods_of_the_same_kind(client, city):
    for year, count in ((2023, 5), (2024, 7), (2025, 9)):
        publish(unit("dinkes"), "baik", count, period=PeriodFactory(year=year))
    publish(unit("dinkes"), "baik", 5, period=PeriodFactory(kind="triwulanan", number=1))
    response = unit_page(client)
    assert response.context["period"].code == "2025"
    trend = response.context["trend_rows"]
    assert [row.short_label for row in trend] == ["2023", "2024", "2025"]
    assert [row.total.value for row in trend] == [5, 7, 9]
    assert ">2024<" in response.context["trend_chart"]


def test_the_unit_page_defaults_to_the_latest_annual_period_with_published_reports(client, city):
    publish(unit("dinkes"), "baik", 5, period=PeriodFactory(year=2024))
    publish(unit("dinkes"), "baik", 5, period=PeriodFactory(kind="bulanan", year=2025, number=3))
    PeriodFactory(year=2025)  # no reports yet
    assert unit_page(client).context["period"].code == "2024"


def test_a_period_is_chosen_by_its_code(client, city):
    publish(unit("dinkes"), "baik", 5, period=PeriodFactory(year=2024))
    publish(unit("dinkes"), "baik", 6, period=PeriodFactory(kind="triwulanan", number=2))
    response = unit_page(client, periode="2025-t2")
    assert response.context["period"].code == "2025-t2"
    assert response.context["unit_row"].total.value == 6


def test_an_unknown_period_code_says_so_and_shows_the_default(client, city):
    publish(unit("dinkes"), "baik", 5)
    response = unit_page(client, periode="<b>1999</b>")
    assert response.status_code == 200
    assert response.context["period"].code == "2025"
    html = response.content.decode()
    assert "tidak dikenal" in html and "&lt;b&gt;1999&lt;/b&gt;" in html


def test_a_unit_name_with_markup_is_escaped_in_every_sentence_it_is_in(client, city):
    health = unit("dinkes")
    health.name = 'Dinas <b>"Sehat"</b> & Co'
    health.save()
    publish(health, "baik", 5)
    for language in ("id", "en"):
        client.cookies["django_language"] = language
        html = unit_page(client).content.decode()
        assert "<b>" not in html
        escaped = "Dinas &lt;b&gt;&quot;Sehat&quot;&lt;/b&gt; &amp; Co"
        # The title, the description, the feed's title, the heading and the breadcrumb.
        assert html.count(escaped) >= 5


def test_the_unit_page_without_any_published_report_says_so(client, city):
    response = unit_page(client, periode="2025")
    assert response.status_code == 200
    assert "Belum ada laporan kinerja yang diterbitkan" in response.content.decode()


def test_an_inactive_or_unknown_unit_has_no_performance_page(client, city):
    assert unit_page(client, "tidak-ada").status_code == 404
    disdik = unit("disdik")
    disdik.is_active = False
    disdik.save()
    assert unit_page(client, "disdik").status_code == 404


def test_the_unit_page_says_the_organisation_predikat_is_not_yet_set(client, city):
    publish(unit("dinkes"), "baik", 5)
    assert "belum ditetapkan" in unit_page(client).content.decode()


def test_the_unit_page_shows_the_organisation_predikat_and_a_breach(client, city, istimewa_rules):
    UnitRating.objects.create(unit=unit("dinkes"), year=2025, predikat="istimewa")
    publish(unit("dinkes"), "sangat_baik", 7)
    publish(unit("puskesmas"), "baik", 13)
    html = unit_page(client).content.decode()
    assert "Istimewa" in html
    assert "Sangat Baik 35% melebihi batas 20%" in html


def test_the_unit_page_shows_only_its_own_rating_of_the_periods_year(client, city):
    UnitRating.objects.create(unit=unit("dinkes"), year=2024, predikat="istimewa")
    UnitRating.objects.create(unit=unit("disdik"), year=2025, predikat="kurang")
    publish(unit("dinkes"), "baik", 5)
    assert "belum ditetapkan" in unit_page(client).content.decode()
    UnitRating.objects.create(
        unit=unit("dinkes"), year=2025, predikat="baik", basis="LHE SAKIP 2025"
    )
    html = unit_page(client).content.decode()
    assert "<strong>Baik</strong>" in html and "(LHE SAKIP 2025)" in html


def test_the_unit_page_checks_the_rules_only_with_five_reports(client, city, istimewa_rules):
    UnitRating.objects.create(unit=unit("dinkes"), year=2025, predikat="istimewa")
    publish(unit("dinkes"), "sangat_baik", 4)
    publish(unit("disdik"), "baik", 10)
    html = unit_page(client).content.decode()
    assert "paling sedikit 5 laporan" in html and "melebihi" not in html


def test_the_unit_page_links_back_to_the_unit_and_to_its_reports(client, city):
    publish(unit("dinkes"), "baik", 5)
    html = unit_page(client).content.decode()
    assert f'href="{reverse("personnel:unit-detail", args=["dinkes"])}"' in html
    assert f"{reverse('reports:report-list')}?unit=dinkes&amp;periode=2025" in html


# --------------------------------------------------------------------------- city dashboard


def dashboard(client, **query):
    return client.get(reverse("reports:city-dashboard"), query)


def test_the_dashboard_groups_by_top_level_unit_including_sub_units(client, city):
    publish(unit("dinkes"), "baik", 6)
    publish(unit("puskesmas"), "baik", 6)
    publish(unit("disdik"), "sangat_baik", 5)
    response = dashboard(client)
    assert response.status_code == 200
    rows = {row.label: row for row in response.context["unit_grid"].rows}
    assert list(rows) == ["Dinas Kesehatan", "Dinas Pendidikan", "Kecamatan Bukit Bestari"]
    assert rows["Dinas Kesehatan"].total.value == 12
    assert rows["Dinas Pendidikan"].total.value == 5
    assert rows["Kecamatan Bukit Bestari"].total.value == 0
    assert response.context["total"].total.value == 17
    html = response.content.decode()
    assert reverse("reports:unit-performance", args=["dinkes"]) in html


def test_the_dashboard_groups_by_jabatan_type_and_golongan_group(client, city):
    publish(unit("dinkes"), "baik", 5, jabatan_type="fungsional_keahlian", golongan="III/b")
    publish(unit("dinkes"), "baik", 3, jabatan_type="pelaksana", golongan="III/a")
    publish(unit("disdik"), "baik", 6, jabatan_type="pelaksana", golongan="IX")
    response = dashboard(client)
    types = {row.key: row.total.value for row in response.context["type_grid"].rows}
    assert types["fungsional_keahlian"] == 5 and types["pelaksana"] == 9
    golongan = {row.key: row.total.value for row in response.context["golongan_grid"].rows}
    assert golongan == {"I": 0, "II": 0, "III": 8, "IV": 0, "pppk": 6}


def test_the_dashboard_hides_the_same_city_cells_in_every_table(client, city):
    publish(unit("dinkes"), "baik", 10, jabatan_type="pelaksana")
    publish(unit("dinkes"), "kurang", 2, jabatan_type="pelaksana")
    publish(unit("disdik"), "baik", 10, jabatan_type="pengawas")
    response = dashboard(client)
    totals = [
        numbers(response.context[name].total)
        for name in ("unit_grid", "type_grid", "golongan_grid")
    ]
    assert totals[0] == totals[1] == totals[2]
    assert totals[0]["kurang"] is None


def test_the_dashboard_counts_withheld_employees(client, city):
    reports = publish(unit("dinkes"), "baik", 5)
    Withholding.objects.create(
        employee=reports[0].employee,
        reason="Uji konsekuensi.",
        decided_by=get_user_model().objects.create_user("ppid"),
    )
    assert dashboard(client).context["total"].total.value == 5


def test_the_dashboard_with_an_unknown_period_does_not_fail(client, city):
    response = dashboard(client, periode="9999-x")
    assert response.status_code == 200
    assert "tidak dikenal" in response.content.decode()


# --------------------------------------------------------------------------- query counts


def bulk_publish(count, city):
    """`count` published reports spread over a few units, two periods and every predikat."""
    period, older = PeriodFactory(year=2025), PeriodFactory(year=2024)
    units = [unit(code) for code in ("dinkes", "puskesmas", "disdik", "kecamatan-bukit-bestari")]
    employees = Employee.objects.bulk_create(EmployeeFactory.build_batch(count))
    predikat = list(RATINGS)
    now = timezone.now()
    Report.objects.bulk_create(
        Report(
            employee=employee,
            period=period if n % 3 else older,
            unit=units[n % len(units)],
            hasil_kerja=RATINGS[predikat[n % 5]][0],
            perilaku=RATINGS[predikat[n % 5]][1],
            predikat=PREDIKAT_MATRIX[RATINGS[predikat[n % 5]]],
            jabatan_type=("pelaksana", "pengawas", "fungsional_keahlian")[n % 3],
            golongan=("II/c", "III/a", "IV/b", "IX")[n % 4],
            status="published",
            published_at=now,
        )
        for n, employee in enumerate(employees)
    )
    UnitRating.objects.create(unit=units[0], year=2025, predikat="istimewa")
    DistributionRule.objects.update_or_create(
        organisation_predikat="istimewa",
        employee_predikat="sangat_baik",
        defaults={"max_percent": 20},
    )


@pytest.mark.parametrize("reports", [10, 500])
def test_the_unit_page_runs_a_constant_number_of_queries(
    client, city, reports, django_assert_num_queries
):
    bulk_publish(reports, city)
    # two prepared statements: the unit with the tree and the periods; then the counts of the
    # period and of the trend, with the organisation predikat and its distribution rules
    with django_assert_num_queries(2):
        assert unit_page(client).status_code == 200


@pytest.mark.parametrize("reports", [10, 500])
def test_the_dashboard_runs_a_constant_number_of_queries(
    client, city, reports, django_assert_num_queries
):
    bulk_publish(reports, city)
    UnitFactory.create_batch(3, parent=unit("disdik"))
    # the periods; the units with the three tables' GROUP BYs of the counts, in one statement
    with django_assert_num_queries(2):
        assert dashboard(client).status_code == 200


def test_counts_grouped_by_a_function_of_their_key_add_up_per_group():
    rows = [["III/a", "baik", 4], ["III/d", "baik", 5], ["IV/a", "kurang", 1], ["IX", "baik", 2]]
    assert group_counts(rows, golongan_group) == {
        "III": {"baik": 9},
        "IV": {"kurang": 1},
        "pppk": {"baik": 2},
    }
    assert group_counts(rows[:2]) == {"III/a": {"baik": 4}, "III/d": {"baik": 5}}
