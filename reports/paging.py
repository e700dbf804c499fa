"""Pages of the report list: each read from the nearer end, and by predikat or unit one group
at a time.

A page deep in a list of ~100,000 reports made PostgreSQL walk every row before it (OFFSET).
`take()` reads a page in the second half of the list backwards from the end instead, so no page
walks more than half the list: the last page is as cheap as the first.

Sorted by predikat, a period's list is five groups one after the other (Sangat Baik, then Baik,
…), each in name order; sorted by unit, it is the units' groups in the order of their names.
Sorting the whole period's ~100,000 reports to show fifty of them took PostgreSQL 0.4 s for the
first page. The published counts (reports.PublishedCount) say how many reports each group has
under the list's filters, so the rows of a page are found in the groups the page spans: a
large group in name order, which the name index gives without sorting, a small one sorted
whole, and the whole groups between a page's first and last in one query (ReportFilter
.segmented()).

In name order, a group or a whole period's list is read through reports.ListingKey, which has
each published report's period, predikat, unit and name under indexes in name order: a page's
ids are an index-only scan to its first row (for the ~33,000th row of a period's Baik group,
~9 ms instead of ~180 ms sorting the group), then its rows are read by id, in one prepared
statement (`SlicedRows`, reports.filters.keyed_page). Only filters those indexes cover go that
way (one period; a predikat; one unit); others walk or sort as above.

`NearerEnd`, `SegmentedRows` and `SlicedRows` stand in for the queryset under Django's Paginator:
they know their length (from the counts, or one COUNT) and answer a slice with the rows of that
slice. A report published between the count and the page can shift a page by a row, as between
any two page loads.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    segment: int  # index of the group
    offset: int  # first row within the group
    limit: int  # rows taken from it


def pieces(sizes: Sequence[int], start: int, stop: int) -> list[Piece]:
    """The parts of the groups (of these sizes, in order) that rows [start, stop) cover."""
    found, before = [], 0
    for segment, size in enumerate(sizes):
        low, high = max(start, before), min(stop, before + size)
        if low < high:
            found.append(Piece(segment, low - before, high - low))
        before += size
        if before >= stop:
            break
    return found


def from_nearer_end(start: int, stop: int, size: int) -> tuple[int, int, bool]:
    """Rows [start, stop) of `size` as the slice to read from the nearer end: (start, stop,
    whether it is counted from the end, in the reversed order)."""
    if start <= size - stop:
        return start, stop, False
    return max(size - stop, 0), size - start, True


def take(rows, start: int, stop: int, size: int) -> list:
    """`rows[start:stop]` of an ordered queryset of `size` rows, read from the nearer end.

    The order must be total (the list's sorts end with the primary key), so that read backwards
    it is exactly the reverse.
    """
    start, stop, backwards = from_nearer_end(start, stop, size)
    if not backwards:
        return list(rows[start:stop])
    return list(rows.reverse()[start:stop])[::-1]


class SlicedRows:
    """Rows of known size read a slice at a time by `fetch(start, stop)` (for the listing keys,
    reports.filters.keyed_page: the ids from the keys' index, then their rows, in one query)."""

    ordered = True  # for Paginator's check: the rows come in a set order

    def __init__(self, size: int, fetch: Callable[[int, int], list], *, from_counts: bool = True):
        self.size, self.fetch = size, fetch
        self.from_counts = from_counts  # sized by the published counts, not by its rows

    def count(self) -> int:
        return self.size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):
        start, stop = consecutive(index, self.size)
        return self.fetch(start, stop) if start < stop else []


class NearerEnd(SlicedRows):
    """An ordered queryset of known size whose slices are read from the nearer end."""

    def __init__(self, rows, size: int, *, from_counts: bool):
        super().__init__(
            size, lambda start, stop: take(rows, start, stop, size), from_counts=from_counts
        )


def consecutive(index, size: int) -> tuple[int, int]:
    if not isinstance(index, slice) or index.step not in (None, 1):
        raise TypeError("only a slice of consecutive rows can be taken")
    start, stop, _step = index.indices(size)
    return start, stop


class SegmentedRows:
    """Rows in groups of known sizes; `fetch(pieces)` returns the rows of those pieces."""

    ordered = True  # for Paginator's check: the groups and each group are in a set order
    from_counts = True

    def __init__(self, sizes: Sequence[int], fetch: Callable[[list[Piece]], list]):
        self.sizes = list(sizes)
        self.fetch = fetch

    def count(self) -> int:
        return sum(self.sizes)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        start, stop = consecutive(index, self.count())
        return self.fetch(pieces(self.sizes, start, stop)) if start < stop else []
