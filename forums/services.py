"""Writes of the forums app: registering for a forum (never overbooked), commitments."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.choices import Kind, Privacy, TargetType
from feedback.services import feedback_submit
from forums.choices import RegistrationStatus
from forums.models import Commitment, Forum, ForumAspiration, Registration


@dataclass(frozen=True)
class Seat:
    registration: Registration
    waiting_position: int | None  # None: a seat; else the place on the waiting list


def forum_register(*, forum: Forum, name: str, email: str, community: str = "") -> Seat:
    """A seat while there is one, else a place on the waiting list.

    The forum row is locked for the count, so concurrent requests queue; the database
    trigger refuses an overbooking that any other path might attempt.
    """
    email = email.strip().lower()
    with transaction.atomic():
        forum = Forum.objects.select_for_update().get(pk=forum.pk)
        if not forum.registration_open:
            raise ValidationError(_("Pendaftaran forum ini sudah ditutup."))
        active = forum.registrations.exclude(status=RegistrationStatus.CANCELLED)
        if active.filter(email=email).exists():
            raise ValidationError(_("Alamat e-mail ini sudah terdaftar untuk forum ini."))
        seats = active.filter(status=RegistrationStatus.REGISTERED).count()
        status = (
            RegistrationStatus.REGISTERED if seats < forum.capacity else RegistrationStatus.WAITING
        )
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    forum=forum,
                    name=name.strip(),
                    email=email,
                    community=community.strip(),
                    status=status,
                )
        except IntegrityError as error:  # a concurrent twin with the same e-mail won
            raise ValidationError(
                _("Alamat e-mail ini sudah terdaftar untuk forum ini.")
            ) from error
        position = None
        if status == RegistrationStatus.WAITING:
            position = active.filter(
                status=RegistrationStatus.WAITING, id__lte=registration.pk
            ).count()
    return Seat(registration, position)


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; the first on the waiting list takes the freed seat (returned, if any)."""
    with transaction.atomic():
        forum = Forum.objects.select_for_update().get(pk=registration.forum_id)
        was_seated = registration.status == RegistrationStatus.REGISTERED
        Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.CANCELLED)
        if not was_seated or timezone.now() >= forum.starts_at:
            return None
        promoted = (
            forum.registrations.filter(status=RegistrationStatus.WAITING)
            .order_by("created_at", "id")
            .first()
        )
        if promoted is not None:
            Registration.objects.filter(pk=promoted.pk).update(status=RegistrationStatus.REGISTERED)
            promoted.refresh_from_db()
        return promoted


def commitment_sync(*, commitment: Commitment) -> Commitment:
    """Status and progress follow the latest dated update."""
    latest = commitment.updates.order_by("-date", "-id").first()
    if latest is not None:
        Commitment.objects.filter(pk=commitment.pk).update(
            status=latest.status, progress=latest.progress
        )
        commitment.refresh_from_db(fields=["status", "progress"])
    return commitment


def aspiration_record(*, forum: Forum, subject: str, body: str, unit=None, raised_by: str = ""):
    """Enter an aspiration raised at `forum` as a feedback submission (kind aspirasi, public,
    addressed to `unit` or else to the forum's area) and link it to the forum."""
    unit = unit or forum.unit
    target = (TargetType.UNIT, unit) if unit is not None else (TargetType.PORTAL, None)
    with transaction.atomic():
        submission = feedback_submit(
            data={
                "kind": Kind.ASPIRASI,
                "sasaran": target,
                "subject": subject.strip(),
                "body": body.strip(),
                "privacy": Privacy.PUBLIK,
                "name": raised_by.strip(),
            }
        )
        return ForumAspiration.objects.create(
            forum=forum, submission=submission, raised_by=raised_by.strip()
        )
