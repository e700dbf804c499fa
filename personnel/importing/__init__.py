"""Import of the personnel registry from a CSV or XLSX file.

Three steps, each a keyword-only function: `parse_file` reads the file into rows,
`plan_import` checks every row against the database and works out what would change,
`apply_import` writes the plan in one transaction. A plan with any error is never applied, so a
file either goes in whole or changes nothing. The database is read in a fixed number of queries
however long the file is, so 10,000 rows take seconds, not minutes.
"""

from personnel.importing.base import (
    COLUMNS,
    EXTENSIONS,
    MAX_FILE_BYTES,
    OPTIONAL_COLUMNS,
    PERMISSION,
    REQUIRED_COLUMNS,
    ImportFileError,
    ImportPlan,
    ParsedFile,
    PlannedChange,
    RowError,
    SourceRow,
)
from personnel.importing.planning import plan_file, plan_import
from personnel.importing.reading import parse_file, template_csv
from personnel.importing.writing import apply_import

__all__ = [
    "COLUMNS",
    "EXTENSIONS",
    "MAX_FILE_BYTES",
    "OPTIONAL_COLUMNS",
    "PERMISSION",
    "REQUIRED_COLUMNS",
    "ImportFileError",
    "ImportPlan",
    "ParsedFile",
    "PlannedChange",
    "RowError",
    "SourceRow",
    "apply_import",
    "parse_file",
    "plan_file",
    "plan_import",
    "template_csv",
]
