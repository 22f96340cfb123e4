"""The crawl's persistent memory: which articles were emitted (incremental runs) and the repost index.

Ordering is what makes a crash lose nothing and duplicate nothing. An article is recorded as emitted
only in ``item_scraped``, *after* Scrapy's FeedExporter (an earlier extension, so an earlier receiver of
the same signal) has written and fsynced its line. A crash between the two leaves a line that is not
recorded; the next run repairs that run's ``.part`` feed file and records every row it finds there
before crawling, so the article is not fetched and emitted a second time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.http import Request

from crawler.feedfiles import recover
from crawler.feeds import WRITE_ERRORS, feed_roots
from crawler.items import Article
from crawler.page import Page, now_iso
from crawler.processing import Work
from crawler.replay_index import url_key
from crawler.state import REPOST_NAMESPACE, ArticleState, StateStore, fetch_reason, open_store

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fetch:
    """How an article page was reached: the URLs asked for (before redirects) and its list entry's date."""

    keys: tuple[str, ...]
    list_date: str | None


def _page_url(item: Any) -> str | None:
    if isinstance(item, Work):
        return item.page.url
    if isinstance(item, Page | Article):
        return item.url
    return None


class CrawlState:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._articles: StateStore | None = None
        self._reposts: StateStore | None = None
        self.fetches: dict[str, Fetch] = {}
        self.write_errors = 0
        crawler.signals.connect(self.spider_opened, signals.spider_opened)
        crawler.signals.connect(self.item_scraped, signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signals.item_dropped)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlState:
        return cls(crawler)

    @property
    def articles(self) -> StateStore:
        assert self._articles is not None, "the state store opens with the spider"
        return self._articles

    @property
    def reposts(self) -> StateStore:
        assert self._reposts is not None, "the state store opens with the spider"
        return self._reposts

    def _inc(self, key: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key, count)

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        self._articles = open_store(settings, spider.name)
        self._reposts = open_store(settings, REPOST_NAMESPACE)
        if settings.getbool("INCREMENTAL_RESET"):
            self.articles.reset()
            self._inc("incremental/reset")
            logger.info("INCREMENTAL_RESET: forgot every article emitted by %s; this is a full re-crawl", spider.name)
        self._recover(spider.name)

    def _recover(self, spider_name: str) -> None:
        """Publish a crashed run's feed and record its rows, so the restart does not emit them again."""
        for root in feed_roots(self.crawler.settings, spider_name):
            for found in recover(root, compress=self.crawler.settings.getbool("FEED_GZIP")):
                self._inc("feeds/recovered_files")
                self._inc("feeds/recovered_rows", len(found.rows))
                if found.cut_bytes:
                    self._inc("feeds/torn_tail_bytes", found.cut_bytes)
                logger.info(
                    "Recovered %d rows of an interrupted run into %s (cut a torn tail of %d bytes)",
                    len(found.rows),
                    found.path,
                    found.cut_bytes,
                )
                for row in found.rows:
                    self._record(row, Fetch((), None), only_new=True)

    def fetch_reason(self, request: Request) -> str | None:
        """``"new"`` / ``"updated"`` when the article link must be fetched, None to skip it."""
        return fetch_reason(self.articles.get_article(url_key(request.url)), request.meta.get("list_date"))

    def note_fetch(self, page: Page, request: Request | None) -> None:
        """Remember how ``page`` was reached until its article is emitted or dropped."""
        asked = [*request.meta.get("redirect_urls", [])[:1], request.url] if request is not None else []
        list_date = request.meta.get("list_date") if request is not None else None
        self.fetches[url_key(page.url)] = Fetch(tuple(url_key(u) for u in asked), list_date)

    def item_dropped(self, item: Any) -> None:
        url = _page_url(item)
        if url is not None:
            self.fetches.pop(url_key(url), None)

    def item_scraped(self, item: Any) -> None:
        if not isinstance(item, Article):
            return
        fetch = self.fetches.pop(url_key(item.url), Fetch((), None))
        assert self.crawler.stats is not None
        write_errors = self.crawler.stats.get_value(WRITE_ERRORS, 0)
        if write_errors != self.write_errors:  # the feed line of this very item failed to be written
            self.write_errors = write_errors
            self._inc("items/not_recorded")
            return
        row = {"id": item.id, "url": item.url, "canonical_url": item.canonical_url}
        row["content_hash"] = item.content_hash
        self._inc("items/updated" if self._record(row, fetch) else "items/new")

    def _record(self, row: dict[str, Any], fetch: Fetch, only_new: bool = False) -> bool:
        """Record an emitted article under every URL it is known by; True if it was known before."""
        keys = dict.fromkeys((*fetch.keys, url_key(row["url"]), url_key(row["canonical_url"])))
        previous = next((s for s in map(self.articles.get_article, keys) if s is not None), None)
        if previous is not None and only_new:
            return True
        list_date = fetch.list_date or (previous.list_date if previous else None)
        state = ArticleState(row["id"], row["content_hash"], list_date, now_iso())
        for key in keys:
            self.articles.put_article(key, state)
        return previous is not None

    def spider_closed(self) -> None:
        for store in (self._articles, self._reposts):
            if store is not None:
                store.close()
