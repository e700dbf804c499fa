"""Public input on candidates: the window, the e-mail confirmation, the count."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import confirmation
from feedback.confirmation import CONFIRM_HOURS
from selection.choices import StageKind
from selection.models import Candidate, CandidateInput, Selection

CONFIRM_SALT = "selection.input-confirm"


@dataclass(frozen=True)
class Window:
    open: bool
    start: object = None
    end: object = None


def input_window(selection: Selection, today=None) -> Window:
    """Open during the track-record stage, by its dates (prefetched stages are used)."""
    today = today or timezone.localdate()
    stage = next((s for s in selection.stages.all() if s.kind == StageKind.TRACK_RECORD), None)
    if stage is None:
        return Window(False)
    return Window(stage.start <= today <= stage.end, stage.start, stage.end)


def eligible_candidates(selection: Selection):
    """Candidates the public may speak about: those named in an announced administrative
    result as having passed."""
    return (
        Candidate.objects.filter(
            selection=selection,
            results__stage__kind=StageKind.ADMINISTRATION,
            results__stage__results_published_at__lte=timezone.now(),
            results__outcome="lulus",
        )
        .order_by("registration_number")
        .distinct()
    )


def confirmation_token(candidate_input: CandidateInput) -> str:
    return confirmation.token(candidate_input, salt=CONFIRM_SALT)


def input_submit(
    *, selection, candidate, text, name, email, address_key, base_url
) -> CandidateInput:
    """Store an unconfirmed input and e-mail its author the confirmation link."""
    if not input_window(selection).open:
        raise ValidationError(_("Masa masukan tentang calon seleksi ini sedang tidak dibuka."))
    if candidate.selection_id != selection.pk:
        raise ValidationError(_("Calon ini bukan peserta seleksi ini."))
    try:
        with transaction.atomic():
            created = CandidateInput.objects.create(
                candidate=candidate,
                text=text.strip(),
                author_name=name.strip(),
                author_email=email.strip().lower(),
                address_key=address_key,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Alamat e-mail ini sudah memberi masukan tentang calon ini.")
        ) from error
    confirmation.send_link(
        obj=created,
        salt=CONFIRM_SALT,
        url_name="selection:confirm",
        base_url=base_url,
        to=created.author_email,
        subject=_("Konfirmasi masukan Anda tentang calon %(selection)s")
        % {"selection": selection.title},
        body=lambda link: (
            _(
                "Terima kasih atas masukan Anda tentang %(candidate)s.\n\n"
                "Masukan baru dihitung setelah Anda membuka tautan ini dalam %(hours)s jam:\n"
                "%(link)s\n\n"
                "Bila Anda tidak merasa mengirimnya, abaikan e-mail ini."
            )
            % {"candidate": candidate.name, "hours": CONFIRM_HOURS, "link": link}
        ),
    )
    return created


def input_confirm(*, token: str) -> CandidateInput:
    """Count an input: once, within CONFIRM_HOURS of sending."""
    return confirmation.confirm_once(
        queryset=CandidateInput.objects.select_related("candidate__selection"),
        token=token,
        salt=CONFIRM_SALT,
        expired=_(
            "Tautan konfirmasi ini sudah kedaluwarsa (berlaku %(hours)s jam). Kirim lagi "
            "masukan Anda selama masa masukan masih dibuka."
        ),
        already=_("Masukan ini sudah dikonfirmasi sebelumnya; terima kasih."),
    )
