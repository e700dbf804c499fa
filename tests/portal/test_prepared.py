"""Querysets compiled once and run as prepared statements (portal/prepared.py)."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import OuterRef, Value

from personnel.models import Employee, Unit
from portal.prepared import CompiledSQL, PreparedQuery, instance, instances, json_rows, json_values
from tests.factories import AssignmentFactory, EmployeeFactory, UnitFactory

pytestmark = pytest.mark.django_db


def by_name(name, born_after):
    return Employee.objects.filter(name=name, birth_date__gt=born_after).values(
        "id", "public_id", "name", "birth_date"
    )


EXAMPLES = ("\x1fname", datetime.date(1801, 2, 3))


def prepared_statements(sql_start: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            [sql_start + "%"],
        )
        return cursor.fetchone()[0]


def test_the_rows_are_those_of_the_queryset_for_each_call_s_arguments():
    EmployeeFactory(name="Siti", birth_date=datetime.date(1980, 5, 1))
    EmployeeFactory(name="Siti", birth_date=datetime.date(1990, 5, 1))
    EmployeeFactory(name="Budi", birth_date=datetime.date(1985, 5, 1))
    query = PreparedQuery(by_name, *EXAMPLES)
    for name, after in [
        ("Siti", datetime.date(1970, 1, 1)),
        ("Siti", datetime.date(1985, 1, 1)),
        ("Budi", datetime.date(1970, 1, 1)),
        ("Nobody", datetime.date(1970, 1, 1)),
    ]:
        expected = list(by_name(name, after).order_by("id"))
        assert sorted(query.rows(name, after), key=lambda row: row["id"]) == expected


def test_the_statement_is_prepared_once_on_the_connection():
    EmployeeFactory(name="Siti")
    query = PreparedQuery(by_name, *EXAMPLES)
    start = query.compiled().sql[:60]
    assert prepared_statements(start) == 0
    query.rows("Siti", datetime.date(1900, 1, 1))
    query.rows("Budi", datetime.date(1950, 1, 1))
    assert prepared_statements(start) == 1


def test_without_a_prepare_threshold_the_same_query_runs_unprepared():
    EmployeeFactory(name="Siti", birth_date=datetime.date(1980, 5, 1))
    query = PreparedQuery(by_name, *EXAMPLES)
    connection.ensure_connection()
    threshold = connection.connection.prepare_threshold
    connection.connection.prepare_threshold = None  # DJANGO_DB_PREPARE=0
    try:
        assert [row["name"] for row in query.rows("Siti", datetime.date(1900, 1, 1))] == ["Siti"]
        assert prepared_statements(query.compiled().sql[:60]) == 0
    finally:
        connection.connection.prepare_threshold = threshold


def test_an_inlined_statement_keeps_only_its_slots_as_parameters():
    # The constants are written in, so that a generic plan can match them against an index.
    EmployeeFactory(name="Siti", gelar_depan="it's 100%")
    EmployeeFactory(name="Siti", gelar_depan="Dr.")

    def build(name):
        return (
            Employee.objects.filter(name=name, gelar_depan="it's 100%")
            .annotate(weight=Value(2.5))
            .values("name", "gelar_depan", "weight")
        )

    query = PreparedQuery(build, "\x1fname", inline=True)
    compiled = query.compiled()

    assert compiled.params == ("\x1fname",)
    assert "'it''s 100%%'" in compiled.sql and "2.5::float8" in compiled.sql
    rows = query.rows("Siti")
    assert (
        rows == list(build("Siti")) == [{"name": "Siti", "gelar_depan": "it's 100%", "weight": 2.5}]
    )
    assert type(rows[0]["weight"]) is float
    assert query.rows("Budi") == []


def test_compiled_but_not_prepared_runs_each_call_planned_for_its_own_values():
    EmployeeFactory(name="Siti", birth_date=datetime.date(1980, 5, 1))
    EmployeeFactory(name="Budi", birth_date=datetime.date(1985, 5, 1))
    query = PreparedQuery(by_name, *EXAMPLES, prepare=False)

    for name in ("Siti", "Budi", "Nobody", "it's 100%"):
        expected = list(by_name(name, datetime.date(1970, 1, 1)))
        assert query.rows(name, datetime.date(1970, 1, 1)) == expected
    assert prepared_statements(query.compiled().sql[:60]) == 0


def test_a_statement_written_around_querysets_takes_its_values_the_same_way():
    EmployeeFactory(name="Siti")
    EmployeeFactory(name="Siti")
    EmployeeFactory(name="Budi")

    def counts(first, second):
        one, one_params = Employee.objects.filter(name=first).values("id").query.sql_with_params()
        two, two_params = Employee.objects.filter(name=second).values("id").query.sql_with_params()
        sql = f"SELECT (SELECT COUNT(*) FROM ({one}) a), (SELECT COUNT(*) FROM ({two}) b)"
        return sql, [*one_params, *two_params], ("first", "second")

    query = CompiledSQL(counts, "\x1fone", "\x1ftwo", prepare=False)

    assert query.row("Siti", "Budi") == {"first": 2, "second": 1}
    assert query.row("Budi", "Nobody") == {"first": 1, "second": 0}


def test_each_query_is_counted_like_any_other(django_assert_num_queries):
    query = PreparedQuery(by_name, *EXAMPLES)
    with django_assert_num_queries(2):
        query.rows("Siti", datetime.date(1900, 1, 1))
        query.row("Budi", datetime.date(1900, 1, 1))


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_the_statement_again():
    EmployeeFactory(name="Siti")
    query = PreparedQuery(by_name, *EXAMPLES)
    assert query.row("Siti", datetime.date(1900, 1, 1))["name"] == "Siti"
    connection.close()
    assert query.row("Siti", datetime.date(1900, 1, 1))["name"] == "Siti"
    assert prepared_statements(query.compiled().sql[:60]) == 1


def test_an_example_missing_from_the_query_is_refused_when_it_is_compiled():
    query = PreparedQuery(lambda name: Employee.objects.values("id"), "\x1fname")
    with pytest.raises(ImproperlyConfigured, match="Each example"):
        query.compiled()


def test_a_union_is_refused_because_the_audit_context_would_be_put_in_front_of_it():
    def union(name):
        named = Employee.objects.filter(name=name).values("id")
        return named.union(Employee.objects.filter(gelar_depan=name).values("id"))

    with pytest.raises(ImproperlyConfigured, match="single SELECT"):
        PreparedQuery(union, "\x1fname").compiled()


def test_a_queryset_of_model_instances_is_refused():
    query = PreparedQuery(lambda name: Employee.objects.filter(name=name), "\x1fname")
    with pytest.raises(ImproperlyConfigured, match="values"):
        query.compiled()


def test_an_instance_takes_the_prefixed_keys_and_parses_the_dates_of_json():
    employee = instance(
        Employee,
        {"employee__id": 7, "employee__name": "Siti", "employee__birth_date": "1980-05-01"},
        "employee__",
    )
    assert (employee.pk, employee.name, employee.birth_date) == (
        7,
        "Siti",
        datetime.date(1980, 5, 1),
    )
    assert employee.get_deferred_fields() >= {"nip", "public_id"}


def unit_with_staff(pk):
    return (
        Unit.objects.filter(pk=pk)
        .annotate(
            staff=json_rows(
                Employee.objects.filter(assignments__position__unit=OuterRef("pk"))
                .order_by("name")
                .annotate(unit_code=OuterRef("code")),
                "name",
                "birth_date",
                "unit_code",
            ),
            units=json_rows(
                Unit.objects.filter(pk=OuterRef("pk")).annotate(
                    codes=json_rows(Unit.objects.filter(pk=OuterRef("pk")), "code")
                ),
                "code",
                "is_active",
                "codes",
            ),
        )
        .values("staff", "units")
    )


def test_json_rows_come_back_as_lists_of_dicts_in_order_and_nest_as_lists():
    unit = UnitFactory(code="dinkes")
    for name in ("Zainal", 'Ani "Nona" \\ Putri', "Budi Ömer"):
        AssignmentFactory(employee=EmployeeFactory(name=name), position__unit=unit)
    zainal = Employee.objects.get(name="Zainal")

    (row,) = PreparedQuery(unit_with_staff, -7_541).rows(unit.pk)

    assert row["units"] == [{"code": "dinkes", "is_active": True, "codes": [{"code": "dinkes"}]}]
    names = [person["name"] for person in row["staff"]]
    assert names == ['Ani "Nona" \\ Putri', "Budi Ömer", "Zainal"]
    assert {person["unit_code"] for person in row["staff"]} == {"dinkes"}
    assert instances(Employee, row["staff"])[-1].birth_date == zainal.birth_date


def test_json_values_come_back_as_lists_of_the_fields_values_in_the_subquery_s_order():
    unit = UnitFactory(code="dinkes")
    for name in ("Zainal", "Ani"):
        AssignmentFactory(employee=EmployeeFactory(name=name), position__unit=unit)
    staff = Employee.objects.filter(assignments__position__unit=OuterRef("pk")).order_by("name")
    query = PreparedQuery(
        lambda pk: (
            Unit.objects.filter(pk=pk)
            .annotate(
                staff=json_values(staff.annotate(unit_code=OuterRef("code")), "name", "unit_code")
            )
            .values("staff")
        ),
        -7_541,
    )

    assert query.row(unit.pk) == {"staff": [["Ani", "dinkes"], ["Zainal", "dinkes"]]}


def test_json_rows_are_built_as_json_which_postgresql_writes_out_without_parsing_it_again():
    unit = UnitFactory()
    sql, params = unit_with_staff(unit.pk).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_typeof(staff)::text FROM ({sql}) AS row", params)
        assert cursor.fetchone() == ("json",)


def test_a_list_given_as_one_array_parameter_serves_lists_of_any_length():
    employees = EmployeeFactory.create_batch(3)
    query = PreparedQuery(lambda ids: Employee.objects.filter(pk__any_of=ids).values("id"), [-1])
    for ids in ([employees[0].pk], [employee.pk for employee in employees], []):
        assert sorted(row["id"] for row in query.rows(ids)) == sorted(ids)
        plain = Employee.objects.filter(pk__any_of=ids).order_by("id")  # bound on the client
        assert list(plain.values_list("id", flat=True)) == sorted(ids)
        if ids:  # one statement for one id and for three
            assert prepared_statements(query.compiled().sql[:60]) == 1


def plan_counts(query: PreparedQuery) -> tuple[int, int]:
    """(generic plans, custom plans) PostgreSQL has made for `query`'s prepared statement on this
    connection; (0, 0) if it was never prepared."""
    sql = query.compiled().sql
    placeholders = tuple(f"${n}" for n in range(1, sql.count("%s") + 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = %s",
            [sql % placeholders],  # %s as $1, $2…; %% as %
        )
        row = cursor.fetchone()
    return tuple(row) if row else (0, 0)


def by_name_and_ids(name, ids):
    return (
        Employee.objects.filter(name=name, pk__any_of=ids, gelar_depan__startswith="100%")
        .exclude(birth_date__year=1801)
        .values("name")
        .order_by("pk")
    )


def test_an_opaque_statement_hides_each_value_behind_a_select_its_arrays_cast_as_arrays():
    query = PreparedQuery(by_name_and_ids, "\x1fname", [-7], opaque=True)
    compiled = query.compiled()
    assert '"name" = (SELECT %s::text)' in compiled.sql  # text, or its type is unknown
    # cast after the subquery: ANY((SELECT …)) alone would read the array as rows
    assert "= ANY((SELECT %s)::int8[])" in compiled.sql
    assert "BETWEEN (SELECT %s) AND (SELECT %s)" in compiled.sql  # the year's dates
    assert compiled.sql.count("(SELECT %s") == len(compiled.params)
    # With inline=True the constants are written in, and only the arguments are hidden.
    both = PreparedQuery(by_name_and_ids, "\x1fname", [-7], opaque=True, inline=True).compiled()
    assert both.params == ("\x1fname", [-7])
    assert '"name" = (SELECT %s::text)' in both.sql
    assert "= ANY((SELECT %s)::int8[])" in both.sql
    assert "BETWEEN '1801-01-01'::date AND '1801-12-31'::date" in both.sql


def test_an_opaque_statement_gives_the_rows_of_the_queryset():
    siti = EmployeeFactory(name="Siti", gelar_depan="100% Dr.")
    other = EmployeeFactory(name="Siti", gelar_depan="Dr.")
    budi = EmployeeFactory(name="Budi", gelar_depan="100%")
    query = PreparedQuery(by_name_and_ids, "\x1fname", [-7], opaque=True)
    cases = [
        ("Siti", [siti.pk, other.pk], ["Siti"]),
        ("Siti", [other.pk], []),
        ("Budi", [siti.pk, budi.pk], ["Budi"]),
        ("it's", [], []),
    ]
    for name, ids, expected in cases:
        rows = query.rows(name, ids)
        assert rows == list(by_name_and_ids(name, ids))
        assert [row["name"] for row in rows] == expected


@pytest.fixture
def numbers():
    """A temporary table of the numbers 1 to 100,000, indexed and analysed."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE numbers AS SELECT generate_series(1, 100000) AS n")
        cursor.execute("CREATE INDEX ON numbers (n)")
        cursor.execute("ANALYZE numbers")


def first_numbers(limit):
    return "SELECT n FROM numbers ORDER BY n LIMIT %s", [limit], ("n",)


@pytest.mark.parametrize("opaque", [False, True])
def test_an_opaque_statement_is_run_with_its_generic_plan_after_five_runs(opaque, numbers):
    # PostgreSQL plans a prepared statement's first five runs for their values, then runs its
    # generic plan only if that costs no more than they did. A plan for LIMIT 3 is far cheaper
    # than one for an unknown LIMIT (a tenth of the rows, the planner assumes), so without
    # `opaque` the statement is planned again at every run, as the report list's page was.
    query = CompiledSQL(first_numbers, 97_531, opaque=opaque)
    for _ in range(8):
        assert query.rows(3) == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert plan_counts(query) == ((3, 5) if opaque else (0, 8))


def some_numbers(numbers):
    return "SELECT n FROM numbers WHERE n = ANY(%s) ORDER BY n", [numbers], ("n",)


@pytest.mark.parametrize("opaque", [False, True])
def test_an_opaque_statement_with_an_array_is_run_with_its_generic_plan_after_five_runs(
    opaque, numbers
):
    # A custom plan sees how long the array is, and looks cheaper than the generic plan, which
    # does not: the unit page's counts were planned at every request for it.
    query = CompiledSQL(some_numbers, [97_531], opaque=opaque)
    for _ in range(8):
        assert query.rows([3, 1]) == [{"n": 1}, {"n": 3}]
    assert plan_counts(query) == ((3, 5) if opaque else (0, 8))
