"""A run's gzip feeds load into DuckDB with the documented types; an update replaces its row by id."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import duckdb
import pytest

from crawler.page import now_iso
from scripts.load_duckdb import COLUMNS, feed_files, load
from tests.ops.helpers import Workdir
from tests.ops.site import make_site, story

pytestmark = pytest.mark.slow


def test_feeds_load_with_types_and_updates_replace_rows(tmp_path: Path) -> None:
    work = Workdir(tmp_path, extra=("FEED_GZIP=True",))
    site = make_site(work.replay, "dated", "www.wh.gov.cn", 6, 700, date="2024-08-01", registry=work.registry)
    first = work.crawl("dated")
    assert first.returncode == 0, first.log[-3000:]
    assert [p.name.endswith(".jsonl.gz") for p in first.files] == [True]
    assert all(r["schema_version"] == "2.0" for r in first.rows)

    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    assert load(con, feed_files(work.feeds)) == 6
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name='articles'"
        ).fetchall()
    )
    assert types == dict(COLUMNS)
    # crawled_at is "+08:00" in the feed; the warehouse holds the instant (UTC epoch), not the text
    epochs = con.execute("SELECT epoch(crawled_at)::BIGINT FROM articles").fetchall()
    expected = {int(dt.datetime.fromisoformat(r["crawled_at"]).timestamp()) for r in first.rows}
    assert {e for (e,) in epochs} == expected

    # crawled_at has whole seconds and the loader lets the later load win a tie: make the update later
    while now_iso() <= max(r["crawled_at"] for r in first.rows):
        time.sleep(0.05)
    site.article(3, "新闻3", [*story(703), "（本文已更新）"], "2024-08-05")
    site.lists()
    second = work.crawl("dated")
    assert [r["title"] for r in second.rows] == ["新闻3"]
    assert load(con, feed_files(work.feeds)) == 7  # both runs' files, read again
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (6, 6)
    body = con.execute("SELECT body FROM articles WHERE id = ?", [second.rows[0]["id"]]).fetchone()
    assert body[0].endswith("（本文已更新）")
    load(con, first.files)  # an old partition loaded late does not bring the old text back
    body = con.execute("SELECT body FROM articles WHERE id = ?", [second.rows[0]["id"]]).fetchone()
    assert body[0].endswith("（本文已更新）")
