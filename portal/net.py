"""The client's address, believing X-Forwarded-For only from the proxies we trust."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def resolve_client_ip(remote_addr: str, forwarded_for: str) -> str:
    """Walk X-Forwarded-For from the right, skipping our proxies; the first other hop is the client.

    Entries left of that hop were written by the client itself and can be forged, so they are
    never read. A request that does not come from a trusted proxy is its own client.
    """
    if not is_trusted_proxy(remote_addr):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote_addr  # garbage in the header: trust only the proxy we saw
        if not is_trusted_proxy(hop):
            return hop
    return hops[0] if hops else remote_addr


def axes_client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
