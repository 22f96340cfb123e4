"""The in-memory state of a reprocess answers repost look-ups as the SQLite store does."""

from __future__ import annotations

from pathlib import Path

from crawler.state import ArticleState, StateStore
from crawler.state.memory import MemoryStore
from crawler.state.sqlite import SQLiteStore

A, B, C = 0xF0F0_F0F0_0F0F_0F0F, 0xF0F0_F0F0_0F0F_0F0E, 0x0F0F_0F0F_F0F0_F0F0  # B is A with one bit flipped


def test_reposts_are_found_as_the_sqlite_store_finds_them(tmp_path: Path) -> None:
    memory, sqlite = MemoryStore("_reposts"), SQLiteStore(tmp_path / "s.sqlite3", "_reposts")
    try:
        for store in (memory, sqlite):
            store.add_simhash(A, "first")
            store.add_simhash(A ^ 0b11, "second")  # near A too, added later: never the answer
            store.add_simhash(B, "first")  # an article's first fingerprint is the one kept
        for probe in (A, B, C, A ^ 0b111, A ^ 0b1111):
            assert memory.find_repost(probe, 3) == sqlite.find_repost(probe, 3)
        assert memory.find_repost(B, 3) == "first" and memory.find_repost(C, 3) is None
    finally:
        sqlite.close()


def test_emitted_articles_are_not_remembered() -> None:
    store = MemoryStore()
    store.put_article("www.x.gov.cn/a.html", ArticleState("id", "hash", None, "2024-01-01T00:00:00+08:00"))
    assert store.get_article("www.x.gov.cn/a.html") is None


def test_every_question_a_crawl_asks_of_its_state_is_answered() -> None:
    """The extensions of a crawl call the whole StateStore protocol; a reprocess runs the same extensions."""
    store = MemoryStore("portal")
    asked = [name for name in vars(StateStore) if not name.startswith("_")]
    assert asked and all(callable(getattr(store, name, None)) for name in asked)
    assert store.replay_since() is None and store.get_blocked_runs() == 0 and store.get_cooloff("h") is None
    assert store.backup() is None
