"""``REDIS_URL`` switches a crawl to distributed mode; without it this add-on changes nothing.

Listed in ADDONS in crawler/settings.py, so ``scrapy crawl <portal> -s REDIS_URL=redis://host:6379/0``
is the whole switch. It wires the shared scheduler/dupefilter (scrapy-redis, persistent: a worker that
finishes must not flush what the others still use), seed-once, per-worker unbuffered feeds and the
optional items list, and masks the Redis password in every log line before Scrapy logs its settings.
"""

from __future__ import annotations

import logging

from scrapy.settings import BaseSettings

from crawler.distributed.config import DEFAULTS, enabled
from crawler.distributed.feeds import per_worker_feeds
from crawler.distributed.keys import default_run_id, default_worker_id, safe_token
from crawler.distributed.masking import install_log_masking, url_secrets

logger = logging.getLogger(__name__)

COMPONENTS = {
    "SPIDER_MIDDLEWARES": {"crawler.distributed.seeding.SeedOnceMiddleware": 10},
    "FEED_STORAGES": {
        "": "crawler.distributed.feeds.UnbufferedFileFeedStorage",
        "file": "crawler.distributed.feeds.UnbufferedFileFeedStorage",
    },
}


class DistributedAddon:
    def update_settings(self, settings: BaseSettings) -> None:
        if not enabled(settings):
            return
        install_log_masking(url_secrets(settings["REDIS_URL"]))
        for name, default in DEFAULTS.items():
            settings.setdefault(name, default)  # setdefault: a user value (any priority) wins
        settings.set("DISTRIBUTED_RUN_ID", safe_token(settings["DISTRIBUTED_RUN_ID"] or default_run_id()), "addon")
        worker = safe_token(settings["DISTRIBUTED_WORKER_ID"] or default_worker_id())
        settings.set("DISTRIBUTED_WORKER_ID", worker, "addon")
        prefix, run = settings["DISTRIBUTED_KEY_PREFIX"], settings["DISTRIBUTED_RUN_ID"]
        settings.set("SCHEDULER", "crawler.distributed.scheduler.RedisScheduler", "addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", "addon")  # fleet.py pops a zset
        settings.set("SCHEDULER_PERSIST", True, "addon")
        settings.set("SCHEDULER_QUEUE_KEY", f"{prefix}:%(spider)s:{run}:requests", "addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:%(spider)s:{run}:dupefilter", "addon")
        for name, components in COMPONENTS.items():
            settings[name].update(components, "addon")
        if settings["DISTRIBUTED_ITEMS_KEY"]:
            settings["ITEM_PIPELINES"].update({"crawler.distributed.pipelines.RedisItemsPipeline": 900}, "addon")
        feeds = per_worker_feeds(settings.getdict("FEEDS"), worker)
        settings.set("FEEDS", feeds, settings.getpriority("FEEDS") or "addon")
        # The URL is logged on purpose (which Redis did this worker join?); the masking hides its password.
        logger.info("Distributed mode on: run %s, worker %s, Redis %s", run, worker, settings["REDIS_URL"])
