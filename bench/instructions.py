"""Instructions the worker executes for one request of a page, this checkout against another.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_scale
    git worktree add /tmp/before <commit>          # the code to compare with
    .venv/bin/python bench/instructions.py /kinerja/ "/cari/?q=pelayanan" --before /tmp/before
    #   --requests 10

The machines these benchmarks run on are shared virtual machines: the same code measured twice a
minute apart differs by 10-20 % in requests a second, and by as much in CPU time per request
(bench/cpu_pairs.py), so a change that saves 5 % of a page cannot be seen there. This counts
instead: each checkout's pages run in-process (Django's test client, production settings, page
cache off, as bench/profile_pages.py does) under valgrind's callgrind, which counts the machine
instructions executed; for each path, after a few warm-up requests, the counters are zeroed
(`callgrind_control -z`), --requests requests are made and the count is dumped. Hash
randomisation is off (PYTHONHASHSEED=0), so two runs of the same code agree to within ~0.1 %.

What it counts is the worker's Python side only (views, ORM, templates, middleware, the driver),
not PostgreSQL's: a statement's own cost is read with EXPLAIN (bench/explain_pages.py). Valgrind
runs the code about fifty times slower: a checkout takes about a minute, plus a few seconds a
path. It needs valgrind (Debian package `valgrind`; installed with apt-get when run as root).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PYTHON, ROOT, ensure_installed, uncached_env

WARM_UP = 5


def child(root: Path, paths: list[str], requests: int) -> None:
    """Inside valgrind: request each path, with the counters zeroed before and dumped after."""
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    pid = str(os.getpid())
    for path in paths:
        for _ in range(WARM_UP):
            status = client.get(path).status_code
            if status != 200:
                sys.exit(f"{path} answered {status}")
        subprocess.run(["callgrind_control", "-z", pid], check=True, capture_output=True)
        for _ in range(requests):
            client.get(path)
        subprocess.run(["callgrind_control", "-d", pid], check=True, capture_output=True)


def count(root: Path, paths: list[str], requests: int) -> list[float]:
    """Millions of instructions a request of each path, for the checkout at `root`."""
    with tempfile.TemporaryDirectory(prefix="portal-bench-instructions-") as folder:
        env = {
            **uncached_env(),  # plain HTTP, as bench/load.py serves the pages
            "DJANGO_STATIC_ROOT": str(Path(folder) / "static"),
            "PYTHONHASHSEED": "0",
        }
        # The manifest storage needs the checkout's own static files; collected outside valgrind.
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=root,
            env=env,
            check=True,
        )
        out = Path(folder) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                PYTHON,
                __file__,
                "--child",
                str(root),
                "--requests",
                str(requests),
                *paths,
            ],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
        # Each dump of callgrind_control -d is written as out.1, out.2…, in the paths' order.
        counts = []
        for number in range(1, len(paths) + 1):
            summary = next(
                line
                for line in out.with_name(f"{out.name}.{number}").read_text().splitlines()
                if line.startswith("summary:")
            )
            counts.append(int(summary.split()[1]) / requests / 1e6)
        return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="paths of pages, e.g. /kinerja/")
    parser.add_argument("--before", type=Path, help="another checkout to compare with")
    parser.add_argument("--requests", type=int, default=10, help="requests counted per path")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.paths, args.requests)
        return
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL is needed (the scale data: see bench/README.md)")
    ensure_installed("valgrind", "callgrind_control")  # valgrind comes with it
    this = count(ROOT, args.paths, args.requests)
    before = count(args.before.resolve(), args.paths, args.requests) if args.before else None
    print(f"Python instructions a request (millions), {args.requests} requests a path")
    if before is None:
        print("| path | this |\n|---|---:|")
        for path, mine in zip(args.paths, this, strict=True):
            print(f"| `{path}` | {mine:.2f} |")
        return
    print("| path | before | this | change |\n|---|---:|---:|---:|")
    for path, mine, theirs in zip(args.paths, this, before, strict=True):
        print(f"| `{path}` | {theirs:.2f} | {mine:.2f} | {(mine - theirs) / theirs:+.1%} |")


if __name__ == "__main__":
    main()
