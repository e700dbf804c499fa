"""Querysets compiled to SQL once per process and run as prepared statements.

A public page that reads one row by its key (a report, an employee) spends far more time in the
ORM building and compiling its query, and in PostgreSQL planning it, than PostgreSQL spends
running it: on the scale data the report page's query took ~0.3 ms to run, ~4 ms to plan and
more than that to build. A `PreparedQuery` is written as an ordinary queryset, so the rules of
what is public stay in the queryset methods (`disclosed()`, `public()`…), but it is compiled
once per process, with distinctive example values for the page's parameters, and each request
only puts its own values in their places. It runs as a server-side prepared statement
(psycopg's `prepare=True`), so PostgreSQL plans it once per connection.

Only for queries whose plan does not depend on the values: lookups by key, or a search whose
indexes serve any words. A list whose best plan depends on the filter (a large unit or a small
one) must keep being planned per request; the generic plan of a prepared statement was measured
to make those slower (bench/README.md).

The statements go through Django's cursor wrapper, so execute wrappers, the debug query log
and the tests' query counts see them like any other query. They are SELECTs only (a `.values()`
queryset): django-pghistory leaves SELECTs alone, and prepends a `set_config()` to any other
statement it sees inside a history context, which would make two commands, and two commands
cannot be one prepared statement.

Prepared statements need `OPTIONS["prepare_threshold"]` (portal/settings.py,
DJANGO_DB_PREPARE); without it the same single query runs, planned at every call.

`prepare=False` keeps only the first half: compiled once, but sent as an ordinary query, so
PostgreSQL plans it for each call's values. That is for the queries whose best plan depends on
the values (a full-text search for a common word or a rare one), when building them is still
much of the cost. `CompiledSQL` is the same for a statement written around querysets' SQL.
`inline=True` writes the constants Django passes as parameters into the statement, so that a
generic plan can match them against an expression index (see `inlined()`). `opaque=True` hides
the values from the plans (with `inline`, the arguments only), so that PostgreSQL settles on the
generic plan rather than planning each run for its values when those make it look cheaper (see
`opaqued()`).
"""

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.models import DEFERRED, DateField, Field, Func, Model, QuerySet
from django.db.models.sql import Query
from psycopg.sql import Literal


class PreparingCursor(ServerBindingCursor):
    """A server-binding cursor whose every statement is prepared on its connection."""

    def execute(self, query, params=None, **kwargs):
        kwargs["prepare"] = True
        return super().execute(query, params, **kwargs)


def preparing_cursor(using: str = DEFAULT_DB_ALIAS):
    """A cursor of Django's (execute wrappers, query log) whose statements are prepared."""
    connection = connections[using]
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = PreparingCursor(connection.connection)
    return (
        connection.make_debug_cursor(raw)
        if connection.queries_logged
        else connection.make_cursor(raw)
    )


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple
    # (position in params, index of the argument, the type Django gave the value there: psycopg's
    # Int2 for a smallint column, so that the statement's parameter types stay the same)
    slots: tuple[tuple[int, int, type], ...]
    columns: tuple[str, ...]
    converters: dict
    compiler: Any


class PreparedQuery:
    """`build(*examples)` gives a `.values()` queryset; `rows(*args)` runs it for `args`.

    Each example must be a value that the query holds nowhere else (a string no column is
    compared with, an integer out of range), of the same type as the real arguments, so that
    its place among the compiled parameters can be found.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *examples,
        prepare: bool = True,
        inline: bool = False,
        opaque: bool = False,
    ):
        self.build = build
        self.examples = examples
        self.prepare = prepare
        self.inline = inline  # the constants written into the statement (see inlined())
        self.opaque = opaque  # every value hidden from the plans (see opaqued())
        self._compiled: dict[str, Compiled] = {}

    def compiled(self, using: str = DEFAULT_DB_ALIAS) -> Compiled:
        if using not in self._compiled:
            compiled = self.compile(using)
            if self.inline:
                compiled = inlined(compiled, using)
            if self.opaque:
                compiled = opaqued(compiled)
            self._compiled[using] = compiled
        return self._compiled[using]

    def compile(self, using: str) -> Compiled:
        queryset = self.build(*self.examples)
        query = queryset.query
        if not query.values_select and not query.annotation_select:
            raise ImproperlyConfigured("A PreparedQuery is built from a .values() queryset.")
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        columns = (*query.extra_select, *query.values_select, *query.annotation_select)
        expressions = [expression for expression, _sql, _alias in compiler.select]
        return Compiled(
            sql=sql,
            params=tuple(params),
            slots=self.slots(sql, params),
            columns=columns,
            converters=compiler.get_converters(expressions),
            compiler=compiler,
        )

    def slots(self, sql: str, params) -> tuple[tuple[int, int, type], ...]:
        if not sql.startswith("SELECT "):
            # A UNION starts with "(": django-pghistory would put its context in front of it.
            raise ImproperlyConfigured("A PreparedQuery is a single SELECT (not a UNION).")
        slots = tuple(
            (position, index, type(value))
            for position, value in enumerate(params)
            for index, example in enumerate(self.examples)
            if isinstance(value, type(example)) and value == example
        )
        if sorted({index for _, index, _type in slots}) != list(range(len(self.examples))):
            raise ImproperlyConfigured(
                f"Each example must appear among the query's parameters: {self.examples!r}"
            )
        return slots

    def rows(self, *args, using: str = DEFAULT_DB_ALIAS) -> list[dict]:
        compiled = self.compiled(using)
        params = list(compiled.params)
        for position, index, kind in compiled.slots:
            value = args[index]
            params[position] = value if isinstance(value, kind) else kind(value)
        cursor = preparing_cursor(using) if self.prepare else connections[using].cursor()
        with cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [dict(zip(compiled.columns, row, strict=True)) for row in rows]

    def row(self, *args, using: str = DEFAULT_DB_ALIAS) -> dict | None:
        rows = self.rows(*args, using=using)
        return rows[0] if rows else None


PLACEHOLDER = re.compile(r"%s|%%")


def literal(value, connection) -> str:
    """`value` written into SQL, of the type it would have had as a parameter."""
    if type(value) is float:
        return f"{value!r}::float8"  # a bare 2.0 is numeric, and numeric + real is numeric
    return Literal(value).as_string(connection)


def inlined(compiled: Compiled, using: str) -> Compiled:
    """`compiled` with every value that is not a slot written into the SQL as a literal.

    A prepared statement's generic plan sees its parameters as unknowns. Django passes constants
    as parameters too (the text search configuration, a status), and an expression with a
    parameter in it, `to_tsvector($1, name)`, matches no index on `to_tsvector('indonesian',
    name)`: written in, the constants keep the indexes usable whatever the slots' values.

    Only where asked (`inline=True`): a constant written in also changes the other plans the
    planner weighs. The list's totals, with `status = 'published'` written in, got a generic
    plan four times slower (0.8 → 4 ms) than with the status as a parameter.
    """
    connection = connections[using]
    connection.ensure_connection()
    in_slot = {position for position, _index, _kind in compiled.slots}
    kept, renumbered = [], {}
    positions = iter(range(len(compiled.params)))

    def replace(match) -> str:
        if match.group() == "%%":
            return "%%"
        position = next(positions)
        if position in in_slot:
            renumbered[position] = len(kept)
            kept.append(compiled.params[position])
            return "%s"
        return literal(compiled.params[position], connection.connection).replace("%", "%%")

    sql = PLACEHOLDER.sub(replace, compiled.sql)
    slots = tuple((renumbered[position], index, kind) for position, index, kind in compiled.slots)
    return dataclasses.replace(compiled, sql=sql, params=tuple(kept), slots=slots)


def opaqued(compiled: Compiled) -> Compiled:
    """`compiled` with each value behind a `(SELECT …)`, which no plan sees through.

    PostgreSQL plans the first five runs of a prepared statement for their values (custom
    plans); from the sixth on it runs the generic plan, planned once, only if that is estimated
    to cost no more than the custom plans did. A custom plan that sees a value (a status the
    statistics know, a LIMIT) is always estimated cheaper, so a statement whose plan is the same
    for any values was still planned at every run: ~0.6 ms for each of the report list's two
    statements, more than running them. Behind a (SELECT …) every value is unknown to every
    plan, the custom plans cost what the generic one does, and from the sixth run on the
    statement is not planned again (`opaque=True`; a test reads pg_prepared_statements).

    Only for statements whose best plan does not depend on the values. Text gets `::text`, or its
    type would be unknown; an array (of integers or texts, as the examples are) a cast after the
    subquery, `(SELECT …)::int8[]`, so that `= ANY(…)` takes it as an array, not as a subquery's
    rows. Arrays were left as they were: then a custom plan saw their lengths and looked
    cheaper than the generic plan (the unit page's counts: 33 against 89), and the unit page's
    counts were planned at every request once nothing else in them hid a value (~0.3 ms).
    """
    positions = iter(range(len(compiled.params)))

    def replace(match) -> str:
        if match.group() == "%%":
            return "%%"
        value = compiled.params[next(positions)]
        if isinstance(value, (list, tuple)):
            # Cast, the subquery is an array expression: `= ANY((SELECT %s))` alone would be
            # ANY(subquery), comparing with each row.
            element = "text" if value and isinstance(value[0], str) else "int8"
            return f"(SELECT %s)::{element}[]"
        return "(SELECT %s::text)" if isinstance(value, str) else "(SELECT %s)"

    return dataclasses.replace(compiled, sql=PLACEHOLDER.sub(replace, compiled.sql))


class CompiledSQL(PreparedQuery):
    """A statement written around querysets' SQL: `build(*examples)` gives (sql, params, the
    names of its columns). No converters: the columns must be plain values (counts, texts)."""

    def compile(self, using: str) -> Compiled:
        sql, params, columns = self.build(*self.examples)
        return Compiled(
            sql=sql,
            params=tuple(params),
            slots=self.slots(sql, params),
            columns=tuple(columns),
            converters={},
            compiler=None,
        )


@lru_cache(maxsize=256)
def _columns(model: type[Model], prefix: str) -> tuple[tuple[str, str, str, Field | None], ...]:
    """(attname, key by attname, key by name, the field when it holds a date) of each column."""
    return tuple(
        (
            field.attname,
            f"{prefix}{field.attname}",
            f"{prefix}{field.name}",
            field if isinstance(field, DateField) else None,  # DateTimeField is a DateField
        )
        for field in model._meta.concrete_fields
    )


class DecodedJSON(Field):
    """A `json` value, which the driver decodes (psycopg's loader for json, unlike jsonb's that
    Django registers as text and decodes again in JSONField.from_db_value)."""

    def db_type(self, connection):
        return "json"


class DecodedRows(DecodedJSON):
    """json_rows()' array of arrays, decoded into a list of dicts of `fields` (those of a nested
    json_rows() decoded in turn by its own DecodedRows, in `nested`)."""

    def __init__(self, fields: Sequence[str], nested: dict[str, "DecodedRows"]):
        super().__init__()
        self.row_fields = tuple(fields)
        self.nested = nested

    def from_db_value(self, value, expression, connection):
        return self.decoded(value)

    def decoded(self, rows: list | None) -> list[dict] | None:
        if rows is None:
            return None
        fields, nested = self.row_fields, self.nested
        if not nested:
            return as_dicts(fields, rows)
        return [
            {
                field: nested[field].decoded(value) if field in nested else value
                for field, value in zip(fields, row, strict=False)
            }
            for row in rows
        ]


def as_dicts(fields: Sequence[str], rows) -> list[dict]:
    """Rows of values (decoded json arrays) as dicts of `fields`. zip() without strict: a
    statement gives every row all the fields (strict costs half as much again, ~0.2 ms for the
    dashboard's rows)."""
    return [dict(zip(fields, row, strict=False)) for row in rows]


def value_names(queryset) -> tuple[str, ...]:
    """The names of a `.values()` queryset's values, in their order."""
    query = queryset.query
    return (*query.values_select, *query.annotation_select)


def json_rows(queryset, *fields):
    """The rows of `queryset` as one JSON array, for a column of the outer query, decoded into
    a list of dicts of `fields` (`instances()` turns them into model instances).

    One json array (`to_json(ARRAY(…))`, in the subquery's order) rather than an array of json:
    the driver then hands over one text and decodes it in one json.loads, where an array of
    objects was split by the driver and decoded object by object (the dashboard's ~500 objects:
    ~1.5 ms of its time). Each row is a json array of its values (`json_build_array`), and the
    keys are put back in Python (DecodedRows): PostgreSQL built objects with their keys at half
    the speed (the dashboard's statement 1.76 → 0.86 ms on the scale data), and the driver then
    decoded the same keys hundreds of times. `json`, not `jsonb`: jsonb is parsed and written out
    again. One json_rows() may be a field of another's rows, and is then nested as a list.
    """
    nested = {
        field: expression.output_field
        for field in fields
        if isinstance(expression := queryset.query.annotations.get(field), JSONRows)
    }
    return JSONRows(
        array_rows(queryset, fields), function="TO_JSON", output_field=DecodedRows(fields, nested)
    )


class JSONRows(Func):
    """What json_rows() gives: the rows of a subquery as one json array of arrays."""


def json_values(queryset, *fields):
    """json_rows() left as lists of the values of `fields`, in their order: for hundreds of rows
    read once, such as counts (the dashboard's ~460), where making a dict of each cost more
    than decoding the json (~0.3 ms). Not nested in a json_rows()."""
    return Func(array_rows(queryset, fields), function="TO_JSON", output_field=DecodedJSON())


def values_sql(queryset, using: str = DEFAULT_DB_ALIAS) -> tuple[str, list, tuple[str, ...]]:
    """A `.values()` queryset's rows as one json array of arrays (json_values()), as SQL of
    its own for a statement written around it (CompiledSQL), with the names of the values."""
    fields = value_names(queryset)
    outer = Query(None)
    expression = json_values(queryset, *fields).resolve_expression(outer)
    sql, params = outer.get_compiler(using).compile(expression)
    return sql, list(params), fields


def array_rows(queryset, fields) -> ArraySubquery:
    """The rows of `queryset`, each a json array of the values of `fields`, as an array."""
    values = Func(*fields, function="JSON_BUILD_ARRAY", output_field=DecodedJSON())
    return ArraySubquery(queryset.values(row=values))


def instance(model: type[Model], values: dict, prefix: str = "", using=DEFAULT_DB_ALIAS):
    """A model instance from the `prefix`ed keys of a row, its other fields deferred.

    `values` may be a row of `PreparedQuery.rows()` or an object decoded from JSON (an
    `ArraySubquery` of `JSONObject`s), where dates and times are ISO strings: those are parsed.
    """
    row = []
    for _attname, by_attname, by_name, date_field in _columns(model, prefix):
        key = by_attname if by_attname in values else by_name if by_name in values else None
        if key is None:
            row.append(DEFERRED)
            continue
        value = values[key]
        if date_field is not None and isinstance(value, str):
            value = date_field.to_python(value)
        row.append(value)
    # A value (or DEFERRED) for every concrete field, in their order, as from_db() takes them.
    return model.from_db(using, (), row)


def instances(model: type[Model], objects: Sequence[dict], using=DEFAULT_DB_ALIAS) -> list:
    return [instance(model, values, using=using) for values in objects]
