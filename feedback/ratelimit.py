"""Rate limits kept in PostgreSQL, so every gunicorn worker and host counts together.

Each hit is one `INSERT … ON CONFLICT DO UPDATE … RETURNING` on a counter per scope, key and
fixed window: atomic without a lock held across statements, and the same row for every
process. Keys are HMACs of the client address (after the trusted-proxy middleware resolved it)
or the e-mail, so the table never holds either.
"""

import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from feedback.models import RateCounter


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    hits: int
    retry_after: int  # seconds until the window ends


def hashed(value: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"feedback-rate:{value}".encode(), hashlib.sha256
    ).hexdigest()


def address_key(address: str) -> str:
    """The client address as one key; an IPv6 client counts by its /64, which it usually owns."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return hashed(f"ip:{address}")
    if ip.version == 6:
        if ip.ipv4_mapped:
            return hashed(f"ip:{ip.ipv4_mapped}")
        return hashed(f"ip:{ipaddress.ip_network(f'{ip}/64', strict=False)}")
    return hashed(f"ip:{ip}")


def email_key(email: str) -> str:
    return hashed(f"email:{email.strip().lower()}")


def hit(scope: str, key: str, rate: tuple[int, int], *, now=None) -> Verdict:
    """Count one hit of `key` in `scope` and say whether it is within `rate` (count, seconds)."""
    limit, seconds = rate
    now = now or timezone.now()
    epoch = math.floor(now.timestamp())
    start = now - timedelta(seconds=epoch % seconds, microseconds=now.microsecond)
    table = RateCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, key, window_start, hits) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = {table}.hits + 1 "
            f"RETURNING hits",
            [scope, key, start],
        )
        (hits,) = cursor.fetchone()
    retry_after = max(1, math.ceil((start + timedelta(seconds=seconds) - now).total_seconds()))
    return Verdict(allowed=hits <= limit, hits=hits, retry_after=retry_after)


def purge_expired(*, now=None) -> int:
    """Delete counters whose window ended; the longest configured window bounds them all."""
    now = now or timezone.now()
    longest = max(
        seconds
        for _count, seconds in (
            settings.FEEDBACK_RATE_SUBMIT_IP,
            settings.FEEDBACK_RATE_SUBMIT_EMAIL,
            settings.FEEDBACK_RATE_LOOKUP_IP,
        )
    )
    deleted, _ = RateCounter.objects.filter(
        window_start__lt=now - timedelta(seconds=longest)
    ).delete()
    return deleted
