"""The pipeline that runs the processing core (crawler/processing.py) on each page, in worker processes.

Spiders yield ``Page`` items (raw bytes); this pipeline hands each to the worker pool (crawler/workers.py)
and awaits it, so the reactor goes on downloading while pages are processed, and a page that overruns its
time or memory budget costs only its own worker. Results are let out in arrival order (order.py), and turned
into what the rest of the crawl sees: an ``Article``, or a drop counted under ``pages_dropped/<reason>``
(``budget_time`` and ``budget_memory`` for pages cut by a budget), with the text layer's
``text/encoding/<charset>`` and ``text/flags/<name>`` stats for every page that was decoded.

``PROCESS_IN_PROCESS`` runs the same function on the reactor thread instead, with no pool and so no budgets:
for pages already known to be harmless (``scrapy reprocess -j 1`` replaying one's own archive), where one
process is what was asked for: a single worker would only add shipping each page there and back, and run
beside the crawl's own work on a second core. Everything after the function is the same code: outcomes,
order, stats, drops, logs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from twisted.internet.defer import Deferred

from crawler.items import Article
from crawler.logrelay import relay
from crawler.page import Page
from crawler.pipelines.order import ArrivalOrder
from crawler.pipelines.rowcheck import stamp
from crawler.processing import warm_up
from crawler.workers import Outcome, PagePool, WorkerStartError, measured, shared_pool, usable_cores

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
INTERNAL_ERROR = "internal_error"
WORKER_UNAVAILABLE = "worker_unavailable"
CPU_SECONDS = "processing/cpu_seconds"  # the processing function's CPU time, wherever it ran
WORKERS = "processing/workers"  # worker processes; 0: pages processed in the crawl process


def pool_from_settings(settings: Any) -> PagePool:
    """The process's worker pool as configured by the PROCESS_* settings (0 workers: one per usable core)."""
    return shared_pool(
        workers=settings.getint("PROCESS_WORKERS") or usable_cores(),
        time_budget=settings.getfloat("PROCESS_TIME_BUDGET"),
        memory_budget_mb=settings.getint("PROCESS_MEMORY_BUDGET_MB"),
        run=process_function(settings),
    )


def process_function(settings: Any) -> Callable[[Page], Outcome]:
    return load_object(settings.get("PROCESS_FUNCTION", "crawler.workers.process"))


def settled(future: Future[Outcome]) -> Deferred[Outcome]:
    """A Deferred fired on the reactor thread when a pool future (resolved on a pool thread) is done."""
    from twisted.internet import reactor

    deferred: Deferred[Outcome] = Deferred()

    def fire(done: Future[Outcome]) -> None:
        if done.exception() is not None:
            deferred.errback(done.exception())
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(fire, done))  # type: ignore[attr-defined]
    return deferred


class ProcessPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.order = ArrivalOrder(crawler)
        self.pool: PagePool | None = None  # None: in process (PROCESS_IN_PROCESS)
        self.run = process_function(crawler.settings)
        self.cpu_seconds = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProcessPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if self.crawler.settings.getbool("PROCESS_IN_PROCESS"):
            warm_up()  # now, as a worker would, rather than stalling the first page's requests in flight
        else:
            self.pool = pool_from_settings(self.crawler.settings)  # started now: workers warm up meanwhile
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(WORKERS, self.pool.size if self.pool else 0)

    def close_spider(self) -> None:
        assert self.crawler.stats is not None  # what processing cost, in workers or in this process
        self.crawler.stats.set_value(CPU_SECONDS, round(self.cpu_seconds, 2))

    def _inc(self, key: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key, count)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        ticket = self.order.ticket(item)
        try:
            outcome = await self._outcome(item)
        finally:
            await self.order.through(ticket)  # whatever happened, never hold up the pages behind
        ticket.output = self.finish(item, outcome)
        return ticket.output

    async def _outcome(self, page: Page) -> Outcome:
        if self.pool is None:
            return measured(self.run, page)
        try:
            return await maybe_deferred_to_future(settled(self.pool.submit(page)))
        except WorkerStartError as exc:  # an installation problem: every page says so, loudly
            return Outcome(reason=WORKER_UNAVAILABLE, error=str(exc))

    def finish(self, page: Page, outcome: Outcome) -> Article:
        relay(outcome.logs)
        self.cpu_seconds += outcome.cpu_seconds
        if outcome.replaced_worker:
            self._inc("workers/replaced")
        if outcome.encoding is not None:
            self._inc(f"text/encoding/{outcome.encoding}")
            for name, count in outcome.decode_flags.items():
                self._inc(f"text/flags/{name}", count)
        if outcome.article is not None:
            article = Article(**outcome.article)
            article.simhash = outcome.simhash  # type: ignore[attr-defined]  # for repost dedup; not a feed field
            stamp(article)  # the row as validated: the last pipeline checks what changed since
            return article
        reason = outcome.reason or INTERNAL_ERROR
        if outcome.error:  # a bug or a crashed worker: counted like any drop, and loud (monitors fail)
            logger.error("processing %s failed (%s):\n%s", page.url, reason, outcome.error)
        self._inc("pages_dropped")
        self._inc(f"pages_dropped/{reason}")
        if outcome.detail:  # a breakdown below the reason (not_article/list, not_article/search …)
            self._inc(f"pages_dropped/{reason}/{outcome.detail}")
        raise DropItem(f"{page.url}: {reason}: {outcome.message or outcome.error or ''}".rstrip(": "))
