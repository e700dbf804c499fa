"""Columns, limits and the records an import passes between its steps."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from personnel.choices import (
    PNS_GOLONGAN,
    PPPK_GOLONGAN,
    Gender,
    JabatanLevel,
)
from personnel.models import Assignment, Employee, Position

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
class ChangePlan:
    """What an import found in a file, row by row: each row creates, updates or leaves a
    record unchanged (the imports whose rows are such changes share it)."""

    rows_read: int = 0
    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def record_counts(self) -> dict[str, int]:
        """The counts kept on the history row (the history model's COUNT_FIELDS)."""
        return {
            "created_count": len(self.creates),
            "updated_count": len(self.updates),
            "unchanged_count": len(self.unchanged),
        }

    def changes(self, limit: int | None = None) -> list:
        """The rows that create or update a record, in file order."""
        rows = sorted(self.creates + self.updates, key=lambda change: change.row)
        return rows if limit is None else rows[:limit]


@dataclass
class ImportPlan(ChangePlan):
    """A personnel file's changes (PlannedChange rows) and what apply_import writes."""

    new_positions: list[Position] = field(default_factory=list)
    new_employees: list[Employee] = field(default_factory=list)
    changed_employees: list[Employee] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    ended_assignments: list[Assignment] = field(default_factory=list)
    new_assignments: list[Assignment] = field(default_factory=list)
