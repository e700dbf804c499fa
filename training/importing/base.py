"""Columns of a training attendance file and the records an import passes between its steps."""

from dataclasses import dataclass, field

from personnel.importing.base import ChangePlan
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
class TrainingImportPlan(ChangePlan):
    """An attendance file's changes (PlannedAttendance rows)."""

    user: object = None  # who imports: the audit's actor
    # Whether the file has the nomor_sertifikat column: without it, certificates stay as they are.
    certificates: bool = True
