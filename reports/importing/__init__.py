"""Import of SKP evaluation results exported from e-Kinerja, from a CSV or XLSX file.

The same three steps as the personnel import, on the same reading and reporting code
(`personnel.importing`): `parse_file` reads the rows, `plan_import` checks every row and every
report against the database in a fixed number of queries and works out the writes,
`apply_import` writes the plan in one transaction. A plan with any error is never applied.
"""

from reports.importing.base import (
    COLUMNS,
    PERMISSION,
    REQUIRED_COLUMNS,
    PlannedReport,
    SkpImportPlan,
)
from reports.importing.planning import plan_file, plan_import
from reports.importing.reading import parse_file, template_csv
from reports.importing.writing import apply_import

__all__ = [
    "COLUMNS",
    "PERMISSION",
    "REQUIRED_COLUMNS",
    "PlannedReport",
    "SkpImportPlan",
    "apply_import",
    "parse_file",
    "plan_file",
    "plan_import",
    "template_csv",
]
