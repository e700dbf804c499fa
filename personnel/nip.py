"""NIP: the 18-digit employee number of an ASN.

A PNS NIP reads YYYYMMDD (birth date) YYYYMM (CPNS appointment) G (1 male, 2 female) NNN
(sequence). A PPPK number has 18 digits too, but its middle is not parsed.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NIP_LENGTH = 18
ADULT_AGE = 18
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class DecodedNip:
    birth_date: date
    tmt_cpns: date  # the first day of the appointment month
    gender: str  # "L" or "P", as Gender
    sequence: int


def normalize_nip(raw: str) -> str:
    """Drop the spaces, dots and dashes that people type inside a NIP."""
    return _SEPARATORS.sub("", str(raw or "").strip())


def check_digits(nip: str) -> None:
    if len(nip) != NIP_LENGTH or not nip.isascii() or not nip.isdigit():
        raise ValidationError(
            _("NIP harus terdiri dari tepat 18 angka (diterima: %(value)s)."),
            code="nip_format",
            params={"value": nip},
        )


def decode_pns_nip(nip: str, today: date | None = None) -> DecodedNip:
    """Decode a PNS NIP, raising ValidationError with a reason a clerk can act on."""
    check_digits(nip)
    today = today or timezone.localdate()
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("Tanggal lahir dalam NIP (%(part)s) bukan tanggal yang ada."),
            code="nip_birth_date",
            params={"part": nip[0:8]},
        ) from None
    if birth.year < 1900 or birth > today:
        raise ValidationError(
            _("Tanggal lahir dalam NIP (%(part)s) tidak mungkin."),
            code="nip_birth_date",
            params={"part": nip[0:8]},
        )
    try:
        tmt = date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise ValidationError(
            _("Bulan pengangkatan CPNS dalam NIP (%(part)s) bukan bulan yang ada."),
            code="nip_tmt",
            params={"part": nip[8:14]},
        ) from None
    if tmt > today:
        raise ValidationError(
            _("Pengangkatan CPNS dalam NIP (%(part)s) ada di masa depan."),
            code="nip_tmt",
            params={"part": nip[8:14]},
        )
    # The NIP gives only the appointment month: a person who turns 18 during that month may
    # have been appointed in it, so the months are compared. (Taking the age on the month's
    # last day refused someone born on 29 February appointed in February of a common year.)
    if (tmt.year, tmt.month) < (birth.year + ADULT_AGE, birth.month):
        raise ValidationError(
            _("Menurut NIP, pengangkatan CPNS (%(tmt)s) terjadi sebelum usia 18 tahun."),
            code="nip_underage",
            params={"tmt": nip[8:14]},
        )
    gender_digit = nip[14]
    if gender_digit not in "12":
        raise ValidationError(
            _("Digit ke-15 NIP menandai jenis kelamin dan harus 1 atau 2 (diterima: %(digit)s)."),
            code="nip_gender",
            params={"digit": gender_digit},
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise ValidationError(
            _("Nomor urut NIP (tiga angka terakhir) tidak boleh 000."), code="nip_sequence"
        )
    return DecodedNip(
        birth_date=birth,
        tmt_cpns=tmt,
        gender="L" if gender_digit == "1" else "P",
        sequence=sequence,
    )


def compose_pns_nip(birth_date: date, tmt_cpns: date, gender: str, sequence: int) -> str:
    """Build the NIP a PNS with these facts would carry (for demo data and tests)."""
    digit = "1" if gender == "L" else "2"
    return f"{birth_date:%Y%m%d}{tmt_cpns:%Y%m}{digit}{sequence:03d}"
