"""Checking one row of a training attendance file on its own: every cell parsed, no database."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from personnel.importing.checking import RowChecker, _text
from training.models import TrainingEvent, TrainingRecord

_WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")
_MAX_CODE = TrainingEvent._meta.get_field("code").max_length
_MAX_CERTIFICATE = TrainingRecord._meta.get_field("certificate_number").max_length


@dataclass
class AttendanceRow:
    """One row's values, checked and normalised; a value that failed its check is None."""

    number: int
    nip: str | None = None
    event_code: str | None = None
    jp: int | None = None
    certificate: str | None = None  # None also when the file has no nomor_sertifikat column


class AttendanceRowChecker(RowChecker):
    def __init__(self, source, errors):
        super().__init__(source, errors)
        self.row = AttendanceRow(number=source.number)

    def check(self) -> AttendanceRow:
        row = self.row
        row.nip = self.nip("nip", required=True)
        row.event_code = self.text("kode_pelatihan", required=True, max_length=_MAX_CODE)
        row.jp = self._jp()
        if "nomor_sertifikat" in self.source.cells:
            row.certificate = self.text("nomor_sertifikat", max_length=_MAX_CERTIFICATE)
        return row

    def _jp(self) -> int | None:
        raw = self.raw("jp")
        if isinstance(raw, float) and not raw.is_integer():
            self.error("jp", _("JP harus bilangan bulat, misalnya 12."))
            return None
        text = _text(raw).replace(" ", "")
        if not text:
            self.error("jp", _("Wajib diisi: jam pelajaran yang diakui, misalnya 12."))
            return None
        if not _WHOLE_NUMBER.match(text):
            self.error("jp", _("JP harus bilangan bulat, misalnya 12."))
            return None
        jp = int(text)
        if jp < 1:
            self.error("jp", _("JP paling sedikit 1."))
            return None
        return jp
