"""The address of the person at the other end of a request, through the proxies we trust.

Behind a load balancer or reverse proxy, REMOTE_ADDR is the proxy's address, and the
client's is in X-Forwarded-For, which anyone can also send. Only the proxies named in
``WAYMARK_TRUSTED_PROXIES`` (addresses or networks) are believed: the header is read from
the right, one hop per trusted proxy, and the first address not in the list is the client.
Every rate limit (return codes, sign-in lockouts through django-axes) uses this function.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"WAYMARK_TRUSTED_PROXIES holds something that is not an address: {error}") from None


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(settings.WAYMARK_TRUSTED_PROXIES))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = _address(address)
    return parsed is not None and any(parsed in network for network in trusted_proxies())


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR unless it is a trusted proxy, in which case the
    X-Forwarded-For hops are walked from the right while they are trusted proxies too. A hop
    that is not an address stops the walk at the last proxy reached."""
    address = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(address):
        return address
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        parsed = _address(hop)
        if parsed is None:
            break
        address = str(parsed)
        if not is_trusted_proxy(address):
            break
    return address
