import pytest

from feedback.models import Submission
from tests.factories import UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)


def test_a_citizen_on_a_phone_sends_a_critique_to_a_unit_and_tracks_it(
    live_server, phone, axe_check, city, settings
):
    # The signed render time must be at least a second old; the scans below take longer.
    settings.FEEDBACK_FORM_MIN_SECONDS = 1

    phone.goto(live_server.url + "/unit/dinkes/")
    phone.get_by_role("link", name="Kirim masukan").click()
    assert phone.url.endswith("/masukan/?unit=dinkes")
    assert phone.locator("h1").inner_text() == "Kirim masukan"
    assert phone.get_by_label("Ditujukan kepada").input_value() == "unit:dinkes"
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_label("Kritik").check()
    phone.get_by_label("Judul").fill("Antrean puskesmas terlalu lama")
    phone.get_by_label("Isi masukan").fill(
        "Setiap Senin pagi antrean pendaftaran lebih dari dua jam; mohon loket ditambah."
    )
    phone.get_by_label("Anonim").check()
    phone.get_by_label("Nama").fill("Rina Kartika")
    phone.get_by_label("Saya menyetujui").check()
    phone.get_by_role("button", name="Kirim masukan").click()

    assert phone.locator("h1").inner_text().startswith("Terima kasih")
    code = phone.locator(".tracking-code").inner_text().strip()
    submission = Submission.objects.get()
    assert code == submission.display_code
    assert (submission.kind, submission.unit, submission.privacy) == ("kritik", city, "anonim")
    axe_check(phone)

    phone.get_by_role("link", name="Masukan", exact=True).click()
    phone.get_by_role("link", name="Sudah punya kode? Lacak masukan Anda").click()
    assert phone.url.endswith("/masukan/lacak/")
    axe_check(phone)
    phone.get_by_label("Kode pelacakan").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name="Lacak").click()

    assert phone.locator("h1").inner_text().startswith("Status masukan")
    assert phone.get_by_text("Diterima, menunggu pemeriksaan").first.is_visible()
    assert phone.get_by_text("Antrean puskesmas terlalu lama").is_visible()
    assert "Rina Kartika" not in phone.content()
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
