"""``scrapy check-portals [--live] [PORTAL ...]``: the daily health check of the portal registry.

(Scrapy names a command after its module, hence the file name.) Without ``--live`` it validates every
registry file on its own (one bad file does not hide the others), and reports for each portal what an
operator must know: start URLs nobody has confirmed (``verified: false``), fixture-only portals, hosts
cooling off after a challenge and runs blocked in a row (from the state store). With ``--live`` it also
fetches each start URL through the crawl's own downloader (user agent, robots.txt, timeouts, address
guard, charset repair) and reads it with the crawl's list reader: reachable, blocked, redirected
elsewhere, no article links (the template changed) or unreachable (DNS, timeout, HTTP error).

Exit status (for cron): 0 when every entry is valid and, with ``--live``, every start URL is reachable;
1 otherwise. Unverified start URLs are reported but do not fail the check.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import yaml
from scrapy import Request, Spider
from scrapy.commands import ScrapyCommand
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.settings import Settings

from crawler.console.figures import error_label
from crawler.extensions.console import ConsoleCommand
from crawler.middlewares.errors import cause_of
from crawler.portals import health, issues
from crawler.portals.blocked import detect_blocked
from crawler.portals.registry import Portal, RegistryError, parse_portal
from crawler.spiderloader import registry_dir
from crawler.state import HostCooloff, open_store

MAX_HOPS = 5
# The check fetches one page per start URL and reads it itself: no pipelines, feeds, state or monitors,
# and no blocked-page middleware (the check reports the challenge instead of dropping the answer).
LIVE_SETTINGS: dict[str, Any] = {
    "REPLAY_ENABLED": False,
    "SPIDER_LOADER_CLASS": "scrapy.spiderloader.SpiderLoader",
    "SPIDER_MODULES": [],
    "ITEM_PIPELINES": {},
    "SPIDER_MIDDLEWARES": {},
    "FEEDS": {},
    "SPIDERMON_ENABLED": False,
    "RETRY_TIMES": 1,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
}
DISABLED_EXTENSIONS = ("crawler.extensions.state.CrawlState", "crawler.extensions.summary.RunSummary")
DISABLED_MIDDLEWARES = ("crawler.middlewares.blocked.BlockedPageMiddleware",)


@dataclass
class Entry:
    """One registry file: its portal (or why it is invalid) and what the checks found."""

    path: Path
    portal: Portal | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    live: list[tuple[str, health.Health]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.portal.name if self.portal else self.path.stem

    @property
    def ok(self) -> bool:
        return self.error is None and all(h.ok for _, h in self.live)


def read_entries(directory: Path) -> list[Entry]:
    """Every ``*.yaml`` under the registry, each validated on its own, plus a duplicate-name check."""
    entries: list[Entry] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        entry = Entry(path)
        try:
            entry.portal = parse_portal(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
        except yaml.YAMLError as exc:
            entry.error = f"{path}: not valid YAML: {exc}"
        except RegistryError as exc:
            entry.error = str(exc)
        if entry.portal is not None:
            if entry.portal.name in seen:
                entry.error = f"{path}: name {entry.portal.name!r} already used by {seen[entry.portal.name]}"
            seen.setdefault(entry.portal.name, path)
        entries.append(entry)
    return entries


def describe_cooloff(cooloff: HostCooloff) -> str:
    return (
        f"{cooloff.host} cooling off until {cooloff.until} after a {cooloff.kind} challenge "
        f"(strike {cooloff.strikes}, blocked since {cooloff.first_blocked})"
    )


def state_notes(settings: Settings, portal: Portal) -> list[str]:
    """What the crawl remembers about the portal being blocked (nothing when it never ran here)."""
    sqlite = str(settings.get("STATE_BACKEND") or "").endswith("sqlite.from_settings")
    if sqlite and not Path(settings.get("STATE_DIR") or ".state").is_dir():
        return []  # no crawl ever ran with this state directory; opening it would create it
    store = open_store(settings, portal.name)
    try:
        today = issues.today()
        hosts = {urlsplit(issues.for_day(u, today)).hostname or "" for u in portal.start_urls}
        hosts |= set(portal.allowed_domains)
        notes = [describe_cooloff(c) for c in (store.get_cooloff(h) for h in sorted(hosts)) if c]
        if runs := store.get_blocked_runs():
            notes.append(f"blocked {runs} runs in a row")
        return notes
    finally:
        store.close()


class CheckSpider(Spider):
    """Fetches each portal's start URLs once, following redirects itself to see where they lead."""

    name = "check_portals"
    custom_settings: ClassVar[dict[str, Any]] = {}

    def __init__(self, entries: list[Entry], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries = entries

    async def start(self) -> AsyncIterator[Request]:
        for entry in self.entries:
            assert entry.portal is not None
            for template in entry.portal.start_urls:
                url = issues.for_day(template, issues.today())
                yield self.fetch(entry, url, url, 0)

    def fetch(self, entry: Entry, asked: str, url: str, hops: int) -> Request:
        return Request(
            url,
            callback=self.answered,
            errback=self.failed,
            dont_filter=True,
            meta={"handle_httpstatus_all": True, "page_kind": "list"},  # every status reaches answered()
            cb_kwargs={"entry": entry, "asked": asked, "hops": hops},
        )

    def answered(self, response: Response, entry: Entry, asked: str, hops: int) -> Iterator[Request]:
        assert entry.portal is not None
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        location = response.headers.get("Location")
        blocked = detect_blocked(response.status, headers, response.body, "list")
        if 300 <= response.status < 400 and location and blocked is None and hops < MAX_HOPS:
            yield self.fetch(entry, asked, response.urljoin(location.decode("latin-1")), hops + 1)
            return
        markup = response.text if isinstance(response, TextResponse) else ""
        found = health.check_answer(entry.portal, asked, response.url, response.status, headers, response.body, markup)
        entry.live.append((asked, found))

    def failed(self, failure: Any) -> None:
        request = failure.request
        exc = failure.value
        robots = isinstance(exc, IgnoreRequest) and "robots" in str(exc).lower()
        label = error_label("robots" if robots else cause_of(exc), urlsplit(request.url).hostname)
        request.cb_kwargs["entry"].live.append(
            (request.cb_kwargs["asked"], health.check_failure(label, str(exc) or type(exc).__name__))
        )


class Command(ConsoleCommand, ScrapyCommand):
    requires_project = True
    requires_crawler_process = False  # an invalid registry must be reported, not stop the spider loader

    def syntax(self) -> str:
        return "[--live] [portal ...]"

    def short_desc(self) -> str:
        return "Check the portal registry (and with --live, each start URL); exit 1 on any problem"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--live", action="store_true", help="fetch every start URL and read it")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        directory = registry_dir(self.settings)
        entries = read_entries(directory)
        if args:
            entries = [e for e in entries if e.name in args]
            if missing := set(args) - {e.name for e in entries}:
                print(f"not in {directory}: {', '.join(sorted(missing))}", file=sys.stderr)
                self.exitcode = 1
        for entry in entries:
            if entry.portal is not None:
                entry.notes = self.notes(entry.portal)
        live = [e for e in entries if opts.live and e.portal is not None and not e.portal.replay_only]
        if live:
            self.fetch_all(live)
        self.print_report(directory, entries, opts.live)
        if live:
            sys.stdout.flush()
            self.console.report([])  # where the fetches' full log is
        if not all(e.ok for e in entries):
            self.exitcode = 1

    def notes(self, portal: Portal) -> list[str]:
        assert self.settings is not None
        notes = []
        if not portal.verified:
            notes.append("start URLs not confirmed on the live site (verified: false)")
        if portal.replay_only:
            notes.append("replay only (fixtures), never crawled live")
        return notes + state_notes(self.settings, portal)

    def fetch_all(self, entries: list[Entry]) -> None:
        assert self.settings is not None
        settings = self.settings.copy()
        settings.setdict(LIVE_SETTINGS, priority="cmdline")
        for name in DISABLED_EXTENSIONS:
            settings["EXTENSIONS"][name] = None
        for name in DISABLED_MIDDLEWARES:
            settings["DOWNLOADER_MIDDLEWARES"][name] = None
        process = AsyncCrawlerProcess(settings)
        process.crawl(CheckSpider, entries=entries)
        process.start()

    def print_report(self, directory: Path, entries: list[Entry], live: bool) -> None:
        valid = sum(e.error is None for e in entries)
        print(f"Registry {directory}: {len(entries)} portals, {valid} valid")
        width = max((len(e.name) for e in entries), default=8)
        for entry in entries:
            status = "INVALID" if entry.error else "valid entry"
            print(f"{entry.name:<{width}}  {status:<22} {entry.error or ''}".rstrip())
            for url, found in entry.live:
                print(f"{'':<{width}}  {found.status:<22} {url}: {found.detail}")
            for note in entry.notes:
                print(f"{'':<{width}}  {'note':<22} {note}")
        problems = sum(not e.ok for e in entries)
        checked = " and start URLs" if live else ""
        print(f"{problems} of {len(entries)} portals have problems (entries{checked})")
