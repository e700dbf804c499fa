import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from selection.choices import Outcome, StageKind
from selection.models import Candidate, CandidateInput, StageResult
from tests.e2e.patterns import ends_with, starting
from tests.factories import CandidateFactory, SelectionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_citizen_follows_an_open_selection_and_gives_input_on_a_candidate(
    live_server, phone, axe_check, settings
):
    settings.FEEDBACK_FORM_MIN_SECONDS = 0
    today = timezone.localdate()
    selection = SelectionFactory(
        title="Seleksi Terbuka JPT Pratama Sekretaris DPRD",
        schedule=today - datetime.timedelta(days=15),
    )
    administration = selection.stages.get(kind=StageKind.ADMINISTRATION)
    for name in ("Ani Lestari", "Budi Santoso", "Citra Dewi"):
        StageResult.objects.create(
            stage=administration,
            candidate=CandidateFactory(selection=selection, name=name),
            outcome=Outcome.PASSED,
        )
    administration.results_published_at = timezone.now() - datetime.timedelta(days=1)
    administration.save()

    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Seleksi Terbuka JPT Pratama Sekretaris DPRD").click()
    expect(phone.locator("h1")).to_have_text("Seleksi Terbuka JPT Pratama Sekretaris DPRD")
    selection_url = phone.url
    # The stage under way is marked, and the administrative result names who passed.
    current = phone.locator("[aria-current=step] h3")
    expect(current).to_have_text("Penelusuran rekam jejak")
    expect(phone.get_by_role("cell", name="Citra Dewi")).to_be_visible()
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # The track-record stage is under way: a resident speaks about a candidate.
    citra = Candidate.objects.get(name="Citra Dewi")
    phone.get_by_label("Calon", exact=True).select_option(value=str(citra.pk))
    phone.get_by_label("Masukan Anda").fill("Beliau cepat menanggapi keluhan warga.")
    phone.get_by_label("Nama", exact=True).fill("Rahmat")
    phone.get_by_label("E-mail", exact=True).fill("rahmat@contoh.id")
    phone.get_by_label("Saya setuju").check()
    phone.get_by_role("button", name="Kirim masukan").click()
    expect(phone.locator("h1")).to_have_text("Periksa e-mail Anda")
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/seleksi/konfirmasi/" in line)
    phone.goto(live_server.url + link[link.index("/seleksi/") :])
    expect(phone.locator("h1")).to_have_text("Masukan dikonfirmasi")
    assert CandidateInput.objects.get().confirmed_at is not None
    axe_check(phone)

    phone.goto(selection_url)
    phone.get_by_role("link", name="Seleksi terbuka").first.click()
    expect(phone).to_have_url(ends_with("/seleksi/"))
    axe_check(phone)


def test_a_citizen_reads_the_training_calendar_and_the_20_jp_figures(live_server, phone, axe_check):
    from tests.factories import TrainingEventFactory

    TrainingEventFactory(title="Literasi Digital dan Keamanan Siber bagi ASN")
    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Pelatihan").first.click()
    expect(phone.get_by_text("Literasi Digital dan Keamanan Siber bagi ASN")).to_be_visible()
    axe_check(phone)
    phone.get_by_role("link", name="Berapa yang sudah mencapai 20 JP?").click()
    expect(phone.locator("h1")).to_have_text(starting("Capaian 20 JP"))
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
