"""Offline replay: a registry portal crawls from fixtures/ and its feed rows validate."""

from __future__ import annotations

from crawler.replay_index import build_index, save_response, url_key
from crawler.schema import schema_errors
from tests.conftest import FIXTURES


def test_index_finds_saved_pages_by_url_whatever_the_scheme() -> None:
    index = build_index(FIXTURES)
    saved = index[url_key("http://www.tianmen.gov.cn/xwzx/tmxw/")]
    assert saved.status == 200
    assert "charset=" in saved.headers["Content-Type"]


def test_replayed_crawl_emits_valid_articles(crawl) -> None:
    result = crawl("tianmen")
    assert result["returncode"] == 0, result["log"][-2000:]
    assert result["items"], result["log"][-2000:]
    for row in result["items"]:
        assert schema_errors(row) == []
    assert "'replay/hit'" in result["log"]


def test_missing_fixture_is_a_counted_404(crawl) -> None:
    result = crawl("tianmen", "REPLAY_DIR=/nonexistent")
    assert result["returncode"] == 1  # no list page read: the "Portal reachable" monitor alerts
    assert result["items"] == []
    assert "'replay/missing': 1" in result["log"]


def test_saved_case_round_trips_through_the_index(tmp_path) -> None:
    body = "<p>园区新闻</p>".encode("gb18030")
    save_response(
        tmp_path / "a",
        "https://www.x.gov.cn/202401/t20240101_1.html",
        body,
        200,
        {"Content-Type": "text/html; charset=gbk"},
    )
    saved = build_index(tmp_path)[url_key("http://www.x.gov.cn/202401/t20240101_1.html")]
    assert saved.body() == body and saved.headers["Content-Type"] == "text/html; charset=gbk"
