"""What each statement of a page costs PostgreSQL under load, from pg_stat_statements.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_scale
    .venv/bin/python bench/statements.py "/laporan/?unit=disdik&predikat=baik&urut=-terbit"
    #   several paths; --duration 8 --connections 32

EXPLAIN ANALYZE (bench/explain_pages.py) shows a statement run once, by hand, with a plan made
for its values. Under load the workers run it as a prepared statement, and whether PostgreSQL
then plans it at every execution, and what its plan costs there, is what this shows: for each
path, gunicorn is started with the production settings and the page cache off (as
bench/cpu_pairs.py starts it), warmed up for 3 s with wrk, the statistics are reset, and wrk
loads the page for --duration seconds. Then, for each statement the workers sent at least once
every ten requests: how many a request, the rows it returned, its mean execution and planning
time, and how many of its executions were planned (100 % for a statement planned at every
request, 0 % for one running its generic plan).

It needs the pg_stat_statements extension loaded by the server (a contrib module of PostgreSQL;
the embedded server and Debian's packages have it):

    ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';  -- then restart
    ALTER SYSTEM SET pg_stat_statements.track_planning = on;           -- then reload

The extension is created in the database if it is missing.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PYTHON, ROOT, ensure_wrk, run_wrk, start_quiet, stop_server, uncached_env

STATISTICS = """
SELECT calls, rows, total_exec_time, total_plan_time, plans, query
FROM pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND calls >= %s
ORDER BY total_exec_time + total_plan_time DESC
"""


def connect():
    import psycopg

    return psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)


def check_extension(connection) -> None:
    import psycopg

    try:
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        connection.execute("SELECT 1 FROM pg_stat_statements LIMIT 1")
        planning = connection.execute("SHOW pg_stat_statements.track_planning").fetchone()[0]
    except psycopg.Error as error:
        sys.exit(f"pg_stat_statements is not available ({error}); see this script's docstring.")
    if planning != "on":
        print("pg_stat_statements.track_planning is off: planning times show as 0.\n")


def table(rows: list[tuple], requests: int) -> str:
    lines = [
        "| statement | a request | rows | execution (ms) | planning (ms) | planned |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for calls, returned, executing, planning, plans, query in rows:
        text = " ".join(query.split())
        text = text if len(text) <= 70 else text[:69] + "…"
        lines.append(
            f"| `{text}` | {calls / requests:.2f} | {returned / calls:.0f} "
            f"| {executing / calls:.3f} | {planning / max(plans, 1):.3f} "
            f"| {100 * plans / calls:.0f} % |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help='pages, e.g. "/cari/?q=pelayanan"')
    parser.add_argument("--duration", type=int, default=8, help="seconds of load a page")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8079)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the scale database (bench/generate_scale.py).")
    wrk = ensure_wrk()
    static = tempfile.mkdtemp(prefix="portal-bench-static-")
    env = {**uncached_env(), "DJANGO_STATIC_ROOT": static}
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    log = Path(tempfile.gettempdir()) / "portal-bench-statements.log"
    with connect() as connection:
        check_extension(connection)
        for path in args.paths:
            server = start_quiet(ROOT, env, args.port, path, log)
            url = f"http://127.0.0.1:{args.port}{path}"
            options = {"connections": args.connections, "threads": 2}
            try:
                run_wrk(wrk, url, duration=3, **options)
                connection.execute("SELECT pg_stat_statements_reset()")
                result = run_wrk(wrk, url, duration=args.duration, **options)
            finally:
                stop_server(server)
            requests = max(result["requests"], 1)
            rows = connection.execute(STATISTICS, [max(requests // 10, 1)]).fetchall()
            rate = f"{result['rps']:.0f} a second"
            print(f"\n{path}: {requests} requests in {args.duration} s ({rate})\n")
            print(table(rows, requests))


if __name__ == "__main__":
    main()
