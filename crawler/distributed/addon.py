"""``REDIS_URL`` switches a crawl to distributed mode; without it this add-on changes nothing.

Listed in ADDONS in crawler/settings.py, so ``scrapy crawl <portal> -s REDIS_URL=redis://host:6379/0``
is the whole switch. It wires the shared scheduler/dupefilter (scheduler.py), the Redis state store,
seed-once, per-worker feed files and the optional items list, and masks the Redis password in every
log line before Scrapy logs its settings.
"""

from __future__ import annotations

import logging

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from crawler.distributed.config import DEFAULTS, enabled
from crawler.distributed.feeds import per_worker_feeds
from crawler.distributed.keys import default_run_id, default_worker_id, safe_token
from crawler.distributed.masking import encode_userinfo, install_log_masking, url_secrets

logger = logging.getLogger(__name__)

PROJECT_OVERRIDES = {
    # The shared queue + dupefilter; its queue never flushes on close (others may still be using it).
    "SCHEDULER": "crawler.distributed.scheduler.RedisScheduler",
    # The incremental state and repost index in the same Redis (crawler/state/redis_store.py).
    "STATE_BACKEND": "crawler.state.redis_store.from_settings",
    # One worker may rightly read no list page (another got them all); the fleet's totals are summed
    # in Redis (`<prefix>:<spider>:<run>:stats`), where a fleet-wide check belongs.
    "MONITOR_MIN_LIST_PAGES": 0,
}
# Fallbacks: a project that already configures a component under the same key keeps its own.
COMPONENTS = {
    "SPIDER_MIDDLEWARES": {"crawler.distributed.seeding.SeedOnceMiddleware": 10},
}


class DistributedAddon:
    def update_settings(self, settings: BaseSettings) -> None:
        if not enabled(settings):
            return
        install_log_masking(url_secrets(settings["REDIS_URL"]))
        settings.set("REDIS_URL", encode_userinfo(settings["REDIS_URL"]), settings.getpriority("REDIS_URL"))
        for name, default in DEFAULTS.items():
            settings.setdefault(name, default, "default")  # any value the user set wins
        # Resolved here, once, so every component (and the log) sees the same run and worker id.
        for name, value in (
            ("DISTRIBUTED_RUN_ID", safe_token(settings["DISTRIBUTED_RUN_ID"] or default_run_id())),
            ("DISTRIBUTED_WORKER_ID", safe_token(settings["DISTRIBUTED_WORKER_ID"] or default_worker_id())),
        ):
            settings.set(name, value, settings.getpriority(name) or "default")
        worker = settings["DISTRIBUTED_WORKER_ID"]
        run = settings["DISTRIBUTED_RUN_ID"]
        # Over the project's single-machine choices (set at "project" priority), not over -s ones.
        for name, value in PROJECT_OVERRIDES.items():
            if settings.getpriority(name) is None or settings.getpriority(name) <= SETTINGS_PRIORITIES["project"]:
                settings.set(name, value, "project")
        for name, components in COMPONENTS.items():
            settings[name].update(components, "addon")
        if settings["DISTRIBUTED_ITEMS_KEY"]:
            settings["ITEM_PIPELINES"].update({"crawler.distributed.pipelines.RedisItemsPipeline": 900}, "addon")
        feeds = per_worker_feeds(settings.getdict("FEEDS"), worker)
        settings.set("FEEDS", feeds, settings.getpriority("FEEDS") or "addon")
        # The URL is logged on purpose (which Redis did this worker join?); the masking hides its password.
        logger.info("Distributed mode on: run %s, worker %s, Redis %s", run, worker, settings["REDIS_URL"])
