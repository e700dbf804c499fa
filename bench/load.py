"""Load benchmark of the public pages against the scale data, with the page cache warm and off.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_scale
    .venv/bin/python bench/load.py                 # --duration 15 --connections 32

For each mode (page cache on and warm, then page cache off) it starts gunicorn with the
production settings (DEBUG off, whitenoise, gunicorn.conf.py: WEB_CONCURRENCY workers and
GUNICORN_THREADS threads, 2 and 1 unless set), waits for it, warms every URL with a short wrk
run, then measures each URL with `wrk -c 32` for --duration seconds and, right after each page,
the trivial endpoint /bench/ping/ (no database) again, and prints one table per mode: requests
per second, the ratio to the trivial endpoint measured next to the page (so a change in the
machine's load during the run does not skew the ratios), p50 and p99 latency and errors
(non-2xx answers and socket errors). The URLs are chosen from the data: the latest period's
list with and without filters, a report, an employee and a large unit; the search for a common
word (pelayanan), a name (siti), a less common word (kependudukan) and a word of some units
(kota: one indicator in ten, gathered in some units' reports) are measured when they
answer 200. With `--rounds 3` each page and its trivial endpoint are measured
three times in turn and the round with the median ratio is shown, with the range of the three:
on a noisy machine one round's ratio moves by ten points.

It needs `wrk` (Debian package `wrk`; the script installs it with apt-get when run as root)
and collects the static files into a temporary folder (the manifest storage needs them).
The machine and the figures go into bench/README.md by hand.
"""

import argparse
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TIMEOUT = 120
PING = "/bench/ping/"


def ensure_installed(package: str, command: str) -> str:
    """The path of `command`, from the Debian `package`, installed with apt-get when missing
    and run as root."""
    found = shutil.which(command)
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", package], check=True)
        return shutil.which(command)
    sys.exit(f"{command} is needed: apt-get install {package}")


def ensure_wrk() -> str:
    return ensure_installed("wrk", "wrk")


def pick_urls(env: dict) -> list[tuple[str, str]]:
    """(label, path) of the pages to measure, chosen from the data in the database."""
    script = """
from django.db.models import Count
from personnel.models import Unit
from reports.filters import periods_with_published_reports
from reports.models import Report
period = periods_with_published_reports().first()
report = (Report.objects.disclosed().filter(period=period).select_related("employee", "period")
          .order_by("employee__name", "pk")[5000])
unit = (Unit.objects.active().filter(parent__parent__isnull=True, parent__isnull=False)
        .annotate(n=Count("reports")).order_by("-n").first())
print(report.get_absolute_url())
print("/asn/%s/" % report.employee.public_id)
print("/unit/%s/kinerja/" % unit.code)
print(unit.code)
"""
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    report, employee, unit_page, unit = out[-4:]
    return [
        ("trivial endpoint /bench/ping/", PING),
        ("report list /laporan/", "/laporan/"),
        ("report list, filtered", f"/laporan/?unit={unit}&predikat=baik&urut=-terbit"),
        ("report list, name search", "/laporan/?q=siti&page=2"),
        ("report list by predikat", "/laporan/?urut=predikat"),
        ("report list, a page deep", "/laporan/?urut=-unit&page=1500"),
        ("report page", report),
        ("employee page", employee),
        ("unit performance", unit_page),
        ("city dashboard /kinerja/", "/kinerja/"),
        ("search /cari/?q=pelayanan", "/cari/?q=pelayanan"),
        # a name (no indicator holds it), and a word one indicator in a hundred holds: each
        # planned for its words, where a word a third of them hold (pelayanan) is walked
        ("search, a name", "/cari/?q=siti"),
        ("search, a less common word", "/cari/?q=kependudukan"),
        ("search, a word of some units", "/cari/?q=kota"),
    ]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited; see {log}")
        if status_of(f"http://127.0.0.1:{port}/bench/ping/") == 200:
            return server
        time.sleep(0.5)
    stop_server(server)
    sys.exit(f"gunicorn did not answer in {TIMEOUT} s; see {log}")


def uncached_env() -> dict:
    """The environment of a gunicorn measured with the page cache off (cpu_pairs.py,
    statements.py): production settings, the trivial endpoint on, a throwaway secret key."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_BENCH_PING": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_PAGE_CACHE": "0",
    }


def start_quiet(root: Path, env: dict, port: int, path: str, log: Path) -> subprocess.Popen:
    """gunicorn from the checkout `root`, without an access log, once it answers the trivial
    endpoint, and `path` with 200; exits with a message if it does not."""
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi", "--bind",
         f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        cwd=root, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + TIMEOUT
    while status_of(f"http://127.0.0.1:{port}/bench/ping/") != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            stop_server(server)
            sys.exit(f"gunicorn did not start from {root}; see {log}")
        time.sleep(0.5)
    if status_of(f"http://127.0.0.1:{port}{path}") != 200:
        stop_server(server)
        sys.exit(f"{path} does not answer 200 from {root}")
    return server


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(wrk: str, url: str, *, connections: int, threads: int, duration: int) -> dict:
    out = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
         "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": milliseconds(re.search(r"\s50%\s+(\S+)", out)[1]),
        "p99": milliseconds(re.search(r"\s99%\s+(\S+)", out)[1]),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "errors": 0,
    }
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        result["errors"] += int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        result["errors"] += sum(int(n) for n in match.groups())
    return result


def machine(env: dict) -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    ram = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1]) / 1024**2
    pg = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from django.db import connection\nc = connection.cursor()\n"
         "c.execute('SHOW server_version')\nprint(c.fetchone()[0])"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1:]  # fmt: skip
    load = os.getloadavg()
    shared = env.get("DJANGO_CACHE_URL")
    cache = f"in Redis ({shared})" if shared else "in each worker's memory"
    return (
        f"{os.cpu_count()} cores ({cpu}), {ram:.0f} GiB RAM, PostgreSQL {' '.join(pg)}, "
        f"Python {platform.python_version()}, load average before the run {load[0]:.2f}, "
        f"page cache {cache}"
    )


def ratio(result: dict) -> float:
    return result["rps"] / result.get("baseline", result["rps"]) if result["requests"] else 0.0


def median_round(rounds: list[dict]) -> dict:
    """The round with the median ratio (of an odd number; the lower middle of an even one),
    with the range of the rounds' ratios."""
    ordered = sorted(rounds, key=ratio)
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["ratios"] = (ratio(ordered[0]), ratio(ordered[-1]))
    return chosen


def table(mode: str, results: list[tuple[str, str, dict]]) -> str:
    lines = [
        f"### {mode}",
        "",
        "| page | URL | req/s | trivial endpoint next to it (req/s) | ratio | ratio, all rounds "
        "| p50 (ms) | p99 (ms) | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path, r in results:
        trivial = r.get("baseline", r["rps"])
        low, high = r["ratios"]
        spread = f"{low:.0%}" if low == high else f"{low:.0%}–{high:.0%}"
        if not r["requests"]:
            timed_out = "| – | – | all timed out |"
            lines.append(f"| {label} | `{path}` | 0 | {trivial:.0f} | 0% | {spread} {timed_out}")
            continue
        lines.append(
            f"| {label} | `{path}` | {r['rps']:.0f} | {trivial:.0f} | {ratio(r):.0%} | {spread} | "
            f"{r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per URL")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per URL")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--modes", default="warm,off", help="warm, off, or both (warm,off)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure each page (and the trivial endpoint next to it) this many times and show "
        "the round with the median ratio, with the range of all rounds",
    )
    parser.add_argument(
        "--only", default="", help="measure only the pages whose path contains one of these"
    )
    args = parser.parse_args()
    modes = ["warm", "off"] if args.modes == "both" else args.modes.split(",")
    if set(modes) - {"warm", "off"}:
        parser.error(f"--modes: warm, off or both, not {args.modes!r}")
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the scale database (bench/generate_scale.py).")

    wrk = ensure_wrk()
    static = Path(tempfile.mkdtemp(prefix="portal-bench-static-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_BENCH_PING": "1",
        "DJANGO_STATIC_ROOT": str(static),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    print(machine(env), flush=True)
    urls = pick_urls(env)
    if args.only:
        wanted = args.only.split(",")
        urls = [(label, path) for label, path in urls if any(w in path for w in wanted)]
    base = f"http://127.0.0.1:{args.port}"
    log = Path(tempfile.gettempdir()) / "portal-bench-gunicorn.log"
    report = []
    for mode in modes:
        server = start_server({**env, "DJANGO_PAGE_CACHE": "1" if mode == "warm" else "0"},
                              args.port, log)  # fmt: skip
        try:
            results = []
            for label, path in urls:
                status = status_of(base + path)
                if status != 200:
                    print(f"skipped {path}: HTTP {status}", flush=True)
                    continue
                run_wrk(wrk, base + path, connections=args.connections, threads=args.threads,
                        duration=args.warmup)  # fmt: skip
                rounds = []
                for _round in range(args.rounds):
                    result = run_wrk(wrk, base + path, connections=args.connections,
                                     threads=args.threads, duration=args.duration)  # fmt: skip
                    if path != PING:
                        # The trivial endpoint again, right after: on a machine whose load
                        # changes, the ratio is taken to the baseline measured next to the page.
                        result["baseline"] = run_wrk(
                            wrk, base + PING, connections=args.connections,
                            threads=args.threads, duration=args.duration,
                        )["rps"]  # fmt: skip
                    print(f"{mode:>4} {path:<60} {result}", flush=True)
                    rounds.append(result)
                results.append((label, path, median_round(rounds)))
        finally:
            stop_server(server)
        title = "Page cache on, warm" if mode == "warm" else "Page cache off"
        report.append(
            table(f"{title} ({args.connections} connections, {args.duration} s)", results)
        )
    shutil.rmtree(static, ignore_errors=True)
    print()
    print("\n\n".join(report))
    print(f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency; "
          f"gunicorn: WEB_CONCURRENCY={os.environ.get('WEB_CONCURRENCY', '2')}, "
          f"GUNICORN_THREADS={os.environ.get('GUNICORN_THREADS', '1')}")  # fmt: skip


if __name__ == "__main__":
    main()
