"""A state backend in memory, for runs whose state is thrown away at the end (``scrapy reprocess``).

It is the SQLite store over an in-memory database, so every question the crawl's extensions ask (reposts,
cool-offs, blocked runs, restores) is answered exactly as in a crawl that starts with no state, and no
article waits for the disk. Emitted articles are not remembered: nothing in such a run asks (incremental
skipping is off), and remembering them would make the run's memory grow with the archive.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from crawler.state import ArticleState
from crawler.state.sqlite import SQLiteStore


class MemoryStore(SQLiteStore):
    def __init__(self, namespace: str = "") -> None:
        super().__init__(Path(":memory:"), namespace)

    def get_article(self, url_key: str) -> ArticleState | None:
        return None

    def put_article(self, url_key: str, state: ArticleState) -> None:
        pass

    def record_emitted(self, url_keys: Iterable[str], state: ArticleState, feeds: Iterable[str]) -> None:
        pass

    def backup(self) -> None:
        return None


def from_settings(settings: Any, namespace: str) -> MemoryStore:
    return MemoryStore(namespace)
