"""The default state backend: one SQLite file under STATE_DIR, shared by every portal of a host.

WAL mode lets several cron jobs (one per portal) write at once; ``synchronous=FULL`` makes each recorded
article survive a power cut, because a feed line is only recorded after it is on disk (see
crawler/extensions/state.py) and a lost record would mean a duplicate line after the restart. The file is
checked before use and backed up after good runs (crawler/state/recovery.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.dedup.simhash import BANDS, BITS, bands, from_signed, nearest, to_signed
from crawler.state import ArticleState, HostCooloff
from crawler.state.recovery import Restored, backup, ensure_sound

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    namespace TEXT NOT NULL, url_key TEXT NOT NULL, article_id TEXT NOT NULL, content_hash TEXT NOT NULL,
    list_date TEXT, emitted_at TEXT NOT NULL, PRIMARY KEY (namespace, url_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS simhashes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, namespace TEXT NOT NULL, article_id TEXT NOT NULL,
    simhash INTEGER NOT NULL, UNIQUE (namespace, article_id)
);
CREATE TABLE IF NOT EXISTS feed_lines (
    namespace TEXT NOT NULL, feed TEXT NOT NULL, article_id TEXT NOT NULL,
    PRIMARY KEY (namespace, feed, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS state_restores (restored_at TEXT NOT NULL, backup_taken_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feed_replays (namespace TEXT PRIMARY KEY, replayed_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS simhash_bands (
    namespace TEXT NOT NULL, band_key INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (namespace, band_key, seq)
) WITHOUT ROWID;
"""


# Blocked hosts (shared by every portal) and each portal's run of blocked runs.
BLOCKING_SCHEMA = """
CREATE TABLE IF NOT EXISTS cooloffs (
    host TEXT PRIMARY KEY, kind TEXT NOT NULL, strikes INTEGER NOT NULL, until TEXT NOT NULL,
    first_blocked TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blocked_runs (namespace TEXT PRIMARY KEY, runs INTEGER NOT NULL) WITHOUT ROWID;
"""


def _band_keys(simhash: int) -> list[int]:
    """One indexed integer per band: the band number above the band's value bits."""
    return [band << (BITS // BANDS) | value for band, value in bands(simhash)]


class SQLiteStore:
    """``StateStore`` over SQLite; ``namespace`` separates portals (and the shared repost index)."""

    def __init__(self, path: Path, namespace: str, backups: int = 0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.backups = backups
        self.namespace = namespace
        self.db = sqlite3.connect(path, isolation_level=None, timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.db.executescript(BLOCKING_SCHEMA)

    def get_article(self, url_key: str) -> ArticleState | None:
        row = self.db.execute(
            "SELECT article_id, content_hash, list_date, emitted_at FROM articles WHERE namespace=? AND url_key=?",
            (self.namespace, url_key),
        ).fetchone()
        return ArticleState(*row) if row else None

    def put_article(self, url_key: str, state: ArticleState) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
            (self.namespace, url_key, state.article_id, state.content_hash, state.list_date, state.emitted_at),
        )

    def record_emitted(self, url_keys: Iterable[str], state: ArticleState, feeds: Iterable[str]) -> None:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for key in url_keys:
                self.put_article(key, state)
            self.db.executemany(
                "INSERT OR IGNORE INTO feed_lines VALUES (?, ?, ?)",
                [(self.namespace, feed, state.article_id) for feed in feeds],
            )

    def unpublished_lines(self) -> dict[str, set[str]]:
        lines: dict[str, set[str]] = {}
        for feed, article_id in self.db.execute(
            "SELECT feed, article_id FROM feed_lines WHERE namespace=?", (self.namespace,)
        ):
            lines.setdefault(feed, set()).add(article_id)
        return lines

    def forget_feed(self, feed: str) -> None:
        self.db.execute("DELETE FROM feed_lines WHERE namespace=? AND feed=?", (self.namespace, feed))

    def forget_article(self, article_id: str) -> None:
        self.db.execute("DELETE FROM articles WHERE namespace=? AND article_id=?", (self.namespace, article_id))

    def note_restore(self, restored: Restored) -> None:
        """Every namespace re-reads the feeds published since the backup the next time it opens."""
        self.db.execute("INSERT INTO state_restores VALUES (?, ?)", (_now(), restored.taken_at))

    def replay_since(self) -> str | None:
        row = self.db.execute(
            "SELECT r.backup_taken_at FROM state_restores r WHERE r.restored_at > COALESCE("
            "(SELECT replayed_at FROM feed_replays WHERE namespace=?), '') ORDER BY r.backup_taken_at LIMIT 1",
            (self.namespace,),
        ).fetchone()
        return row[0] if row else None

    def mark_replayed(self) -> None:
        self.db.execute("INSERT OR REPLACE INTO feed_replays VALUES (?, ?)", (self.namespace, _now()))

    def backup(self) -> Path | None:
        return backup(self.db, self.path, self.backups)

    def find_repost(self, simhash: int, max_distance: int) -> str | None:
        if max_distance >= BANDS:
            raise ValueError(f"the band index finds distances up to {BANDS - 1} bits, not {max_distance}")
        keys = _band_keys(simhash)
        rows = self.db.execute(
            "SELECT DISTINCT s.seq, s.simhash, s.article_id FROM simhash_bands b JOIN simhashes s ON s.seq=b.seq "
            f"WHERE b.namespace=? AND b.band_key IN ({','.join('?' * len(keys))}) ORDER BY s.seq",
            (self.namespace, *keys),
        ).fetchall()
        return nearest(simhash, ((from_signed(h), aid) for _, h, aid in rows), max_distance)

    def add_simhash(self, simhash: int, article_id: str) -> None:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            cur = self.db.execute(
                "INSERT OR IGNORE INTO simhashes (namespace, article_id, simhash) VALUES (?, ?, ?)",
                (self.namespace, article_id, to_signed(simhash)),
            )
            if cur.rowcount:  # the first fingerprint of an article is the one reposts are measured against
                self.db.executemany(
                    "INSERT INTO simhash_bands VALUES (?, ?, ?)",
                    [(self.namespace, key, cur.lastrowid) for key in _band_keys(simhash)],
                )

    def reset(self) -> None:
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for table in ("articles", "feed_lines", "simhashes", "simhash_bands"):
                self.db.execute(f"DELETE FROM {table} WHERE namespace=?", (self.namespace,))

    def get_cooloff(self, host: str) -> HostCooloff | None:
        row = self.db.execute(
            "SELECT host, kind, strikes, until, first_blocked FROM cooloffs WHERE host=?", (host,)
        ).fetchone()
        return HostCooloff(*row) if row else None

    def put_cooloff(self, cooloff: HostCooloff) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO cooloffs VALUES (?, ?, ?, ?, ?)",
            (cooloff.host, cooloff.kind, cooloff.strikes, cooloff.until, cooloff.first_blocked),
        )

    def clear_cooloff(self, host: str) -> None:
        self.db.execute("DELETE FROM cooloffs WHERE host=?", (host,))

    def get_blocked_runs(self) -> int:
        row = self.db.execute("SELECT runs FROM blocked_runs WHERE namespace=?", (self.namespace,)).fetchone()
        return int(row[0]) if row else 0

    def put_blocked_runs(self, runs: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO blocked_runs VALUES (?, ?)", (self.namespace, runs))

    def close(self) -> None:
        self.db.close()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def from_settings(settings: Any, namespace: str) -> SQLiteStore:
    """STATE_DIR (default ``.state``) holds ``state.sqlite3``, checked before it is opened (a damaged file is
    replaced by its newest sound backup, or StateDamaged is raised) and backed up after good runs
    (STATE_BACKUPS kept in ``STATE_DIR/backups``)."""
    path = Path(settings.get("STATE_DIR") or ".state") / "state.sqlite3"
    restored = ensure_sound(path)
    store = SQLiteStore(path, namespace, int(settings.get("STATE_BACKUPS", 3)))
    if restored is not None:
        store.note_restore(restored)
    return store
