"""Offline replay: a registry portal crawls from fixtures/ and its feed rows validate."""

from __future__ import annotations

import pytest

from crawler.replay_index import ReplayIndex, save_response
from crawler.schema import schema_errors
from tests.conftest import FIXTURES


def test_index_finds_saved_pages_by_url_whatever_the_scheme() -> None:
    index = ReplayIndex(FIXTURES)
    saved = index.get("http://www.tianmen.gov.cn/xwzx/tmxw/")
    assert saved is not None and saved.status == 200
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
    saved = ReplayIndex(tmp_path).get("http://www.x.gov.cn/202401/t20240101_1.html")
    assert saved is not None and saved.url == "https://www.x.gov.cn/202401/t20240101_1.html"
    assert saved.body() == body and saved.headers["Content-Type"] == "text/html; charset=gbk"


def test_a_url_saved_twice_is_an_error(tmp_path) -> None:
    save_response(tmp_path / "a", "https://www.x.gov.cn/p.html?b=2&a=1", b"<p>1</p>")
    save_response(tmp_path / "b", "http://www.x.gov.cn/p.html?a=1&b=2", b"<p>2</p>")
    with pytest.raises(ValueError, match="saved twice"):
        ReplayIndex(tmp_path)


def test_a_malformed_case_fails_when_the_index_is_built(tmp_path) -> None:
    save_response(tmp_path / "a", "https://www.x.gov.cn/p.html", b"<p>1</p>")
    (tmp_path / "a" / "info.json").write_text('{"url": "https://www.x.gov.cn/p.html", "status": "OK"}')
    with pytest.raises(ValueError):
        ReplayIndex(tmp_path)
