"""Where an uncached public page spends its time, in-process: database, rendering, the rest.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_scale
    .venv/bin/python bench/profile_pages.py                 # --repeat 30 --only /laporan/
    .venv/bin/python bench/profile_pages.py --cprofile /kinerja/   # the top functions of one page
    .venv/bin/python bench/profile_pages.py --url "/cari/?q=siti"  # other paths than the pages

Runs with the production settings (DEBUG off, page cache off) and Django's test client over
HTTPS, so each request goes through the whole middleware stack but not through gunicorn or the
network. For each page of bench/load.py it prints the mean wall time per request, the part
spent waiting for PostgreSQL (measured around each query with an execute wrapper) and the part
spent rendering templates; what is left is the view, the ORM and the middleware. The last
column is the Python function calls a request makes (cProfile over 10 more requests): unlike
the times it does not depend on the machine's speed or load, so two commits measured on a noisy
machine can still be compared by it.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ["DJANGO_PAGE_CACHE"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 50)
os.environ.setdefault("DJANGO_STATIC_ROOT", tempfile.mkdtemp(prefix="portal-bench-static-"))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.response import SimpleTemplateResponse  # noqa: E402
from django.test import Client  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_pages import urls  # noqa: E402


class Timer:
    def __init__(self):
        self.db = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.db += time.perf_counter() - start
            self.queries += 1


def timed_render(timer: Timer):
    """Patch template responses to add up the time spent rendering them (queries excluded)."""
    spent = [0.0]
    original = SimpleTemplateResponse.rendered_content.fget

    def rendered_content(self):
        start, db = time.perf_counter(), timer.db
        try:
            return original(self)
        finally:
            spent[0] += time.perf_counter() - start - (timer.db - db)

    SimpleTemplateResponse.rendered_content = property(rendered_content)
    return spent


def calls_per_request(client: Client, url: str, repeat: int = 10) -> float:
    """The Python function calls (cProfile's count, primitive or not) of one request."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(repeat):
        client.get(url, secure=True)
    profile.disable()
    return pstats.Stats(profile).total_calls / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", default="", help="comma-separated parts of the paths to time")
    parser.add_argument("--url", action="append", help="time these paths instead of the pages")
    parser.add_argument("--cprofile", default="", help="profile this path and print the top")
    parser.add_argument("--top", type=int, default=45, help="functions printed by --cprofile")
    parser.add_argument(
        "--match", default="", help="with --cprofile, print only functions whose file matches"
    )
    args = parser.parse_args()
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    if args.cprofile:
        for _ in range(3):
            client.get(args.cprofile, secure=True)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(args.cprofile, secure=True)
        profile.disable()
        restrict = [args.match, args.top] if args.match else [args.top]
        pstats.Stats(profile).sort_stats("cumulative").print_stats(*restrict)
        pstats.Stats(profile).sort_stats("tottime").print_stats(*restrict)
        return
    timer = Timer()
    rendering = timed_render(timer)
    wanted = [part for part in args.only.split(",") if part]
    print(
        "| page | ms per request | PostgreSQL (ms) | templates (ms) | rest (ms) | queries "
        "| Python calls |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for url in ["/bench/ping/", *(args.url or urls())]:
        if wanted and not any(part in url for part in wanted):
            continue
        for _ in range(3):
            assert client.get(url, secure=True).status_code == 200, url
        timer.db, timer.queries, rendering[0] = 0.0, 0, 0.0
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            for _ in range(args.repeat):
                client.get(url, secure=True)
            total = time.perf_counter() - start
        per = 1000 / args.repeat
        db, render = timer.db * per, rendering[0] * per
        calls = calls_per_request(client, url)
        print(f"| `{url}` | {total * per:.2f} | {db:.2f} | {render:.2f} | "
              f"{total * per - db - render:.2f} | {timer.queries / args.repeat:.0f} "
              f"| {calls:,.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
