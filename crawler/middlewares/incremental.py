"""Incremental crawling: skip article links already emitted by an earlier run; always read list pages.

The contract with the spider: article requests carry ``meta["page_kind"] = "article"`` and
``meta["list_date"]`` (the date the list entry shows, ``YYYY-MM-DD`` or None); list requests carry
``meta["page_kind"] = "list"``. An emitted article is fetched again only when its list entry now shows
a later date; it is then re-emitted with the same id (the warehouse replaces the row).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.extensions.state import CrawlState
from crawler.page import Page

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class IncrementalMiddleware:
    def __init__(self, crawler: Crawler, state: CrawlState) -> None:
        self.crawler = crawler
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        state = crawler.get_extension(CrawlState)
        if state is None:
            raise NotConfigured("incremental crawling needs the CrawlState extension")
        if not crawler.settings.getbool("INCREMENTAL_ENABLED", True):
            raise NotConfigured("INCREMENTAL_ENABLED is off")
        return cls(crawler, state)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        stats = self.crawler.stats
        assert stats is not None
        async for obj in result:
            if isinstance(obj, Request) and obj.meta.get("page_kind") == "article":
                reason = self.state.fetch_reason(obj)
                if reason is None:
                    stats.inc_value("incremental/skipped")
                    continue
                stats.inc_value(f"incremental/{reason}")
            elif isinstance(obj, Page):
                self.state.note_fetch(obj, response.request)
            yield obj


class RunDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, but never persisted in JOBDIR.

    With JOBDIR, Scrapy remembers every request *scheduled*, including ones in flight when the process
    was killed; after a restart those are neither queued nor allowed again, so their articles are lost.
    Across runs the incremental state (what was *emitted*) is the only memory we trust, and list pages
    are re-read after a restart so every article not yet emitted is found again.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunDupeFilter:
        return cls(None, crawler.settings.getbool("DUPEFILTER_DEBUG"), fingerprinter=crawler.request_fingerprinter)
