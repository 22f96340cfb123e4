"""The crawl's persistent memory: which articles were emitted (incremental runs) and the repost index.

The invariant: **an article is recorded as emitted only after its line is durably in a feed file.**
Scrapy's FeedExporter (an earlier extension, so an earlier receiver of ``item_scraped``) writes and fsyncs
the line and reports it to the crawl's ``FeedLedger``; this extension records the article only when a
local feed confirmed the line and none failed, together with the unpublished file that holds it. So:

- a feed that cannot be opened stops the run before anything is fetched, and nothing is recorded;
- a crash between the line and the record leaves a line that is not recorded; the next run publishes that
  ``.part`` file and records its rows before crawling (not fetched and emitted twice);
- a line lost or damaged in a ``.part`` file (set aside by recovery) un-records its article, which the next
  run fetches again (not lost).

Every URL an article is known by is recorded against it: the URLs asked for (the whole redirect chain),
the page's URL and its canonical URL, and those of duplicates dropped in the run (a tracking-parameter
variant, a redirect to a page already fetched), so none of them comes back as a new article.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.extensions.feedexport import FeedExporter
from scrapy.http import Request
from scrapy.utils.defer import _schedule_coro

from crawler.dedup.simhash import fingerprintable, simhash
from crawler.feedfiles import Recovered, published_feeds, read_feed, recover
from crawler.feeds import FAILED, FeedLedger, FeedUnwritable, SafeFileFeedStorage, feed_roots
from crawler.items import Article
from crawler.page import Page, now_iso
from crawler.processing import Work, content_hash
from crawler.replay_index import url_key
from crawler.state import REPOST_NAMESPACE, ArticleState, StateStore, fetch_reason, open_store
from crawler.state.recovery import StateDamaged
from crawler.tracking import strip_tracking

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
# Finish reasons of a run stopped before fetching: its feed cannot be written, its state cannot be opened.
FEED_UNWRITABLE = "feed_unwritable"
STATE_DAMAGED = "state_damaged"
STATE_UNAVAILABLE = "state_unavailable"
REPLAY_MARGIN = 60  # seconds: a feed published just before the backup's timestamp is re-read too


def state_key(url: str) -> str:
    """The state's key of a URL: scheme-less canonical URL without tracking parameters."""
    return url_key(strip_tracking(url))


def valid_row(row: dict[str, Any]) -> bool:
    """A recovered feed row that can be trusted: it names its article and its body matches its hash (a
    flipped byte inside a string still parses as JSON)."""
    fields = (row.get("id"), row.get("url"), row.get("canonical_url"), row.get("body"))
    return all(isinstance(f, str) for f in fields) and row.get("content_hash") == content_hash(row["body"])


@dataclass(frozen=True)
class Fetch:
    """How an article page was reached: the URLs asked for (the redirect chain) and its list entry's date."""

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
        self.ledger = FeedLedger.of(crawler)
        self._articles: StateStore | None = None
        self._reposts: StateStore | None = None
        self.fetches: dict[str, Fetch] = {}
        # This run's records, so duplicates dropped later can be recorded as aliases of what they repeat.
        self.by_key: dict[str, ArticleState] = {}
        self.by_id: dict[str, ArticleState] = {}
        # Aliases of an article not recorded yet, by what names it: ("id", article id) or ("url", state key).
        self.waiting: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        self.feeds_ok = True
        crawler.signals.connect(self.spider_opened, signals.spider_opened)
        crawler.signals.connect(self.item_scraped, signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signals.item_dropped)
        crawler.signals.connect(self.request_dropped, signals.request_dropped)
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
        try:
            self._articles = open_store(settings, spider.name)
            self._reposts = open_store(settings, REPOST_NAMESPACE)
        except (StateDamaged, OSError, sqlite3.Error) as exc:  # nothing can be skipped or recorded: stop
            reason = STATE_DAMAGED if isinstance(exc, StateDamaged) else STATE_UNAVAILABLE
            self._inc(f"state/{reason}")
            logger.error("The incremental state cannot be opened, the run stops: %s", exc)
            self._stop(reason)
            return
        if since := self.articles.replay_since():
            self._replay(spider.name, since)
        if settings.getbool("INCREMENTAL_RESET"):
            self.articles.reset()
            self._inc("incremental/reset")
            logger.info("INCREMENTAL_RESET: forgot every article emitted by %s; this is a full re-crawl", spider.name)
        self._recover(spider.name)
        self._check_feeds()

    def _check_feeds(self) -> None:
        """Stop the run before it fetches anything when a local feed cannot be written: whatever it
        fetched would be lost, and recording it would make the next run skip it for good."""
        exporter = self.crawler.get_extension(FeedExporter)
        for slot in exporter.slots if exporter is not None else []:
            if not isinstance(slot.storage, SafeFileFeedStorage):
                continue
            try:
                slot.storage.probe()
            except FeedUnwritable as exc:
                self.feeds_ok = False
                self._inc(FAILED)
                self._inc(f"{FAILED}/open")
                logger.error(
                    "%s. The run stops before fetching anything and records nothing as emitted; fix the "
                    "directory (or FEEDS_DIR) and run again: every article not in a published feed is fetched.",
                    exc.strerror,
                )
        if not self.feeds_ok:
            self._stop(FEED_UNWRITABLE)

    def _stop(self, reason: str) -> None:
        assert self.crawler.engine is not None
        _schedule_coro(self.crawler.engine.close_spider_async(reason=reason))

    def _replay(self, spider_name: str, since: str) -> None:
        """After a restore from a backup: record the rows of the feeds published since it was taken, and
        their fingerprints, so the articles they hold are not fetched and emitted a second time."""
        cutoff = datetime.fromisoformat(since).timestamp() - REPLAY_MARGIN
        rows = 0
        for root in feed_roots(self.crawler.settings, spider_name):
            for path in published_feeds(root):
                if path.stat().st_mtime < cutoff:
                    continue
                for row in read_feed(path):
                    if valid_row(row):
                        rows += 1
                        self._record(row, Fetch((), None), only_new=True)
                        if fingerprintable(row["body"]):
                            self.reposts.add_simhash(simhash(row["body"]), row["id"])
        self.articles.mark_replayed()
        self._inc("state/replayed_rows", rows)
        logger.info("Re-read %d rows of %s feeds published since the state backup of %s", rows, spider_name, since)

    def _recover(self, spider_name: str) -> None:
        """Publish a crashed run's feed and record its rows, so the restart does not emit them again; un-record
        the articles whose lines it lost, so the restart fetches them again."""
        unpublished = self.articles.unpublished_lines()
        for root in feed_roots(self.crawler.settings, spider_name):
            compress = self.crawler.settings.getbool("FEED_GZIP")
            for found in recover(root, compress=compress, valid=valid_row):
                self._account(found, unpublished.pop(str(found.part.resolve()), set()))
        for feed in unpublished:  # published whole at the end of their run: nothing more to learn from them
            self.articles.forget_feed(feed)

    def _account(self, found: Recovered, recorded_ids: set[str]) -> None:
        kept = {row["id"] for row in found.rows}
        lost = recorded_ids - kept
        for article_id in lost:
            self.articles.forget_article(article_id)
        for row in found.rows:
            self._record(row, Fetch((), None), only_new=True)
        self.articles.forget_feed(str(found.part.resolve()))
        self._inc("feeds/recovered_files")
        self._inc("feeds/recovered_rows", len(found.rows))
        if found.cut_bytes:
            self._inc("feeds/torn_tail_bytes", found.cut_bytes)
        if found.damaged:
            self._inc("feeds/quarantined_lines", len(found.damaged))
        if lost:
            self._inc("feeds/unrecorded", len(lost))
        log = logger.warning if found.damaged or lost else logger.info
        log(
            "Recovered %d rows of an interrupted run into %s (cut a torn tail of %d bytes); %d damaged lines "
            "moved to %s; %d articles whose lines were lost are no longer recorded and will be fetched again",
            len(found.rows),
            found.path,
            found.cut_bytes,
            len(found.damaged),
            found.quarantine or "-",
            len(lost),
        )

    def fetch_reason(self, request: Request) -> str | None:
        """``"new"`` / ``"updated"`` when the article link must be fetched, None to skip it (also when the
        state could not be opened: the run is stopping)."""
        if self._articles is None:
            return None
        key = state_key(request.url)
        previous = self.articles.get_article(key)
        if previous is None and url_key(request.url) != key:  # recorded before tracking parameters were dropped
            previous = self.articles.get_article(url_key(request.url))
        return fetch_reason(previous, request.meta.get("list_date"))

    def note_fetch(self, page: Page, request: Request | None) -> None:
        """Remember how ``page`` was reached until its article is emitted or dropped."""
        asked = [*request.meta.get("redirect_urls", []), request.url] if request is not None else []
        list_date = request.meta.get("list_date") if request is not None else None
        key = state_key(page.url)
        fetch = Fetch(tuple(state_key(u) for u in asked), list_date)
        if (same := self.fetches.get(key)) is not None:  # two links to one page (a variant): one article
            fetch = Fetch((*same.keys, *fetch.keys), same.list_date or list_date)
        self.fetches[key] = fetch

    def request_dropped(self, request: Request) -> None:
        """An article link redirected to a page already asked for in this run is an alias of that page."""
        if request.meta.get("page_kind") == "article" and request.meta.get("redirect_urls"):
            aliases = [state_key(u) for u in request.meta["redirect_urls"]]
            self._alias(("url", state_key(request.url)), aliases)

    def item_dropped(self, item: Any) -> None:
        url = _page_url(item)
        if url is not None:
            self.fetches.pop(state_key(url), None)

    def note_duplicate(self, item: Article, first_id: str) -> None:
        """``item`` repeats the article ``first_id`` of this run (the same id, or the same body on the same
        site): every URL it was reached by is that article's too."""
        fetch = self.fetches.pop(state_key(item.url), Fetch((), None))
        self._alias(("id", first_id), [*fetch.keys, state_key(item.url), state_key(item.canonical_url)])

    def item_scraped(self, item: Any) -> None:
        written, failed = self.ledger.take()
        if not isinstance(item, Article):
            return
        fetch = self.fetches.pop(state_key(item.url), Fetch((), None))
        if failed or not written or not self.feeds_ok or self._articles is None:  # fetched again next run
            self._inc("items/not_recorded")
            return
        row = {"id": item.id, "url": item.url, "canonical_url": item.canonical_url}
        row["content_hash"] = item.content_hash
        feeds = [str(path.resolve()) for path in dict.fromkeys(written)]
        self._inc("items/updated" if self._record(row, fetch, feeds=feeds) else "items/new")

    def _record(
        self, row: dict[str, Any], fetch: Fetch, only_new: bool = False, feeds: list[str] | None = None
    ) -> bool:
        """Record an emitted article under every URL it is known by; True if it was known before."""
        keys = list(dict.fromkeys((*fetch.keys, state_key(row["url"]), state_key(row["canonical_url"]))))
        previous = next((s for s in map(self.articles.get_article, keys) if s is not None), None)
        if previous is not None and only_new:
            return True
        list_date = fetch.list_date or (previous.list_date if previous else None)
        state = ArticleState(row["id"], row["content_hash"], list_date, now_iso())
        self.articles.record_emitted(keys, state, feeds or [])
        self.by_id[state.article_id] = state
        names = [("id", state.article_id)]
        for key in keys:
            self.by_key[key] = state
            names.append(("url", key))
        for name in names:
            if name in self.waiting:
                self._alias(name, self.waiting.pop(name))
        return previous is not None

    def _alias(self, target: tuple[str, str], aliases: list[str]) -> None:
        """Record ``aliases`` against the article ``target`` names, now if it is recorded, else once it is."""
        kind, value = target
        state = (self.by_id if kind == "id" else self.by_key).get(value)
        if state is None:
            self.waiting[target].extend(aliases)
            return
        new = [key for key in dict.fromkeys(aliases) if self.by_key.get(key) is not state]
        for key in new:
            self.articles.put_article(key, state)
            self.by_key[key] = state
        if new:
            self._inc("items/aliases_recorded", len(new))

    def spider_closed(self, reason: str) -> None:
        assert self.crawler.stats is not None
        if self._articles is not None and reason == "finished" and not self.crawler.stats.get_value(FAILED):
            self._articles.backup()  # a good run: the state to go back to if the file is damaged later
        for store in (self._articles, self._reposts):
            if store is not None:
                store.close()
