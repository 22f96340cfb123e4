"""``scrapy crawlall``: run every portal of the registry in one process, one after another.

One at a time, because Scrapy counts log lines per process, not per crawler: with portals crawled side
by side, one portal's ERROR (including a monitor's failure report) would count against every other
portal still running, and their monitors would fail too. Each portal has its own download slot anyway;
for parallel portals, run one ``scrapy crawl <portal>`` per cron job.

The console shows a progress line per portal and one table for the whole run; each portal's full log is
in its own run log file. The exit status is non-zero when any crawl fails to start or its monitors fail,
so cron alerts fire.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from scrapy.commands import BaseRunSpiderCommand
from scrapy.crawler import Crawler

from crawler.extensions.console import ConsoleCommand, stats_of
from crawler.monitors import run_failed


class Command(ConsoleCommand, BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [portal ...]"

    def short_desc(self) -> str:
        return "Run every portal spider of the registry (seeds/), one after another"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None and self.console is not None
        console = self.console
        names = args or sorted(self.crawler_process.spider_loader.list())
        crawlers = [self.crawler_process.create_crawler(name) for name in names]
        for crawler in crawlers:
            console.attach(crawler)
        queue = list(crawlers)

        def start_next(_: Any = None) -> Any:
            # Chained from the previous crawl's completion, before the process's join() looks again
            # for active crawls, so the process stops only after the last portal.
            if queue:
                crawler = queue.pop(0)
                started = console.started(crawler.spidercls.name, self._crawl(crawler, opts.spargs))
                if isinstance(started, asyncio.Future):
                    started.add_done_callback(start_next)
                else:
                    started.addBoth(start_next)
            return None  # a portal that failed to start is reported in the table, not re-raised

        start_next()
        self.crawler_process.start()
        console.report(crawlers)
        failed = self.crawler_process.bootstrap_failed or any(run_failed(stats_of(c)) for c in crawlers)
        if failed:
            self.exitcode = 1

    def _crawl(self, crawler: Crawler, spargs: dict[str, Any]) -> Any:
        assert self.crawler_process is not None
        return self.crawler_process.crawl(crawler, **spargs)
