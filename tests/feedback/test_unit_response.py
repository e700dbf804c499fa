import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pghistory.models import Events

from feedback import services
from feedback.choices import EventKind, Status
from feedback.models import Routing, Submission, TimelineEvent
from personnel import roles
from tests.factories import UnitFactory, UserFactory
from tests.feedback.helpers import LOOKUP, make_submission
from tests.feedback.test_status_page import PAYLOADS, RAW_MARKERS

pytestmark = pytest.mark.django_db

ANSWER = reverse("feedback:answer")


def respond_url(submission):
    return reverse("admin:feedback_submission_respond", args=[submission.pk])


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return {
        "root": root,
        "diskominfo": UnitFactory(code="diskominfo", name="Diskominfo", parent=root),
        "dinkes": UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root),
    }


@pytest.fixture
def responder(city):
    return UserFactory(
        units=[city["diskominfo"]], groups=[Group.objects.get(name=roles.UNIT_RESPONDER)]
    )


def routed(unit, **fields):
    submission = make_submission(**fields)
    for status in (Status.DIVERIFIKASI, Status.DITERUSKAN):
        Submission.objects.filter(pk=submission.pk).update(status=status)
    Routing.objects.create(submission=submission, unit=unit)
    submission.refresh_from_db()
    return submission


def status_html(client, submission):
    response = client.get(LOOKUP, {"kode": submission.display_code})
    assert response.status_code == 200
    return response.content.decode()


def test_a_response_is_published_signed_by_the_unit(client, responder, city):
    submission = routed(city["diskominfo"])
    services.unit_respond(
        submission=submission,
        unit=city["diskominfo"],
        text="Petugas loket ditambah mulai Senin.",
        by=responder,
    )
    submission.refresh_from_db()
    assert submission.status == Status.DITANGGAPI
    event = submission.timeline.get(kind=EventKind.RESPONSE)
    assert event.is_public
    assert event.unit == city["diskominfo"]
    assert Routing.objects.get().responded_at is not None
    html = status_html(client, submission)
    assert "Petugas loket ditambah mulai Senin." in html
    assert "— Diskominfo" in html
    contexts = [
        event.pgh_context
        for event in Events.objects.references(submission)
        if event.pgh_model == "feedback.SubmissionEvent" and event.pgh_context
    ]
    assert {"action": "feedback_respond", "user": responder.pk, "unit": city["diskominfo"].pk} in (
        contexts
    )


def test_a_responder_answers_only_for_their_own_routed_units(responder, city):
    elsewhere = routed(city["dinkes"])
    with pytest.raises(PermissionDenied):
        services.unit_respond(
            submission=elsewhere, unit=city["dinkes"], text="Bukan urusan saya", by=responder
        )
    with pytest.raises(PermissionDenied):
        services.unit_respond(
            submission=elsewhere, unit=city["diskominfo"], text="Tidak diteruskan", by=responder
        )
    moderator = UserFactory(units=[city["root"]], groups=[Group.objects.get(name=roles.MODERATOR)])
    with pytest.raises(PermissionDenied):
        services.unit_respond(
            submission=elsewhere, unit=city["dinkes"], text="Moderator", by=moderator
        )
    elsewhere.refresh_from_db()
    assert elsewhere.status == Status.DITERUSKAN


def test_an_empty_response_or_a_closed_submission_is_refused(responder, city):
    submission = routed(city["diskominfo"])
    with pytest.raises(ValidationError):
        services.unit_respond(
            submission=submission, unit=city["diskominfo"], text="  ", by=responder
        )
    Submission.objects.filter(pk=submission.pk).update(status=Status.DITANGGAPI)
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.SELESAI, closed_at="2026-02-01T10:00:00+07:00"
    )
    with pytest.raises(ValidationError):
        services.unit_respond(
            submission=submission, unit=city["diskominfo"], text="Terlambat", by=responder
        )


def test_a_clarification_is_asked_and_answered_from_the_tracking_page(client, responder, city):
    submission = routed(city["diskominfo"], privacy="anonim", name="Rina Kartika")
    assert "Unit meminta klarifikasi" not in status_html(client, submission)
    services.unit_ask_clarification(
        submission=submission,
        unit=city["diskominfo"],
        question="Di loket mana antrean itu?",
        by=responder,
    )
    html = status_html(client, submission)
    assert "Di loket mana antrean itu?" in html
    assert "Unit meminta klarifikasi" in html
    response = client.post(ANSWER, {"kode": submission.display_code, "jawaban": ""})
    assert response.status_code == 400
    response = client.post(
        ANSWER, {"kode": submission.display_code, "jawaban": "Loket KTP lantai dua."}
    )
    assert response.status_code == 200
    assert "jawaban Anda sudah diteruskan" in response.content.decode()
    submission.refresh_from_db()
    assert submission.clarification_requested_at is None
    internal = submission.timeline.get(kind=EventKind.ANSWER, is_public=False)
    assert internal.note == "Loket KTP lantai dua."
    assert "Loket KTP lantai dua." not in status_html(client, submission)
    again = client.post(ANSWER, {"kode": submission.display_code, "jawaban": "Lagi"})
    assert again.status_code == 409
    assert submission.timeline.filter(kind=EventKind.ANSWER, is_public=False).count() == 1
    client.force_login(responder)
    page = client.get(respond_url(submission)).content.decode()
    assert "Loket KTP lantai dua." in page
    assert "Rina Kartika" not in page


def test_a_bad_code_on_the_answer_form_changes_nothing(client):
    assert client.post(ANSWER, {"kode": "xx", "jawaban": "a"}).status_code == 400
    assert client.post(ANSWER, {"kode": "TPI-2222-2222-2222", "jawaban": "a"}).status_code == 404
    assert client.get(ANSWER).status_code == 405
    assert not TimelineEvent.objects.filter(kind=EventKind.ANSWER).exists()


def test_the_response_page_publishes_for_the_responders_unit(client, responder, city):
    submission = routed(
        city["diskominfo"], privacy="publik", name="Budi Santoso", email="budi@contoh.id"
    )
    client.force_login(responder)
    page = client.get(respond_url(submission))
    assert page.status_code == 200
    html = page.content.decode()
    assert "budi@contoh.id" not in html
    assert "Budi Santoso" in html
    refused = client.post(
        respond_url(submission),
        {"action": "respond", "unit": city["dinkes"].pk, "text": "Bukan unit saya"},
    )
    assert refused.status_code == 400
    response = client.post(
        respond_url(submission),
        {"action": "respond", "unit": city["diskominfo"].pk, "text": "Sudah diperbaiki."},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.DITANGGAPI
    change = reverse("admin:feedback_submission_change", args=[submission.pk])
    assert "Tanggapi atau minta klarifikasi" in client.get(change).content.decode()


def test_the_response_page_is_refused_without_the_permission(client, city):
    submission = routed(city["diskominfo"])
    moderator = UserFactory(units=[city["root"]], groups=[Group.objects.get(name=roles.MODERATOR)])
    client.force_login(moderator)
    assert client.get(respond_url(submission)).status_code == 403


def test_a_responder_sees_only_the_redacted_text(client, responder, city):
    submission = routed(city["diskominfo"], body="Telepon 081234567890", public_body="Telepon [x]")
    client.force_login(responder)
    html = client.get(respond_url(submission)).content.decode()
    assert "081234567890" not in html
    assert "Telepon [x]" in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_in_responses_questions_and_answers_is_escaped(client, responder, city, payload):
    submission = routed(city["diskominfo"])
    services.unit_ask_clarification(
        submission=submission, unit=city["diskominfo"], question=f"Tanya {payload}", by=responder
    )
    services.feedback_answer_clarification(submission=submission, text=f"Jawab {payload}")
    services.unit_respond(
        submission=submission, unit=city["diskominfo"], text=f"Tanggap {payload}", by=responder
    )
    pages = [status_html(client, submission)]
    client.force_login(responder)
    pages.append(client.get(respond_url(submission)).content.decode())
    for html in pages:
        for marker in RAW_MARKERS:
            assert marker not in html
