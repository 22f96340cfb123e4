"""``scrapy reprocess PATH… [-o FILE] [-j N]``: run the processing pipeline again over archived responses.

PATH is a WARC file, a directory of them (an ``archive/`` tree), or a directory of saved pages in the
fixtures layout. Which pages are processed, and in which order, is crawler/archive/plan.py.

Reprocessing *is* a Scrapy crawl, of a spider that requests each planned page and is answered from the
archive by the replay middleware (the exact record asked for, byte for byte). So every page passes the
same downloader middlewares (decompression, blocked-page detection), the portal spider's own
``parse_article``, the worker pool, repost dedup, validation, feeds, stats, monitors, run summary and
console (a progress line, ``x of N articles``, then the run table with a ``planned`` column) as in a
crawl; nothing of the pipeline is re-implemented here. An unchanged pipeline gives the crawl's items
again, with ``crawled_at`` the archive's fetch time. Output keeps archive order whatever ``-j`` is
(crawler/pipelines/order.py).

What differs from a crawl, and why (set at spider priority, so ``-s`` still overrides): nothing is fetched
or archived again; the incremental state is not consulted or changed (a fresh state in memory: every
planned page is processed and repost dedup starts empty, as in a first crawl); no list-page monitor; no
per-line fsync (no state depends on a line); no politeness delays; FIFO scheduling so pages reach the
pipeline in archive order; the archive is read only a few pages ahead of processing
(``REPROCESS_PAGES_AHEAD`` per worker; a crawl's pace is the portals'). ``-j 1`` processes pages in this
process (``PROCESS_IN_PROCESS``): no worker, so no per-page time or memory budget, which one's own archive,
whose pages are known, does not need (pages a crawl cut for a budget are archived too: those want
``-j 2``). ``-j 1`` then uses one core, as asked (a single worker ran beside the crawl's own work, on a
second core), and ships nothing between processes.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from scrapy import Request, Spider
from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError
from scrapy.http import Response
from scrapy.utils.asyncio import sleep
from twisted.python.failure import Failure

from crawler.archive.plan import Plan, make_plan
from crawler.archive.sources import find_sources
from crawler.extensions.accounting import count_article_failure
from crawler.extensions.console import ConsoleCommand, stats_of
from crawler.middlewares.replay import RECORD_META
from crawler.monitors import run_failed
from crawler.page import CHINA_TZ, Page
from crawler.spiders.portal import PortalSpider
from crawler.workers import usable_cores

logger = logging.getLogger(__name__)

REPROCESS_SETTINGS: dict[str, Any] = {
    "REPLAY_ENABLED": True,  # every response comes from the archive (each request names its record)
    "REPLAY_DIR": "",
    "REPLAY_SOURCES": [],
    "ARCHIVE_ENABLED": False,
    "INCREMENTAL_ENABLED": False,
    "REDIS_URL": "",  # never a fleet worker: the output order is this process's
    "ROBOTSTXT_OBEY": False,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    # Enough requests in flight to keep every worker busy; Scrapy's scraper backs off past 5 MB of responses.
    "CONCURRENT_REQUESTS": 64,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 64,
    "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
    "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
    "MONITOR_MIN_LIST_PAGES": 0,
    # The crawl's state is neither read nor changed: repost dedup starts empty as in a first crawl, and no
    # article waits for the disk (per-line fsync exists so the state never records an unwritten line).
    "STATE_BACKEND": "crawler.state.memory.from_settings",
    "FEED_FSYNC": False,
    # Pages between the archive and the feed, per worker: a few keep every worker fed (ReprocessSpider.start).
    "REPROCESS_PAGES_AHEAD": 8,
}
IN_FLIGHT_MAX = "reprocess/in_flight_max"
WAIT = 0.005  # seconds between looks while the pages ahead are at the limit (a page takes ~10 ms)


def china_time(warc_date: str) -> str:
    """A WARC-Date (UTC) as the feed writes ``crawled_at``: China time, seconds."""
    moment = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    return moment.astimezone(CHINA_TZ).replace(microsecond=0).isoformat()


class ReprocessSpider(Spider):
    """Requests each planned page; the portal spider that fetched it turns the response into a Page."""

    name = "reprocess"

    def __init__(self, plan: Plan, portal_spiders: dict[str, PortalSpider], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan
        self.portal_spiders = portal_spiders

    async def start(self) -> AsyncIterator[Request]:
        self._report_plan()
        settings = self.crawler.settings
        limit = max(1, settings.getint("PROCESS_WORKERS")) * max(1, settings.getint("REPROCESS_PAGES_AHEAD"))
        for planned in self.plan.pages:
            await self._room(limit)
            meta = {**planned.meta, RECORD_META: planned.record, "fetched_at": planned.fetched_at}
            yield Request(
                planned.url, callback=self.parse_article, errback=self.article_failed, meta=meta, dont_filter=True
            )

    async def _room(self, limit: int) -> None:
        """Wait while ``limit`` pages are being read or processed.

        Why: the archive answers at once, so Scrapy alone would let 5 MB of responses wait for the workers
        (hundreds of pages of a small site). Each waiting page holds some 200 objects of Scrapy's machinery
        that outlive the young collections, and every full collection then walks them all on the reactor
        thread, while the pool's threads, which hand pages on, wait for it and the workers idle (2% of a
        ``-j 2`` run, BENCHMARKS.md). The pages ahead per worker are ``REPROCESS_PAGES_AHEAD``."""
        engine = self.crawler.engine
        stats = self.crawler.stats
        assert engine is not None and stats is not None and engine.scraper.slot is not None
        while (in_flight := len(engine.downloader.active) + len(engine.scraper.slot.active)) >= limit:
            await sleep(WAIT)
        stats.max_value(IN_FLIGHT_MAX, in_flight + 1)

    def _report_plan(self) -> None:
        stats = self.crawler.stats
        assert stats is not None
        plan = self.plan
        stats.set_value("reprocess/records", plan.records)
        stats.set_value("reprocess/planned", len(plan.pages))
        for why, count in plan.skipped.items():
            stats.set_value(f"reprocess/skipped/{why}", count)
        if plan.torn:
            stats.set_value("reprocess/torn_archives", len(plan.torn))
            for problem in plan.torn:
                logger.warning("an archive ends in a damaged record, read up to the last whole one: %s", problem)
        if plan.unknown_spiders:
            logger.warning(
                "%d archived articles belong to spiders not in the registry (%s): skipped; point "
                "PORTAL_REGISTRY_DIR at the registry the archive was crawled with",
                plan.skipped["unknown_spider"],
                ", ".join(sorted(plan.unknown_spiders)),
            )
        skipped = ", ".join(f"{why} {n}" for why, n in sorted(plan.skipped.items())) or "none"
        logger.info(
            "Reprocessing %d article pages of %d archived responses (skipped: %s)",
            len(plan.pages),
            plan.records,
            skipped,
        )

    def article_failed(self, failure: Failure) -> Failure:
        """A page refused on the way (blocked, an HTTP error): counted under its reason, as in a crawl."""
        return count_article_failure(self.crawler, failure)

    def parse_article(self, response: Response) -> Iterator[Page]:
        spider = self.portal_spiders[response.meta["spider"]]
        for page in spider.parse_article(response):
            page.crawled_at = china_time(response.meta["fetched_at"])  # when it was fetched, not now
            yield page


class Command(ConsoleCommand, BaseRunSpiderCommand):
    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {}

    def syntax(self) -> str:
        return "[options] PATH [PATH ...]"

    def short_desc(self) -> str:
        return "Run the processing pipeline again over WARC archives or saved pages, writing a new feed"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "-j",
            "--jobs",
            type=int,
            default=0,
            metavar="N",
            help=(
                "worker processes for page processing (default: one per usable core). 1: pages are processed "
                "in this process, with no per-page time or memory budget: for replaying your own archive, "
                "whose pages are known; use 2 or more for pages of unknown origin, or when the crawl dropped "
                "pages over a budget (pages_dropped/budget_time, budget_memory): they are archived too"
            ),
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        project_feeds = set(self.settings.getdict("FEEDS"))
        super().process_options(args, opts)
        if opts.output or opts.overwrite_output:  # only the file asked for (Scrapy's -o adds it to FEEDS)
            asked = {uri: o for uri, o in self.settings.getdict("FEEDS").items() if uri not in project_feeds}
            self.settings.set("FEEDS", asked, priority="cmdline")
        if opts.jobs < 0:
            raise UsageError("-j: a number of processes, or 0 for one per core", print_help=False)
        self.settings.setdict(REPROCESS_SETTINGS, priority="spider")
        jobs = opts.jobs or usable_cores()
        self.settings.set("PROCESS_WORKERS", jobs, priority="cmdline")
        self.settings.set("PROCESS_IN_PROCESS", jobs == 1, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give one or more WARC files or directories", print_help=False)
        assert self.crawler_process is not None
        try:
            sources = find_sources([Path(a) for a in args])
        except (OSError, ValueError) as exc:
            raise UsageError(str(exc), print_help=False) from None
        loader = self.crawler_process.spider_loader
        spiders = {name: cls() for name in loader.list() if issubclass(cls := loader.load(name), PortalSpider)}
        plan = make_plan(sources, [s.portal for s in spiders.values()])
        assert self.console is not None  # progress line and run table, as for scrapy crawl
        crawler = self._create_crawler(ReprocessSpider)
        self.console.attach(crawler)
        started = self.crawler_process.crawl(crawler, plan=plan, portal_spiders=spiders)
        self.console.started(crawler.spidercls.name, started)
        self.crawler_process.start()
        self.console.report([crawler])
        if self.crawler_process.bootstrap_failed or run_failed(stats_of(crawler)):
            self.exitcode = 1
