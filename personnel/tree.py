"""Walking the unit tree in Python, once it has been read in one query."""

from collections.abc import Sequence

from personnel.models import Unit


def top_level_units(units: Sequence[Unit]) -> tuple[list[Unit], dict[int, int]]:
    """The units right under the root, and for every unit the top-level unit it belongs to.

    A root with no units under it counts as a top-level unit itself. Reports placed on a root
    that has units under it map to the root.
    """
    by_id = {unit.pk: unit for unit in units}
    roots = {unit.pk for unit in units if unit.parent_id is None or unit.parent_id not in by_id}
    has_children = {unit.parent_id for unit in units if unit.parent_id is not None}
    top = [
        unit
        for unit in units
        if (unit.parent_id in roots and unit.pk not in roots)
        or (unit.pk in roots and unit.pk not in has_children)
    ]
    top_ids = {unit.pk for unit in top}
    owner: dict[int, int] = {}
    for unit in units:
        node, seen = unit, set()
        while node.pk not in top_ids and node.pk not in roots and node.pk not in seen:
            seen.add(node.pk)
            node = by_id[node.parent_id]
        owner[unit.pk] = node.pk
    return top, owner
