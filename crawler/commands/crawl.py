"""``scrapy crawl``: progress and the run table on the console, Scrapy's log in the run's log file, and
exit status 1 when the run's monitors failed (so cron and scrapyd alert)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from crawler.extensions.console import ConsoleCommand, stats_of
from crawler.monitors import run_failed

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


class Command(ConsoleCommand, ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        if self.console is not None:
            self.console.attach(self.crawler)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one spider name (scrapy list shows them; scrapy crawlall runs them all)")
        assert self.crawler_process is not None and self.console is not None
        crawler = self._create_crawler(args[0])
        self.console.started(crawler.spidercls.name, self.crawler_process.crawl(crawler, **opts.spargs))
        self.crawler_process.start()
        self.console.report([crawler])
        if self.crawler_process.bootstrap_failed or run_failed(stats_of(crawler)):
            self.exitcode = 1
