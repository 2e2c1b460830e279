"""The network guard: refuse URLs aimed at this machine, private networks or cloud metadata, and non-web schemes.

It fails closed. Every request (start URLs, links and each step of a redirect, which Scrapy sends through the
downloader middlewares again) is checked before it is sent:

- the host is normalised first: case, trailing dots (``localhost.``), IPv6 brackets and zones, IPv4-mapped,
  6to4, Teredo and NAT64 forms, and the old IPv4 spellings the resolver still accepts (``127.1``, ``0x7f.1``,
  ``2130706433``, ``0177.0.0.1``);
- a host name is resolved and every address it resolves to is checked; a name that does not resolve is refused
  (failures are not cached, answers are kept for :data:`CACHE_SECONDS`);
- cloud-metadata and link-local addresses (:data:`ALWAYS_REFUSED`, :data:`METADATA_HOSTS`) are refused always;
- other loopback, private, reserved and multicast addresses are refused unless the source lists them (or the
  host name) in ``allow_private_network`` (the fixture sources list ``127.0.0.1``).

Refusals are counted as ``guard/scheme``, ``guard/invalid_host``, ``guard/unresolvable``, ``guard/metadata`` and
``guard/private_network``. A DNS answer that changes between this check and the connection (rebinding) is not
covered; docs/RELIABILITY.md lists it among the limits.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

METADATA_HOSTS = frozenset(
    {"metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal"}
)
ALWAYS_REFUSED: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(net)
    for net in (
        "169.254.0.0/16",  # IPv4 link-local; 169.254.169.254 is the metadata service of AWS, GCP, Azure, …
        "fe80::/10",  # IPv6 link-local
        "fd00:ec2::254/128",  # AWS metadata over IPv6
        "100.100.100.200/32",  # Alibaba Cloud metadata
        "168.63.129.16/32",  # Azure wire server
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_SPELLING = re.compile(r"^(0x[0-9a-f]*|\d+)(\.(0x[0-9a-f]*|\d+)){0,3}$")
_LOOPBACK_NAMES = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))
CACHE_SECONDS = 300.0
_resolved: dict[str, tuple[float, tuple[IPAddress, ...]]] = {}


class PrivateNetworkRefused(IgnoreRequest):
    """A request aimed at a private address or a non-web scheme."""


@dataclass(frozen=True)
class Allowance:
    """What a source may reach of the private network: networks, and host names."""

    networks: tuple[IPNetwork, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, entries: Iterable[str]) -> Allowance:
        """From ``allow_private_network`` entries (addresses, CIDR networks, host names)."""
        networks, hosts = [], set()
        for entry in entries:
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(normalise_host(entry))
        return cls(tuple(networks), frozenset(hosts))

    def covers(self, host: str, address: IPAddress) -> bool:
        """True when the source allows this host, or this address, although it is private."""
        return host in self.hosts or any(address in network for network in self.networks)


def normalise_host(host: str) -> str:
    """Lower case, without trailing dots, IPv6 brackets or a zone (``fe80::1%eth0``)."""
    return host.strip().lower().strip("[]").rstrip(".").split("%")[0]


def literal_address(host: str) -> IPAddress | None:
    """The address a host spells directly, in any form the system resolver accepts, or ``None`` for a name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _IPV4_SPELLING.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def embedded(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped, 6to4, Teredo or NAT64 IPv6 address (else the address)."""
    if isinstance(address, ipaddress.IPv4Address):
        return address
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def is_private_address(address: IPAddress) -> bool:
    """True for loopback, private, link-local, reserved, multicast and unspecified addresses."""
    inner = embedded(address)
    return not inner.is_global or inner.is_multicast


def host_addresses(host: str) -> tuple[IPAddress, ...]:
    """Every address the host name resolves to (empty when it does not resolve; that is not remembered)."""
    now = time.monotonic()
    cached = _resolved.get(host)
    if cached and cached[0] > now:
        return cached[1]
    try:
        infos = socket.getaddrinfo(host, None)
        found = tuple({ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos})
    except (OSError, UnicodeError, ValueError):
        return ()
    if found:
        if len(_resolved) > 4096:
            _resolved.clear()
        _resolved[host] = (now + CACHE_SECONDS, found)
    return found


def refusal(url: str, allow: Allowance | None = None) -> tuple[str, str] | None:
    """``(counter, reason)`` when this URL must not be fetched, or ``None`` when it may be."""
    allow = allow or Allowance()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "scheme", f"scheme {parts.scheme!r} refused"
    try:
        host = normalise_host(parts.hostname or "")
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except (UnicodeError, ValueError):
        return "invalid_host", "the host is not a valid name"
    if not host or "%" in host or "\\" in host:
        return "invalid_host", f"host {host!r} is not a valid name"
    if host in METADATA_HOSTS:
        return "metadata", f"host {host} is a cloud metadata service"
    address = literal_address(host)
    if address is not None:
        addresses: tuple[IPAddress, ...] = (address,)
    elif host == "localhost" or host.endswith(".localhost"):
        addresses = _LOOPBACK_NAMES
    else:
        addresses = host_addresses(host)
        if not addresses:
            return "unresolvable", f"host {host} does not resolve"
    return _address_refusal(host, addresses, allow)


def _address_refusal(host: str, addresses: tuple[IPAddress, ...], allow: Allowance) -> tuple[str, str] | None:
    for address in addresses:
        inner = embedded(address)
        if any(inner in network or address in network for network in ALWAYS_REFUSED):
            return "metadata", f"host {host} is a link-local or cloud metadata address ({address})"
        if is_private_address(address) and not allow.covers(host, inner):
            return "private_network", f"host {host} is a private address ({address})"
    return None


class PrivateNetworkMiddleware:
    """Apply :func:`refusal` to every request before it is sent (redirects included)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self._allow: Allowance | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateNetworkMiddleware:
        return cls(crawler)

    @property
    def allow(self) -> Allowance:
        """What the crawled source may reach (read from the spider once)."""
        if self._allow is None:
            self._allow = Allowance.of(getattr(self.crawler.spider, "allow_private_network", ()))
        return self._allow

    def process_request(self, request: Request) -> None:
        """Raise :class:`PrivateNetworkRefused` for a refused URL."""
        found = refusal(request.url, self.allow)
        if found:
            counter, reason = found
            self.stats.inc_value(f"guard/{counter}")
            raise PrivateNetworkRefused(f"{request.url}: {reason}")
