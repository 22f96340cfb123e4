"""``scrapy crawl``, with exit status 1 when the run's monitors failed (so cron and scrapyd alert)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler.monitors import run_failed

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


class Command(ScrapyCrawl):
    crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        if self.crawler is not None and self.crawler.stats and run_failed(self.crawler.stats.get_stats()):
            self.exitcode = 1
