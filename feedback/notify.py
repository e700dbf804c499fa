"""E-mails of the feedback loop, each sent after the transaction that caused it commits.

To the submitter on each status change (when they left an address); to a unit's responders when
a submission is routed to it; the daily overdue digest (management command). The tracking page
link carries the code, so nobody needs an account.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from personnel import roles
from personnel.models import Unit


def tracking_url(submission) -> str:
    query = urlencode({"kode": submission.display_code})
    return f"{settings.FEEDBACK_SITE_URL}{reverse('feedback:lookup')}?{query}"


def responders_of(unit):
    """Active unit responders whose scope covers `unit`, with an e-mail address."""
    above = [u.pk for u in Unit.objects.ancestors_of(unit)] + [unit.pk]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=roles.UNIT_RESPONDER,
            unit_scopes__unit__in=above,
        )
        .exclude(email="")
        .distinct()
    )


def status_changed(submission) -> None:
    """Tell the submitter the new status, once the change is committed."""
    if not submission.email:
        return
    subject = _("Masukan %(code)s: %(status)s") % {
        "code": submission.display_code,
        "status": submission.get_status_display(),
    }
    body = _(
        "Status masukan Anda %(code)s kini: %(status)s.\n\nLihat linimasa lengkapnya di "
        "%(url)s\n\nPesan ini dikirim otomatis oleh portal kinerja ASN Kota Tanjungpinang."
    ) % {
        "code": submission.display_code,
        "status": submission.get_status_display(),
        "url": tracking_url(submission),
    }
    recipient = submission.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient], fail_silently=True))


def routed(submission, units) -> None:
    """Tell each unit's responders that a submission waits for them."""
    messages = []
    for unit in units:
        addresses = list(responders_of(unit).values_list("email", flat=True))
        if not addresses:
            continue
        subject = _("Masukan baru untuk %(unit)s: %(code)s") % {
            "unit": unit.name,
            "code": submission.display_code,
        }
        body = _(
            "Masukan %(code)s diteruskan ke %(unit)s. Tanggapi dalam lima hari kerja di "
            "halaman admin portal."
        ) % {"code": submission.display_code, "unit": unit.name}
        messages.append((subject, body, None, addresses))
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))


def overdue_digest(*, today) -> int:
    """One e-mail per moderator listing late verifications, and per unit responder listing
    their units' late responses. Returns the number of e-mails sent."""
    from feedback.choices import Status
    from feedback.models import Routing, Submission

    messages = []
    late_new = list(
        Submission.objects.filter(status=Status.BARU, verify_due__lt=today)
        .order_by("created_at")
        .values_list("code", "subject")
    )
    if late_new:
        moderators = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=roles.MODERATOR)
            .exclude(email="")
            .distinct()
            .values_list("email", flat=True)
        )
        lines = "\n".join(f"- {codes_display(code)}" for code, _subject in late_new)
        subject = _("Masukan terlambat diverifikasi: %(count)d") % {"count": len(late_new)}
        body = _("Masukan yang melewati batas verifikasi tiga hari kerja:\n\n%(lines)s") % {
            "lines": lines
        }
        messages.extend((subject, body, None, [email]) for email in moderators)
    late_routings = (
        Routing.objects.filter(
            submission__status=Status.DITERUSKAN,
            responded_at__isnull=True,
            respond_due__lt=today,
        )
        .select_related("unit", "submission")
        .order_by("unit__name", "respond_due")
    )
    by_unit = {}
    for routing in late_routings:
        by_unit.setdefault(routing.unit, []).append(routing)
    for unit, routings in by_unit.items():
        lines = "\n".join(
            f"- {r.submission.display_code} ({r.respond_due:%Y-%m-%d})" for r in routings
        )
        subject = _("Masukan terlambat ditanggapi %(unit)s: %(count)d") % {
            "unit": unit.name,
            "count": len(routings),
        }
        body = _("Masukan yang melewati batas tanggapan lima hari kerja:\n\n%(lines)s") % {
            "lines": lines
        }
        messages.extend(
            (subject, body, None, [email])
            for email in responders_of(unit).values_list("email", flat=True)
        )
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages)


def codes_display(code: str) -> str:
    from feedback import codes

    return codes.display(code)
