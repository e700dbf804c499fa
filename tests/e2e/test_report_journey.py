import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.patterns import containing, ends_with
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PeriodFactory,
    PositionFactory,
    ReportFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    unit = UnitFactory(code="diskominfo", name="Dinas Komunikasi dan Informatika", parent=root)
    period = PeriodFactory(kind="tahunan", year=2025, number=1)
    position = PositionFactory(unit=unit, title="Pranata Komputer Ahli Muda")
    reports = []
    for n in range(6):
        employee = EmployeeFactory(name=f"Pegawai Diskominfo {n}")
        AssignmentFactory(employee=employee, position=position)
        reports.append(
            ReportFactory(employee=employee, period=period, unit=unit, status="published")
        )
    star = EmployeeFactory(name="Rahmat Hidayat", gelar_belakang="S.Kom.")
    AssignmentFactory(employee=star, position=position)
    reports.append(
        ReportFactory(
            employee=star,
            period=period,
            unit=unit,
            hasil_kerja="di_atas",
            perilaku="di_atas",
            position_title="Pranata Komputer Ahli Muda",
            status="published",
        )
    )
    return unit


def test_a_citizen_finds_an_employee_reads_the_report_and_goes_to_the_unit(
    live_server, phone, axe_check, published
):
    phone.goto(live_server.url + "/laporan/")
    axe_check(phone)
    phone.get_by_label("Nama pegawai").fill("rahmat")
    phone.get_by_role("button", name="Tampilkan").click()
    expect(phone).to_have_url(containing("q=rahmat"))
    phone.get_by_role("link", name="Rahmat Hidayat, S.Kom.").click()
    expect(phone).to_have_url(containing("/laporan/", "/2025/v1/"))
    expect(phone.get_by_text("Sangat Baik").first).to_be_visible()
    axe_check(phone)

    phone.get_by_role("link", name="Dinas Komunikasi dan Informatika").first.click()
    expect(phone).to_have_url(ends_with("/unit/diskominfo/"))
    phone.get_by_role("link", name="Kinerja unit ini").click()
    expect(phone).to_have_url(ends_with("/unit/diskominfo/kinerja/"))
    expect(phone.locator("svg[role=img]").first).to_be_visible()
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    with phone.expect_download() as downloading:
        phone.get_by_role("link", name="Unduh CSV periode ini").click()
    download = downloading.value
    assert download.suggested_filename == "tanjungpinang-laporan-2025.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 7
    star = next(row for row in rows if row["nama"] == "Rahmat Hidayat, S.Kom.")
    assert (star["predikat"], star["unit_kode"]) == ("sangat_baik", "diskominfo")


def test_a_citizen_finds_the_open_data_and_its_dictionary(live_server, phone, axe_check, published):
    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Data terbuka").first.click()
    expect(phone).to_have_url(ends_with("/data/"))
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("link", name="Laporan kinerja ASN per periode").click()
    expect(phone).to_have_url(ends_with("/data/laporan/"))
    expect(phone.get_by_role("rowheader", name="alasan_koreksi")).to_be_visible()
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    with phone.expect_download() as downloading:
        phone.get_by_role("link", name="JSON").first.click()
    assert downloading.value.suggested_filename == "tanjungpinang-laporan-2025.json"


def test_the_city_dashboard_is_readable_on_a_phone(live_server, phone, axe_check, published):
    phone.goto(live_server.url + "/kinerja/")
    expect(phone.locator("table").first).to_be_visible()
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
