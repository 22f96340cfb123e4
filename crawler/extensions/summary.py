"""The run summary in the log file, and the run's full stats as a JSON file for dashboards.

(The console's run table is drawn from the same stats by ``crawler/console``.)

The stats file is ``<RUN_STATS_DIR>/<spider>/<run_date>/<spider>-<time>[-<worker>].json``; RUN_STATS_DIR
defaults to ``<FEEDS_DIR>/_stats`` so it travels with the feeds it describes. A distributed worker adds its
id, as its feed files do: the workers of one run start in the same second.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.atomicfile import write_atomic
from crawler.console.figures import MONITOR_FAILURES, as_list, breakdown, reasons
from crawler.monitors import FAILED_STAT, blocked_pages
from crawler.page import CHINA_TZ

if TYPE_CHECKING:
    from collections.abc import Mapping

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def build_summary(spider: str, stats: Mapping[str, Any]) -> dict[str, Any]:
    """The operator's questions about one run, answered from its stats."""
    return {
        "spider": spider,
        "finish_reason": stats.get("finish_reason"),
        "elapsed_seconds": round(float(stats.get("elapsed_time_seconds", 0)), 1),
        "items": {
            "emitted": int(stats.get("item_scraped_count", 0)),
            "new": int(stats.get("items/new", 0)),
            "updated": int(stats.get("items/updated", 0)),
            "duplicate": int(stats.get("items/duplicate", 0)),
            "known_skipped": int(stats.get("incremental/skipped", 0)),
        },
        "dropped": breakdown(stats, "pages_dropped/"),
        "lists_empty": breakdown(stats, "lists/empty/"),
        "list_pages": int(stats.get("portal/list_pages", 0)),
        "responses": int(stats.get("downloader/response_count", 0)),
        "blocked": {"total": blocked_pages(stats), **breakdown(stats, "blocked/")},
        "errors_by_cause": breakdown(stats, "errors/"),
        "errors": int(stats.get("log_count/ERROR", 0)),
        "warnings": int(stats.get("log_count/WARNING", 0)),
        "monitors_failed": int(stats.get(FAILED_STAT, 0)),
        "monitor_failures": as_list(stats.get(MONITOR_FAILURES)),
        "recovered_rows": int(stats.get("feeds/recovered_rows", 0)),
    }


def format_summary(s: dict[str, Any]) -> str:
    items, dropped = s["items"], s["dropped"]
    monitors = (
        "OK" if not s["monitors_failed"] else f"FAILED ({s['monitors_failed']}): " + "; ".join(s["monitor_failures"])
    )
    lines = [
        f"Run summary: {s['spider']} ({s['finish_reason']}, {s['elapsed_seconds']} s)",
        f"  items    {items['emitted']} emitted: {items['new']} new, {items['updated']} updated, "
        f"{items['duplicate']} marked duplicate_of; {items['known_skipped']} known articles not fetched",
        f"  dropped  {sum(dropped.values())} ({reasons(dropped) or 'none'})",
        f"  pages    {s['list_pages']} list pages, {s['responses']} responses, {s['blocked']['total']} blocked",
        f"  log      {s['errors']} errors, {s['warnings']} warnings",
        f"  monitors {monitors}",
    ]
    if s["errors_by_cause"]:
        lines.append(f"  failed   {reasons(s['errors_by_cause'])} requests, by cause")
    if s["recovered_rows"]:
        lines.append(f"  resumed  {s['recovered_rows']} rows recovered from an interrupted run")
    return "\n".join(lines)


def stats_path(directory: Path, spider: str, started: datetime, worker: str = "") -> Path:
    """Partitioned like the feeds: China-time run date, UTC start time (as ``%(time)s``) and the worker id
    of a distributed run in the name."""
    day = started.astimezone(CHINA_TZ).strftime("%Y-%m-%d")
    stamp = started.astimezone(UTC).replace(microsecond=0).isoformat().replace(":", "-")
    return directory / spider / day / f"{spider}-{stamp}{f'-{worker}' if worker else ''}.json"


def write_json(path: Path, data: Any) -> None:
    """Written whole or not at all: a dashboard never reads half a stats file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    write_atomic(path, text.encode("utf-8"))


class RunSummary:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummary:
        return cls(crawler)

    def spider_closed(self, spider: Spider) -> None:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        summary = build_summary(spider.name, stats)
        settings = self.crawler.settings
        directory = Path(settings.get("RUN_STATS_DIR") or Path(settings.get("FEEDS_DIR", "feeds")) / "_stats")
        started = stats.get("start_time") or datetime.now(CHINA_TZ)
        path = stats_path(directory, spider.name, started, settings.get("DISTRIBUTED_WORKER_ID") or "")
        try:
            write_json(path, {"summary": summary, "stats": stats})
        except OSError as exc:  # the summary is the run table: it is logged even when the disk is the fault
            logger.error("Run stats file %s not written: %s", path, exc)
            where = f"not written ({exc.strerror})"
        else:
            where = str(path)
        logger.info("%s\n  stats    %s", format_summary(summary), where)
