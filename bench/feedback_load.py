"""Sustained feedback submissions under the real abuse protection, from many addresses and one.

    createdb -h 127.0.0.1 -U postgres bench_feedback
    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_feedback
    DJANGO_DEBUG=1 .venv/bin/python manage.py migrate
    .venv/bin/python bench/feedback_load.py            # --duration 20 --connections 32

It starts gunicorn with the production settings and 127.0.0.1 as a trusted proxy, so each
request's X-Forwarded-For is the client address the rate limits count (as behind nginx). It
renders /masukan/ once for a CSRF cookie and token and a signed render time, waits until that
time is old enough, then lets wrk (32 connections) POST complete submissions to /masukan/:

1. many addresses: every request from a new address in 10.0.0.0/8, each with its own text
   (the duplicate check is on), so every one should be accepted;
2. one address: every request from the same address, for as long, so at most the per-address
   limit (DJANGO_FEEDBACK_RATE_SUBMIT_IP, 10 an hour by default) may be accepted.

Accepted means a row in the database: the script counts the submissions before and after each
run (the responses are counted by wrk: a thank-you is a redirect, a refusal a 429).
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import ROOT, ensure_wrk, machine, start_server, stop_server

LUA = """
local counter = 0
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function request()
  counter = counter + 1
  local n = %(offset)d + id * 1000000 + counter
  local address = "%(fixed)s"
  if address == "" then
    address = string.format("10.%%d.%%d.%%d", math.floor(n / 65536) %% 256,
                            math.floor(n / 256) %% 256, n %% 256)
  end
  local body = "%(form)s" .. "&subject=Uji+beban+%(nonce)s+nomor+" .. n ..
    "&body=Isi+masukan+pengujian+beban+nomor+" .. n .. "+dari+" .. address
  return wrk.format("POST", "/masukan/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=%(cookie)s",
    ["X-Forwarded-For"] = address,
  }, body)
end
"""


def form_tokens(base: str) -> tuple[str, str, str]:
    """(CSRF cookie, CSRF form token, signed render time) from one rendering of the form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/masukan/").read().decode()
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    rendered = re.search(r'name="rendered" value="([^"]+)"', html)[1]
    return cookie, token, rendered


def submissions() -> int:
    import django

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM feedback_submission")
        (count,) = cursor.fetchone()
    connection.close()
    return count


def run(wrk, base, script, *, connections, duration) -> str:
    return subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency",
         "-s", str(script), base],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8078)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a migrated benchmark database (see the docstring).")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    wrk = ensure_wrk()
    static = Path(tempfile.mkdtemp(prefix="portal-bench-static-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_BENCH_PING": "1",
        "DJANGO_STATIC_ROOT": str(static),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_TRUSTED_PROXIES": "127.0.0.1/32",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    print(machine(env), flush=True)
    base = f"http://127.0.0.1:{args.port}"
    log = Path(tempfile.gettempdir()) / "portal-bench-feedback.log"
    server = start_server(env, args.port, log)
    try:
        cookie, token, rendered = form_tokens(base)
        time.sleep(3.5)  # the signed render time must be at least 3 s old
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "rendered": rendered,
                "kind": "kritik",
                "sasaran": "portal",
                "privacy": "publik",
                "consent": "on",
                "situs_web": "",
            }
        )
        limit = env.get("DJANGO_FEEDBACK_RATE_SUBMIT_IP", "10/3600")
        # A fresh run must not meet the last run's addresses (their hour of limit) or texts
        # (the duplicate check): both are drawn anew.
        nonce = secrets.token_hex(4)
        one = f"192.0.2.{secrets.randbelow(250) + 1}"
        offset = secrets.randbelow(8) * 2_000_000
        for label, fixed in (("many addresses", ""), ("one address", one)):
            script = Path(tempfile.mkstemp(suffix=".lua")[1])
            values = {"fixed": fixed, "form": form, "cookie": cookie, "nonce": nonce}
            script.write_text(LUA % {**values, "offset": offset})
            before = submissions()
            out = run(wrk, base, script, connections=args.connections, duration=args.duration)
            time.sleep(5)  # requests wrk left queued still finish: count after they have
            accepted = submissions() - before
            requests = int(re.search(r"(\d+) requests in", out)[1])
            refused = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            p99 = re.search(r"\s99%\s+(\S+)", out)[1]
            print(
                f"{label}: {requests} requests in {args.duration} s, "
                f"{accepted} accepted ({accepted / args.duration:.1f}/s), "
                f"{refused[1] if refused else 0} refused, p99 {p99}"
                + (f"; per-address limit {limit}" if fixed else ""),
                flush=True,
            )
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
