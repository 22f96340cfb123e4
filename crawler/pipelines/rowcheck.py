"""The last pipeline: a row that a pipeline changed after the processing validated it is validated again.

The processing's ``validate`` step checks every row against the JSON Schema before it leaves the worker;
validating all of it again in the crawl process (spidermon's ``ItemValidationPipeline`` did) took about a
third of the crawl process's time per page (BENCHMARKS.md). What can still make a row invalid is a pipeline in between
(repost dedup sets ``duplicate_of``; a pipeline added later may set anything). So ProcessPipeline stamps
each Article with a snapshot of the row as validated (``stamp``: its fields pickled, ~25 µs), and this
pipeline compares the row as it is now with it: unchanged rows pass at that cost; the fields that differ
are validated against their part of the schema. A row they make invalid is dropped as
``pages_dropped/schema_invalid/changed_after_validation``, with an ERROR naming the fields, so the run's
monitors fail; it never reaches the feed.
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.items import Article
from crawler.schema import partial_errors

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

FIELDS = tuple(f.name for f in fields(Article))
SNAPSHOT = "validated_row"  # the Article attribute holding the row as validated (not a feed field)
INVALID = "schema_invalid"
CHANGED = "changed_after_validation"


def _row(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in FIELDS}


def stamp(article: Article) -> None:
    """Remember ``article`` as the processing validated it (call when it comes out of processing)."""
    setattr(article, SNAPSHOT, pickle.dumps(_row(article), pickle.HIGHEST_PROTOCOL))


def changed_fields(article: Article) -> dict[str, Any]:
    """The fields whose value differs from the stamped row, with their values now (all, when unstamped)."""
    row = _row(article)
    snapshot = getattr(article, SNAPSHOT, None)
    if snapshot is None:
        return row
    if pickle.dumps(row, pickle.HIGHEST_PROTOCOL) == snapshot:
        return {}
    validated = pickle.loads(snapshot)
    return {name: value for name, value in row.items() if value != validated[name]}


class RowCheckPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RowCheckPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        changed = changed_fields(item)
        errors = partial_errors(changed) if changed else []
        if not errors:
            return item
        stats = self.crawler.stats
        assert stats is not None
        for key in ("pages_dropped", f"pages_dropped/{INVALID}", f"pages_dropped/{INVALID}/{CHANGED}"):
            stats.inc_value(key)
        message = "; ".join(errors[:5])
        logger.error("%s: a pipeline made the validated row invalid (%s): %s", item.url, ", ".join(changed), message)
        raise DropItem(f"{item.url}: {INVALID}: {message}")
