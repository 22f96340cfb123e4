"""The SQLite state store: persistence, namespaces, the banded repost index, reset, the factory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.portals import cooloff
from crawler.portals.cooloff import iso
from crawler.state import REPOST_NAMESPACE, ArticleState, HostCooloff, fetch_reason, open_store
from crawler.state.sqlite import SQLiteStore

STATE = ArticleState("a" * 20, "f" * 40, "2024-05-01", "2024-05-02T10:00:00+08:00")


def test_articles_persist_across_connections_and_namespaces_are_separate(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    store = SQLiteStore(db, "tianmen")
    store.put_article("www.x.gov.cn/a.html", STATE)
    store.close()
    assert SQLiteStore(db, "tianmen").get_article("www.x.gov.cn/a.html") == STATE
    assert SQLiteStore(db, "ezhou").get_article("www.x.gov.cn/a.html") is None


def test_repost_lookup_returns_the_first_article_within_distance(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.sqlite3", REPOST_NAMESPACE)
    base = (1 << 63) | 0x0123_4567_89AB_CDEF  # top bit set: stored as a signed integer
    store.add_simhash(base, "first")
    store.add_simhash(base ^ 0b11, "second")
    store.add_simhash(base, "first")  # re-emitting an article keeps its first fingerprint
    assert store.find_repost(base ^ 0b1, 3) == "first"
    assert store.find_repost(base ^ 0b1111, 3) == "second"  # 4 bits from "first", 2 from "second"
    assert store.find_repost(~base & ((1 << 64) - 1), 3) is None


def test_lookup_beyond_the_band_index_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="up to 3 bits"):
        SQLiteStore(tmp_path / "s.sqlite3", REPOST_NAMESPACE).find_repost(0, 4)


def test_reset_forgets_one_namespace_only(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    a, b = SQLiteStore(db, "a"), SQLiteStore(db, "b")
    a.put_article("k", STATE)
    b.put_article("k", STATE)
    a.add_simhash(7, "x")
    a.reset()
    assert a.get_article("k") is None and a.find_repost(7, 0) is None
    assert b.get_article("k") == STATE


def test_open_store_uses_state_dir_and_backend_setting(tmp_path: Path) -> None:
    store = open_store({"STATE_DIR": str(tmp_path / "st")}, "tianmen")
    store.put_article("k", STATE)
    assert (tmp_path / "st" / "state.sqlite3").exists()
    with pytest.raises(ModuleNotFoundError):
        open_store({"STATE_BACKEND": "crawler.state.nosuch.factory"}, "tianmen")


@pytest.mark.parametrize(
    ("previous", "list_date", "expected"),
    [
        (None, None, "new"),
        (STATE, None, None),
        (STATE, "2024-05-01", None),
        (STATE, "2024-04-30", None),
        (STATE, "2024-05-03", "updated"),
        (ArticleState("a" * 20, "f" * 40, None, "t"), "2024-05-03", None),
    ],
)
def test_fetch_reason(previous: ArticleState | None, list_date: str | None, expected: str | None) -> None:
    assert fetch_reason(previous, list_date) == expected


def test_cooloffs_are_shared_by_portals_and_survive_reset(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    tianmen, ezhou = SQLiteStore(db, "tianmen"), SQLiteStore(db, "ezhou")
    cooloff = HostCooloff("www.x.gov.cn", "ruishu", 2, "2025-03-02T08:00:00+00:00", "2025-03-01T08:00:00+00:00")
    tianmen.put_cooloff(cooloff)
    tianmen.put_blocked_runs(2)
    assert ezhou.get_cooloff("www.x.gov.cn") == cooloff and ezhou.get_blocked_runs() == 0
    tianmen.reset()  # a full re-crawl does not make a challenging host friendlier
    assert SQLiteStore(db, "tianmen").get_cooloff("www.x.gov.cn") == cooloff and tianmen.get_blocked_runs() == 2
    ezhou.clear_cooloff("www.x.gov.cn")
    assert tianmen.get_cooloff("www.x.gov.cn") is None


def test_cooloff_delay_doubles_per_blocked_run_up_to_the_cap() -> None:
    now = datetime(2025, 3, 1, 8, tzinfo=UTC)
    timing = {"base": 3600.0, "factor": 2.0, "cap": 5 * 3600.0}
    first = cooloff.strike(None, "h", "jsl", now, **timing)
    assert (first.strikes, first.until, first.first_blocked) == (1, "2025-03-01T09:00:00+00:00", iso(now))
    later = now + timedelta(days=1)
    second = cooloff.strike(first, "h", "jsl", later, **timing)
    third = cooloff.strike(second, "h", "waf", later, **timing)
    fourth = cooloff.strike(third, "h", "waf", later, **timing)
    assert [datetime.fromisoformat(c.until) - later for c in (second, third, fourth)] == [
        timedelta(hours=2),
        timedelta(hours=4),
        timedelta(hours=5),  # capped
    ]
    assert fourth.first_blocked == first.first_blocked and fourth.kind == "waf"
    assert cooloff.is_active(fourth, later) and not cooloff.is_active(fourth, later + timedelta(hours=6))
