"""Test helpers of the feedback app: a valid form, a stored submission, closing one."""

import time

from django.urls import reverse

from feedback import codes
from feedback.choices import EventKind, Status
from feedback.forms import rendered_token
from feedback.models import Routing, Submission, TimelineEvent
from feedback.services import body_hash

SUBMIT = reverse("feedback:submit")
LOOKUP = reverse("feedback:lookup")
BODY = "Antrean di loket pelayanan sangat panjang setiap Senin pagi, mohon ditambah petugas."


def form_data(**overrides):
    data = {
        "kind": "kritik",
        "sasaran": "portal",
        "subject": "Antrean loket terlalu panjang",
        "body": BODY,
        "privacy": "publik",
        "name": "",
        "email": "",
        "phone": "",
        "consent": "on",
        "situs_web": "",
        "rendered": rendered_token(time.time() - 10),
    }
    data.update(overrides)
    return data


def make_submission(*, routed_to=None, **fields):
    fields.setdefault("kind", "saran")
    fields.setdefault("subject", "Judul masukan")
    fields.setdefault("body", f"Isi masukan {codes.new_code()}")
    fields.setdefault("body_hash", body_hash(fields["body"]))
    fields.setdefault("consent_at", "2026-01-05T10:00:00+07:00")
    submission = Submission.objects.create(code=codes.new_code(), **fields)
    TimelineEvent.objects.create(submission=submission, kind=EventKind.RECEIVED, status=Status.BARU)
    if routed_to is not None:
        Routing.objects.create(submission=submission, unit=routed_to)
    return submission


def close(submission, at):
    """Walk a submission through the lifecycle to `selesai`, closed at `at`."""
    for status in (Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DITANGGAPI):
        Submission.objects.filter(pk=submission.pk).update(status=status)
    Submission.objects.filter(pk=submission.pk).update(status=Status.SELESAI, closed_at=at)
    submission.refresh_from_db()
    return submission


def stored_code(response) -> str:
    """The tracking code the thank-you page after a redirect shows."""
    return response.context["code"]
