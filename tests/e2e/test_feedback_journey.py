import pytest
from playwright.sync_api import expect

from feedback.models import Submission
from tests.e2e.patterns import ends_with, starting
from tests.factories import UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)


def test_a_citizen_on_a_phone_sends_a_critique_to_a_unit_and_tracks_it(
    live_server, phone, axe_check, city, settings
):
    # The signed render time must be at least a second old when the form is sent.
    settings.FEEDBACK_FORM_MIN_SECONDS = 1

    phone.goto(live_server.url + "/unit/dinkes/")
    phone.get_by_role("link", name="Kirim masukan").click()
    expect(phone).to_have_url(ends_with("/masukan/?unit=dinkes"))
    expect(phone.locator("h1")).to_have_text("Kirim masukan")
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
    phone.wait_for_timeout(1100)  # a person takes longer; a fast browser need not
    phone.get_by_role("button", name="Kirim masukan").click()

    expect(phone.locator("h1")).to_have_text(starting("Terima kasih"))
    code = phone.locator(".tracking-code").inner_text().strip()
    submission = Submission.objects.get()
    assert code == submission.display_code
    assert (submission.kind, submission.unit, submission.privacy) == ("kritik", city, "anonim")
    axe_check(phone)

    phone.get_by_role("link", name="Masukan", exact=True).click()
    phone.get_by_role("link", name="Sudah punya kode? Lacak masukan Anda").click()
    expect(phone).to_have_url(ends_with("/masukan/lacak/"))
    axe_check(phone)
    phone.get_by_label("Kode pelacakan").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name="Lacak").click()

    expect(phone.locator("h1")).to_have_text(starting("Status masukan"))
    expect(phone.get_by_text("Diterima, menunggu pemeriksaan").first).to_be_visible()
    expect(phone.get_by_text("Antrean puskesmas terlalu lama")).to_be_visible()
    assert "Rina Kartika" not in phone.content()
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def login(browser, live_server, username):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("rahasia-uji-123")
    page.locator("input[type=submit]").click()
    return page


def restore_feedback_groups():
    """The staff groups come from data migrations, which a transactional test's flush empties
    (permissions come back with post_migrate; groups do not): grant them again."""
    from importlib import import_module

    from django.contrib.auth.models import Group, Permission

    for migration in ("0002_feedback_permissions", "0006_feedback_permissions"):
        grants = import_module(f"feedback.migrations.{migration}").FEEDBACK_PERMISSIONS
        for name, codenames in grants.items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="feedback", codename__in=codenames
                )
            )


def test_a_critique_is_verified_routed_answered_and_the_citizen_reads_the_answer(
    live_server, browser, phone, axe_check, city, settings
):
    from django.contrib.auth.models import Group

    from personnel import roles
    from tests.factories import UserFactory

    settings.FEEDBACK_FORM_MIN_SECONDS = 1
    restore_feedback_groups()
    root = city.parent
    UserFactory(
        username="moderator",
        units=[root],
        groups=[Group.objects.get(name=roles.MODERATOR)],
    )
    UserFactory(
        username="responder.dinkes",
        units=[city],
        groups=[Group.objects.get(name=roles.UNIT_RESPONDER)],
    )

    # A citizen sends a critique to the unit and keeps the code.
    phone.goto(live_server.url + "/masukan/?unit=dinkes")
    phone.get_by_label("Kritik").check()
    phone.get_by_label("Judul").fill("Antrean puskesmas terlalu lama")
    phone.get_by_label("Isi masukan").fill("Antrean pendaftaran setiap Senin lebih dari dua jam.")
    phone.get_by_label("Publik").check()
    phone.get_by_label("Saya menyetujui").check()
    phone.wait_for_timeout(1100)
    phone.get_by_role("button", name="Kirim masukan").click()
    code = phone.locator(".tracking-code").inner_text().strip()
    submission = Submission.objects.get()

    # The moderator verifies it from the queue and routes it to the unit.
    moderator = login(browser, live_server, "moderator")
    moderator.goto(live_server.url + "/admin/feedback/submission/")
    moderator.locator(f"input[name=_selected_action][value='{submission.pk}']").check()
    moderator.locator("select[name=action]").select_option("verify")
    moderator.locator("button[name=index]").click()
    expect(moderator.locator(".messagelist")).to_contain_text("1 masukan diverifikasi.")
    submission.refresh_from_db()
    assert submission.status == "diverifikasi"
    moderator.goto(live_server.url + f"/admin/feedback/submission/{submission.pk}/moderasi/")
    moderator.locator("form:has(input[value=route]) select").select_option(str(city.pk))
    moderator.locator("form:has(input[value=route]) input[type=submit]").click()
    expect(moderator.locator(".messagelist")).to_contain_text("Tindakan moderasi dicatat.")
    submission.refresh_from_db()
    assert submission.status == "diteruskan"

    # The unit's responder answers on behalf of the unit.
    responder = login(browser, live_server, "responder.dinkes")
    responder.goto(live_server.url + f"/admin/feedback/submission/{submission.pk}/tanggapan/")
    form = responder.locator("form:has(input[value=respond])")
    form.locator("select").select_option(str(city.pk))
    form.locator("textarea").fill("Mulai bulan depan loket pendaftaran Senin dibuka dua.")
    form.locator("input[type=submit]").click()
    expect(responder.locator(".messagelist")).to_contain_text("Tercatat.")
    submission.refresh_from_db()
    assert submission.status == "ditanggapi"

    # The citizen looks the code up and reads the answer, signed by the unit.
    phone.goto(live_server.url + "/masukan/lacak/")
    phone.get_by_label("Kode pelacakan").fill(code)
    phone.get_by_role("button", name="Lacak").click()
    main = phone.locator("main")
    expect(main).to_contain_text("Mulai bulan depan loket pendaftaran Senin dibuka dua.")
    expect(main).to_contain_text("Dinas Kesehatan")
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
