import pytest
from playwright.sync_api import expect

from reports.models import Indicator
from tests.e2e.patterns import containing
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PeriodFactory,
    PositionFactory,
    ReportFactory,
    UnitFactory,
    advance,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    unit = UnitFactory(
        code="dpmptsp", name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", parent=root
    )
    position = PositionFactory(unit=unit, title="Kepala Seksi Pelayanan Perizinan")
    employee = EmployeeFactory(name="Rahmat Hidayat", gelar_belakang="S.Kom.")
    AssignmentFactory(employee=employee, position=position)
    report = ReportFactory(
        employee=employee,
        unit=unit,
        period=PeriodFactory(kind="tahunan", year=2025, number=1),
        indicators=0,
    )
    Indicator.objects.create(
        report=report,
        rhk="Meningkatnya kualitas layanan perizinan",
        aspect="kuantitas",
        iki="Persentase izin usaha yang dilayani tepat waktu",
        target="95%",
        realisasi="97%",
    )
    advance(report, "published")
    return unit


def test_a_citizen_searches_from_the_header_and_opens_a_report(live_server, phone, axe_check, city):
    phone.goto(live_server.url + "/")
    phone.get_by_label("Cari pegawai, jabatan, unit kerja atau indikator").first.fill("pelayanan")
    phone.get_by_role("button", name="Cari", exact=True).first.click()
    expect(phone).to_have_url(containing("/cari/?q=pelayanan"))
    expect(phone.get_by_role("heading", name="Indikator kinerja (1)")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    axe_check(phone)

    phone.get_by_role("link", name="Persentase izin usaha yang dilayani tepat waktu").click()
    expect(phone).to_have_url(containing("/2025/v1/"))
    indicator = phone.get_by_text("Persentase izin usaha yang dilayani tepat waktu")
    expect(indicator.first).to_be_visible()

    phone.goto(live_server.url + "/cari/?q=%26%7C%21")
    expect(phone.get_by_text("Kata yang dicari harus memuat huruf atau angka.")).to_be_visible()
    axe_check(phone)
