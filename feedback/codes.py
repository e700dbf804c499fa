"""Tracking codes: TPI-7K3F-9QX2-M4HD.

Twelve symbols from an alphabet without the look-alikes 0/O, 1/I/L (and U, as in Crockford's
base32), drawn by `secrets`: 30^12 ≈ 2^59 codes, so with lookups rate-limited per address a
code cannot be guessed. The database stores the twelve symbols; people see them grouped, and
may type them in any case, with or without the prefix, dashes or spaces.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
PREFIX = "TPI"
STORED = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    groups = [code[i : i + GROUP] for i in range(0, len(code), GROUP)]
    return "-".join([PREFIX, *groups])


def normalize(text: str) -> str | None:
    """The stored form of what a person typed, or None when it cannot be a code."""
    compact = re.sub(r"[\s\-–—_.]+", "", text or "").upper()
    if len(compact) == LENGTH + len(PREFIX) and compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    return compact if STORED.fullmatch(compact) else None
