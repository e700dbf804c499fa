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

A list no index gives in its order (every period at once; filters the listing keys do not hold,
sorted by predikat or unit) is read by walking its rows up to the page, from the nearer end: the
middle of every period's 1.2 million reports took 2.5 s on the scale data, and a crawler that
follows "next" walks them all, page after page. `ListPaginator` serves such a list's pages only
within MAX_WALK rows of either end; a deeper page number shows the nearest page it serves, and
no link leads past it.
"""

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

# How many rows a page may walk past (ListPaginator): 4-16 µs a row on the scale data, so at
# most ~0.05-0.15 s; 200 pages from either end of a list read by walking.
MAX_WALK = 10_000


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

    def walk(self, start: int, stop: int) -> int:
        """How many rows reading [start, stop) walks past (ListPaginator): none, an index
        gives the slice's first row."""
        return 0

    def landmarks(self) -> list[int]:
        """Rows near which a slice walks little, for ListPaginator.nearest_reachable()."""
        return []


class NearerEnd(SlicedRows):
    """An ordered queryset of known size whose slices are read from the nearer end."""

    def __init__(self, rows, size: int, *, from_counts: bool):
        super().__init__(
            size, lambda start, stop: take(rows, start, stop, size), from_counts=from_counts
        )

    def walk(self, start: int, stop: int) -> int:
        return min(start, self.size - stop)

    def landmarks(self) -> list[int]:
        return [MAX_WALK, self.size - MAX_WALK]


def consecutive(index, size: int) -> tuple[int, int]:
    if not isinstance(index, slice) or index.step not in (None, 1):
        raise TypeError("only a slice of consecutive rows can be taken")
    start, stop, _step = index.indices(size)
    return start, stop


class SegmentedRows:
    """Rows in groups of known sizes; `fetch(pieces)` returns the rows of those pieces."""

    ordered = True  # for Paginator's check: the groups and each group are in a set order
    from_counts = True

    def __init__(
        self,
        sizes: Sequence[int],
        fetch: Callable[[list[Piece]], list],
        *,
        walked: Sequence[bool] = (),
    ):
        self.sizes = list(sizes)
        self.fetch = fetch
        self.walked = list(walked) or [False] * len(self.sizes)  # each group's: walked (take())

    def count(self) -> int:
        return sum(self.sizes)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        start, stop = consecutive(index, self.count())
        return self.fetch(pieces(self.sizes, start, stop)) if start < stop else []

    def walk(self, start: int, stop: int) -> int:
        """The most rows a walked group's part of [start, stop) walks past (ListPaginator).

        Read from the group's nearer end, `depth` rows into it: in name order over the whole
        list, which passes about depth * total / size rows, or the group sorted whole, which
        reads its size, whichever is less (ReportFilter.segmented() chooses so)."""
        total = self.count()
        walked = [0]
        for piece in pieces(self.sizes, start, stop):
            size = self.sizes[piece.segment]
            if self.walked[piece.segment]:
                depth = min(piece.offset, size - piece.offset - piece.limit)
                walked.append(min(depth * total // size, size))
        return max(walked)

    def landmarks(self) -> list[int]:
        """Where each group starts: a page there reads both groups from their nearer ends."""
        return list(itertools.accumulate(self.sizes))


class ListPaginator(Paginator):
    """Django's Paginator, but it serves only the pages whose rows walk past at most MAX_WALK
    others (their `walk()`). get_page() gives the nearest of those for any other number, and
    `out_of_reach` says it did; a page's previous and next links only lead to pages it serves
    (ListPage). Its count stays the list's full length."""

    out_of_reach = False
    NEAR = 100  # pages looked at on either side for the nearest one served

    def reachable(self, number: int) -> bool:
        start = (number - 1) * self.per_page
        stop = min(start + self.per_page, self.count)
        return self.object_list.walk(start, stop) <= MAX_WALK

    def nearest_reachable(self, number: int) -> int:
        """`number` if it is served, else the nearest page that is: among the NEAR pages on
        either side of it, those at the rows' landmarks (group boundaries; MAX_WALK rows from
        either end), and the first and last pages, which never walk."""
        if self.reachable(number):
            return number
        per_page = self.per_page
        candidates = {1, self.num_pages, *range(number - self.NEAR, number + self.NEAR + 1)}
        for row in self.object_list.landmarks():
            candidates |= {row // per_page, row // per_page + 1, -(-row // per_page)}
        served = [n for n in candidates if 1 <= n <= self.num_pages and self.reachable(n)]
        return min(served, key=lambda n: (abs(n - number), n))

    def get_page(self, number):
        """The page `number`, or the nearest page that exists and is served; read only once
        it is known, so that a deep number never walks the rows before it."""
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages
        nearest = self.nearest_reachable(number)
        self.out_of_reach = nearest != number
        return self.page(nearest)

    def _get_page(self, *args, **kwargs):
        return ListPage(*args, **kwargs)


class ListPage(Page):
    """A page whose links lead only to pages its ListPaginator serves."""

    def has_next(self) -> bool:
        return super().has_next() and self.paginator.reachable(self.number + 1)

    def has_previous(self) -> bool:
        return super().has_previous() and self.paginator.reachable(self.number - 1)

    @property
    def at_edge_of_reach(self) -> bool:
        """Whether more pages lie beyond a link this page does not show."""
        return (self.number < self.paginator.num_pages and not self.has_next()) or (
            self.number > 1 and not self.has_previous()
        )
