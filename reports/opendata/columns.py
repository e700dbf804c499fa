"""Columns, tables and datasets, and the streaming CSV and JSON writers built from them.

Every export is streamed: the rows come from a server-side cursor (`.iterator(chunk_size=)`),
each CSV line goes through a csv writer over a pseudo-buffer, and JSON is written record by
record, so a file of any size is never held whole in memory.
"""

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CHUNK_SIZE = 2000  # rows fetched from the server-side cursor at a time
ROWS_PER_WRITE = 200  # rows joined into one chunk of the response
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with this mark

# Types follow the Frictionless Table Schema names, so tools can read the dictionary.
TYPES = {
    "string": _("teks"),
    "integer": _("bilangan bulat"),
    "boolean": _("benar/salah (true/false)"),
    "date": _("tanggal (YYYY-MM-DD)"),
    "datetime": _("tanggal dan waktu (ISO 8601, WIB)"),
    "url": _("alamat web (URL)"),
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type, meaning and example, and how to read it."""

    name: str
    type: str
    description: str | Promise
    example: str
    value: Callable[[dict, "Context"], Any]
    nullable: bool = False

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}")

    @property
    def type_label(self):
        return TYPES[self.type]


def field_value(key: str) -> Callable[[dict, "Context"], Any]:
    return lambda row, context: row[key]


@dataclass(frozen=True)
class Context:
    """What the values of a row may depend on besides the row itself."""

    base_url: str  # scheme and host, e.g. https://kinerja.tanjungpinangkota.go.id


@dataclass(frozen=True)
class Table:
    """A list of records with the same columns: a CSV file, or one array of a JSON document."""

    key: str  # the JSON key holding the records
    title: str | Promise
    columns: tuple[Column, ...]
    rows: Callable[..., Iterable[dict]]  # a `.values()` queryset, given the file's arguments

    def records(self, context: Context, **kwargs) -> Iterator[dict]:
        rows = self.rows(**kwargs)
        if hasattr(rows, "iterator"):
            rows = rows.iterator(chunk_size=CHUNK_SIZE)
        for row in rows:
            yield {column.name: column.value(row, context) for column in self.columns}


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str | Promise
    description: str | Promise
    tables: tuple[Table, ...]
    formats: tuple[str, ...]
    per_period: bool = False
    notes: tuple[str | Promise, ...] = field(default=())


# --------------------------------------------------------------------------- value rendering


def json_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json_value(value)


class Echo:
    """A file-like object whose write() hands the line back instead of storing it."""

    def write(self, value):
        return value


def stream_csv(table: Table, context: Context, **kwargs) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield BOM + writer.writerow([column.name for column in table.columns])
    lines = []
    for record in table.records(context, **kwargs):
        lines.append(writer.writerow([csv_value(value) for value in record.values()]))
        if len(lines) == ROWS_PER_WRITE:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def stream_json(head: dict, tables: Iterable[Table], context: Context, **kwargs) -> Iterator[str]:
    """One JSON object: the `head` keys, then one array of records per table, written as read."""
    parts = [f"{json.dumps(key)}: {json.dumps(json_value(value))}" for key, value in head.items()]
    opening = "{\n" + "".join(f"  {part},\n" for part in parts)
    for n, table in enumerate(tables):
        yield (opening if n == 0 else ",\n") + f"  {json.dumps(table.key)}: ["
        lines, first = [], True
        for record in table.records(context, **kwargs):
            encoded = json.dumps(
                {key: json_value(value) for key, value in record.items()}, ensure_ascii=False
            )
            lines.append(("\n    " if first else ",\n    ") + encoded)
            first = False
            if len(lines) == ROWS_PER_WRITE:
                yield "".join(lines)
                lines = []
        yield "".join(lines) + ("\n  ]" if not first else "]")
    yield "\n}\n"
