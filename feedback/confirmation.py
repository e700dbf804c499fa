"""Confirmation by an e-mailed link: signed, single use, valid for CONFIRM_HOURS.

Shared by what residents send with an e-mail address that must be theirs: a penilaian
masyarakat (feedback.assessments) and input on a selection's candidates (selection.services).
The model confirmed has a nullable `confirmed_at`.
"""

from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

CONFIRM_HOURS = 48


class ConfirmationError(ValueError):
    """The link cannot confirm anything; the message says why, in the visitor's language."""


def token(obj, *, salt: str) -> str:
    return signing.dumps(obj.pk, salt=salt)


def send_link(*, obj, salt: str, url_name: str, base_url: str, to: str, subject, body) -> None:
    """E-mail the confirmation link once the transaction commits; `body(link)` is the text."""
    text = body(base_url + reverse(url_name, args=[token(obj, salt=salt)]))
    transaction.on_commit(lambda: send_mail(subject, text, None, [to], fail_silently=True))


def confirm_once(*, queryset, token: str, salt: str, expired, already, conflict=None):
    """Mark the object the link names as confirmed, once; return it.

    `expired` and `already` are the messages for a link past CONFIRM_HOURS and for a second
    use; `conflict(obj)`, when given, the message for a confirmation a database constraint
    refuses (and the object stays unconfirmed).
    """
    try:
        pk = signing.loads(token, salt=salt, max_age=CONFIRM_HOURS * 3600)
    except signing.SignatureExpired as error:
        raise ConfirmationError(expired % {"hours": CONFIRM_HOURS}) from error
    except signing.BadSignature as error:
        raise ConfirmationError(_("Tautan konfirmasi ini tidak sah.")) from error
    with transaction.atomic():
        obj = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
        if obj is None:
            raise ConfirmationError(_("Tautan konfirmasi ini tidak sah."))
        if obj.confirmed_at is not None:
            raise ConfirmationError(already)
        obj.confirmed_at = timezone.now()
        try:
            with transaction.atomic():
                obj.save(update_fields=["confirmed_at"])
        except IntegrityError as error:
            if conflict is None:
                raise
            raise ConfirmationError(conflict(obj)) from error
    return obj
