import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from personnel.models import Employee
from reports.models import BehaviourRating, Indicator, Period, Report, Withholding, period_bounds
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PeriodFactory,
    PositionFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
    advance,
)

pytestmark = pytest.mark.django_db

LIST = reverse("reports:report-list")


@pytest.fixture
def health():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    unit = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    UnitFactory(code="puskesmas-sei-jang", name="UPTD Puskesmas Sei Jang", parent=unit)
    return unit


@pytest.fixture
def year():
    return PeriodFactory(kind="tahunan", year=2025, number=1)


def published(name="Pegawai", **kwargs):
    kwargs.setdefault("employee", EmployeeFactory(name=name))
    return ReportFactory(status="published", **kwargs)


def listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [report.employee.name for report in response.context["reports"]]


def withhold(employee):
    return Withholding.objects.create(
        employee=employee, reason="Uji konsekuensi PPID", decided_by=UserFactory()
    )


def correct(report, reason="Realisasi salah ketik"):
    """Publish version 2 of a published report, the way report_correct + report_publish do."""
    advance(report, "superseded")
    return ReportFactory(
        status="published",
        employee=report.employee,
        period=report.period,
        unit=report.unit,
        version=report.version + 1,
        previous=report,
        correction_reason=reason,
        hasil_kerja="di_atas",
        perilaku="di_atas",
    )


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --------------------------------------------------------------------------- the list


def test_the_list_shows_the_latest_period_with_published_reports_by_default(client, year):
    published("Ani", period=year)
    published("Budi", period=PeriodFactory(year=2024))
    response = client.get(LIST)
    assert [r.employee.name for r in response.context["reports"]] == ["Ani"]
    assert "Tahun 2025" in response.content.decode()


def test_the_default_is_the_latest_year_even_when_a_later_month_is_published(client, year):
    published("Ani", period=year)
    published("Budi", period=PeriodFactory(kind="bulanan", year=2026, number=10))
    assert [r.employee.name for r in client.get(LIST).context["reports"]] == ["Ani"]


def test_without_any_annual_period_the_latest_period_is_the_default(client):
    published("Ani", period=PeriodFactory(kind="bulanan", year=2026, number=9))
    published("Budi", period=PeriodFactory(kind="bulanan", year=2026, number=10))
    assert [r.employee.name for r in client.get(LIST).context["reports"]] == ["Budi"]


def test_each_row_links_to_the_report_and_to_the_unit(client, year, health):
    report = published("Ani", period=year, unit=health, position_title="Perawat Ahli Muda")
    html = html_of(client, LIST)
    assert report.get_absolute_url() in html
    assert reverse("personnel:unit-detail", args=["dinkes"]) in html
    assert "Perawat Ahli Muda" in html and "Baik" in html


def test_the_period_filter_narrows_the_list(client, year):
    published("Ani", period=year)
    published("Budi", period=PeriodFactory(kind="triwulanan", year=2025, number=1))
    assert listed(client, periode="2025-t1") == ["Budi"]


def test_every_period_can_be_listed_at_once(client, year):
    published("Ani", period=year)
    published("Budi", period=PeriodFactory(year=2024))
    assert listed(client, periode="semua") == ["Ani", "Budi"]


def test_the_unit_filter_includes_the_sub_units(client, year, health):
    published("Ani", period=year, unit=health)
    published("Budi", period=year, unit=health.children.get())
    published("Citra", period=year, unit=UnitFactory(code="dishub"))
    assert listed(client, unit="dinkes") == ["Ani", "Budi"]
    assert listed(client, unit="puskesmas-sei-jang") == ["Budi"]


def test_the_predikat_filter_narrows_the_list(client, year):
    published("Ani", period=year, hasil_kerja="di_atas", perilaku="di_atas")
    published("Budi", period=year)
    assert listed(client, predikat="sangat_baik") == ["Ani"]


def test_the_jabatan_type_filter_narrows_the_list(client, year):
    published("Ani", period=year, jabatan_type="fungsional_keahlian")
    published("Budi", period=year)
    assert listed(client, jabatan="fungsional_keahlian") == ["Ani"]


def test_the_golongan_filter_narrows_the_list(client, year):
    published(period=year, employee=EmployeeFactory(name="Ani", golongan="IV/a"))
    published("Budi", period=year)
    assert listed(client, golongan="IV/a") == ["Ani"]


def test_the_name_search_ignores_case(client, year):
    published("Rina Sari", period=year)
    published("Budi", period=year)
    assert listed(client, q="sari") == ["Rina Sari"]


def test_the_list_is_sorted_by_name_unless_asked_otherwise(client, year):
    published("Citra", period=year)
    published("Ani", period=year)
    assert listed(client) == ["Ani", "Citra"]
    assert listed(client, urut="-nama") == ["Citra", "Ani"]


def test_sorting_by_predikat_puts_the_best_first(client, year):
    published("Ani", period=year, hasil_kerja="di_bawah", perilaku="di_bawah")
    published("Budi", period=year, hasil_kerja="di_atas", perilaku="di_atas")
    published("Citra", period=year)
    assert listed(client, urut="predikat") == ["Budi", "Citra", "Ani"]
    assert listed(client, urut="-predikat") == ["Ani", "Citra", "Budi"]


def test_sorting_by_unit_and_by_publication_date(client, year):
    published("Ani", period=year, unit=UnitFactory(name="Dinas Sosial"))  # published first
    published("Budi", period=year, unit=UnitFactory(name="Badan Keuangan"))
    assert listed(client, urut="unit") == ["Budi", "Ani"]
    assert listed(client, urut="-terbit") == ["Budi", "Ani"]
    assert listed(client, urut="terbit") == ["Ani", "Budi"]


def test_the_list_shows_fifty_reports_a_page_and_page_links_keep_the_filters(client, year, health):
    employees = Employee.objects.bulk_create(EmployeeFactory.build_batch(51))
    bulk_publish(employees, period=year, unit=health)
    response = client.get(LIST, {"unit": "dinkes", "urut": "-nama"})
    assert len(response.context["reports"]) == 50
    html = response.content.decode()
    assert "?unit=dinkes&amp;urut=-nama&amp;page=2" in html
    second = client.get(LIST, {"unit": "dinkes", "urut": "-nama", "page": 2})
    assert len(second.context["reports"]) == 1


def test_the_filter_form_is_a_plain_get_form_with_labelled_fields(client, year):
    published(period=year)
    html = html_of(client, LIST)
    assert 'method="get"' in html and 'type="submit"' in html
    for name in ("periode", "unit", "predikat", "jabatan", "golongan", "q", "urut"):
        assert f'<label for="id_{name}">' in html


@pytest.mark.parametrize(
    "params",
    [
        {"periode": "1999-13"},
        {"unit": "tidak-ada"},
        {"predikat": "xyz"},
        {"jabatan": "raja"},
        {"golongan": "V/z"},
        {"urut": "password"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"q": "nul\x00byte"},
        {"q": "x" * 500},
        {"periode": ["2025", "2024"], "unit": ""},
    ],
)
def test_bad_filter_values_never_break_the_list(client, year, params):
    published("Ani", period=year)
    assert listed(client, **params) == ["Ani"]


def test_an_unknown_period_is_explained_and_the_latest_period_shown(client, year):
    published("Ani", period=year)
    published("Budi", period=PeriodFactory(year=2024))
    response = client.get(LIST, {"periode": "1999"})
    assert "Periode «1999» tidak dikenal" in response.content.decode()
    assert [r.employee.name for r in response.context["reports"]] == ["Ani"]


def test_an_unknown_unit_is_explained_and_ignored(client, year):
    published("Ani", period=year)
    response = client.get(LIST, {"unit": "tidak-ada"})
    assert "Unit kerja «tidak-ada» tidak dikenal" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_with_a_note(client, year):
    published("Ani", period=year)
    response = client.get(LIST, {"page": "99999"})
    assert response.context["page_obj"].number == 1
    assert "Halaman yang diminta tidak ada" in response.content.decode()


def test_the_list_is_empty_but_working_before_anything_is_published(client):
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Tidak ada laporan terbit" in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_reports_not_yet_published_are_never_listed(client, year, status):
    ReportFactory(status=status, period=year, employee=EmployeeFactory(name="Ani"))
    published("Budi", period=year)
    assert listed(client, periode="semua") == ["Budi"]


def test_superseded_and_withdrawn_versions_are_not_listed(client, year):
    correct(published("Ani", period=year))
    ReportFactory(status="withdrawn", period=year, employee=EmployeeFactory(name="Budi"))
    rows = client.get(LIST).context["reports"]
    assert [(r.employee.name, r.version) for r in rows] == [("Ani", 2)]


def test_a_withheld_employee_is_left_out_of_the_list(client, year):
    withhold(published("Ani", period=year).employee)
    published("Budi", period=year)
    assert listed(client) == ["Budi"]


# --------------------------------------------------------------------------- one report


@pytest.fixture
def full_report(health, year):
    """A published report with RHK utama and tambahan, behaviours and an evaluator."""
    evaluator = EmployeeFactory(gelar_depan="dr.", name="Rina Sari", gelar_belakang="M.Kes.")
    AssignmentFactory(
        employee=evaluator,
        position=PositionFactory(unit=health, title="Kepala Dinas Kesehatan"),
    )
    report = ReportFactory(
        employee=EmployeeFactory(name="Budi Santoso", gelar_belakang="S.Kep.", golongan="III/b"),
        period=year,
        unit=health,
        position_title="Perawat Ahli Pertama",
        evaluator=evaluator,
        hasil_kerja="di_atas",
        perilaku="di_atas",
        indicators=0,
    )
    Indicator.objects.create(
        report=report,
        kind="tambahan",
        rhk="Menjadi narasumber penyuluhan",
        aspect="kuantitas",
        iki="Jumlah penyuluhan",
        target="4 kali",
        realisasi="5 kali",
    )
    Indicator.objects.create(
        report=report,
        kind="utama",
        rhk="Terlaksananya asuhan keperawatan",
        aspect="kualitas",
        iki="Persentase pasien yang dilayani sesuai SOP",
        target="95%",
        realisasi="97%",
        feedback="Pertahankan ketelitian dokumentasi",
    )
    for value in ("kolaboratif", "pelayanan"):
        BehaviourRating.objects.create(
            report=report,
            value=value,
            rating="di_atas",
            notes=f"Catatan {value}",
            leader_expectation=f"Ekspektasi {value}",
        )
    return advance(report, "published")


def test_the_report_page_shows_the_evaluation_in_full(client, full_report):
    html = html_of(client, full_report.get_absolute_url())
    for text in (
        "Budi Santoso, S.Kep.",
        "Perawat Ahli Pertama",
        "III/b (Penata Muda Tingkat I)",
        "Tahun 2025",
        "Sangat Baik",
        "sama-sama di atas ekspektasi",
        "Di Atas Ekspektasi",
        "Persentase pasien yang dilayani sesuai SOP",
        "Pertahankan ketelitian dokumentasi",
        "Ekspektasi kolaboratif",
        "dr. Rina Sari, M.Kes., Kepala Dinas Kesehatan",
    ):
        assert text in html, text
    assert reverse("personnel:unit-detail", args=["dinkes"]) in html


def test_the_report_page_lists_rhk_utama_before_rhk_tambahan(client, full_report):
    html = html_of(client, full_report.get_absolute_url())
    assert html.index("asuhan keperawatan") < html.index("narasumber penyuluhan")


def test_the_report_page_lists_behaviours_in_berakhlak_order(client, full_report):
    html = html_of(client, full_report.get_absolute_url())
    assert html.index("Berorientasi Pelayanan") < html.index("Kolaboratif")


@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_a_report_not_yet_published_has_no_page(client, year, status):
    report = ReportFactory(status=status, period=year)
    assert client.get(report.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"public_id": "0000000000zz"},
        {"public_id": "nip%00"},
        {"public_id": "BAD-ID"},
        {"period": "2024"},
        {"version": 2},
        {"version": 99999999999},
    ],
)
def test_an_unknown_report_address_is_a_404(client, year, change):
    report = published(period=year)
    kwargs = {
        "public_id": report.employee.public_id,
        "period": report.period.code,
        "version": report.version,
        **change,
    }
    assert client.get(reverse("reports:report-detail", kwargs=kwargs)).status_code == 404


def test_a_withheld_employees_report_has_no_page(client, year):
    report = published(period=year)
    withhold(report.employee)
    assert client.get(report.get_absolute_url()).status_code == 404


def test_a_lifted_withholding_makes_the_report_public_again(client, year):
    report = published(period=year)
    withholding = withhold(report.employee)
    withholding.lifted_at = timezone.now()
    withholding.save()
    assert client.get(report.get_absolute_url()).status_code == 200


def test_a_superseded_version_says_so_and_links_to_the_current_one(client, year):
    first = published(period=year)
    second = correct(first, reason="Realisasi RHK 2 salah ketik")
    html = html_of(client, first.get_absolute_url())
    assert "Versi ini telah dikoreksi" in html
    assert f'href="{second.get_absolute_url()}"' in html


def test_the_version_history_lists_both_versions_with_the_correction_reason(client, year):
    first = published(period=year)
    second = correct(first, reason="Realisasi RHK 2 salah ketik")
    html = html_of(client, second.get_absolute_url())
    assert "Versi 1" in html and "Versi 2 (sedang dibaca)" in html
    assert "Realisasi RHK 2 salah ketik" in html
    assert f'href="{first.get_absolute_url()}"' in html
    assert "Versi ini telah dikoreksi" not in html


def test_a_withdrawn_report_shows_the_reason(client, year):
    report = ReportFactory(status="withdrawn", period=year)
    html = html_of(client, report.get_absolute_url())
    assert "Laporan ini telah ditarik" in html
    assert "Data salah" in html


def test_the_report_page_does_not_even_load_private_employee_fields(client, full_report):
    report = client.get(full_report.get_absolute_url()).context["report"]
    for person in (report.employee, report.evaluator):
        assert {"nip", "birth_date", "email", "phone", "tmt_cpns"} <= person.get_deferred_fields()


# --------------------------------------------------------------------------- one employee


def test_the_employee_page_shows_the_current_position_and_reports_newest_first(client, health):
    employee = EmployeeFactory(name="Ani")
    AssignmentFactory(employee=employee, position=PositionFactory(unit=health, title="Bidan"))
    published(employee=employee, period=PeriodFactory(year=2024))
    published(employee=employee, period=PeriodFactory(year=2025), hasil_kerja="di_atas")
    response = client.get(reverse("reports:employee-detail", args=[employee.public_id]))
    html = response.content.decode()
    assert "Bidan" in html and "Dinas Kesehatan" in html
    assert [r.period.year for r in response.context["reports"]] == [2025, 2024]


def test_the_employee_page_shows_the_position_held_on_the_day_it_is_read(
    client, health, monkeypatch
):
    employee = EmployeeFactory()
    old, new = (PositionFactory(unit=health, title=title) for title in ("Perawat", "Bidan"))
    AssignmentFactory(employee=employee, position=old, end=datetime.date(2024, 12, 31))
    AssignmentFactory(employee=employee, position=new, start=datetime.date(2025, 1, 1))
    url = reverse("reports:employee-detail", args=[employee.public_id])
    assert client.get(url).context["assignment"].position.title == "Bidan"
    # The page's query is compiled once per process: the day must still be each request's.
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2024, 6, 1))
    assert client.get(url).context["assignment"].position.title == "Perawat"


def test_the_employee_page_does_not_even_load_private_employee_fields(client, health):
    employee = EmployeeFactory()
    published(employee=employee, period=PeriodFactory(year=2025))
    response = client.get(reverse("reports:employee-detail", args=[employee.public_id]))
    assert {"nip", "birth_date", "email", "phone", "tmt_cpns"} <= (
        response.context["employee"].get_deferred_fields()
    )


def test_the_employee_page_draws_the_predikat_trend_with_a_data_table(client):
    employee = EmployeeFactory()
    published(employee=employee, period=PeriodFactory(year=2024), hasil_kerja="di_bawah")
    published(employee=employee, period=PeriodFactory(year=2025))
    html = html_of(client, reverse("reports:employee-detail", args=[employee.public_id]))
    assert '<svg role="img" aria-labelledby="tren-judul tren-isi"' in html
    assert "Tahun 2024: Butuh Perbaikan; Tahun 2025: Baik" in html
    assert '<caption id="tabel-tren">Data tren predikat (Tahunan)</caption>' in html
    assert "<script" not in html


def test_a_long_trend_draws_the_last_twelve_periods_and_says_so(client, health):
    employee = EmployeeFactory()
    for period in monthly_periods(14):
        published(employee=employee, period=period, unit=health)
    html = html_of(client, reverse("reports:employee-detail", args=[employee.public_id]))
    assert html.count('<circle class="trend-mark predikat-baik"') == 12
    assert "Hanya 12 periode terakhir yang digambar." in html
    assert ">2000-03</text>" in html and ">2000-02</text>" not in html
    assert '<tr><th scope="row">Maret 2000</th><td>Baik</td></tr>' in html


def test_the_trend_speaks_english_when_asked(client):
    employee = EmployeeFactory()
    published(employee=employee, period=PeriodFactory(year=2025))
    client.cookies["django_language"] = "en"
    html = html_of(client, reverse("reports:employee-detail", args=[employee.public_id]))
    assert '<title id="tren-judul">Performance ratings per period (Annual)</title>' in html
    assert '<caption id="tabel-tren">Rating trend data (Annual)</caption>' in html


def test_the_trend_follows_the_kind_of_period_the_employee_has_most_of(client):
    employee = EmployeeFactory()
    published(employee=employee, period=PeriodFactory(year=2025))
    for number in (1, 2):
        published(employee=employee, period=PeriodFactory(kind="triwulanan", number=number))
    response = client.get(reverse("reports:employee-detail", args=[employee.public_id]))
    points = response.context["trend"]["points"]
    assert [p["report"].period.code for p in points] == ["2025-t1", "2025-t2"]


def test_a_withheld_employees_page_shows_the_notice_and_no_reports(client, health):
    employee = EmployeeFactory(name="Ani")
    AssignmentFactory(employee=employee, position=PositionFactory(unit=health, title="Bidan"))
    published(employee=employee, position_title="Bidan Terampil")
    withhold(employee)
    html = html_of(client, reverse("reports:employee-detail", args=[employee.public_id]))
    assert "dikecualikan dari publikasi oleh PPID" in html
    assert "Bidan" in html
    assert "Bidan Terampil" not in html and "<svg" not in html


def test_a_retired_employee_still_has_a_page(client):
    employee = EmployeeFactory(status="pensiun")
    html = html_of(client, reverse("reports:employee-detail", args=[employee.public_id]))
    assert "Pensiun" in html


@pytest.mark.parametrize("public_id", ["0000000000zz", "nip%00", "x" * 40])
def test_an_unknown_employee_is_a_404(client, public_id):
    assert client.get(f"/asn/{public_id}/").status_code == 404


# --------------------------------------------------------------------------- disclosure


@pytest.mark.parametrize("page", ["list", "report", "employee"])
def test_no_page_shows_the_nip_or_the_birth_date(client, full_report, page):
    url = {
        "list": LIST,
        "report": full_report.get_absolute_url(),
        "employee": reverse("reports:employee-detail", args=[full_report.employee.public_id]),
    }[page]
    html = html_of(client, url)
    for person in (full_report.employee, full_report.evaluator):
        assert person.nip not in html
        assert person.birth_date.isoformat() not in html
        assert person.birth_date.strftime("%d-%m-%Y") not in html
        assert person.birth_date.strftime("%Y%m%d") not in html


# --------------------------------------------------------------------------- query counts


def bulk_publish(employees, *, period, unit):
    now = timezone.now()
    return Report.objects.bulk_create(
        Report(
            employee=employee,
            period=period,
            unit=unit,
            position_title="Pengadministrasi Umum",
            jabatan_type="pelaksana",
            golongan=employee.golongan,
            hasil_kerja="sesuai",
            perilaku="sesuai",
            predikat="baik",
            status="published",
            published_at=now - datetime.timedelta(minutes=n),
        )
        for n, employee in enumerate(employees)
    )


def monthly_periods(count):
    periods = []
    for n in range(count):
        year, number = 2000 + n // 12, n % 12 + 1
        start, end = period_bounds("bulanan", year, number)
        periods.append(
            Period(
                kind="bulanan",
                year=year,
                number=number,
                code=f"{year}-{number:02d}",
                start=start,
                end=end,
            )
        )
    return Period.objects.bulk_create(periods)


@pytest.mark.parametrize("reports", [10, 500])
def test_the_list_runs_a_constant_number_of_queries(
    client, health, year, reports, django_assert_num_queries
):
    employees = Employee.objects.bulk_create(EmployeeFactory.build_batch(reports))
    bulk_publish(employees, period=year, unit=health.children.get())
    # the periods and units to choose from, count, one page of rows
    with django_assert_num_queries(3):
        response = client.get(LIST, {"unit": "dinkes", "urut": "predikat"})
    assert response.status_code == 200


@pytest.mark.parametrize("reports", [10, 500])
def test_the_list_filtered_by_name_runs_a_constant_number_of_queries(
    client, health, year, reports, django_assert_num_queries
):
    employees = Employee.objects.bulk_create(EmployeeFactory.build_batch(reports))
    bulk_publish(employees, period=year, unit=health.children.get())
    # the periods and units to choose from, the matching employees' reports in name order,
    # one page of rows
    with django_assert_num_queries(3):
        response = client.get(LIST, {"q": employees[0].name})
    assert response.status_code == 200
    assert employees[0].name in response.content.decode()


@pytest.mark.parametrize("reports", [10, 500])
def test_the_report_page_runs_a_constant_number_of_queries(
    client, full_report, reports, django_assert_num_queries
):
    draft = ReportFactory(indicators=reports, period=full_report.period)
    Indicator.objects.filter(report=draft).update(kind="tambahan")
    url = advance(draft, "published").get_absolute_url()
    # the report with its indicators, behaviours and versions, one prepared statement
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") > reports


@pytest.mark.parametrize("reports", [10, 500])
def test_the_employee_page_runs_a_constant_number_of_queries(
    client, health, reports, django_assert_num_queries
):
    employee = EmployeeFactory()
    AssignmentFactory(employee=employee, position=PositionFactory(unit=health))
    now = timezone.now()
    Report.objects.bulk_create(
        Report(
            employee=employee,
            period=period,
            unit=health,
            golongan=employee.golongan,
            hasil_kerja="sesuai",
            perilaku="sesuai",
            predikat="baik",
            status="published",
            published_at=now,
        )
        for period in monthly_periods(reports)
    )
    # the employee with the current position, reports, training hours per year and penilaian
    # masyarakat, one prepared statement
    with django_assert_num_queries(1):
        response = client.get(reverse("reports:employee-detail", args=[employee.public_id]))
    assert response.status_code == 200
