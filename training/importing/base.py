"""Columns of a training attendance file and the records an import passes between its steps."""

from dataclasses import dataclass, field

from personnel.importing import RowError
from training.models import TrainingRecord

PERMISSION = "training.import_training"

COLUMNS = ("nip", "nama", "kode_pelatihan", "jp", "nomor_sertifikat")
REQUIRED_COLUMNS = ("nip", "kode_pelatihan", "jp")


@dataclass
class PlannedAttendance:
    row: int
    nip: str
    name: str
    event_code: str
    action: str  # "create", "update" or "unchanged"
    record: TrainingRecord
    details: list[str] = field(default_factory=list)


@dataclass
class TrainingImportPlan:
    rows_read: int = 0
    creates: list[PlannedAttendance] = field(default_factory=list)
    updates: list[PlannedAttendance] = field(default_factory=list)
    unchanged: list[PlannedAttendance] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    user: object = None  # who imports: the audit's actor
    # Whether the file has the nomor_sertifikat column: without it, certificates stay as they are.
    certificates: bool = True
    applied: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def record_counts(self) -> dict[str, int]:
        """The counts kept on the history row (TrainingImport.COUNT_FIELDS)."""
        return {
            "created_count": len(self.creates),
            "updated_count": len(self.updates),
            "unchanged_count": len(self.unchanged),
        }

    def changes(self, limit: int | None = None) -> list[PlannedAttendance]:
        """The rows that create or update an attendance record, in file order."""
        rows = sorted(self.creates + self.updates, key=lambda change: change.row)
        return rows if limit is None else rows[:limit]
