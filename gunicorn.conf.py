"""gunicorn settings, read from the environment (see README: Configuration)."""

import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# A worker is replaced after this many requests (a guard against slow leaks). A fresh worker
# starts with cold template and connection caches, so recycling too often shows as latency
# spikes under load: at 2,000 a busy worker was replaced every few seconds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
preload_app = True
# Proxies allowed to set the scheme; the portal's own middleware decides the client address.
forwarded_allow_ips = os.environ.get("DJANGO_TRUSTED_PROXIES", "127.0.0.1") or "127.0.0.1"


def on_starting(server):
    """Hold the embedded PostgreSQL in the master, so it outlives worker restarts."""
    if not os.environ.get("DATABASE_URL"):
        from portal.embedded_db import ensure_server

        ensure_server(str(Path(__file__).resolve().parent / ".data"))


def when_ready(server):
    """With the app preloaded and before the first worker is forked: load what the workers
    share and freeze it out of the garbage collector's walks (portal.wsgi)."""
    from portal.wsgi import prepare_for_workers

    server.log.info("%d objects frozen for the workers", prepare_for_workers())
