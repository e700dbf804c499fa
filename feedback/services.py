"""Writes of the feedback app: each one a transaction that leaves nothing half-done."""

import hashlib
import re
from datetime import timedelta

import pghistory
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from feedback import codes
from feedback.choices import TARGET_FIELDS, EventKind, Status
from feedback.models import CONTACT_FIELDS, Submission, TimelineEvent

CODE_ATTEMPTS = 5


class DuplicateSubmission(Exception):
    """The same text was sent a short while ago."""


def body_hash(body: str) -> str:
    """Case, spacing and punctuation do not make a text new."""
    normal = re.sub(r"[\W_]+", " ", body.casefold()).strip()
    return hashlib.sha256(normal.encode()).hexdigest()


def feedback_submit(*, data: dict, now=None) -> Submission:
    """Store a submission and the first line of its timeline, under a fresh tracking code.

    `data` is a valid SubmissionForm's cleaned_data. Raises DuplicateSubmission when the same
    text arrived within FEEDBACK_DUPLICATE_SECONDS; concurrent twins are serialised by an
    advisory lock on the text's hash, so only one of them gets in.
    """
    now = now or timezone.now()
    digest = body_hash(data["body"])
    target_type, target = data["sasaran"]
    fields = {
        "kind": data["kind"],
        "target_type": target_type,
        "subject": data["subject"],
        "body": data["body"],
        "body_hash": digest,
        "privacy": data["privacy"],
        "name": data.get("name", ""),
        "email": data.get("email", ""),
        "phone": data.get("phone", ""),
        "consent_at": now,
    }
    if TARGET_FIELDS[target_type]:
        fields[TARGET_FIELDS[target_type]] = target
    with transaction.atomic(), pghistory.context(action="feedback_submit"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [digest])
        recent = now - timedelta(seconds=settings.FEEDBACK_DUPLICATE_SECONDS)
        if Submission.objects.filter(body_hash=digest, created_at__gte=recent).exists():
            raise DuplicateSubmission
        submission = _insert_with_fresh_code(fields)
        TimelineEvent.objects.create(
            submission=submission, kind=EventKind.RECEIVED, status=Status.BARU
        )
    return submission


def _insert_with_fresh_code(fields, new_code=codes.new_code) -> Submission:
    for attempt in range(1, CODE_ATTEMPTS + 1):
        code = new_code()
        try:
            with transaction.atomic():
                return Submission.objects.create(code=code, **fields)
        except IntegrityError:
            # Only a clash of codes (one in 2^59 per pair) is worth another draw.
            if attempt == CODE_ATTEMPTS or not Submission.objects.filter(code=code).exists():
                raise
    raise AssertionError("unreachable")


def purge_contacts(*, older_than_days: int, now=None, dry_run: bool = False) -> int:
    """Blank the contact data of submissions closed more than `older_than_days` ago."""
    now = now or timezone.now()
    queryset = Submission.objects.purgeable(now - timedelta(days=older_than_days))
    if dry_run:
        return queryset.count()
    with transaction.atomic(), pghistory.context(action="purge_contacts"):
        return queryset.update(**dict.fromkeys(CONTACT_FIELDS, ""), contact_purged_at=now)
