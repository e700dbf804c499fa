"""Writes of the feedback app: each one a transaction that leaves nothing half-done."""

import hashlib
import re
from datetime import timedelta

import pghistory
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import codes, notify, ratelimit, targets, working_days
from feedback.choices import TARGET_FIELDS, EventKind, Privacy, Status
from feedback.models import (
    CONTACT_FIELDS,
    Ban,
    BanKind,
    Flag,
    Routing,
    Submission,
    TimelineEvent,
)
from personnel import scoping

CODE_ATTEMPTS = 5
MODERATE = "feedback.moderate_submission"
FLAGS_TO_HIDE = 3


class DuplicateSubmission(Exception):
    """The same text was sent a short while ago."""


class BannedSender(Exception):
    """The sender's e-mail or address is banned: thank them and store nothing."""


def is_banned(*, email: str = "", address_key: str = "") -> bool:
    wanted = Q()
    if email:
        wanted |= Q(kind=BanKind.EMAIL, key=ratelimit.email_key(email))
    if address_key:
        wanted |= Q(kind=BanKind.ADDRESS, key=address_key)
    return bool(wanted) and Ban.objects.filter(wanted).exists()


def body_hash(body: str) -> str:
    """Case, spacing and punctuation do not make a text new."""
    normal = re.sub(r"[\W_]+", " ", body.casefold()).strip()
    return hashlib.sha256(normal.encode()).hexdigest()


def feedback_submit(*, data: dict, address_key: str = "", now=None) -> Submission:
    """Store a submission and the first line of its timeline, under a fresh tracking code.

    `data` is a valid SubmissionForm's cleaned_data. Raises DuplicateSubmission when the same
    text arrived within FEEDBACK_DUPLICATE_SECONDS; concurrent twins are serialised by an
    advisory lock on the text's hash, so only one of them gets in. Raises BannedSender (and
    writes nothing) when the e-mail or the address (`address_key`, an HMAC) is banned.
    """
    now = now or timezone.now()
    if is_banned(email=data.get("email", ""), address_key=address_key):
        raise BannedSender
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
        "sender_key": address_key,
        "verify_due": working_days.due_date(timezone.localdate(now), working_days.VERIFY_DAYS),
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
        if linked := targets.get(target_type):
            linked.attach(submission, target)
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


# ---------------------------------------------------------------------------------------------
# Moderation: each action checks the permission, locks the row, writes a timeline line and is
# audited with the actor in the pghistory context.

PHONE = re.compile(r"(?<!\d)(?:\+62[\s-]?|62|0)8[\d\s.-]{7,14}\d(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[ .]?\d){15,17}(?!\d)")
REDACTED = "[disamarkan]"


def suggest_redaction(text: str) -> str:
    """`text` with e-mails, telephone numbers and NIK/NIP-like 16–18 digit numbers masked."""
    text = EMAIL.sub(REDACTED, text)
    text = LONG_NUMBER.sub(REDACTED, text)
    return PHONE.sub(REDACTED, text)


def _check_moderator(by) -> None:
    if not (by.is_active and by.is_staff and by.has_perm(MODERATE)):
        raise PermissionDenied(_("Anda tidak memiliki hak untuk tindakan ini."))


def _audit(action: str, by, **extra):
    return pghistory.context(action=action, user=by.pk, **extra)


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _require_status(submission: Submission, *statuses) -> None:
    if submission.status not in statuses:
        raise ValidationError(
            _("Masukan berstatus «%(status)s»; tindakan ini tidak berlaku untuknya.")
            % {"status": submission.get_status_display()}
        )


def _move(submission: Submission, status: str, *, by, note: str = "", **fields) -> Submission:
    submission.status = status
    for name, value in fields.items():
        setattr(submission, name, value)
    submission.save(update_fields=["status", "updated_at", *fields])
    TimelineEvent.objects.create(
        submission=submission, kind=EventKind.STATUS, status=status, note=note, actor=by
    )
    notify.status_changed(submission)
    return submission


def moderation_verify(*, submission: Submission, by) -> Submission:
    """A moderator has read a new submission and accepts it for handling."""
    _check_moderator(by)
    with transaction.atomic(), _audit("feedback_verify", by):
        submission = _locked(submission)
        _require_status(submission, Status.BARU)
        return _move(submission, Status.DIVERIFIKASI, by=by)


def moderation_reject(*, submission: Submission, reason: str, by, now=None) -> Submission:
    """Refuse a submission; the reason is shown on its status page."""
    _check_moderator(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan penolakan; pengirim akan membacanya."))
    with transaction.atomic(), _audit("feedback_reject", by, reason=reason):
        submission = _locked(submission)
        _require_status(submission, Status.BARU, Status.DIVERIFIKASI)
        return _move(
            submission,
            Status.DITOLAK,
            by=by,
            note=reason,
            rejection_reason=reason,
            closed_at=now or timezone.now(),
        )


def moderation_redact(*, submission: Submission, subject: str, body: str, by) -> Submission:
    """Store the public version of the title and text; the original stays for moderators."""
    _check_moderator(by)
    subject, body = subject.strip(), body.strip()
    if not body:
        raise ValidationError(_("Isi publik tidak boleh kosong."))
    with transaction.atomic(), _audit("feedback_redact", by):
        submission = _locked(submission)
        submission.public_subject = "" if subject == submission.subject else subject
        submission.public_body = "" if body == submission.body else body
        submission.save(update_fields=["public_subject", "public_body", "updated_at"])
        TimelineEvent.objects.create(
            submission=submission,
            kind=EventKind.MODERATION,
            note=_("Data pribadi dalam teks publik disamarkan."),
            is_public=False,
            actor=by,
        )
    return submission


def moderation_route(*, submission: Submission, units, by) -> Submission:
    """Hand a verified submission to one or more units (status → diteruskan)."""
    _check_moderator(by)
    units = list(units)
    if not units:
        raise ValidationError(_("Pilih sedikitnya satu unit."))
    with transaction.atomic(), _audit("feedback_route", by):
        submission = _locked(submission)
        _require_status(submission, Status.DIVERIFIKASI, Status.DITERUSKAN)
        known = set(submission.routings.values_list("unit_id", flat=True))
        new = [unit for unit in units if unit.pk not in known]
        if not new:
            raise ValidationError(_("Masukan ini sudah diteruskan ke unit tersebut."))
        due = working_days.due_date(timezone.localdate(), working_days.RESPOND_DAYS)
        Routing.objects.bulk_create(
            Routing(submission=submission, unit=unit, routed_by=by, respond_due=due) for unit in new
        )
        notify.routed(submission, new)
        note = _("Diteruskan ke %(units)s.") % {"units": ", ".join(unit.name for unit in new)}
        if submission.status == Status.DITERUSKAN:
            TimelineEvent.objects.create(
                submission=submission, kind=EventKind.MODERATION, note=note, actor=by
            )
            return submission
        return _move(submission, Status.DITERUSKAN, by=by, note=note)


def moderation_mark_duplicate(
    *, submission: Submission, original: Submission, by, now=None
) -> Submission:
    """Close a submission as a duplicate of another: its status page points to the original."""
    _check_moderator(by)
    if original.pk == submission.pk:
        raise ValidationError(_("Masukan tidak dapat menjadi duplikat dirinya sendiri."))
    if original.duplicate_of_id:
        original = original.duplicate_of
    reason = _("Duplikat dari masukan %(code)s.") % {"code": original.display_code}
    with transaction.atomic(), _audit("feedback_duplicate", by, original=original.pk):
        submission = _locked(submission)
        _require_status(submission, Status.BARU, Status.DIVERIFIKASI)
        return _move(
            submission,
            Status.DITOLAK,
            by=by,
            note=reason,
            rejection_reason=reason,
            duplicate_of=original,
            closed_at=now or timezone.now(),
        )


def moderation_ban(*, submission: Submission, kind: str, reason: str, by) -> Ban:
    """Ban the e-mail or the address a submission came from; later ones are dropped silently."""
    _check_moderator(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan pemblokiran."))
    if kind == BanKind.EMAIL:
        if not submission.email:
            raise ValidationError(_("Masukan ini tidak mencantumkan e-mail."))
        key = ratelimit.email_key(submission.email)
    elif kind == BanKind.ADDRESS:
        if not submission.sender_key:
            raise ValidationError(_("Alamat pengirim masukan ini tidak tercatat."))
        key = submission.sender_key
    else:
        raise ValidationError(_("Jenis pemblokiran tidak dikenal."))
    with transaction.atomic(), _audit("feedback_ban", by, reason=reason, kind=kind):
        ban, _created = Ban.objects.get_or_create(
            kind=kind, key=key, defaults={"reason": reason, "created_by": by}
        )
        TimelineEvent.objects.create(
            submission=submission,
            kind=EventKind.MODERATION,
            note=_("Pengirim diblokir (%(kind)s): %(reason)s")
            % {"kind": ban.get_kind_display(), "reason": reason},
            is_public=False,
            actor=by,
        )
    return ban


def moderation_unhide(*, submission: Submission, by) -> Submission:
    """A moderator reviewed a flagged submission and shows it again; its flags are cleared."""
    _check_moderator(by)
    with transaction.atomic(), _audit("feedback_unhide", by):
        submission = _locked(submission)
        submission.flags.all().delete()
        submission.hidden_at = None
        submission.save(update_fields=["hidden_at", "updated_at"])
        TimelineEvent.objects.create(
            submission=submission,
            kind=EventKind.MODERATION,
            note=_("Ditinjau setelah dilaporkan dan ditampilkan kembali."),
            is_public=False,
            actor=by,
        )
    return submission


def suggested_units(submission: Submission) -> list:
    """The units a moderator most likely routes to: the unit addressed, or the unit that owns
    a linked target (a commitment's responsible unit, a forum's area)."""
    if submission.unit_id:
        return [submission.unit]
    linked = targets.get(submission.target_type)
    target = submission.target if linked else None
    unit = linked.suggested_unit(target) if target is not None else None
    return [unit] if unit is not None else []


def is_published(submission: Submission) -> bool:
    """Shown to the public: publik or anonim, verified or later, not rejected or hidden."""
    return (
        submission.privacy != Privacy.RAHASIA
        and submission.status not in (Status.BARU, Status.DITOLAK)
        and submission.hidden_at is None
    )


def feedback_flag(*, submission: Submission, address_key: str, now=None) -> bool:
    """A visitor reports a published submission; the third distinct address hides it.

    Returns whether the flag was new. A second flag from the same address changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic(), pghistory.context(action="feedback_flag"):
        submission = _locked(submission)
        if not is_published(submission):
            return False
        _flag, created = Flag.objects.get_or_create(submission=submission, address_key=address_key)
        if created and submission.flags.count() >= FLAGS_TO_HIDE:
            submission.hidden_at = now
            submission.save(update_fields=["hidden_at", "updated_at"])
            TimelineEvent.objects.create(
                submission=submission,
                kind=EventKind.FLAGGED,
                note=_("Disembunyikan sementara setelah dilaporkan pengunjung; menunggu tinjauan."),
            )
    return created


# ---------------------------------------------------------------------------------------------
# Unit response: a responder answers, signed by one of their units the submission was routed to.

RESPOND = "feedback.respond_submission"


def _check_responder(by, submission: Submission, unit) -> Routing:
    if not (by.is_active and by.is_staff and by.has_perm(RESPOND)):
        raise PermissionDenied(_("Anda tidak memiliki hak untuk tindakan ini."))
    if not scoping.units_for(by).filter(pk=unit.pk).exists():
        raise PermissionDenied(_("Unit ini berada di luar cakupan Anda."))
    routing = Routing.objects.filter(submission=submission, unit=unit).first()
    if routing is None:
        raise PermissionDenied(_("Masukan ini tidak diteruskan ke unit tersebut."))
    return routing


def unit_respond(*, submission: Submission, unit, text: str, by, now=None) -> Submission:
    """Publish the unit's official response (status → ditanggapi), signed with the unit's name."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Tuliskan isi tanggapan."))
    now = now or timezone.now()
    with transaction.atomic(), _audit("feedback_respond", by, unit=unit.pk):
        submission = _locked(submission)
        routing = _check_responder(by, submission, unit)
        _require_status(submission, Status.DITERUSKAN, Status.DITANGGAPI)
        if routing.responded_at is None:
            routing.responded_at = now
            routing.save(update_fields=["responded_at"])
        changed = submission.status == Status.DITERUSKAN
        if changed:
            submission.status = Status.DITANGGAPI
            submission.close_due = working_days.due_date(
                timezone.localdate(now), working_days.CLOSE_DAYS
            )
        submission.clarification_requested_at = None
        submission.save(
            update_fields=["status", "close_due", "clarification_requested_at", "updated_at"]
        )
        if changed:
            notify.status_changed(submission)
        TimelineEvent.objects.create(
            submission=submission,
            kind=EventKind.RESPONSE,
            status=Status.DITANGGAPI,
            note=text,
            unit=unit,
            actor=by,
        )
    return submission


def unit_ask_clarification(*, submission: Submission, unit, question: str, by, now=None):
    """Ask the submitter a question, shown on the tracking page with a form to answer."""
    question = question.strip()
    if not question:
        raise ValidationError(_("Tuliskan pertanyaan untuk pengirim."))
    with transaction.atomic(), _audit("feedback_clarify_ask", by, unit=unit.pk):
        submission = _locked(submission)
        _check_responder(by, submission, unit)
        _require_status(submission, Status.DITERUSKAN)
        submission.clarification_requested_at = now or timezone.now()
        submission.save(update_fields=["clarification_requested_at", "updated_at"])
        TimelineEvent.objects.create(
            submission=submission, kind=EventKind.CLARIFY, note=question, unit=unit, actor=by
        )
    return submission


def feedback_answer_clarification(*, submission: Submission, text: str) -> Submission:
    """The submitter's answer from the tracking page: read by the unit, not published."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Tuliskan jawaban Anda."))
    with transaction.atomic(), pghistory.context(action="feedback_clarify_answer"):
        submission = _locked(submission)
        if submission.clarification_requested_at is None:
            raise ValidationError(_("Tidak ada permintaan klarifikasi yang menunggu jawaban."))
        submission.clarification_requested_at = None
        submission.save(update_fields=["clarification_requested_at", "updated_at"])
        TimelineEvent.objects.create(
            submission=submission, kind=EventKind.ANSWER, note=text, is_public=False
        )
        TimelineEvent.objects.create(
            submission=submission,
            kind=EventKind.ANSWER,
            note=_("Pengirim telah menjawab permintaan klarifikasi."),
        )
    return submission


# ---------------------------------------------------------------------------------------------
# Deadlines: the submitter's one objection, and closing what was answered without objection.


def feedback_object(*, submission: Submission, reason: str, now=None) -> Submission:
    """The submitter objects to the response (once): back to the units, with a public note."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan keberatan Anda."))
    now = now or timezone.now()
    with transaction.atomic(), pghistory.context(action="feedback_object"):
        submission = _locked(submission)
        if submission.objected_at is not None:
            raise ValidationError(_("Keberatan atas masukan ini sudah pernah diajukan."))
        if submission.status != Status.DITANGGAPI:
            raise ValidationError(_("Keberatan hanya dapat diajukan atas masukan yang ditanggapi."))
        submission.status = Status.DITERUSKAN
        submission.objected_at = now
        submission.close_due = None
        submission.save(update_fields=["status", "objected_at", "close_due", "updated_at"])
        submission.routings.update(
            responded_at=None,
            respond_due=working_days.due_date(timezone.localdate(now), working_days.RESPOND_DAYS),
        )
        TimelineEvent.objects.create(
            submission=submission,
            kind=EventKind.STATUS,
            status=Status.DITERUSKAN,
            note=_("Pengirim keberatan atas tanggapan: %(reason)s") % {"reason": reason},
        )
        notify.status_changed(submission)
    return submission


def close_answered(*, today=None, now=None) -> int:
    """Close every answered submission whose closing date has come. Running it again closes
    nothing more."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    closed = 0
    with pghistory.context(action="close_answered_feedback"):
        for pk in Submission.objects.due_to_close(today).values_list("pk", flat=True):
            with transaction.atomic():
                submission = Submission.objects.select_for_update().get(pk=pk)
                if submission.status != Status.DITANGGAPI:
                    continue
                submission.status = Status.SELESAI
                submission.closed_at = now
                submission.save(update_fields=["status", "closed_at", "updated_at"])
                TimelineEvent.objects.create(
                    submission=submission,
                    kind=EventKind.STATUS,
                    status=Status.SELESAI,
                    note=_("Ditutup otomatis: tidak ada keberatan dalam sepuluh hari kerja."),
                )
                notify.status_changed(submission)
                closed += 1
    return closed
