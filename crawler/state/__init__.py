"""Crawl memory that persists across runs: what was emitted (incremental runs) and story fingerprints
(repost dedup). One interface, two backends: SQLite under the state directory by default, Redis in
distributed mode (the same keys, shared by every worker). No Scrapy imports.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

# The repost index spans every portal, so it lives in one namespace of its own.
REPOST_NAMESPACE = "_reposts"


@dataclass(frozen=True)
class ArticleState:
    """What the store remembers of an emitted article, keyed by its canonical URL key."""

    article_id: str
    content_hash: str
    list_date: str | None  # the update date its list entry showed when it was fetched (ISO date), if any
    emitted_at: str  # ISO 8601 timestamp of the run that emitted it


@dataclass(frozen=True)
class HostCooloff:
    """A host that answered with an anti-bot challenge, and until when it is left alone (shared by every
    portal on that host). ``strikes`` counts the runs in a row in which it challenged us."""

    host: str
    kind: str  # the challenge that set it (ruishu, jsl, wzws, waf, captcha)
    strikes: int
    until: str  # ISO 8601 UTC timestamp; requests to the host before it are skipped
    first_blocked: str  # ISO 8601 UTC timestamp of the first challenge of this streak


class StateStore(Protocol):
    """Persistent memory of one portal (``namespace`` = spider name) or of all portals (repost index)."""

    def get_article(self, url_key: str) -> ArticleState | None: ...

    def put_article(self, url_key: str, state: ArticleState) -> None: ...

    def record_emitted(self, url_keys: Iterable[str], state: ArticleState, feeds: Iterable[str]) -> None:
        """Record an emitted article under every URL key, and the unpublished feed files (``.part``) that
        hold its line, in one step: a recovery that finds the line lost can then un-record it."""
        ...

    def unpublished_lines(self) -> dict[str, set[str]]:
        """{unpublished feed file: ids of the articles recorded as written to it}."""
        ...

    def forget_feed(self, feed: str) -> None:
        """Drop the record of what ``feed`` held (it was published, or recovered)."""
        ...

    def forget_article(self, article_id: str) -> None:
        """Un-record an article under every URL key: its feed line was lost, so it must be fetched again."""
        ...

    def find_repost(self, simhash: int, max_distance: int) -> str | None:
        """Id of the first article whose 64-bit SimHash is within ``max_distance`` bits, else None."""
        ...

    def add_simhash(self, simhash: int, article_id: str) -> None: ...

    def reset(self) -> None:
        """Forget everything (a forced full re-crawl)."""
        ...

    def replay_since(self) -> str | None:
        """The time of the backup this state was restored from, when this namespace has not yet re-read the
        feeds published since (they hold the articles the backup does not know); else None."""
        ...

    def mark_replayed(self) -> None: ...

    def backup(self) -> Any:
        """Keep a copy to restore from if the state is damaged later (after a good run); None if the
        backend has no such thing."""
        ...

    # Blocked hosts and portals. Not namespaced by portal and not forgotten by ``reset()``: a full
    # re-crawl does not make a challenging host any friendlier.
    def get_cooloff(self, host: str) -> HostCooloff | None: ...

    def put_cooloff(self, cooloff: HostCooloff) -> None: ...

    def clear_cooloff(self, host: str) -> None: ...

    def get_blocked_runs(self) -> int:
        """Runs in a row in which this portal (the namespace) was blocked."""
        ...

    def put_blocked_runs(self, runs: int) -> None: ...

    def close(self) -> None: ...


def open_store(settings: Any, namespace: str) -> StateStore:
    """The configured backend for ``namespace``: STATE_BACKEND names a ``(settings, namespace)`` factory.

    ``settings`` is anything with ``.get(name, default)`` (Scrapy settings or a dict), so the store stays
    free of Scrapy and backends can be swapped with one setting (SQLite by default, Redis when distributed).
    """
    dotted = settings.get("STATE_BACKEND") or "crawler.state.sqlite.from_settings"
    module, _, name = dotted.rpartition(".")
    factory: Callable[[Any, str], StateStore] = getattr(importlib.import_module(module), name)
    return factory(settings, namespace)


def fetch_reason(previous: ArticleState | None, list_date: str | None) -> str | None:
    """Why an article link must be fetched (``"new"`` / ``"updated"``), or None to skip it.

    Only a list entry showing a later date than the one recorded at the last fetch counts as an update:
    a missing date on either side is no evidence, and re-fetching on no evidence would re-emit the
    whole portal every run.
    """
    if previous is None:
        return "new"
    if list_date and previous.list_date and list_date > previous.list_date:
        return "updated"
    return None
