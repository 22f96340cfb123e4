"""Spidermon monitors run when a portal's crawl closes; any failure makes the command exit non-zero.

Thresholds respect incremental runs: finding no new article is normal, reading no list page is not
(the portal is down, moved or blocking us). Field coverage, errors, warnings and the finish reason use
spidermon's own monitors, configured in crawler/settings.py. Rows are validated by the processing's
``validate`` step and, when a later pipeline changed them, by the last pipeline (crawler/pipelines/
rowcheck.py); both drop an invalid row as ``pages_dropped/schema_invalid``, which fails the run here.
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
    WarningCountMonitor,
)
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.core.actions import Action

from crawler import rx
from crawler.console.figures import MONITOR_FAILURES
from crawler.feeds import FAILED as FEEDS_FAILED
from crawler.pipelines.rowcheck import INVALID
from crawler.portals.cooloff import BLOCKED_RUNS, COOLOFF_SKIPPED

logger = logging.getLogger(__name__)
# spidermon 1.27's runner reports through Spider.log(), deprecated in Scrapy 2.19: one WARNING per run
# that is not ours to fix and must not count against the warning threshold.
warnings.filterwarnings("ignore", r"Spider\.log\(\) is deprecated", module=r"spidermon\.")

FAILED_STAT = "monitors/failed"
SCHEMA_INVALID = f"pages_dropped/{INVALID}"


def blocked_pages(stats: Mapping[str, Any]) -> int:
    """Pages the portal answered with a block page: the ``blocked/<reason>`` counters, one per page
    (requests skipped while a host cools off were never sent, so they are no pages)."""
    return sum(
        int(v) for k, v in stats.items() if k.startswith("blocked/") and k.count("/") == 1 and k != COOLOFF_SKIPPED
    )


def run_failed(stats: Mapping[str, Any]) -> bool:
    """The run must exit non-zero: a monitor failed, or a feed could not be written (even with the
    monitors switched off, a run that lost its output is never a success)."""
    return bool(stats.get(FAILED_STAT) or stats.get(FEEDS_FAILED))


def blocked_this_run(stats: Mapping[str, Any]) -> bool:
    """The portal's list pages were challenged or skipped in cool-off, and none was read: the blocked-runs
    monitor is in charge of such a run, not the reachability or blocked-rate ones."""
    return int(stats.get(BLOCKED_RUNS, 0)) > 0


# spidermon's stat monitors fail with "Expecting '<stat>' to be '<op>' to '<limit>'. Current value: '<v>'".
STAT_REASON = rx.compile(
    r"Expecting '(?P<stat>[^']+)' to be '(?P<op>[^']+)' to '(?P<limit>[^']+)'\. "
    r"Current value: '(?P<value>[^']+)'"
)


def _number(text: str) -> str:
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _last_line(text: str | None) -> str:
    """A monitor that crashed (not failed) has only a traceback: its last line names the exception."""
    lines = (text or "").strip().splitlines()
    return lines[-1] if lines else ""


def describe_failure(monitor: str, reason: str | None) -> str:
    """One line naming the monitor and the figure that failed it, e.g.
    ``Error Count Monitor: log_count/ERROR = 4 (allowed <= 0)``."""
    name = monitor.split("/", 1)[0]
    text = reason or ""
    if match := STAT_REASON.search(text):
        figure = f"{match['stat']} = {_number(match['value'])} (allowed {match['op']} {_number(match['limit'])})"
    else:
        figure = "; ".join(line.strip() for line in text.splitlines() if line.strip()) or "failed"
    return f"{name}: {figure}"


@monitors.name("Portal reachable")
class ListPagesMonitor(BaseScrapyMonitor):
    """A run that reads no list page learns nothing, even if it reports no error."""

    longMessage = False  # the failure line is our message alone, not unittest's comparison before it

    @monitors.name("Should read at least MONITOR_MIN_LIST_PAGES list pages")
    def test_list_pages(self) -> None:
        minimum = self.crawler.settings.getint("MONITOR_MIN_LIST_PAGES", 1)
        if blocked_this_run(self.data.stats):
            return
        got = int(self.data.stats.get("portal/list_pages", 0))
        self.assertGreaterEqual(got, minimum, msg=f"read {got} list pages, expected at least {minimum}")


@monitors.name("Blocked pages")
class BlockedRateMonitor(BaseScrapyMonitor):
    """A portal that starts serving captcha / WAF pages must alert, not quietly yield nothing."""

    longMessage = False

    @monitors.name("Should stay under MONITOR_MAX_BLOCKED_RATE of pages blocked")
    def test_blocked_rate(self) -> None:
        if blocked_this_run(self.data.stats):
            return
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

    longMessage = False

    @monitors.name("Should open every feed and write every line")
    def test_feeds_written(self) -> None:
        failed = int(self.data.stats.get(FEEDS_FAILED, 0))
        self.assertEqual(failed, 0, msg=f"{failed} feed files could not be opened or written (see the errors)")


@monitors.name("Blocked runs")
class BlockedRunsMonitor(BaseScrapyMonitor):
    """A portal blocked run after run (challenges, then cool-off) has stopped giving news: alert after
    MONITOR_MAX_BLOCKED_RUNS runs in a row, not on the first challenge, which the cool-off handles."""

    longMessage = False

    @monitors.name("Should not be blocked MONITOR_MAX_BLOCKED_RUNS runs in a row")
    def test_blocked_runs(self) -> None:
        limit = self.crawler.settings.getint("MONITOR_MAX_BLOCKED_RUNS", 3)
        runs = int(self.data.stats.get(BLOCKED_RUNS, 0))
        self.assertLess(runs, limit, msg=f"blocked {runs} runs in a row (limit {limit}); see the blocked column")


@monitors.name("Schema-valid rows")
class SchemaInvalidMonitor(BaseScrapyMonitor):
    """A row that violates the feed's JSON Schema is dropped, never written: the warehouse stays clean, but
    an extraction or a pipeline producing such rows is broken and must alert."""

    longMessage = False

    @monitors.name("Should drop at most MONITOR_MAX_SCHEMA_INVALID rows as schema_invalid")
    def test_schema_invalid(self) -> None:
        limit = self.crawler.settings.getint("MONITOR_MAX_SCHEMA_INVALID", 0)
        invalid = int(self.data.stats.get(SCHEMA_INVALID, 0))
        msg = f"{invalid} rows violated the article schema and were dropped ({SCHEMA_INVALID})"
        self.assertLessEqual(invalid, limit, msg=msg)


class FailTheRun(Action):
    """Record the failure in stats (the crawl commands turn it into exit status 1), one line per failed
    monitor naming it and its figure (``monitors/failures``, what the run table prints), and log it."""

    def run_action(self) -> None:
        results = self.result.monitors_failed_results
        stats = self.data.crawler.stats
        stats.set_value(FAILED_STAT, len(results))
        lines = [describe_failure(r.monitor.name, r.reason or _last_line(r.error)) for r in results]
        stats.set_value(MONITOR_FAILURES, lines)
        logger.error("Monitors failed: %s", "; ".join(r.monitor.name for r in results))
        for line in lines:
            logger.info("Monitor failed: %s", line)


class CloseMonitors(MonitorSuite):
    monitors = [  # noqa: RUF012 (spidermon reads these class attributes)
        ListPagesMonitor,
        BlockedRateMonitor,
        FeedsWrittenMonitor,
        BlockedRunsMonitor,
        SchemaInvalidMonitor,
        FieldCoverageMonitor,
        ErrorCountMonitor,
        WarningCountMonitor,
        FinishReasonMonitor,
    ]
    monitors_failed_actions = [FailTheRun]  # noqa: RUF012
