"""The distributed-mode settings, read in one place. Defaults are filled in by the add-on."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler.distributed.keys import RunKeys

# name -> default; the add-on fills each in at "addon" priority unless the user set it.
DEFAULTS: dict[str, object] = {
    "DISTRIBUTED_KEY_PREFIX": "devzone",
    # Workers started with the same run id share one queue and dupefilter (default: today, China time).
    "DISTRIBUTED_RUN_ID": None,
    "DISTRIBUTED_WORKER_ID": None,  # default: <hostname>-<pid>
    "DISTRIBUTED_HEARTBEAT": 1.0,  # seconds between heartbeats
    # A worker silent this long is dead: its in-flight requests go back to the queue.
    "DISTRIBUTED_WORKER_TIMEOUT": 30.0,
    # A run's queue, dupefilter and registry expire this long after the last heartbeat.
    "DISTRIBUTED_RUN_TTL": 7 * 24 * 3600,
    # Optional Redis list every item is also pushed to (e.g. "%(spider)s:items"), for a loader process.
    "DISTRIBUTED_ITEMS_KEY": "",
    # scrapy-redis' name: seconds the whole fleet must stay out of work before a worker closes.
    "MAX_IDLE_TIME_BEFORE_CLOSE": 10,
}


def enabled(settings: BaseSettings) -> bool:
    return bool(settings.get("REDIS_URL"))


def run_keys(settings: BaseSettings, spider: str) -> RunKeys:
    return RunKeys(settings["DISTRIBUTED_KEY_PREFIX"], spider, settings["DISTRIBUTED_RUN_ID"])
