"""The Scrapy side of the run console (``crawler/console``): what the crawl commands show and log where.

``ConsoleRun.for_command`` decides, before Scrapy configures logging, where the log goes: by default
Scrapy's log leaves the console (each portal's run log file takes it, ``crawler/runlog.py``) and the
console shows one progress line per portal, then the run table. ``--verbose`` or a log level given on
the command line (``-L DEBUG``, ``-s LOG_LEVEL=INFO``) keeps Scrapy's log on the console as well (the
run log file is still written), without progress lines; the table still ends the run.

Not an EXTENSIONS entry: a command mixes in ``ConsoleCommand``, attaches ``self.console`` to each crawler
it starts (``attach``), then hands it the finished crawlers (``report``).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.log import failure_to_exc_info

from crawler import runlog
from crawler.console import PortalResult, RunConsole
from crawler.console.figures import MONITOR_FAILURES

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings


def wants_log_on_console(settings: Settings, opts: argparse.Namespace) -> bool:
    """``--verbose``, ``-L LEVEL`` or ``-s LOG_LEVEL=…``: the user asked to read the log itself."""
    asked_level = (settings.getpriority("LOG_LEVEL") or 0) >= SETTINGS_PRIORITIES["cmdline"]
    return bool(getattr(opts, "verbose", False) or opts.loglevel or asked_level)


def stats_of(crawler: Crawler) -> dict[str, Any]:
    """A crawler's stats; empty for one that never started (``Crawler.stats`` would raise)."""
    stats = crawler._stats  # the documented way to read it before the crawl starts
    return dict(stats.get_stats()) if stats is not None else {}


class _Watch:
    """One crawler's progress line, redrawn from its stats while it runs."""

    def __init__(self, crawler: Crawler, console: RunConsole, poll: float) -> None:
        self.crawler = crawler
        self.console = console
        self.poll = poll
        self.name = crawler.spidercls.name
        self.call: Any = None
        crawler.signals.connect(self.opened, signals.spider_opened)
        crawler.signals.connect(self.closed, signals.spider_closed)

    def _stats(self) -> dict[str, Any]:
        return stats_of(self.crawler)

    def opened(self, spider: Spider) -> None:
        self.console.start(self.name)
        self.call = create_looping_call(self.tick)
        self.call.start(self.poll, now=False)

    def tick(self) -> None:
        self.console.update(self.name, self._stats())

    def closed(self, spider: Spider) -> None:
        if self.call is not None and self.call.running:
            self.call.stop()
        self.console.finish(self.name, self._stats())


class ConsoleRun:
    """Progress while the command's crawlers run, then the run table, for ``scrapy crawl``/``crawlall``."""

    def __init__(self, console: RunConsole, progress: bool, log_file: str | None = None) -> None:
        self.console = console
        self.progress = progress
        self.log_file = log_file  # the user's own LOG_FILE, which then replaces the per-portal files
        self.poll = 1.0 if console.live else min(console.interval, 5.0)
        self.watches: list[_Watch] = []
        self.not_started: dict[str, str] = {}

    @classmethod
    def for_command(cls, settings: Settings, opts: argparse.Namespace) -> ConsoleRun:
        """Route the log (call from ``process_options``, before the crawler process is made)."""
        on_console = wants_log_on_console(settings, opts)
        if not on_console:
            settings.set("LOG_ENABLED", False, priority="cmdline")  # a user's LOG_FILE still gets the log
        if opts.nolog:
            settings.set("RUN_LOG_ENABLED", False, priority="cmdline")
        settings.set("RUN_LOG_STAMP", runlog.run_stamp(), priority="cmdline")
        console = RunConsole(interval=settings.getfloat("CONSOLE_INTERVAL", 60.0))
        return cls(console, progress=not on_console, log_file=settings.get("LOG_FILE") or None)

    def attach(self, crawler: Crawler) -> None:
        if self.progress:
            self.watches.append(_Watch(crawler, self.console, self.poll))

    def started(self, name: str, deferred: Any) -> Any:
        """Remember why a crawl could not start (bad spider argument, broken setting) for the report."""

        def failed(failure: Any) -> None:
            self.not_started[name] = f"did not start: {failure.getErrorMessage()}"
            logger.error("%s did not start", name, exc_info=failure_to_exc_info(failure))

        if hasattr(deferred, "addErrback"):
            deferred.addErrback(failed)
        else:  # an asyncio future (AsyncCrawlerProcess)
            deferred.add_done_callback(
                lambda f: (
                    f.cancelled()
                    or f.exception() is None
                    or self.not_started.setdefault(name, f"did not start: {f.exception()}")
                )
            )
        return deferred

    def results(self, crawlers: list[Crawler]) -> list[PortalResult]:
        found = []
        for crawler in crawlers:
            name = crawler.spidercls.name
            stats = stats_of(crawler)
            if name in self.not_started:
                stats[MONITOR_FAILURES] = [self.not_started[name], *stats.get(MONITOR_FAILURES, [])]
            found.append(PortalResult(name, stats, log=stats.get(runlog.LOG_FILE_STAT)))
        return found

    def report(self, crawlers: list[Crawler]) -> None:
        results = self.results(crawlers)
        logs = [self.log_file] if self.log_file else [r.log for r in results if r.log]
        if not logs and (path := runlog.current()):
            logs = [str(Path(path).relative_to(Path.cwd()) if Path(path).is_relative_to(Path.cwd()) else path)]
        runlog.close()
        self.console.report(results, logs=logs)


class ConsoleCommand:
    """Mixin for a Scrapy command with the run console: ``--verbose``, and the log routed before Scrapy
    configures it (``self.console``). List it before the Scrapy command class."""

    console: ConsoleRun | None = None
    settings: Settings | None

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)  # type: ignore[misc]
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="show Scrapy's full log on the console too (it always goes to logs/<spider>/<run>.log)",
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)  # type: ignore[misc]
        assert self.settings is not None
        self.console = ConsoleRun.for_command(self.settings, opts)
