"""The shared scheduler: a scrapy-redis request queue and dupefilter set in Redis, plus an in-flight
ledger so a killed worker's popped requests are not lost, and a fleet-wide idle test so workers close
together.

Built on scrapy-redis 0.9.1's connection settings and ``PriorityQueue`` (same key layout and request
encoding). Its ``Scheduler`` is not subclassed: it pushes and pops in separate, non-atomic steps (see
fleet.py), reads ``DUPEFILTER_CLASS`` (the project's own filter is for single-machine runs) and passes
the stats' deprecated ``spider=`` argument. Fingerprints come from Scrapy's REQUEST_FINGERPRINTER.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from redis.exceptions import RedisError
from scrapy import signals
from scrapy.core.scheduler import BaseScheduler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.config import run_keys
from crawler.distributed.fleet import Fleet

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class RedisScheduler(BaseScheduler):
    def __init__(self, crawler: Crawler, server: Any) -> None:
        self.crawler = crawler
        self.server = server

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisScheduler:
        server = get_redis_from_settings(crawler.settings)
        server.ping()  # fail at start, with redis-py's message (it names host and port, never the password)
        return cls(crawler, server)

    def open(self, spider: Spider) -> None:
        settings = self.crawler.settings
        self.fleet = Fleet(
            self.server,
            run_keys(settings, spider.name),
            settings["DISTRIBUTED_WORKER_ID"],
            stale_after=settings.getfloat("DISTRIBUTED_WORKER_TIMEOUT"),
            ttl=settings.getint("DISTRIBUTED_RUN_TTL"),
        )
        # Used to encode, decode and count requests; fleet.py does the pushing and popping.
        self.queue = PriorityQueue(self.server, spider, self.fleet.keys.requests)
        self.max_idle = settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE")
        self.held: dict[int, tuple[Request, bytes]] = {}  # id(request) -> (request, its encoded form)
        self.idle_since: float | None = None
        self.crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        # Connected after the FeedExporter (built with the crawler), so these run once the item is written.
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            self.crawler.signals.connect(self.on_item_done, signal=signal)
        self.fleet.beat(busy=True)
        self.heartbeat = create_looping_call(self.beat)
        self.heartbeat.start(settings.getfloat("DISTRIBUTED_HEARTBEAT"), now=False)
        logger.info(
            "Distributed mode: worker %s joined run %s (queue %s, %d requests waiting)",
            self.fleet.worker,
            self.fleet.keys.run,
            self.fleet.keys.requests,
            len(self.queue),
        )

    def close(self, reason: str) -> None:
        if self.heartbeat.running:
            self.heartbeat.stop()
        self.settle()
        if self.held:  # e.g. a Ctrl-C shutdown: hand unfinished requests back to the fleet
            logger.info("Returning %d unfinished requests to the shared queue", len(self.held))
        self.held.clear()
        self.fleet.requeue_own()
        assert self.crawler.stats is not None
        self.fleet.add_stats(self.crawler.stats.get_stats())
        self.fleet.leave()

    def enqueue_request(self, request: Request) -> bool:
        stats = self.crawler.stats
        assert stats is not None
        assert self.crawler.request_fingerprinter is not None
        fingerprint = None if request.dont_filter else self.crawler.request_fingerprinter.fingerprint(request).hex()
        if not self.fleet.enqueue(fingerprint, -request.priority, self.queue._encode_request(request)):
            logger.debug("Filtered duplicate request %s (seen by the fleet in this run)", request)
            stats.inc_value("dupefilter/filtered")
            return False
        stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        self.settle()  # keep the ledger tight: a killed worker's finished pages are not re-crawled
        encoded = self.fleet.pop()
        if encoded is None:
            return None
        request = self.queue._decode_request(encoded)
        self.held[id(request)] = (request, encoded)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return request

    def _engine_holds(self) -> set[int]:
        """Requests the engine is still downloading or scraping (pipelines included)."""
        engine = self.crawler.engine
        assert engine is not None
        slot = getattr(engine, "_slot", None)  # the engine's own in-progress set: download start to scrape end
        held = [*engine.downloader.active, *engine.scraper.slot.active, *(slot.inprogress if slot else ())]
        return {id(r) for r in held}

    def settle(self) -> None:
        """Drop finished requests from this worker's ledger."""
        active = self._engine_holds()
        finished = [key for key in self.held if key not in active]
        self.fleet.done([self.held.pop(key)[1] for key in finished])

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0

    def on_item_done(self, response: Response | None = None, **_: object) -> None:
        """An article page is finished the moment its item is exported: clear it from the ledger now,
        not at the next settle, so a worker killed a moment later doesn't get it re-crawled (and
        exported twice). Our spiders yield one item per article response."""
        request = getattr(response, "request", None)
        entry = self.held.pop(id(request), None) if request is not None else None
        if entry is not None:
            self.fleet.done([entry[1]])

    def beat(self) -> None:
        stats = self.crawler.stats
        assert stats is not None and self.crawler.engine is not None
        try:
            self.settle()
            self.fleet.beat(busy=bool(self.held) or not self.crawler.engine.spider_is_idle())
            for worker, count in self.fleet.reclaim_dead().items():
                # INFO, not WARNING: the run still completes; the dead worker's own exit status is the alarm.
                logger.info("Worker %s stopped heartbeating; re-queued its %d in-flight requests", worker, count)
                stats.inc_value("distributed/reclaimed_requests", count)
                stats.inc_value("distributed/dead_workers")
        except RedisError as exc:  # keep beating; a Redis blip must not stop the heartbeat for good
            stats.inc_value("distributed/redis_errors")
            logger.warning("Heartbeat failed: %s", exc)

    def on_idle(self) -> None:
        """Close only when the whole fleet has been out of work for MAX_IDLE_TIME_BEFORE_CLOSE seconds."""
        self.settle()
        if not self.fleet.is_idle():
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.max_idle:
            raise DontCloseSpider
        logger.info("Shared queue empty and no worker busy for %.0fs: closing", now - self.idle_since)
