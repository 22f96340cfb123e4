"""Crawl memory that persists across runs: what was emitted (incremental runs) and story fingerprints
(repost dedup). One interface, two backends: SQLite under the state directory by default, Redis in
distributed mode (the same keys, shared by every worker). No Scrapy imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ArticleState:
    """What the store remembers of an emitted article, keyed by its canonical URL key."""

    article_id: str
    content_hash: str
    list_date: str | None  # the update date its list entry showed when it was fetched (ISO date), if any
    emitted_at: str  # ISO 8601 timestamp of the run that emitted it


class StateStore(Protocol):
    """Persistent memory of one portal (``namespace`` = spider name) or of all portals (repost index)."""

    def get_article(self, url_key: str) -> ArticleState | None: ...

    def put_article(self, url_key: str, state: ArticleState) -> None: ...

    def find_repost(self, simhash: int, max_distance: int) -> str | None:
        """Id of the first article whose 64-bit SimHash is within ``max_distance`` bits, else None."""
        ...

    def add_simhash(self, simhash: int, article_id: str) -> None: ...

    def reset(self) -> None:
        """Forget everything (a forced full re-crawl)."""
        ...

    def close(self) -> None: ...
