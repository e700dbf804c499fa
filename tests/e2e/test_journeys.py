import pytest

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
    assert phone.locator("h1").inner_text().startswith("Kinerja ASN")
    axe_check(phone)

    phone.get_by_role("link", name="Jelajahi unit kerja").click()
    assert phone.url.endswith("/unit/")
    assert phone.locator("h1").inner_text() == "Direktori unit kerja"
    axe_check(phone)

    phone.get_by_role("link", name="Dinas Kesehatan").click()
    assert phone.url.endswith("/unit/dinkes/")
    assert phone.locator("h1").inner_text() == "Dinas Kesehatan"
    assert phone.get_by_text("Kepala Dinas Kesehatan").first.is_visible()
    axe_check(phone)

    # nothing overflows the phone's width
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_the_language_switch_works_without_javascript(live_server, phone, city):
    phone.goto(live_server.url + "/unit/")
    phone.get_by_role("button", name="English").click()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.url.endswith("/unit/")
