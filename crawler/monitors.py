"""Spidermon monitors run when a portal's crawl closes; any failure makes the command exit non-zero.

Thresholds respect incremental runs: finding no new article is normal, reading no list page is not
(the portal is down, moved or blocking us). Item validation, field coverage, errors, warnings and the
finish reason use spidermon's own monitors, configured in crawler/settings.py.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from typing import Any

from spidermon import MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import (
    ErrorCountMonitor,
    FieldCoverageMonitor,
    FinishReasonMonitor,
    ItemValidationMonitor,
    WarningCountMonitor,
)
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.core.actions import Action

from crawler.feeds import FAILED as FEEDS_FAILED
from crawler.schema import article_schema

logger = logging.getLogger(__name__)
# spidermon 1.27's runner reports through Spider.log(), deprecated in Scrapy 2.19: one WARNING per run
# that is not ours to fix and must not count against the warning threshold.
warnings.filterwarnings("ignore", r"Spider\.log\(\) is deprecated", module=r"spidermon\.")

FAILED_STAT = "monitors/failed"
# For SPIDERMON_VALIDATION_SCHEMAS: an object path works from any working directory (cron, scrapyd),
# a file path would be relative to wherever the crawl was started.
ARTICLE_SCHEMA: dict[str, Any] = article_schema()


def blocked_pages(stats: Mapping[str, Any]) -> int:
    """Pages the portal answered with a block page: the ``blocked/<reason>`` counters, one per page."""
    return sum(int(v) for k, v in stats.items() if k.startswith("blocked/") and k.count("/") == 1)


def run_failed(stats: Mapping[str, Any]) -> bool:
    """The run must exit non-zero: a monitor failed, or a feed could not be written (even with the
    monitors switched off, a run that lost its output is never a success)."""
    return bool(stats.get(FAILED_STAT) or stats.get(FEEDS_FAILED))


@monitors.name("Portal reachable")
class ListPagesMonitor(BaseScrapyMonitor):
    """A run that reads no list page learns nothing, even if it reports no error."""

    @monitors.name("Should read at least MONITOR_MIN_LIST_PAGES list pages")
    def test_list_pages(self) -> None:
        minimum = self.crawler.settings.getint("MONITOR_MIN_LIST_PAGES", 1)
        got = int(self.data.stats.get("portal/list_pages", 0))
        self.assertGreaterEqual(got, minimum, msg=f"read {got} list pages, expected at least {minimum}")


@monitors.name("Blocked pages")
class BlockedRateMonitor(BaseScrapyMonitor):
    """A portal that starts serving captcha / WAF pages must alert, not quietly yield nothing."""

    @monitors.name("Should stay under MONITOR_MAX_BLOCKED_RATE of pages blocked")
    def test_blocked_rate(self) -> None:
        limit = self.crawler.settings.getfloat("MONITOR_MAX_BLOCKED_RATE", 0.2)
        # Known articles skipped by the incremental state count as readable pages: a blocked link is
        # never emitted, so it is asked for again every run while the readable ones are not.
        pages = int(self.data.stats.get("downloader/response_count", 0))
        pages += int(self.data.stats.get("incremental/skipped", 0))
        blocked = blocked_pages(self.data.stats)
        rate = blocked / pages if pages else 0.0
        self.assertLessEqual(rate, limit, msg=f"{blocked} of {pages} pages (fetched or known) were block pages")


@monitors.name("Feeds written")
class FeedsWrittenMonitor(BaseScrapyMonitor):
    """Articles fetched but not written anywhere are not recorded (the next run fetches them again), but a
    run that could not write its feed has failed, whatever else went right."""

    @monitors.name("Should open every feed and write every line")
    def test_feeds_written(self) -> None:
        failed = int(self.data.stats.get(FEEDS_FAILED, 0))
        self.assertEqual(failed, 0, msg=f"{failed} feed files could not be opened or written (see the errors)")


class FailTheRun(Action):
    """Record the failure in stats (the crawl commands turn it into exit status 1) and log it."""

    def run_action(self) -> None:
        failed = [r.monitor.name for r in self.result.monitors_failed_results]
        self.data.crawler.stats.set_value(FAILED_STAT, len(failed))
        logger.error("Monitors failed: %s", "; ".join(failed))


class CloseMonitors(MonitorSuite):
    monitors = [  # noqa: RUF012 (spidermon reads these class attributes)
        ListPagesMonitor,
        BlockedRateMonitor,
        FeedsWrittenMonitor,
        ItemValidationMonitor,
        FieldCoverageMonitor,
        ErrorCountMonitor,
        WarningCountMonitor,
        FinishReasonMonitor,
    ]
    monitors_failed_actions = [FailTheRun]  # noqa: RUF012
