"""Checking one row on its own: every value parsed, every rule that needs no database."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from personnel import nip as nip_rules
from personnel.choices import (
    GOLONGAN_BY_TYPE,
    LEVELS_BY_TYPE,
    EmployeeStatus,
    EmploymentType,
    JabatanType,
)
from personnel.importing.base import (
    _ALL_GOLONGAN,
    _DATE_FORMATS,
    _DECIMAL,
    _GENDERS,
    _LEVEL_VALUES,
    _SCIENTIFIC,
    _SPACES,
    RowError,
    SourceRow,
)
from personnel.importing.reading import _column_name, _is_filled
from personnel.models import Employee, Position, Unit

# --------------------------------------------------------------------------- checking one row


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() else f"{value:%Y-%m-%d}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value).strip()


def _text(value) -> str:
    """A cell as text; a whole number typed in a numeric cell loses its «.0»."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _display(value)


@dataclass
class _Row:
    """One row's values, checked and normalised; a value that failed its check is None."""

    number: int
    present: frozenset
    nip: str | None = None
    employment_type: str | None = None
    decoded: nip_rules.DecodedNip | None = None
    gelar_depan: str = ""
    name: str | None = None
    gelar_belakang: str = ""
    gender: str | None = None
    birth_date: date | None = None
    golongan: str | None = None
    unit_code: str | None = None
    title: str | None = None
    jabatan_type: str | None = None
    level: str | None = None
    tmt: date | None = None
    email: str = ""
    phone: str = ""
    status: str | None = None


class RowChecker:
    """Reads one source row cell by cell, noting every problem as a RowError on its column.

    Shared by every import: a subclass adds the checks of its own columns.
    """

    def __init__(self, source: SourceRow, errors: list[RowError]):
        self.source = source
        self.errors = errors
        self.failed = False

    def error(self, column: str, message: str, value=None) -> None:
        raw = self.source.cells.get(column) if value is None else value
        self.errors.append(RowError(self.source.number, column, _display(raw), message))
        self.failed = True

    def raw(self, column):
        return self.source.cells.get(column)

    def text(self, column, *, required=False, max_length=None) -> str | None:
        value = _SPACES.sub(" ", _text(self.raw(column)))
        if required and not value:
            self.error(column, _("Wajib diisi."))
            return None
        if max_length and len(value) > max_length:
            self.error(
                column,
                _("Terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
                % {"length": len(value), "max": max_length},
            )
            return None
        return value

    def nip_text(self, column, *, required=True) -> str | None:
        """The cell's NIP as typed, or None with an error when Excel has turned it into a number.

        Only the spreadsheet damage is judged here; the digits themselves are the caller's.
        """
        raw = self.raw(column)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            self.error(
                column,
                _(
                    "NIP tersimpan sebagai angka, sehingga Excel sudah membulatkannya. Format "
                    "kolom %(column)s sebagai Teks, ketik ulang NIP-nya, lalu simpan lagi."
                )
                % {"column": column},
            )
            return None
        text = _display(raw)
        if not text:
            if required:
                self.error(column, _("Wajib diisi."))
            return None
        if _SCIENTIFIC.match(text) or _DECIMAL.match(text):
            self.error(
                column,
                _(
                    "NIP sudah diubah Excel menjadi angka (%(value)s). Format kolom %(column)s "
                    "sebagai Teks, ketik ulang NIP-nya, lalu simpan lagi sebagai CSV."
                )
                % {"value": text, "column": column},
            )
            return None
        return text

    def nip(self, column, *, required=True) -> str | None:
        """The cell's NIP, normalised to 18 digits, for an import that looks employees up by it.

        Spreadsheet damage is named as in `nip_text`; a PNS's NIP is not decoded here (the
        employee is already in the portal, and their NIP was checked when they were entered).
        """
        text = self.nip_text(column, required=required)
        if text is None:
            return None
        nip = nip_rules.normalize_nip(text)
        try:
            nip_rules.check_digits(nip)
        except ValidationError as error:
            self.error(column, " ".join(error.messages))
            return None
        return nip

    def date(self, column, *, required=False, earliest=1900, latest=None) -> date | None:
        value = self.raw(column)
        if not _is_filled(value):
            if required:
                self.error(column, _("Wajib diisi."))
            return None
        parsed = None
        if isinstance(value, datetime):
            parsed = value.date()
        elif isinstance(value, date):
            parsed = value
        elif isinstance(value, (int, float)):
            self.error(
                column,
                _(
                    "Berupa angka, bukan tanggal. Format sel sebagai Tanggal atau tulis "
                    "tanggal sebagai TTTT-BB-HH."
                ),
            )
            return None
        else:
            for fmt in _DATE_FORMATS:
                try:
                    parsed = datetime.strptime(str(value).strip(), fmt).date()
                    break
                except ValueError:
                    continue
        if parsed is None:
            self.error(
                column,
                _("Bukan tanggal yang sah. Tulis TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT."),
            )
            return None
        if parsed.year < earliest or (latest is not None and parsed > latest):
            self.error(column, _("Tanggal %(date)s tidak masuk akal.") % {"date": parsed})
            return None
        return parsed


class _RowChecker(RowChecker):
    def __init__(self, source: SourceRow, errors: list[RowError]):
        super().__init__(source, errors)
        self.row = _Row(number=source.number, present=frozenset(source.cells))

    def check(self) -> _Row:
        row = self.row
        self._employment_type()
        self._nip()
        row.gelar_depan = self.text("gelar_depan", max_length=_max("gelar_depan")) or ""
        row.name = self.text("nama", required=True, max_length=_max("name"))
        row.gelar_belakang = self.text("gelar_belakang", max_length=_max("gelar_belakang")) or ""
        self._gender_and_birth_date()
        self._golongan()
        code = self.text(
            "unit_kode", required=True, max_length=Unit._meta.get_field("code").max_length
        )
        row.unit_code = code.lower() if code else None
        row.title = self.text(
            "jabatan", required=True, max_length=Position._meta.get_field("title").max_length
        )
        self._jabatan_type_and_level()
        today = timezone.localdate()
        row.tmt = self.date(
            "tmt_jabatan", required=True, earliest=1950, latest=today.replace(year=today.year + 1)
        )
        self._contact()
        self._status()
        return row

    def _employment_type(self):
        value = _text(self.raw("jenis_asn")).lower()
        if not value:
            self.error("jenis_asn", _("Wajib diisi: PNS atau PPPK."))
        elif value not in EmploymentType.values:
            self.error("jenis_asn", _("Harus PNS atau PPPK."))
        else:
            self.row.employment_type = value

    def _nip(self):
        text = self.nip_text("nip")
        if text is None:
            return
        nip = nip_rules.normalize_nip(text)
        try:
            if self.row.employment_type == EmploymentType.PPPK:
                nip_rules.check_digits(nip)
            else:
                # An unknown jenis_asn is already an error; the NIP is still checked as a PNS's.
                self.row.decoded = nip_rules.decode_pns_nip(nip)
        except ValidationError as error:
            message = " ".join(error.messages)
            if error.code == "nip_sequence":
                message += " " + _(
                    "Bila tiga angka terakhir di berkas asli bukan 000, Excel telah "
                    "membulatkan NIP: format kolom nip sebagai Teks."
                )
            self.error("nip", message)
            return
        self.row.nip = nip

    def _gender_and_birth_date(self):
        row = self.row
        raw_gender = _text(self.raw("jenis_kelamin")).lower()
        gender = _GENDERS.get(raw_gender)
        if raw_gender and gender is None:
            self.error("jenis_kelamin", _("Harus L (laki-laki) atau P (perempuan)."))
        birth = self.date("tanggal_lahir", latest=timezone.localdate())
        if row.employment_type == EmploymentType.PPPK:
            if not raw_gender:
                self.error("jenis_kelamin", _("Wajib diisi untuk PPPK: L atau P."))
            if birth is None and not _is_filled(self.raw("tanggal_lahir")):
                self.error("tanggal_lahir", _("Wajib diisi untuk PPPK."))
            row.gender, row.birth_date = gender, birth
        elif row.decoded is not None:
            decoded = row.decoded
            if gender is not None and gender != decoded.gender:
                self.error(
                    "jenis_kelamin",
                    _("Tidak sesuai dengan NIP (menurut NIP: %(value)s).")
                    % {"value": decoded.gender},
                )
            if birth is not None and birth != decoded.birth_date:
                self.error(
                    "tanggal_lahir",
                    _("Tidak sesuai dengan NIP (menurut NIP: %(value)s).")
                    % {"value": f"{decoded.birth_date:%Y-%m-%d}"},
                )
            row.gender, row.birth_date = decoded.gender, decoded.birth_date

    def _golongan(self):
        value = _SPACES.sub("", _text(self.raw("golongan")))
        if not value:
            self.error("golongan", _("Wajib diisi, misalnya III/a untuk PNS atau IX untuk PPPK."))
            return
        roman, slash, ruang = value.partition("/")
        golongan = f"{roman.upper()}/{ruang.lower()}" if slash else value.upper()
        if golongan not in _ALL_GOLONGAN:
            self.error(
                "golongan",
                _("Golongan tidak dikenal. PNS: I/a sampai IV/e; PPPK: I sampai XVII."),
            )
            return
        kind = self.row.employment_type
        if kind and golongan not in GOLONGAN_BY_TYPE[kind]:
            self.error(
                "golongan",
                _("Golongan %(golongan)s tidak berlaku untuk %(type)s. Pilihan: %(choices)s.")
                % {
                    "golongan": golongan,
                    "type": EmploymentType(kind).label,
                    "choices": (
                        _("I/a sampai IV/e") if kind == EmploymentType.PNS else _("I sampai XVII")
                    ),
                },
            )
            return
        self.row.golongan = golongan

    def _jabatan_type_and_level(self):
        kind = _column_name(_text(self.raw("jenis_jabatan"))).replace("-", "_")
        level = _column_name(_text(self.raw("jenjang"))).replace("-", "_")
        if not kind:
            self.error("jenis_jabatan", _("Wajib diisi."))
            return
        if kind not in JabatanType.values:
            self.error(
                "jenis_jabatan",
                _("Jenis jabatan tidak dikenal. Pilihan: %(choices)s.")
                % {"choices": ", ".join(JabatanType.values)},
            )
            return
        allowed = LEVELS_BY_TYPE[kind]
        if level and level not in _LEVEL_VALUES:
            self.error(
                "jenjang",
                _("Jenjang tidak dikenal. Pilihan untuk %(type)s: %(choices)s.")
                % {"type": kind, "choices": ", ".join(allowed) if any(allowed) else _("kosong")},
            )
            return
        if level not in allowed:
            if not level:
                message = _("Wajib diisi untuk jenis jabatan %(type)s. Pilihan: %(choices)s.")
            elif not any(allowed):
                message = _("Jenis jabatan %(type)s tidak berjenjang; kosongkan kolom ini.")
            else:
                message = _("Jenjang ini tidak berlaku untuk %(type)s. Pilihan: %(choices)s.")
            self.error(
                "jenjang", message % {"type": kind, "choices": ", ".join(a for a in allowed if a)}
            )
            return
        self.row.jabatan_type, self.row.level = kind, level

    def _contact(self):
        email = self.text("email", max_length=_max("email"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error("email", _("Bukan alamat e-mail yang sah."))
                email = None
        self.row.email = email or ""
        self.row.phone = self.text("telepon", max_length=_max("phone")) or ""

    def _status(self):
        value = _text(self.raw("status")).lower()
        if value and value not in EmployeeStatus.values:
            self.error(
                "status",
                _("Status tidak dikenal. Pilihan: %(choices)s.")
                % {"choices": ", ".join(EmployeeStatus.values)},
            )
        else:
            self.row.status = value or None


def _max(field_name: str) -> int:
    return Employee._meta.get_field(field_name).max_length
