"""Refuse URLs that resolve to loopback, private, link-local or cloud metadata addresses, and non-web schemes.

A source may set ``allow_private_network: true`` (the local fixture sources do); the spider then carries
``allow_private_network = True``. Refused requests are counted as ``guard/private_network`` and
``guard/scheme``. The check resolves the host name once per host; a DNS answer that changes between the
check and the connection is not covered (documented in docs/SOURCES.md).
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})


class PrivateNetworkRefused(IgnoreRequest):
    """A request aimed at a private address or a non-web scheme."""


@lru_cache(maxsize=4096)
def host_addresses(host: str) -> tuple[str, ...]:
    """Every address the host resolves to (empty when it does not resolve)."""
    try:
        return tuple({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (OSError, UnicodeError):
        return ()


def is_private_address(address: str) -> bool:
    """True for loopback, private, link-local, reserved, multicast and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def refusal(url: str, *, allow_private: bool) -> str | None:
    """Why this URL must not be fetched, or ``None`` when it may be."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} refused"
    host = (parts.hostname or "").lower()
    if not host:
        return "no host"
    if allow_private:
        return None
    if host in METADATA_HOSTS or host == "localhost" or host.endswith(".localhost"):
        return f"host {host} is private"
    addresses = host_addresses(host)
    if any(is_private_address(a) for a in addresses):
        return f"host {host} resolves to a private address"
    return None


class PrivateNetworkMiddleware:
    """Apply :func:`refusal` to every request before it is sent."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateNetworkMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Raise :class:`PrivateNetworkRefused` for a refused URL."""
        allow = bool(getattr(self.crawler.spider, "allow_private_network", False))
        reason = refusal(request.url, allow_private=allow)
        if reason:
            key = "guard/scheme" if reason.startswith("scheme") else "guard/private_network"
            self.stats.inc_value(key)
            raise PrivateNetworkRefused(f"{request.url}: {reason}")
