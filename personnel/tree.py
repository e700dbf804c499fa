"""Walking the unit tree in Python, once it has been read in one query."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from personnel.models import UNIT_LINK, Unit


@dataclass(frozen=True, slots=True)
class UnitNode:
    """A unit as a page shows it in a tree or a link: lighter than a model instance, for pages
    that read the whole tree at every request (the walks below take either)."""

    pk: int
    parent_id: int | None
    code: str
    name: str
    is_active: bool = True

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return UNIT_LINK(self.code)

    @classmethod
    def from_row(cls, row: dict) -> "UnitNode":
        return cls(
            row["id"], row["parent_id"], row["code"], row["name"], row.get("is_active", True)
        )


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


def ancestors_in(tree: Sequence[Unit], unit: Unit) -> list[Unit]:
    """The units above `unit` in an already loaded tree, from the root down to its parent."""
    by_id = {node.pk: node for node in tree}
    chain, node, seen = [], by_id.get(unit.parent_id), {unit.pk}
    while node is not None and node.pk not in seen:
        chain.append(node)
        seen.add(node.pk)
        node = by_id.get(node.parent_id)
    return chain[::-1]


def subtree_ids(tree: Sequence[Unit], root_id: int) -> list[int]:
    """`root_id` and the ids of every unit below it in an already loaded tree."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for node in tree:
        children[node.parent_id].append(node.pk)
    found, seen, stack = [], set(), [root_id]
    while stack:
        pk = stack.pop()
        if pk not in seen:
            seen.add(pk)
            found.append(pk)
            stack.extend(children[pk])
    return found
