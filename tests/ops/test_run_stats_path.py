"""Where a run's stats file goes: partitioned like the feeds, one file per distributed worker."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crawler.extensions.summary import stats_path

STARTED = datetime(2026, 11, 23, 7, 43, 59, 436005, tzinfo=UTC)


def test_a_single_crawl_is_named_by_spider_and_start_time() -> None:
    path = stats_path(Path("_stats"), "tianmen", STARTED)
    assert path == Path("_stats/tianmen/2026-11-23/tianmen-2026-11-23T07-43-59+00-00.json")


def test_workers_of_one_distributed_run_started_in_the_same_second_get_their_own_files() -> None:
    first = stats_path(Path("_stats"), "fleet", STARTED, "host-a-101")
    second = stats_path(Path("_stats"), "fleet", STARTED, "host-a-102")
    assert first != second and first.name == "fleet-2026-11-23T07-43-59+00-00-host-a-101.json"
