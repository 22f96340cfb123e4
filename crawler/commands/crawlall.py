"""``scrapy crawlall``: run every portal of the registry in one process, one feed per spider.

The exit status is non-zero when any crawl fails to start or reports a failure, so cron alerts fire.
"""

from __future__ import annotations

import argparse

from scrapy.commands import BaseRunSpiderCommand

from crawler.monitors import run_failed


class Command(BaseRunSpiderCommand):
    requires_project = True

    def short_desc(self) -> str:
        return "Run every portal spider of the registry (seeds/)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        names = args or sorted(self.crawler_process.spider_loader.list())
        crawlers = []
        for name in names:
            crawler = self.crawler_process.create_crawler(name)
            crawlers.append(crawler)
            self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        failed = self.crawler_process.bootstrap_failed or any(
            c.stats is not None and run_failed(c.stats.get_stats()) for c in crawlers
        )
        if failed:
            self.exitcode = 1
