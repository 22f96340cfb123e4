"""Start URLs are enqueued once per run, however many workers start.

Every worker runs the spider's own ``async def start()`` path (scrapy-redis 0.9.1's RedisSpider only
seeds from its ``spider_idle`` hook through ``start_requests()``, which Scrapy >= 2.16 never calls; we
don't use it). This spider middleware lets the start requests through only in the worker that wins
``SET NX`` on the run's seed key; the others start with nothing and take work from the shared queue.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured
from scrapy_redis.connection import get_redis_from_settings

from crawler.distributed.config import enabled, run_keys

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class SeedOnceMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.server = get_redis_from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeedOnceMiddleware:
        if not enabled(crawler.settings):
            raise NotConfigured("REDIS_URL not set")
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        settings, spider, stats = self.crawler.settings, self.crawler.spider, self.crawler.stats
        assert spider is not None and stats is not None
        keys = run_keys(settings, spider.name)
        worker = settings["DISTRIBUTED_WORKER_ID"]
        if not self.server.set(keys.seeded, worker, nx=True, ex=settings.getint("DISTRIBUTED_RUN_TTL")):
            owner = self.server.get(keys.seeded)
            owner = owner.decode() if isinstance(owner, bytes) else owner
            logger.info("Run %s was already seeded by worker %s; taking work from the shared queue", keys.run, owner)
            stats.set_value("distributed/seeded", 0)
            return
        logger.info("Worker %s seeds run %s", worker, keys.run)
        stats.set_value("distributed/seeded", 1)
        async for request_or_item in start:
            yield request_or_item
