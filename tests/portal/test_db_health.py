"""The engine's health check (portal/db/postgresql): no statement for a quiet connection, the
full check for any other, and a connection the server closed replaced before it is used."""

import select

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def other_connection():
    """A connection of its own to the test database, outside Django's."""
    params = connection.get_connection_params()
    keys = ("dbname", "user", "password", "host", "port")
    return psycopg.connect(**{key: params[key] for key in keys if key in params}, autocommit=True)


@pytest.fixture
def kept():
    """Django's connection, opened, as a request after the first finds it: due for a check."""
    connection.ensure_connection()
    yield connection.connection
    connection.close()


def due_for_a_check():
    connection.health_check_done = False


def wait_until_readable(raw, seconds=5):
    poller = select.poll()
    poller.register(raw.fileno(), select.POLLIN)
    assert poller.poll(seconds * 1000), "the server sent nothing"


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_quiet_kept_connection_passes_its_check_without_a_statement(kept, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the health check sent a statement")

    monkeypatch.setattr(kept, "cursor", refuse)
    monkeypatch.setattr(kept, "execute", refuse)
    due_for_a_check()

    connection.close_if_health_check_failed()

    assert connection.connection is kept
    assert connection.health_check_done


def test_a_connection_the_server_closed_is_replaced_before_the_next_query(kept):
    pid = backend_pid()
    with other_connection() as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    wait_until_readable(kept)
    due_for_a_check()

    connection.close_if_health_check_failed()

    assert connection.connection is None
    assert backend_pid() != pid


def test_a_connection_with_anything_to_read_gets_the_full_check_and_is_kept(kept, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("LISTEN portal_health_check")
    with other_connection() as other:
        other.execute("NOTIFY portal_health_check")
    wait_until_readable(kept)
    cursors = []
    real_cursor = kept.cursor

    def counted_cursor(*args, **kwargs):
        cursors.append(args)
        return real_cursor(*args, **kwargs)

    monkeypatch.setattr(kept, "cursor", counted_cursor)
    due_for_a_check()

    connection.close_if_health_check_failed()

    assert cursors, "the full check (SELECT 1) did not run"
    assert connection.connection is kept
    with connection.cursor() as cursor:
        cursor.execute("UNLISTEN *")


def test_a_connection_inside_a_transaction_gets_the_full_check(kept, monkeypatch):
    cursors = []
    real_cursor = kept.cursor
    monkeypatch.setattr(kept, "cursor", lambda *a, **k: cursors.append(a) or real_cursor(*a, **k))
    kept.execute("BEGIN")
    due_for_a_check()

    connection.close_if_health_check_failed()

    assert cursors
    assert connection.connection is kept
    kept.execute("ROLLBACK")
