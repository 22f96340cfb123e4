"""Distributed mode's pure parts: key names, per-worker feed paths, the add-on's on/off switch."""

from __future__ import annotations

from scrapy.settings import Settings

from crawler.distributed.addon import DistributedAddon
from crawler.distributed.feeds import per_worker_uri
from crawler.distributed.keys import RunKeys, default_run_id, safe_token


def test_run_keys_share_one_namespace_per_spider_and_run() -> None:
    keys = RunKeys("devzone", "tianmen", "2025-03-01")
    assert keys.requests == "devzone:tianmen:2025-03-01:requests"
    assert keys.inflight("host-1") == "devzone:tianmen:2025-03-01:inflight:host-1"
    assert all(k.startswith(keys.base + ":") for k in keys.shared())


def test_ids_are_made_safe_for_keys_and_paths() -> None:
    assert safe_token("node 7:%(x)s/") == "node-7-x-s"


def test_feed_paths_get_the_worker_id_before_their_extension() -> None:
    assert per_worker_uri("feeds/%(name)s/%(name)s-%(time)s.jsonl", "w1") == "feeds/%(name)s/%(name)s-%(time)s-w1.jsonl"
    assert per_worker_uri("out/items.jsonl.gz", "w1") == "out/items-w1.jsonl.gz"
    assert per_worker_uri("s3://bucket/items.jsonl", "w1") == "s3://bucket/items.jsonl"  # not a local file


def test_addon_is_inert_without_redis_url() -> None:
    settings = Settings({"FEEDS": {"out/items.jsonl": {"format": "jsonlines"}}})
    before = dict(settings.copy_to_dict())
    DistributedAddon().update_settings(settings)
    assert settings.copy_to_dict() == before


def test_redis_url_alone_switches_scheduler_dupefilter_and_feeds() -> None:
    settings = Settings({"FEEDS": {"out/items.jsonl": {"format": "jsonlines"}}})
    settings.set("REDIS_URL", "redis://127.0.0.1:6379/0", "cmdline")
    settings.set("DISTRIBUTED_WORKER_ID", "w9", "cmdline")
    DistributedAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "crawler.distributed.scheduler.RedisScheduler"
    assert settings["STATE_BACKEND"] == "crawler.state.redis_store.from_settings"
    assert settings["DISTRIBUTED_RUN_ID"] == default_run_id()  # today in China, unless given
    assert list(settings.getdict("FEEDS")) == ["out/items-w9.jsonl"]


def test_project_choices_are_overridden_but_command_line_ones_win() -> None:
    settings = Settings({"STATE_BACKEND": "crawler.state.sqlite.from_settings"}, priority="project")
    settings.set("REDIS_URL", "redis://127.0.0.1:6379/0", "cmdline")
    settings.set("SCHEDULER", "my.Scheduler", "cmdline")
    DistributedAddon().update_settings(settings)
    assert settings["STATE_BACKEND"] == "crawler.state.redis_store.from_settings"
    assert settings["SCHEDULER"] == "my.Scheduler"
