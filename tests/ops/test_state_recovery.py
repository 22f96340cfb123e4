"""A damaged or empty state file: checked at start, replaced by the newest sound backup (taken after each
good run), the feeds published since re-read; with no backup the run stops and says how to recover."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.processing import article_id, canonical_url
from crawler.state import ArticleState
from crawler.state.recovery import backups, damage
from crawler.state.sqlite import SQLiteStore
from tests.ops.helpers import Workdir, feed_files, read_rows
from tests.ops.site import Site, make_site, story

pytestmark = pytest.mark.slow


def empty(path: Path) -> None:
    path.write_bytes(b"")


def garbage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\x13" * 100
    path.write_bytes(bytes(data))


def zeroed_pages(path: Path) -> None:
    """A run of zeroed pages after the first (a bad sector, a copy cut short and padded)."""
    data = bytearray(path.read_bytes())
    assert len(data) >= 4 * 4096, "a state with several pages"
    data[4096:-4096] = bytes(len(data) - 2 * 4096)
    path.write_bytes(bytes(data))


DAMAGES: dict[str, Callable[[Path], None]] = {"empty": empty, "header": garbage_header, "pages": zeroed_pages}


def portal(work: Workdir) -> Site:
    return make_site(work.replay, "kaifaqu", "www.kfq.gov.cn", 8, 5000, per_page=10, registry=work.registry)


def ids(work: Workdir) -> list[str]:
    return [row["id"] for path in feed_files(work.feeds) for row in read_rows(path)]


def test_damage_is_told_from_a_fresh_or_sound_state(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    assert damage(db) is None  # no file yet: a fresh state
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE articles (k)")
    conn.executemany("INSERT INTO articles VALUES (?)", [("x" * 2000,)] * 40)
    conn.commit()
    conn.close()
    assert damage(db) is None
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert damage(other) == "the file holds no state tables"
    for name, spoil in DAMAGES.items():
        copy = tmp_path / f"{name}.sqlite3"
        copy.write_bytes(db.read_bytes())
        spoil(copy)
        assert damage(copy), name


def test_a_damaged_state_is_restored_from_a_backup_and_nothing_is_emitted_twice(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = portal(work)
    assert work.crawl("kaifaqu").returncode == 0
    state = work.state / "state.sqlite3"
    (older,) = backups(state)

    for n in (100, 101):  # a second good run emits two new articles: only its own backup knows them
        site.article(n, f"新闻{n}", story(5000 + n), "2024-06-02")
    site.lists(per_page=10)
    second = work.crawl("kaifaqu")
    assert second.returncode == 0 and len(second.rows) == 2
    newest = backups(state)[0]
    assert newest != older
    newest.unlink()  # the worst case: the restore goes back to before the second run

    zeroed_pages(state)
    third = work.crawl("kaifaqu")
    assert third.returncode == 1, "the WARNING about the restore fails the monitors: someone should look"
    assert "was damaged" in third.log and f"restored from the backup {older}" in third.log
    assert third.rows == [], "the second run's articles were re-read from its feed, not emitted again"
    assert third.stats["stats"]["state/replayed_rows"] >= 2
    assert sorted(ids(work)) == sorted({article_id(canonical_url(e.url, None)) for e in site.entries})
    assert list(work.state.glob("state.sqlite3.damaged-*")), "the damaged file is kept for inspection"

    fourth = work.crawl("kaifaqu")
    assert fourth.returncode == 0 and fourth.rows == [] and "was damaged" not in fourth.log


def test_with_no_sound_backup_the_run_stops_and_says_how_to_recover(tmp_path: Path) -> None:
    work = Workdir(tmp_path, extra=("STATE_BACKUPS=0",))
    portal(work)
    assert work.crawl("kaifaqu").returncode == 0
    assert backups(work.state / "state.sqlite3") == []
    empty(work.state / "state.sqlite3")
    run = work.crawl("kaifaqu")
    assert run.returncode == 1
    assert run.stats["stats"]["finish_reason"] == "state_damaged"
    assert "downloader/request_count" not in run.stats["stats"]
    assert "the file is empty (0 bytes)" in run.log and "Move it aside by hand" in run.log
    assert run.rows == []  # not a fresh state re-emitting everything


def test_backups_roll_and_each_is_a_sound_copy(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    store = SQLiteStore(state, "kaifaqu", backups=2)
    taken = []
    for n in range(3):
        store.put_article(f"k{n}", ArticleState(f"id{n}", "h", None, "2024-06-01T09:00:00+08:00"))
        taken.append(store.backup())
    store.close()
    assert backups(state) == taken[:0:-1]  # the newest two, newest first
    newest = SQLiteStore(taken[-1], "kaifaqu")
    assert damage(taken[-1]) is None and newest.get_article("k2") is not None
    newest.close()
