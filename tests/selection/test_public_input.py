"""Public input on candidates: only in the track-record window, counted once confirmed by
e-mail, its author seen by the panel alone, the panel's summary published at the end."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback.confirmation import CONFIRM_HOURS, ConfirmationError
from feedback.forms import rendered_token
from selection import services
from selection.choices import Outcome, StageKind
from selection.models import CandidateInput, Selection, StageResult
from tests.factories import CandidateFactory, SelectionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _no_minimum_form_time(settings):
    settings.FEEDBACK_FORM_MIN_SECONDS = 0


def selection_in(stage_kind):
    """A selection whose `stage_kind` is under way today (stages are a week apart)."""
    offset = StageKind.values.index(stage_kind) * 7 + 2
    selection = SelectionFactory(schedule=TODAY - datetime.timedelta(days=offset))
    ani = CandidateFactory(selection=selection, name="Ani Lestari")
    administration = selection.stages.get(kind=StageKind.ADMINISTRATION)
    StageResult.objects.create(stage=administration, candidate=ani, outcome=Outcome.PASSED)
    administration.results_published_at = timezone.now() - datetime.timedelta(hours=1)
    administration.save()
    return selection, ani


def post(client, selection, candidate, **overrides):
    return client.post(
        reverse("selection:input", args=[selection.slug]),
        {
            "candidate": candidate.pk,
            "text": "Beliau cepat menanggapi keluhan warga di kelurahan kami.",
            "name": "Rahmat",
            "email": "rahmat@contoh.id",
            "consent": "on",
            "rendered": rendered_token(),
            **overrides,
        },
    )


def confirmation_link():
    (message,) = mail.outbox
    return next(line for line in message.body.splitlines() if "/seleksi/konfirmasi/" in line)


def test_during_the_track_record_stage_a_resident_gives_input_and_confirms_it(
    client, django_capture_on_commit_callbacks
):
    selection, ani = selection_in(StageKind.TRACK_RECORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, selection, ani)
    assert response.status_code == 200
    assert "Periksa e-mail Anda" in response.content.decode()
    stored = CandidateInput.objects.get()
    assert stored.confirmed_at is None  # not counted yet
    link = confirmation_link()
    response = client.get(link[link.index("/seleksi/") :])
    assert "Masukan dikonfirmasi" in response.content.decode()
    stored.refresh_from_db()
    assert stored.confirmed_at is not None


@pytest.mark.parametrize("stage", [StageKind.ADMINISTRATION, StageKind.COMPETENCY])
def test_outside_the_window_input_gets_a_clear_message_and_nothing_is_stored(client, stage):
    selection, ani = selection_in(stage)
    response = post(client, selection, ani)
    assert response.status_code == 400
    assert "sedang tidak dibuka" in response.content.decode()
    assert not CandidateInput.objects.exists()


def test_a_candidate_who_did_not_pass_the_administrative_check_cannot_be_chosen(client):
    selection, _ani = selection_in(StageKind.TRACK_RECORD)
    failed = CandidateFactory(selection=selection, name="Budi Gagal")
    response = post(client, selection, failed)
    assert response.status_code == 400
    assert not CandidateInput.objects.exists()


def test_a_confirmation_link_works_once(client, django_capture_on_commit_callbacks):
    selection, ani = selection_in(StageKind.TRACK_RECORD)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, selection, ani)
    link = confirmation_link()
    path = link[link.index("/seleksi/") :]
    client.get(path)
    again = client.get(path)
    assert again.status_code == 400
    assert "sudah dikonfirmasi" in again.content.decode()


def test_an_expired_or_forged_link_is_refused(client):
    _selection, ani = selection_in(StageKind.TRACK_RECORD)
    stored = CandidateInput.objects.create(
        candidate=ani, text="x", author_name="R", author_email="r@contoh.id", address_key="k"
    )
    token = services.confirmation_token(stored)
    too_late = timezone.now() + datetime.timedelta(hours=CONFIRM_HOURS + 1)
    with (
        mock.patch("time.time", return_value=too_late.timestamp()),
        pytest.raises(ConfirmationError, match="kedaluwarsa"),
    ):
        services.input_confirm(token=token)
    response = client.get(reverse("selection:confirm", args=["bukan-token"]))
    assert response.status_code == 400
    stored.refresh_from_db()
    assert stored.confirmed_at is None


def test_one_input_per_email_per_candidate(client, django_capture_on_commit_callbacks):
    selection, ani = selection_in(StageKind.TRACK_RECORD)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, selection, ani)
    response = post(client, selection, ani, email="RAHMAT@contoh.id")
    assert response.status_code == 400
    assert "sudah memberi masukan" in response.content.decode()
    assert CandidateInput.objects.count() == 1


def test_the_authors_identity_never_reaches_the_public_page(client):
    selection, ani = selection_in(StageKind.TRACK_RECORD)
    post(client, selection, ani)
    CandidateInput.objects.update(confirmed_at=timezone.now())
    html = client.get(selection.get_absolute_url()).content.decode()
    assert "rahmat@contoh.id" not in html and "Rahmat" not in html
    assert "cepat menanggapi keluhan" not in html


def test_after_the_window_the_count_and_the_panels_summary_are_public(client):
    selection, ani = selection_in(StageKind.COMPETENCY)
    for n in range(3):
        CandidateInput.objects.create(
            candidate=ani,
            text="x",
            author_name="R",
            author_email=f"r{n}@contoh.id",
            address_key="k",
            confirmed_at=timezone.now() if n else None,
        )
    html = client.get(selection.get_absolute_url()).content.decode()
    assert "Panitia menerima 2 masukan" in html
    assert "diterbitkan di akhir seleksi" in html
    Selection.objects.filter(pk=selection.pk).update(
        input_summary="Masukan warga menguatkan rekam jejak pelayanan para calon.",
        input_summary_published_at=timezone.now(),
    )
    html = client.get(selection.get_absolute_url()).content.decode()
    assert "menguatkan rekam jejak pelayanan" in html


def test_a_filled_honeypot_gets_the_usual_answer_and_stores_nothing(client):
    selection, ani = selection_in(StageKind.TRACK_RECORD)
    response = post(client, selection, ani, situs_web="http://spam.example")
    assert response.status_code == 200
    assert not CandidateInput.objects.exists()
    assert mail.outbox == []


def test_too_many_inputs_from_one_address_get_429(client, settings):
    settings.FEEDBACK_RATE_SUBMIT_IP = (2, 3600)
    selection, ani = selection_in(StageKind.TRACK_RECORD)
    for n in range(2):
        post(client, selection, ani, email=f"r{n}@contoh.id")
    response = post(client, selection, ani, email="r9@contoh.id")
    assert response.status_code == 429
    assert response["Retry-After"]
