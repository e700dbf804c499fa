import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Submission
from forums.models import CommitmentUpdate, Registration
from tests.e2e.patterns import starting
from tests.factories import CommitmentFactory, ForumFactory, UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_resident_registers_for_the_next_forum_and_follows_a_commitment(
    live_server, phone, axe_check
):
    kecamatan = UnitFactory(code="kec-bukit-bestari", name="Kecamatan Bukit Bestari")
    held = ForumFactory(
        title="Forum Warga Bukit Bestari, Oktober",
        unit=kecamatan,
        starts_at=timezone.now() - datetime.timedelta(days=40),
        ends_at=timezone.now() - datetime.timedelta(days=40) + datetime.timedelta(hours=3),
        minutes="Warga meminta saluran drainase dibersihkan.",
        attendance_residents=64,
    )
    ForumFactory(title="Forum Warga Bukit Bestari, Desember", unit=kecamatan, capacity=30)
    late = CommitmentFactory(
        title="Membersihkan saluran drainase utama",
        unit=kecamatan,
        forum=held,
        due_date=timezone.localdate() - datetime.timedelta(days=5),
    )
    CommitmentUpdate.objects.create(
        commitment=late,
        date=timezone.localdate(),
        text="Separuh saluran selesai.",
        status="berjalan",
        progress=50,
    )

    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Forum Warga Bukit Bestari, Desember").first.click()
    axe_check(phone)
    phone.get_by_label("Nama", exact=True).fill("Siti Rahma")
    phone.get_by_label("E-mail", exact=True).fill("siti@contoh.id")
    phone.get_by_label("Saya setuju").check()
    phone.get_by_role("button", name="Daftar").click()
    expect(phone.locator("main")).to_contain_text("Anda terdaftar")
    assert Registration.objects.get().name == "Siti Rahma"

    phone.goto(live_server.url + "/forum/")
    phone.get_by_role("link", name="Forum Warga Bukit Bestari, Oktober").click()
    phone.get_by_role("link", name="Membersihkan saluran drainase utama").click()
    expect(phone.locator("main")).to_contain_text("melewati tenggatnya")
    expect(phone.locator("main")).to_contain_text("Separuh saluran selesai.")
    axe_check(phone)
    phone.goto(live_server.url + "/komitmen/?terlambat=ya")
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_resident_asks_about_a_late_commitment_from_its_page(
    live_server, phone, axe_check, settings
):
    # The form's minimum age is tested in tests/feedback; a browser can be quicker than a
    # second here, and the journey is not about it.
    settings.FEEDBACK_FORM_MIN_SECONDS = 0
    late = CommitmentFactory(
        title="Memperbaiki lampu jalan Gang Bahagia",
        due_date=timezone.localdate() - datetime.timedelta(days=12),
    )

    phone.goto(live_server.url + late.get_absolute_url())
    about = phone.locator("section:has(#masukan-tentang)")
    expect(about).to_contain_text("Belum ada masukan")
    about.get_by_role("link", name="Kirim masukan").click()
    form = phone.locator("form.feedback-form")
    expect(form).to_contain_text("Memperbaiki lampu jalan Gang Bahagia")
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    phone.get_by_label("Kritik").check()
    phone.get_by_label("Judul").fill("Lampu masih padam")
    phone.get_by_label("Isi masukan").fill(
        "Tenggatnya sudah lewat dua minggu dan lampu di Gang Bahagia masih padam."
    )
    phone.get_by_label("Saya menyetujui").check()
    phone.get_by_role("button", name="Kirim masukan").click()

    expect(phone.locator("h1")).to_have_text(starting("Terima kasih"))
    submission = Submission.objects.get()
    assert (submission.target_type, submission.target) == ("komitmen", late)
