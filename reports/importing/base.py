"""Columns of an SKP results file and the records an import passes between its steps."""

from dataclasses import dataclass, field

from personnel.importing import RowError
from reports.choices import BerAkhlak
from reports.models import BehaviourRating, Indicator, Report

PERMISSION = "reports.import_skp"

BERAKHLAK_COLUMNS = tuple(f"berakhlak_{value}" for value in BerAkhlak.values)

# One value per report, repeated on each of its rows (or left blank after the first).
REPORT_COLUMNS = (
    "rating_hasil_kerja",
    "rating_perilaku",
    "nip_penilai",
    "nip_atasan_penilai",
    "catatan_penilai",
    *BERAKHLAK_COLUMNS,
)
# One value per row: the row's RHK and its indicator.
INDICATOR_COLUMNS = ("jenis_rhk", "rhk", "aspek", "iki", "target", "realisasi", "umpan_balik")

COLUMNS = ("nip", "nama", "periode", *REPORT_COLUMNS, *INDICATOR_COLUMNS)
REQUIRED_COLUMNS = (
    "nip",
    "periode",
    "rating_hasil_kerja",
    "rating_perilaku",
    "rhk",
    "aspek",
    "iki",
    "target",
)

# Which Report field each report-level column fills, for messages and the write.
REPORT_FIELDS = {
    "rating_hasil_kerja": "hasil_kerja",
    "rating_perilaku": "perilaku",
    "nip_penilai": "evaluator",
    "nip_atasan_penilai": "evaluator_superior",
    "catatan_penilai": "evaluator_notes",
}


@dataclass
class PlannedReport:
    row: int  # the report's first row in the file
    rows: list[int]
    nip: str
    name: str
    period: str
    action: str  # "create" or "replace" (an existing draft)
    report: Report
    indicators: list[Indicator] = field(default_factory=list)
    behaviours: list[BehaviourRating] = field(default_factory=list)


@dataclass
class SkpImportPlan:
    rows_read: int = 0
    reports: list[PlannedReport] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    user: object = None  # who imports: created_by of the new reports, the audit's actor
    applied: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def creates(self) -> list[PlannedReport]:
        return [planned for planned in self.reports if planned.action == "create"]

    @property
    def replaces(self) -> list[PlannedReport]:
        return [planned for planned in self.reports if planned.action == "replace"]

    @property
    def indicator_count(self) -> int:
        return sum(len(planned.indicators) for planned in self.reports)

    def record_counts(self) -> dict[str, int]:
        """The counts kept on the history row (SkpImport.COUNT_FIELDS)."""
        return {
            "report_count": len(self.creates),
            "replaced_count": len(self.replaces),
            "indicator_count": self.indicator_count,
        }

    def changes(self, limit: int | None = None) -> list[PlannedReport]:
        return self.reports if limit is None else self.reports[:limit]
