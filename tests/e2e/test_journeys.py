import pytest
from playwright.sync_api import expect

from tests.e2e.patterns import ends_with, starting
from tests.factories import AssignmentFactory, PositionFactory, UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    health = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    UnitFactory(
        code="uptd-puskesmas-sei-jang", name="UPTD Puskesmas Sei Jang", kind="uptd", parent=health
    )
    head = PositionFactory(
        unit=health,
        title="Kepala Dinas Kesehatan",
        jabatan_type="jpt",
        level="pratama",
        is_head=True,
    )
    AssignmentFactory(position=head)
    nurses = PositionFactory(
        unit=health,
        title="Perawat Terampil",
        jabatan_type="fungsional_keterampilan",
        level="terampil",
    )
    for _ in range(8):
        AssignmentFactory(position=nurses)
    return root


def test_a_citizen_on_a_phone_walks_from_home_to_a_unit_page(live_server, phone, axe_check, city):
    phone.goto(live_server.url + "/")
    expect(phone.locator("h1")).to_have_text(starting("Kinerja ASN"))
    axe_check(phone)

    phone.get_by_role("link", name="Jelajahi unit kerja").click()
    expect(phone).to_have_url(ends_with("/unit/"))
    expect(phone.locator("h1")).to_have_text("Direktori unit kerja")
    axe_check(phone)

    phone.get_by_role("link", name="Dinas Kesehatan").click()
    expect(phone).to_have_url(ends_with("/unit/dinkes/"))
    expect(phone.locator("h1")).to_have_text("Dinas Kesehatan")
    expect(phone.get_by_text("Kepala Dinas Kesehatan").first).to_be_visible()
    axe_check(phone)

    # nothing overflows the phone's width
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_the_language_switch_works_without_javascript(live_server, phone, city):
    phone.goto(live_server.url + "/unit/")
    phone.get_by_role("button", name="English").click()
    assert phone.locator("html").get_attribute("lang") == "en"
    expect(phone).to_have_url(ends_with("/unit/"))
