"""Import of training attendance (who attended which event, for how many JP) from CSV or XLSX.

The same steps as the personnel and SKP imports, on their reading and reporting code
(`personnel.importing`): `parse_file` reads the rows, `plan_import` checks every row against
the database in a fixed number of queries and works out which records to create or update.
The plan is written by `training.services.attendance_import_write`, in one transaction; a plan
with any error is never written.
"""

from training.importing.base import (
    COLUMNS,
    PERMISSION,
    REQUIRED_COLUMNS,
    PlannedAttendance,
    TrainingImportPlan,
)
from training.importing.planning import plan_file, plan_import
from training.importing.reading import parse_file, template_csv

__all__ = [
    "COLUMNS",
    "PERMISSION",
    "REQUIRED_COLUMNS",
    "PlannedAttendance",
    "TrainingImportPlan",
    "parse_file",
    "plan_file",
    "plan_import",
    "template_csv",
]
