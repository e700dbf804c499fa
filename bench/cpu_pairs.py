"""CPU time one request of a page costs, this checkout against another, in pairs.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_scale
    git worktree add /tmp/before <commit>          # the code to compare with
    .venv/bin/python bench/cpu_pairs.py "/cari/?q=pelayanan" --before /tmp/before
    #   --pairs 3 --duration 10 --connections 32

On a machine whose speed changes from one minute to the next, two rounds of load.py taken an
hour apart do not show what a change saved. This runs the two checkouts one after the other,
several times: for each, gunicorn with the production settings and the page cache off (as
load.py starts it, from that checkout's code with this checkout's virtualenv), a 3-second warm-up
with wrk, then `wrk -c 32` for --duration seconds. During the run it reads from /proc the CPU
time (user and system) of gunicorn's processes and of the PostgreSQL backends connected to the
database, and divides each by the requests served: what one request costs the workers and
PostgreSQL, which the machine's load moves much less than it moves the throughput. Both
checkouts run against the same database, so a change of indexes is compared by swapping them
in the database between runs, not by this script.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PYTHON, ensure_wrk, run_wrk, start_quiet, stop_server, uncached_env

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(group: int, database: str) -> tuple[float, float]:
    """(gunicorn's processes, the database's PostgreSQL backends): user + system seconds."""
    workers = backends = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:  # the process ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / TICKS
        if int(fields[2]) == group:  # the process group gunicorn was started in
            workers += seconds
        elif command.startswith("postgres: ") and f" {database} " in command:
            backends += seconds
    return workers, backends


def measure(root: Path, path: str, env: dict, args, wrk: str) -> dict:
    log = Path(tempfile.gettempdir()) / "portal-bench-cpu-pairs.log"
    server = start_quiet(root, env, args.port, path, log)
    url = f"http://127.0.0.1:{args.port}{path}"
    try:
        options = {"connections": args.connections, "threads": 2}
        run_wrk(wrk, url, duration=3, **options)
        before = cpu_seconds(server.pid, args.database)
        result = run_wrk(wrk, url, duration=args.duration, **options)
        after = cpu_seconds(server.pid, args.database)
    finally:
        stop_server(server)
    served = max(result["requests"], 1)
    return {
        "rps": result["rps"],
        "workers": (after[0] - before[0]) * 1000 / served,
        "postgres": (after[1] - before[1]) * 1000 / served,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help='the page, e.g. "/laporan/?q=siti"')
    parser.add_argument("--before", required=True, type=Path, help="the other checkout")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8078)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the scale database (bench/generate_scale.py).")
    args.database = urlparse(os.environ["DATABASE_URL"]).path.lstrip("/")
    wrk = ensure_wrk()
    env = uncached_env()
    checkouts = {"before": args.before.resolve(), "this": ROOT}
    envs = {}
    for name, root in checkouts.items():
        # Each checkout's own static files: the manifest names the files of its templates.
        static = tempfile.mkdtemp(prefix=f"portal-bench-static-{name}-")
        envs[name] = {**env, "DJANGO_STATIC_ROOT": static}
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=root, env=envs[name], check=True,
        )  # fmt: skip
    print(f"{args.path}, {args.pairs} pairs of {args.duration} s, {args.connections} connections")
    print("| checkout | req/s | workers' CPU a request (ms) | PostgreSQL's CPU a request (ms) |")
    print("|---|---:|---:|---:|")
    for _pair in range(args.pairs):
        for name, root in checkouts.items():
            r = measure(root, args.path, envs[name], args, wrk)
            print(f"| {name} | {r['rps']:.0f} | {r['workers']:.2f} | {r['postgres']:.2f} |")


if __name__ == "__main__":
    main()
