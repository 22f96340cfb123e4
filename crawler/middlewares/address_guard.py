"""Refuse requests to private, loopback, link-local and other non-public addresses (SSRF guard).

A portal page can link or redirect to ``http://10.0.0.5/``, ``http://localhost:8080/`` or
``http://169.254.169.254/`` (cloud metadata). An unattended crawler must never fetch those: this
middleware refuses any request whose host is, or resolves to, a non-public address, and counts each
refusal under ``address_guard/refused/<kind>``. Offsite filtering (Scrapy's OffsiteMiddleware over the
registry's ``allowed_domains``) already keeps crawls on their portal; this guard also covers redirects and
portals whose own names resolve inward.

It sits right before the downloader (after replay), so replayed crawls never resolve anything.
Settings: ``ADDRESS_GUARD_ENABLED`` (default True); ``ADDRESS_GUARD_ALLOW``: address kinds to let through,
e.g. ``loopback`` for tests against a local server.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (kind, test) in order: the first that matches names the refusal. Data, not an if-chain.
ADDRESS_KINDS: tuple[tuple[str, str], ...] = (
    ("unspecified", "is_unspecified"),
    ("loopback", "is_loopback"),
    ("link_local", "is_link_local"),
    ("multicast", "is_multicast"),
    ("reserved", "is_reserved"),  # before private: Python counts 240.0.0.0/4 as both
    ("private", "is_private"),
)
MAX_CACHED_HOSTS = 10_000


def address_kind(address: IPAddress) -> str | None:
    """The non-public kind of an address (``loopback``, ``private`` …), or None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind, test in ADDRESS_KINDS:
        if getattr(address, test):
            return kind
    return None if address.is_global else "non_global"  # e.g. 100.64.0.0/10 carrier-grade NAT


def literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def refusal(addresses: list[IPAddress], allowed: frozenset[str]) -> str | None:
    """The kind that makes a host unsafe: any one non-public address it resolves to is enough."""
    for address in addresses:
        kind = address_kind(address)
        if kind is not None and kind not in allowed:
            return kind
    return None


class AddressGuardMiddleware:
    def __init__(self, crawler: Crawler, allowed: frozenset[str]) -> None:
        self.crawler = crawler
        self.allowed = allowed
        self.verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        if not crawler.settings.getbool("ADDRESS_GUARD_ENABLED", True):
            raise NotConfigured("address guard disabled")
        allowed = frozenset(crawler.settings.getlist("ADDRESS_GUARD_ALLOW"))
        return cls(crawler, allowed)

    async def resolve(self, host: str) -> list[IPAddress]:
        literal = literal_address(host)
        if literal is not None:
            return [literal]
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return []  # unresolvable: the download fails with its own DNS error, counted by Scrapy
        found = (literal_address(str(info[4][0])) for info in infos)
        return [a for a in found if a is not None]

    async def process_request(self, request: Request) -> None:
        host = (urlparse_cached(request).hostname or "").lower()
        if not host:
            return
        if host not in self.verdicts:
            if len(self.verdicts) >= MAX_CACHED_HOSTS:
                self.verdicts.clear()
            self.verdicts[host] = refusal(await self.resolve(host), self.allowed)
        kind = self.verdicts[host]
        if kind is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("address_guard/refused")
        stats.inc_value(f"address_guard/refused/{kind}")
        logger.info("Refused %s: host %s is a %s address", request.url, host, kind)
        raise IgnoreRequest(f"address guard: {host} is a {kind} address")
