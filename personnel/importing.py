"""Import of the personnel registry from a CSV or XLSX file.

Three steps, each a keyword-only function: `parse_file` reads the file into rows,
`plan_import` checks every row against the database and works out what would change,
`apply_import` writes the plan in one transaction. A plan with any error is never applied, so a
file either goes in whole or changes nothing. The database is read in a fixed number of queries
however long the file is, so 10,000 rows take seconds, not minutes.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from personnel import nip as nip_rules
from personnel import scoping
from personnel.choices import (
    GOLONGAN_BY_TYPE,
    LEVELS_BY_TYPE,
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    EmployeeStatus,
    EmploymentType,
    Gender,
    JabatanLevel,
    JabatanType,
)
from personnel.models import Assignment, Employee, Position, Unit

PERMISSION = "personnel.import_personnel"
MAX_FILE_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")

REQUIRED_COLUMNS = (
    "nip",
    "jenis_asn",
    "nama",
    "golongan",
    "unit_kode",
    "jabatan",
    "jenis_jabatan",
    "tmt_jabatan",
)
OPTIONAL_COLUMNS = (
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "tanggal_lahir",
    "jenjang",
    "email",
    "telepon",
    "status",
)
COLUMNS = (
    "nip",
    "jenis_asn",
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "jenis_kelamin",
    "tanggal_lahir",
    "golongan",
    "unit_kode",
    "jabatan",
    "jenis_jabatan",
    "jenjang",
    "tmt_jabatan",
    "email",
    "telepon",
    "status",
)

# Which Employee field each column fills, for the change list and the model's own checks.
EMPLOYEE_FIELD_COLUMNS = {
    "employment_type": "jenis_asn",
    "gelar_depan": "gelar_depan",
    "name": "nama",
    "gelar_belakang": "gelar_belakang",
    "gender": "jenis_kelamin",
    "birth_date": "tanggal_lahir",
    "tmt_cpns": "nip",
    "golongan": "golongan",
    "email": "email",
    "phone": "telepon",
    "status": "status",
}

# PostgreSQL takes long IN lists well, but one statement per few thousand keeps memory flat.
IN_CHUNK = 5000

# Excel turns an 18-digit number into 1.98501E+17 or, in a CSV, sometimes 198501...001.0.
_SCIENTIFIC = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")
_DECIMAL = re.compile(r"^\d+[.,]0+$")
_SPACES = re.compile(r"\s+")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")
_GENDERS = {
    "l": Gender.MALE,
    "laki-laki": Gender.MALE,
    "laki laki": Gender.MALE,
    "p": Gender.FEMALE,
    "perempuan": Gender.FEMALE,
}
_ALL_GOLONGAN = set(PNS_GOLONGAN) | set(PPPK_GOLONGAN)
_LEVEL_VALUES = {value for value in JabatanLevel.values if value}


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, not UTF-8, empty, a column missing."""


@dataclass(frozen=True)
class SourceRow:
    number: int  # the row number the clerk sees in the spreadsheet; the header is row 1
    cells: dict  # column name -> raw value; a column absent from the file has no key


@dataclass
class ParsedFile:
    name: str
    rows: list[SourceRow]
    columns: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def __str__(self):
        return _("Baris %(row)s, kolom %(column)s: %(message)s (isian: %(value)s)") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "value": f"«{self.value}»" if self.value != "" else _("kosong"),
        }

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class PlannedChange:
    row: int
    nip: str
    name: str
    action: str  # "create", "update" or "unchanged"
    details: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows_read: int = 0
    creates: list[PlannedChange] = field(default_factory=list)
    updates: list[PlannedChange] = field(default_factory=list)
    unchanged: list[PlannedChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # What apply_import writes.
    new_positions: list[Position] = field(default_factory=list)
    new_employees: list[Employee] = field(default_factory=list)
    changed_employees: list[Employee] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    ended_assignments: list[Assignment] = field(default_factory=list)
    new_assignments: list[Assignment] = field(default_factory=list)
    applied: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def changes(self, limit: int | None = None) -> list[PlannedChange]:
        """The rows that create or update an employee, in file order."""
        rows = sorted(self.creates + self.updates, key=lambda change: change.row)
        return rows if limit is None else rows[:limit]


# --------------------------------------------------------------------------- reading the file


def parse_file(*, name: str, data: bytes) -> ParsedFile:
    """Read a CSV or XLSX file into rows, or raise ImportFileError with one clear reason."""
    lowered = (name or "").lower()
    if not lowered.endswith(EXTENSIONS):
        raise ImportFileError(
            _("Berkas «%(name)s» bukan CSV atau XLSX. Simpan data sebagai .csv atau .xlsx.")
            % {"name": name}
        )
    if not data:
        raise ImportFileError(_("Berkas «%(name)s» kosong.") % {"name": name})
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_FILE_BYTES // 1024 // 1024}
        )
    table = _read_xlsx(data) if lowered.endswith(".xlsx") else _read_csv(data)
    return _to_rows(name, table)


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "Berkas CSV tidak berkode UTF-8. Di Excel, pilih Simpan Sebagai → "
                "«CSV UTF-8 (dipisahkan koma)», lalu unggah lagi."
            )
        ) from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Every record counts, blank ones too, so the numbers match the rows Excel shows.
        return list(enumerate(reader, start=1))
    except csv.Error as error:
        raise ImportFileError(
            _("Berkas CSV tidak dapat dibaca: %(reason)s.") % {"reason": error}
        ) from None


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    import openpyxl  # only the XLSX path needs it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or disguised file
        raise ImportFileError(
            _(
                "Berkas XLSX tidak dapat dibaca. Pastikan berkas dibuat dengan Excel "
                "atau LibreOffice."
            )
        ) from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for cells in sheet.iter_rows():
            number = next((cell.row for cell in cells if hasattr(cell, "row")), None)
            if number is None:
                continue  # an all-empty row: nothing to report, and it carries no number
            table.append((number, [cell.value for cell in cells]))
        return table
    finally:
        workbook.close()


def _column_name(value) -> str:
    return _SPACES.sub("_", str(value if value is not None else "").strip().lower())


def _to_rows(name: str, table: list[tuple[int, list]]) -> ParsedFile:
    if not table or not any(_is_filled(value) for value in table[0][1]):
        raise ImportFileError(
            _("Baris 1 berkas «%(name)s» harus berisi nama kolom (nip, nama, …).") % {"name": name}
        )
    header_number, header = table[0]
    if header_number != 1:
        raise ImportFileError(_("Baris 1 harus berisi nama kolom; baris itu kosong."))
    positions: dict[str, int] = {}
    ignored = []
    for index, raw in enumerate(header):
        column = _column_name(raw)
        if not column:
            continue
        if column in positions:
            raise ImportFileError(
                _("Kolom «%(column)s» muncul dua kali di baris 1.") % {"column": column}
            )
        if column in COLUMNS:
            positions[column] = index
        else:
            ignored.append(str(raw).strip())
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada di baris 1: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, values in table[1:]:
        if not any(_is_filled(value) for value in values):
            continue
        cells = {
            column: values[index] if index < len(values) else None
            for column, index in positions.items()
        }
        rows.append(SourceRow(number=number, cells=cells))
    if not rows:
        raise ImportFileError(_("Berkas «%(name)s» tidak berisi baris data.") % {"name": name})
    warnings = []
    if ignored:
        warnings.append(
            _("Kolom yang tidak dikenal diabaikan: %(columns)s.")
            % {"columns": ", ".join(f"«{column}»" for column in ignored)}
        )
    return ParsedFile(name=name, rows=rows, columns=list(positions), warnings=warnings)


def _is_filled(value) -> bool:
    return value is not None and str(value).strip() != ""


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


class _RowChecker:
    def __init__(self, source: SourceRow, errors: list[RowError]):
        self.source = source
        self.errors = errors
        self.failed = False
        self.row = _Row(number=source.number, present=frozenset(source.cells))

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
        raw = self.raw("nip")
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            self.error(
                "nip",
                _(
                    "NIP tersimpan sebagai angka, sehingga Excel sudah membulatkannya. Format "
                    "kolom nip sebagai Teks, ketik ulang NIP-nya, lalu simpan lagi."
                ),
            )
            return
        text = _display(raw)
        if not text:
            self.error("nip", _("Wajib diisi."))
            return
        if _SCIENTIFIC.match(text) or _DECIMAL.match(text):
            self.error(
                "nip",
                _(
                    "NIP sudah diubah Excel menjadi angka (%(value)s). Format kolom nip sebagai "
                    "Teks, ketik ulang NIP-nya, lalu simpan lagi sebagai CSV."
                )
                % {"value": text},
            )
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


# --------------------------------------------------------------------------- planning


def _chunks(items: list, size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _when(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def plan_import(*, rows: list[SourceRow], user=None) -> ImportPlan:
    """Check every row and work out the writes; reads only, in a fixed number of queries.

    `user` None means the command line (no unit scope); otherwise the user needs the
    import permission and may touch only the units and employees in their scope.
    """
    if user is not None and not user.has_perm(PERMISSION):
        raise PermissionDenied(_("Anda tidak berhak mengimpor data pegawai."))
    plan = ImportPlan(rows_read=len(rows))
    checked = [_RowChecker(source, plan.errors) for source in rows]
    for checker in checked:
        checker.check()

    first_row_of_nip: dict[str, int] = {}
    for checker in checked:
        nip = checker.row.nip
        if nip is None:
            continue
        if nip in first_row_of_nip:
            checker.error(
                "nip",
                _("NIP ini muncul dua kali dalam berkas: di baris %(first)s dan baris %(row)s.")
                % {"first": first_row_of_nip[nip], "row": checker.row.number},
            )
            checker.row.nip = None  # judged once, at its first row
        else:
            first_row_of_nip[nip] = checker.row.number

    db = _load(checked, user)
    for checker in checked:
        _plan_row(plan, checker, db)
    plan.errors.sort(key=lambda error: (error.row, COLUMNS.index(error.column)))
    return plan


@dataclass
class _Database:
    units: dict[str, Unit]
    allowed_unit_ids: set[int] | None  # None: every unit
    employees: dict[str, Employee]
    in_scope_nips: set[str] | None  # None: every employee
    latest: dict[int, Assignment]
    positions: dict[tuple[int, str], Position]


def _load(checked: list[_RowChecker], user) -> _Database:
    codes = sorted({c.row.unit_code for c in checked if c.row.unit_code})
    nips = sorted({c.row.nip for c in checked if c.row.nip})
    titles = sorted({c.row.title for c in checked if c.row.title})
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    restricted = user is not None and not scoping.is_unrestricted(user)
    allowed = set(scoping.units_for(user).values_list("pk", flat=True)) if restricted else None

    employees, in_scope = {}, set() if restricted else None
    for chunk in _chunks(nips):
        employees.update((e.nip, e) for e in Employee.objects.filter(nip__in=chunk))
        if restricted:
            in_scope.update(
                scoping.scoped_queryset(Employee, user)
                .filter(nip__in=chunk)
                .values_list("nip", flat=True)
            )
    latest = {}
    employee_ids = sorted(e.pk for e in employees.values())
    for chunk in _chunks(employee_ids):
        # The latest primary assignment is the open one, if any: assignments never overlap.
        latest.update(
            (a.employee_id, a)
            for a in Assignment.objects.primary()
            .filter(employee_id__in=chunk)
            .select_related("position", "position__unit")
            .order_by("employee_id", "-start")
            .distinct("employee_id")
        )
    positions = {
        (p.unit_id, p.title): p
        for p in Position.objects.filter(
            unit_id__in=[u.pk for u in units.values()], title__in=titles
        ).select_related("unit")
    }
    return _Database(units, allowed, employees, in_scope, latest, positions)


def _position_label(position: Position) -> str:
    return f"«{position.title}» ({position.unit.code})"


def _plan_row(plan: ImportPlan, checker: _RowChecker, db: _Database) -> None:
    row = checker.row
    unit = None
    if row.unit_code:
        unit = db.units.get(row.unit_code)
        if unit is None:
            checker.error("unit_kode", _("Kode unit tidak dikenal di portal."))
        elif db.allowed_unit_ids is not None and unit.pk not in db.allowed_unit_ids:
            checker.error("unit_kode", _("Unit ini di luar cakupan unit Anda."))
            unit = None
        elif not unit.is_active:
            checker.error("unit_kode", _("Unit ini sudah tidak aktif."))
            unit = None

    employee = db.employees.get(row.nip) if row.nip else None
    if employee is not None and db.in_scope_nips is not None and row.nip not in db.in_scope_nips:
        checker.error("nip", _("Pegawai dengan NIP ini di luar cakupan unit Anda."))
        return

    position = None
    if unit is not None and row.title and row.jabatan_type is not None:
        key = (unit.pk, row.title)
        position = db.positions.get(key)
        if position is None:
            position = Position(
                unit=unit, title=row.title, jabatan_type=row.jabatan_type, level=row.level
            )
            position._import_row = row.number
            db.positions[key] = position
            plan.new_positions.append(position)
        elif (position.jabatan_type, position.level) != (row.jabatan_type, row.level):
            where = (
                _("di baris %(row)s berkas ini") % {"row": position._import_row}
                if position.pk is None
                else _("di portal")
            )
            checker.error(
                "jenis_jabatan",
                _(
                    "Jabatan «%(title)s» di unit %(unit)s sudah tercatat %(where)s sebagai "
                    "%(type)s%(level)s; samakan jenis jabatan dan jenjangnya."
                )
                % {
                    "title": row.title,
                    "unit": unit.code,
                    "where": where,
                    "type": position.jabatan_type,
                    "level": f" {position.level}" if position.level else "",
                },
                value=f"{row.jabatan_type} {row.level}".strip(),
            )
            position = None

    if checker.failed or row.nip is None:
        return

    target = {
        "employment_type": row.employment_type,
        "name": row.name,
        "golongan": row.golongan,
        "gender": row.gender,
        "birth_date": row.birth_date,
        "tmt_cpns": row.decoded.tmt_cpns if row.decoded else None,
    }
    for column, field_name in (
        ("gelar_depan", "gelar_depan"),
        ("gelar_belakang", "gelar_belakang"),
        ("email", "email"),
        ("telepon", "phone"),
    ):
        if column in row.present:
            target[field_name] = getattr(row, field_name)
    if row.status:
        target["status"] = row.status
    elif employee is None:
        target["status"] = EmployeeStatus.ACTIVE

    if employee is None:
        employee = Employee(nip=row.nip, **target)
        if not _model_checks(checker, employee):
            return
        plan.new_employees.append(employee)
        plan.new_assignments.append(
            Assignment(employee=employee, position=position, start=row.tmt, is_primary=True)
        )
        plan.creates.append(
            PlannedChange(
                row=row.number,
                nip=row.nip,
                name=employee.full_name,
                action="create",
                details=[
                    _("pegawai baru; jabatan %(position)s mulai %(date)s")
                    % {"position": _position_label(position), "date": _when(row.tmt)}
                ],
            )
        )
        return

    details, changed = [], []
    for field_name, value in target.items():
        old = getattr(employee, field_name)
        if old != value:
            changed.append(field_name)
            details.append(
                f"{EMPLOYEE_FIELD_COLUMNS[field_name]}: «{_display(old)}» → «{_display(value)}»"
            )
            setattr(employee, field_name, value)
    if changed and not _model_checks(checker, employee):
        return

    latest = db.latest.get(employee.pk)
    move = None
    if latest is None:
        move = (None, row.tmt)
    elif (
        position.pk is not None
        and latest.position_id == position.pk
        and (latest.end is None or latest.start == row.tmt)
    ):
        pass  # already holds this position
    elif latest.end is None:
        if row.tmt <= latest.start:
            checker.error(
                "tmt_jabatan",
                _(
                    "TMT jabatan baru harus setelah TMT jabatan sekarang, %(position)s "
                    "mulai %(date)s."
                )
                % {"position": _position_label(latest.position), "date": _when(latest.start)},
            )
            return
        move = (latest, row.tmt)
    elif row.tmt <= latest.end:
        checker.error(
            "tmt_jabatan",
            _("TMT jabatan harus setelah jabatan terakhir %(position)s berakhir (%(date)s).")
            % {"position": _position_label(latest.position), "date": _when(latest.end)},
        )
        return
    else:
        move = (None, row.tmt)

    if move is not None:
        ended, start = move
        if ended is not None:
            ended.end = start - timedelta(days=1)
            plan.ended_assignments.append(ended)
        plan.new_assignments.append(
            Assignment(employee=employee, position=position, start=start, is_primary=True)
        )
        details.append(
            _("jabatan: %(old)s → %(new)s mulai %(date)s")
            % {
                "old": _position_label(latest.position) if latest else _("(belum ada)"),
                "new": _position_label(position),
                "date": _when(start),
            }
        )
    change = PlannedChange(row=row.number, nip=row.nip, name=employee.full_name, action="")
    if changed:
        plan.changed_employees.append(employee)
        plan.changed_fields.update(changed)
    if details:
        change.action, change.details = "update", details
        plan.updates.append(change)
    else:
        change.action = "unchanged"
        plan.unchanged.append(change)


def _model_checks(checker: _RowChecker, employee: Employee) -> bool:
    """Run the model's own field checks (no queries) as a last guard before writing."""
    try:
        employee.clean_fields(exclude=["public_id"])
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = EMPLOYEE_FIELD_COLUMNS.get(field_name, field_name)
            checker.error(column, " ".join(messages))
        return False
    return True


# --------------------------------------------------------------------------- writing


def apply_import(*, plan: ImportPlan) -> ImportPlan:
    """Write a checked plan in one transaction; a plan with errors is refused."""
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    if plan.applied:
        raise ValueError("this plan has already been applied")
    with transaction.atomic():
        Position.objects.bulk_create(plan.new_positions)
        Employee.objects.bulk_create(plan.new_employees)
        # updated_at is auto_now, which a bulk update does not set by itself.
        now = timezone.now()
        for employee in plan.changed_employees:
            employee.updated_at = now
        _bulk_update(Employee, plan.changed_employees, sorted(plan.changed_fields | {"updated_at"}))
        # The old assignment must end before the new one starts, or the exclusion constraint
        # on overlapping primary assignments refuses the insert.
        _bulk_update(Assignment, plan.ended_assignments, ["end"])
        Assignment.objects.bulk_create(plan.new_assignments)
    plan.applied = True
    return plan


def _bulk_update(model, objects: list, field_names: list[str]) -> None:
    """Write `field_names` of many rows in one UPDATE … FROM unnest(arrays) statement.

    Django's bulk_update builds a CASE with one branch per row, which took about ten seconds
    for 10,000 employees; one array per column costs a fraction of a second at any size.
    """
    if not objects:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [meta.pk, *(meta.get_field(name) for name in field_names)]
    arrays = [
        [column.get_db_prep_save(getattr(obj, column.attname), connection) for obj in objects]
        for column in columns
    ]
    names = ", ".join(quote(column.column) for column in columns)
    casts = ", ".join(f"%s::{column.db_type(connection)}[]" for column in columns)
    assignments = ", ".join(
        f"{quote(column.column)} = incoming.{quote(column.column)}" for column in columns[1:]
    )
    pk = quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {assignments} "
            f"FROM unnest({casts}) AS incoming({names}) "
            f"WHERE {quote(meta.db_table)}.{pk} = incoming.{pk}",
            arrays,
        )


def plan_file(*, name: str, data: bytes, user=None) -> ImportPlan:
    """Parse and plan in one go; file-level problems raise ImportFileError."""
    parsed = parse_file(name=name, data=data)
    plan = plan_import(rows=parsed.rows, user=user)
    plan.warnings[:0] = parsed.warnings
    return plan


def template_csv() -> bytes:
    """A blank file with every column and two example rows, for clerks to fill in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "198503152010012003", "PNS", "dr.", "Siti Rahmawati", "M.Kes.", "P", "15-03-1985",
            "III/d", "dinkes", "Kepala Bidang Pelayanan Kesehatan", "administrator", "",
            "01-02-2023", "siti.rahmawati@tanjungpinangkota.go.id", "081234567890", "aktif",
        ]
    )  # fmt: skip
    writer.writerow(
        [
            "199002172023212005", "PPPK", "", "Budi Santoso", "S.Kom.", "L", "17-02-1990", "IX",
            "diskominfo", "Pranata Komputer Ahli Pertama", "fungsional_keahlian", "ahli_pertama",
            "01-04-2023", "", "", "aktif",
        ]
    )  # fmt: skip
    # Excel reads a UTF-8 CSV right only when it starts with the byte-order mark.
    return buffer.getvalue().encode("utf-8-sig")
