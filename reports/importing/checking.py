"""Checking one row of an SKP results file on its own: every cell parsed, no database."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from personnel.importing.checking import RowChecker, _text
from reports.choices import Aspect, IndicatorKind, Rating
from reports.importing.base import BERAKHLAK_COLUMNS
from reports.models import Indicator

_PERIOD = re.compile(r"^(\d{4})(?:-(t[1-4]|\d{1,2}))?$")

# «Di Atas Ekspektasi», «di atas», «DI_ATAS» … all read as di_atas.
_RATINGS = {
    **{value: value for value in Rating.values},
    **{re.sub(r"[\s-]+", "_", str(label).lower()): value for value, label in Rating.choices},
    "diatas": Rating.ABOVE,
    "dibawah": Rating.BELOW,
}
_KINDS = {"utama": IndicatorKind.UTAMA, "tambahan": IndicatorKind.TAMBAHAN}
_MAX_TARGET = Indicator._meta.get_field("target").max_length
_MAX_REALISASI = Indicator._meta.get_field("realisasi").max_length


def _key(value) -> str:
    return re.sub(r"[\s-]+", "_", _text(value).lower())


@dataclass
class SkpRow:
    """One row's values, checked and normalised; a value that failed its check is absent."""

    number: int
    nip: str | None = None
    period_code: str | None = None
    # Report-level columns filled on this row, normalised (blank cells are left out).
    report_values: dict = field(default_factory=dict)
    kind: str = IndicatorKind.UTAMA
    rhk: str | None = None
    aspect: str | None = None
    iki: str | None = None
    target: str | None = None
    realisasi: str = ""
    feedback: str = ""


class SkpRowChecker(RowChecker):
    def __init__(self, source, errors):
        super().__init__(source, errors)
        self.row = SkpRow(number=source.number)

    def check(self) -> SkpRow:
        row = self.row
        row.nip = self.nip("nip", required=True)
        row.period_code = self._period()
        for column in ("rating_hasil_kerja", "rating_perilaku", *BERAKHLAK_COLUMNS):
            self._rating(column)
        for column in ("nip_penilai", "nip_atasan_penilai"):
            value = self.nip(column, required=False)
            if value:
                row.report_values[column] = value
        notes = self.text("catatan_penilai")
        if notes:
            row.report_values["catatan_penilai"] = notes
        self._indicator()
        return row

    def _period(self) -> str | None:
        raw = self.raw("periode")
        if isinstance(raw, (datetime, date)):
            # Excel turns a typed 2025-01 into the date 1 January 2025: read it as that month.
            if raw.day == 1:
                return f"{raw.year}-{raw.month:02d}"
            self.error("periode", _("Berupa tanggal, bukan kode periode. Format sel sebagai Teks."))
            return None
        text = _text(raw).lower().replace(" ", "")
        if not text:
            self.error(
                "periode",
                _("Wajib diisi: 2025 (tahunan), 2025-t1 (triwulan) atau 2025-01 (bulanan)."),
            )
            return None
        match = _PERIOD.match(text)
        if match is None or (
            match.group(2) and match.group(2).isdigit() and not 1 <= int(match.group(2)) <= 12
        ):
            self.error(
                "periode",
                _(
                    "Kode periode tidak sah. Tulis 2025 (tahunan), 2025-t1 (triwulan) atau "
                    "2025-01 (bulanan)."
                ),
            )
            return None
        year, part = match.groups()
        if part is None:
            return year
        if part.startswith("t"):
            return f"{year}-{part}"
        return f"{year}-{int(part):02d}"

    def _rating(self, column) -> None:
        key = _key(self.raw(column))
        if not key:
            return
        value = _RATINGS.get(key.removesuffix("_ekspektasi"))
        if value is None:
            self.error(
                column,
                _(
                    "Rating tidak dikenal. Pilihan: di_atas, sesuai, di_bawah (atau «Di Atas "
                    "Ekspektasi», «Sesuai Ekspektasi», «Di Bawah Ekspektasi»)."
                ),
            )
            return
        self.row.report_values[column] = value

    def _indicator(self) -> None:
        row = self.row
        kind = _key(self.raw("jenis_rhk")).removeprefix("rhk_")
        if kind:
            if kind not in _KINDS:
                self.error("jenis_rhk", _("Jenis RHK tidak dikenal. Pilihan: utama, tambahan."))
            else:
                row.kind = _KINDS[kind]
        row.rhk = self.text("rhk", required=True)
        aspect = _key(self.raw("aspek"))
        if not aspect:
            self.error("aspek", _("Wajib diisi."))
        elif aspect not in Aspect.values:
            self.error(
                "aspek",
                _("Aspek tidak dikenal. Pilihan: %(choices)s.")
                % {"choices": ", ".join(Aspect.values)},
            )
        else:
            row.aspect = aspect
        row.iki = self.text("iki", required=True)
        row.target = self.text("target", required=True, max_length=_MAX_TARGET)
        row.realisasi = self.text("realisasi", max_length=_MAX_REALISASI) or ""
        row.feedback = self.text("umpan_balik") or ""
