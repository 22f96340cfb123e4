"""Repost dedup (after Assemble): exact duplicates within a run are dropped, reposts are marked.

- The same article twice in one run (same id, or the same body on the same site under another URL) is
  dropped and counted under ``pages_dropped/duplicate_in_run``.
- The same story on another portal (or re-published later) is kept, with ``duplicate_of`` set to the id
  of the first article whose body SimHash is within a few bits (crawler/dedup/simhash.py), so analysts
  can count a story once without losing where it appeared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem, NotConfigured

from crawler.dedup.simhash import MAX_DISTANCE, fingerprintable, simhash
from crawler.extensions.state import CrawlState
from crawler.items import Article

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class RepostPipeline:
    def __init__(self, crawler: Crawler, state: CrawlState, max_distance: int) -> None:
        self.crawler = crawler
        self.state = state
        self.max_distance = max_distance
        self.ids: set[str] = set()
        self.bodies: dict[tuple[str, str], str] = {}  # (site, content hash) -> the first article's id

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RepostPipeline:
        state = crawler.get_extension(CrawlState)
        if state is None:
            raise NotConfigured("repost dedup needs the CrawlState extension")
        return cls(crawler, state, crawler.settings.getint("REPOST_MAX_DISTANCE", MAX_DISTANCE))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        stats = self.crawler.stats
        assert stats is not None
        body_key = (item.site, item.content_hash)
        if item.id in self.ids or body_key in self.bodies:
            stats.inc_value("pages_dropped")
            stats.inc_value("pages_dropped/duplicate_in_run")
            # its URLs are the first article's aliases: the next run must not fetch them as new
            self.state.note_duplicate(item, item.id if item.id in self.ids else self.bodies[body_key])
            raise DropItem(f"{item.url}: duplicate_in_run: already emitted in this run")
        self.ids.add(item.id)
        self.bodies[body_key] = item.id
        if hasattr(item, "simhash"):  # computed by the worker that processed the page (crawler/workers.py)
            fingerprint = item.simhash
        else:
            fingerprint = simhash(item.body) if fingerprintable(item.body) else None
        if fingerprint is None:
            stats.inc_value("dedup/too_short")
            return item
        first = self.state.reposts.find_repost(fingerprint, self.max_distance)
        if first is not None and first != item.id:
            item.duplicate_of = first
            stats.inc_value("items/duplicate")
        self.state.reposts.add_simhash(fingerprint, item.id)
        return item
