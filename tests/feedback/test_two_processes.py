"""The rate limit is kept in PostgreSQL, so two server processes count together."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from feedback.models import RateCounter, Submission

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {deadline} s")


@pytest.fixture
def two_servers(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.feedback.server_settings",
        "FEEDBACK_TEST_DATABASE": connection.settings_dict["NAME"],
        "DJANGO_FEEDBACK_RATE_SUBMIT_IP": f"{LIMIT}/3600",
        "DJANGO_FEEDBACK_FORM_MIN_SECONDS": "0",
    }
    processes, urls = [], []
    try:
        for n in range(2):
            port = free_port()
            log = (tmp_path / f"server{n}.log").open("w")
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "portal.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--access-logfile",
                        "-",
                    ],
                    cwd=Path(settings.BASE_DIR),
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            wait_until_up(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(opener, url, n, forged_for):
    """Open the form on one server and send it, as a browser would, with a forged header."""
    with opener.open(url + "/masukan/", timeout=10) as page:
        html = page.read().decode()
    fields = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("csrfmiddlewaretoken", "rendered")
    }
    body = urllib.parse.urlencode(
        {
            **fields,
            "kind": "saran",
            "sasaran": "portal",
            "subject": f"Saran nomor {n}",
            "body": f"Saran ke-{n}: mohon jam layanan diperpanjang sampai sore hari.",
            "privacy": "publik",
            "consent": "on",
        }
    ).encode()
    request = urllib.request.Request(
        url + "/masukan/",
        data=body,
        headers={"X-Forwarded-For": forged_for, "Referer": url + "/masukan/"},
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_the_limit_per_address_is_shared_by_two_server_processes(two_servers):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    answers = [
        submit(opener, two_servers[n % 2], n, forged_for=f"10.9.8.{n}") for n in range(LIMIT + 2)
    ]
    statuses = [status for status, _headers in answers]
    # the first three pass, alternating servers; then both refuse, whatever the header says
    assert statuses == [302] * LIMIT + [429, 429]
    assert 0 < int(answers[-1][1]["Retry-After"]) <= 3600
    assert Submission.objects.count() == LIMIT
    assert RateCounter.objects.get(scope="submit-ip").hits == LIMIT + 2
