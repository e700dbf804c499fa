"""What a public page may show of people: the one place that decides it.

Public pages show an employee's name, gelar, position, unit and golongan, and link to them by
public_id. They never show the NIP, birth date, TMT CPNS, e-mail or telephone
(public_employee_fields() is all a public queryset loads). Counts over fewer than
SUPPRESSION_THRESHOLD people are suppressed, and when a table would let a reader work out one
suppressed cell from its total, the next smallest cell is suppressed too (complementary
suppression).
"""

import functools
from typing import Any, NamedTuple

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef

PUBLIC_EMPLOYEE_FIELDS = (
    "public_id",
    "gelar_depan",
    "name",
    "gelar_belakang",
    "employment_type",
    "golongan",
    "status",
)


def public_employee_fields(prefix: str = "") -> list[str]:
    """The employee columns a public queryset may load, for `.only()` (behind a relation prefix)."""
    return [f"{prefix}{field}" for field in ("id", *PUBLIC_EMPLOYEE_FIELDS)]


def name_withheld(employee_ref: str = "pk") -> Exists:
    """True for an employee the PPID has withheld (reports.Withholding, active).

    A withheld employee's name appears on no public page, not even as a unit's head or as the
    evaluator of someone else's report: those show the position only. For an annotation, with
    `employee_ref` the column holding the employee's id ("evaluator_id", "employee_id").
    The model is looked up by name: reports comes after personnel and is not imported here.
    """
    withholding = apps.get_model("reports", "Withholding")
    return Exists(withholding.objects.active().filter(employee_id=OuterRef(employee_ref)))


class Cell(NamedTuple):
    """A count of a table, with its column's key and label. A named tuple rather than a frozen
    dataclass: the city dashboard makes hundreds at each request, and a frozen dataclass takes
    about twice as long to make one."""

    key: Any
    label: str
    value: int | None  # None: suppressed

    @property
    def suppressed(self) -> bool:
        return self.value is None


# Cell(*fields) from a tuple of its fields, without the named tuple's generated __new__ (a
# Python function): tables of hundreds of cells make them at each request.
make_cell = functools.partial(tuple.__new__, Cell)


def threshold() -> int:
    return settings.SUPPRESSION_THRESHOLD


def suppress(count: int) -> int | None:
    return None if 0 < count < threshold() else count


def suppressed_table(
    counts: dict, labels: list[tuple[Any, str]], *, skip_empty: bool = False
) -> tuple[list[Cell], Cell]:
    """Cells in the order of `labels` plus a total, with small counts suppressed."""
    total = sum(counts.values())
    values = {key: counts.get(key, 0) for key, _ in labels}
    hidden = {key for key, n in values.items() if 0 < n < threshold()}
    if total < threshold():
        hidden = {key for key, n in values.items() if n}
    elif len(hidden) == 1:
        # A lone suppressed cell could be recovered as total minus the others: hide one more.
        visible = sorted((n, str(key)) for key, n in values.items() if n and key not in hidden)
        if visible:
            smallest = visible[0][1]
            hidden |= {key for key in values if str(key) == smallest}
    cells = [
        Cell(key, label, None if key in hidden else values[key])
        for key, label in labels
        if values[key] or not skip_empty
    ]
    return cells, Cell("total", "", suppress(total))
