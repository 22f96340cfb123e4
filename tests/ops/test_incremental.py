"""Incremental runs over a replayed portal: nothing twice, updates re-emitted under the same id."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.schema import schema_errors
from tests.conftest import run_crawl
from tests.ops.helpers import Workdir
from tests.ops.site import Site, make_site, story

pytestmark = pytest.mark.slow


def portal(work: Workdir, count: int = 12) -> Site:
    return make_site(work.replay, "kaifaqu", "www.kfq.gov.cn", count, 1000, per_page=5, registry=work.registry)


def test_second_run_fetches_and_emits_nothing_new(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    portal(work)
    first = work.crawl("kaifaqu")
    assert first.returncode == 0, first.log[-3000:]
    assert len(first.rows) == 12 == len({r["id"] for r in first.rows})
    assert all(schema_errors(r) == [] for r in first.rows)
    assert first.summary["items"]["new"] == 12

    second = work.crawl("kaifaqu")
    assert second.returncode == 0, second.log[-3000:]
    assert second.rows == [] and second.files == []
    assert second.summary["items"]["known_skipped"] == 12
    assert second.summary["list_pages"] == 3
    assert "'replay/hit': 3," in second.log  # the three list pages, no article page


def test_full_recrawl_switch_emits_everything_again_with_the_same_ids(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    portal(work, count=4)
    first = work.crawl("kaifaqu")
    again = work.crawl("kaifaqu", "INCREMENTAL_RESET=True")
    assert again.returncode == 0, again.log[-3000:]
    assert sorted(r["id"] for r in again.rows) == sorted(r["id"] for r in first.rows)


def test_newer_list_date_refetches_and_reemits_under_the_same_id(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = make_site(work.replay, "dated", "www.dated.gov.cn", 5, 100, date="2024-05-01", registry=work.registry)
    first = work.crawl("dated")
    assert first.returncode == 0, first.log[-3000:]
    old = next(r for r in first.rows if r["title"] == "新闻2")

    site.article(2, "新闻2", [*story(102), "更正：项目总投资以最新公告为准。"], "2024-05-01")  # same date: ignored
    site.lists()
    assert work.crawl("dated").rows == []

    site.article(2, "新闻2", [*story(102), "更正：项目总投资以最新公告为准。"], "2024-05-09")
    site.article(9, "新闻9", story(109), "2024-05-09")
    site.lists()
    third = work.crawl("dated")
    assert third.returncode == 0, third.log[-3000:]
    by_title = {r["title"]: r for r in third.rows}
    assert sorted(by_title) == ["新闻2", "新闻9"]
    assert by_title["新闻2"]["id"] == old["id"]
    assert "更正" in by_title["新闻2"]["body"] and "更正" not in old["body"]
    assert by_title["新闻2"]["duplicate_of"] is None  # an update is not a repost of itself
    assert (third.summary["items"]["new"], third.summary["items"]["updated"]) == (1, 1)


def test_real_portal_spider_runs_incrementally(tmp_path: Path) -> None:
    first = run_crawl("tianmen", tmp_path)
    second = run_crawl("tianmen", tmp_path)
    assert first["returncode"] == second["returncode"] == 0, second["log"][-3000:]
    assert len(second["items"]) == len(first["items"]) >= 1  # the second run added no row
    assert f"'incremental/skipped': {len(first['items'])}," in second["log"]
