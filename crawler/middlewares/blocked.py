"""Drop anti-bot challenges, soft-404s and login walls before anything retries or parses them, and leave
challenging hosts alone for a growing while (the cool-off, kept in the state store across runs).

Detection is ``crawler.portals.blocked.detect_blocked``; the cool-off policy is ``crawler.portals.cooloff``.
This adapter counts ``blocked/<kind>`` and ``blocked/<kind>/<spider>``, logs once per (site, kind), and
ignores the request: a challenge answered by a retry is answered again, so the page is neither retried
nor emitted. It sits above RedirectMiddleware (600) so a WZWS redirect is seen before it is followed.

Cool-off (live crawls; a replay has no server to spare and must give the same run every time): the first
challenge of a run from a host (``BLOCKED_COOLOFF_KINDS``) sets a cool-off in the state store; requests to
the host are then skipped (``blocked/cooloff_skipped``) until it ends, in this run and the next ones. The
first request after it ends is sent: an ordinary answer lifts the cool-off, another challenge sets a
longer one. ``cooloff/<host>/until`` and ``/strikes`` put it in the run table once per run.

A run in which the portal's list pages were challenged or skipped, and none was read, is a blocked run;
``portal/blocked_runs`` counts them in a row (kept per portal in the store) for the blocked-runs monitor.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from crawler.portals import cooloff
from crawler.portals.blocked import detect_blocked
from crawler.state import HostCooloff, StateStore, open_store

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class BlockedPageMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.logged: set[tuple[str, str]] = set()
        settings = crawler.settings
        self.cooloff_on = settings.getbool("BLOCKED_COOLOFF_ENABLED", True) and not settings.getbool("REPLAY_ENABLED")
        self.kinds = set(settings.getlist("BLOCKED_COOLOFF_KINDS", list(cooloff.CHALLENGE_KINDS)))
        self.timing = {
            "base": settings.getfloat("BLOCKED_COOLOFF_BASE", 3600.0),
            "factor": settings.getfloat("BLOCKED_COOLOFF_FACTOR", 2.0),
            "cap": settings.getfloat("BLOCKED_COOLOFF_MAX", 7 * 86400.0),
        }
        self.store: StateStore | None = None
        self.hosts: dict[str, HostCooloff | None] = {}  # read once per run, then kept up to date
        self.struck: set[str] = set()  # hosts that challenged us this run (one strike per run)
        self.previous_runs = 0
        self.list_read = False
        crawler.signals.connect(self.spider_opened, signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockedPageMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.store = open_store(self.crawler.settings, spider.name)
        self.previous_runs = self.store.get_blocked_runs()

    def spider_closed(self) -> None:
        if self.store is None:
            return
        runs = int(self._stats().get_value(cooloff.BLOCKED_RUNS, 0))
        if runs != self.previous_runs:
            self.store.put_blocked_runs(runs)
        self.store.close()
        self.store = None

    def _stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def _spider(self) -> str:
        return self.crawler.spider.name if self.crawler.spider else "unknown"

    def _cooloff(self, host: str) -> HostCooloff | None:
        if host not in self.hosts:
            self.hosts[host] = self.store.get_cooloff(host) if self.store is not None else None
        return self.hosts[host]

    def _report(self, entry: HostCooloff) -> None:
        stats = self._stats()
        stats.set_value(f"{cooloff.COOLOFF_PREFIX}{entry.host}/until", entry.until)
        stats.set_value(f"{cooloff.COOLOFF_PREFIX}{entry.host}/strikes", entry.strikes)

    def _list_outcome(self, request: Request, read: bool) -> None:
        """Keep ``portal/blocked_runs`` current, so the monitors (which run at close) see this run too."""
        if request.meta.get("page_kind") != "list":
            return
        self.list_read = self.list_read or read
        runs = 0 if self.list_read else self.previous_runs + 1
        self._stats().set_value(cooloff.BLOCKED_RUNS, runs)

    def process_request(self, request: Request) -> None:
        if not self.cooloff_on:
            return
        host = urlsplit(request.url).hostname or ""
        entry = self._cooloff(host)
        if entry is None or not cooloff.is_active(entry, cooloff.now_utc()):
            return
        stats = self._stats()
        stats.inc_value(cooloff.COOLOFF_SKIPPED)
        stats.inc_value(f"{cooloff.COOLOFF_SKIPPED}/{self._spider()}")
        self._report(entry)
        self._list_outcome(request, read=False)
        if (host, "cooloff") not in self.logged:
            self.logged.add((host, "cooloff"))
            logger.info(
                "%s is cooling off until %s after a %s challenge (strike %d): its requests are skipped",
                host,
                entry.until,
                entry.kind,
                entry.strikes,
            )
        raise IgnoreRequest(f"{host} is cooling off until {entry.until}: {request.url}")

    def process_response(self, request: Request, response: Response) -> Response:
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        blocked = detect_blocked(response.status, headers, response.body, request.meta.get("page_kind"))
        host = urlsplit(response.url).hostname or ""
        if blocked is None:
            if 200 <= response.status < 300:
                self._list_outcome(request, read=True)
            self._lift(host)
            return response
        stats = self._stats()
        stats.inc_value(f"blocked/{blocked.kind}")
        stats.inc_value(f"blocked/{blocked.kind}/{self._spider()}")
        self._list_outcome(request, read=False)
        site = urlsplit(response.url).netloc
        if (site, blocked.kind) not in self.logged:
            self.logged.add((site, blocked.kind))
            # INFO, like dropped items: a blocked page is an expected outcome, counted in stats; the run
            # monitors alert on the blocked *rate*, which is what tells a portal started blocking us.
            logger.info(
                "%s answers with a %s page (%s), first at %s; such pages are skipped, not retried",
                site,
                blocked.kind,
                blocked.reason,
                response.url,
            )
        if self.cooloff_on and blocked.kind in self.kinds:
            self._strike(host, blocked.kind)
        raise IgnoreRequest(f"blocked ({blocked.kind}): {response.url}")

    def _strike(self, host: str, kind: str) -> None:
        if host in self.struck or self.store is None:
            return
        self.struck.add(host)
        entry = cooloff.strike(self._cooloff(host), host, kind, cooloff.now_utc(), **self.timing)
        self.store.put_cooloff(entry)
        self.hosts[host] = entry
        self._report(entry)
        logger.info("%s: no requests until %s (cool-off strike %d)", host, entry.until, entry.strikes)

    def _lift(self, host: str) -> None:
        """An ordinary answer from a host whose cool-off had ended: the block is over."""
        if not self.cooloff_on or host in self.struck or self._cooloff(host) is None or self.store is None:
            return
        self.store.clear_cooloff(host)
        self.hosts[host] = None
        self._stats().inc_value("cooloff/lifted")
        logger.info("%s answers again: its cool-off is lifted", host)
