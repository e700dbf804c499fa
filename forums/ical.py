"""An iCalendar (RFC 5545) feed of upcoming forums, written by hand: a few lines of text."""

from datetime import UTC

from django.utils import timezone


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start = [], 0
    while start < len(data):
        end = min(start + (75 if not parts else 74), len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 char
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(forums, *, base: str, host: str, name: str) -> str:
    """`base` is the site's scheme and host (no slash) for the events' links."""
    now = _stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pemerintah Kota Tanjungpinang//Portal Kinerja ASN//ID",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for forum in forums:
        lines += [
            "BEGIN:VEVENT",
            f"UID:forum-{forum.slug}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(forum.starts_at)}",
            f"DTEND:{_stamp(forum.ends_at)}",
            f"SUMMARY:{_escape(forum.title)}",
            f"LOCATION:{_escape(forum.venue)}",
            f"DESCRIPTION:{_escape(forum.agenda)}",
            f"URL:{base}{forum.get_absolute_url()}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
