"""Penilaian masyarakat: a resident rates a unit's or an employee's service from 1 to 5.

It counts only once confirmed by the e-mailed link (single use, 48 hours), one per e-mail per
target per quarter (a database constraint on confirmed rows), and its figures stand beside the
official predikat, never mixed into it. The e-mail is kept only as the sender's private
address and an HMAC for the one-per-quarter rule; no public page shows it.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback import confirmation
from feedback.confirmation import CONFIRM_HOURS
from feedback.forms import HONEYPOT
from feedback.models import Assessment, AssessmentTarget, AssessmentValue
from feedback.ratelimit import email_key
from reports.choices import BerAkhlak

CONFIRM_SALT = "feedback.assessment-confirm"
MINIMUM = 5  # fewer confirmed assessments than this: no figures, only "belum cukup"
STARS = [(n, str(n)) for n in range(1, 6)]


def quarter(day) -> str:
    return f"{day.year}-T{(day.month - 1) // 3 + 1}"


class AssessmentForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Nilai pelayanan secara keseluruhan"),
        choices=STARS,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("1 sangat buruk, 5 sangat baik."),
        error_messages={
            "required": gettext_lazy("Pilih nilai 1 sampai 5."),
            "invalid_choice": gettext_lazy("Pilih nilai 1 sampai 5."),
        },
    )
    comment = forms.CharField(
        label=gettext_lazy("Komentar (boleh kosong)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        help_text=gettext_lazy(
            "Penilaian dihitung setelah Anda membuka tautan yang kami kirim ke alamat ini. "
            "Alamat ini tidak pernah ditampilkan."
        ),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("Saya setuju e-mail saya diolah untuk mengonfirmasi penilaian ini."),
        error_messages={
            "required": gettext_lazy("Tanpa persetujuan ini penilaian tidak dapat dicatat.")
        },
    )
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in BerAkhlak.choices:
            self.fields[f"nilai_{value}"] = forms.TypedChoiceField(
                label=label,
                choices=[("", gettext_lazy("tidak dinilai")), *STARS],
                coerce=int,
                empty_value=None,
                required=False,
            )

    def value_fields(self):
        return [self[f"nilai_{value}"] for value in BerAkhlak.values]

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())


def assessment_submit(*, target_type, target, data, address_key, base_url, now=None) -> Assessment:
    """Store an unconfirmed assessment and e-mail the confirmation link after commit."""
    now = now or timezone.now()
    with transaction.atomic():
        assessment = Assessment.objects.create(
            target_type=target_type,
            unit=target if target_type == AssessmentTarget.UNIT else None,
            employee=target if target_type == AssessmentTarget.EMPLOYEE else None,
            period=quarter(timezone.localdate(now)),
            rating=data["rating"],
            comment=data.get("comment", "").strip(),
            email=data["email"].strip().lower(),
            email_key=email_key(data["email"]),
            address_key=address_key,
        )
        AssessmentValue.objects.bulk_create(
            AssessmentValue(assessment=assessment, value=value, rating=data[f"nilai_{value}"])
            for value in BerAkhlak.values
            if data.get(f"nilai_{value}")
        )
    confirmation.send_link(
        obj=assessment,
        salt=CONFIRM_SALT,
        url_name="feedback:assessment-confirm",
        base_url=base_url,
        to=assessment.email,
        subject=_("Konfirmasi penilaian masyarakat Anda"),
        body=lambda link: (
            _(
                "Terima kasih atas penilaian Anda.\n\n"
                "Penilaian baru dihitung setelah Anda membuka tautan ini dalam %(hours)s jam:\n"
                "%(link)s\n\nBila Anda tidak merasa mengirimnya, abaikan e-mail ini."
            )
            % {"hours": CONFIRM_HOURS, "link": link}
        ),
    )
    return assessment


def assessment_confirm(*, token: str) -> Assessment:
    """Count an assessment: once, within CONFIRM_HOURS, one per e-mail per target and quarter."""
    return confirmation.confirm_once(
        queryset=Assessment.objects.all(),
        token=token,
        salt=CONFIRM_SALT,
        expired=_(
            "Tautan konfirmasi ini sudah kedaluwarsa (berlaku %(hours)s jam). Silakan kirim "
            "penilaian Anda lagi."
        ),
        already=_("Penilaian ini sudah dikonfirmasi sebelumnya; terima kasih."),
        conflict=lambda assessment: (
            _(
                "Anda sudah menilai %(target)s pada triwulan ini; satu penilaian per e-mail per "
                "triwulan."
            )
            % {"target": assessment.target}
        ),
    )


@dataclass
class Summary:
    count: int = 0
    average: float | None = None
    distribution: list = field(default_factory=list)  # [(stars, n)] from 5 down to 1

    @property
    def enough(self) -> bool:
        return self.count >= MINIMUM


def summary_since():
    """The start of the four quarters a summary covers."""
    return timezone.now() - timedelta(days=365)


def rating_counts(since, **target):
    """[{rating, n}] of one target's confirmed assessments since `since` (target may be an
    OuterRef, for a page that reads them in its own query)."""
    return (
        Assessment.objects.confirmed()
        .filter(confirmed_at__gte=since, **target)
        .values("rating")
        .annotate(n=Count("pk"))
        .order_by()
    )


def summary_of(rows) -> Summary:
    counts = Counter({row["rating"]: row["n"] for row in rows})
    total = sum(counts.values())
    if total < MINIMUM:
        return Summary(count=total)
    average = sum(stars * n for stars, n in counts.items()) / total
    return Summary(total, average, [(stars, counts.get(stars, 0)) for stars in range(5, 0, -1)])


def summary(**target) -> Summary:
    """Confirmed assessments of the last four quarters of one target (`unit=` or `employee=`):
    one query."""
    return summary_of(rating_counts(summary_since(), **target))
