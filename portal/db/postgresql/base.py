"""Django's PostgreSQL engine, with a connection health check that needs no round trip.

With `CONN_HEALTH_CHECKS`, Django checks a kept connection before a request's first query by
sending `SELECT 1` and waiting for the answer. Under load that was ~4 % of a worker's CPU on the
report list (a sampling profile, bench/README.md), and a statement more for PostgreSQL, on every
page that reads the database.

A connection PostgreSQL closes (a restart, `pg_terminate_backend()`, `idle_session_timeout`)
is told so: the server writes a FATAL message, or the socket reaches its end, and either makes
it readable. An idle connection with nothing to read has not been closed by the server, so it
passes without a statement. Anything to read, or a connection not idle, gets Django's full
check, which decides. The one failure neither check finds quickly, a server gone without a
word (its host lost), the first query finds instead, as `SELECT 1` would.
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


def quiet(connection) -> bool:
    """Whether the psycopg `connection` is open, idle and has nothing from the server to read."""
    if connection.closed or connection.broken:
        return False
    if connection.info.transaction_status != TransactionStatus.IDLE:
        return False
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN)
    return not poller.poll(0)


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and quiet(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
