"""What the crawl process holds once the crawl is open moves to the collector's permanent generation.

Why: Python's full collections walk every tracked object. By the time a crawl is open, the process holds
about 100,000 of them that live as long as it does (modules, functions, settings, Scrapy's machinery, and
the processing tables when pages are processed in process). A full collection over them costs 55-65 ms of
CPU while holding the GIL, and the crawl's churn (requests queued, items in flight) sets one off every few
hundred pages. With a worker pool, that pause also keeps the pool's threads from handing pages on, so both
workers idle through it (with the pages a reprocess once kept in flight, 2% of a ``-j 2`` run;
BENCHMARKS.md). Frozen, those objects are never walked again; what the crawl makes afterwards is collected
as before.

At close the objects are unfrozen, so a process that runs crawl after crawl (``scrapy crawlall``) can
collect what a finished crawl left, and freezes again when the next one opens.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class FreezeStartup:
    def __init__(self, crawler: Crawler) -> None:
        # spider_opened comes after every pipeline's open_spider: the processing tables are loaded by then
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FreezeStartup:
        return cls(crawler)

    def opened(self) -> None:
        gc.collect()  # once (tens of ms): start-up's garbage is freed, not kept for the whole crawl
        gc.freeze()

    def closed(self) -> None:
        gc.unfreeze()
