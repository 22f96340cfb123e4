"""Offline replay: a registry portal crawls from fixtures/ and its feed rows validate."""

from __future__ import annotations

from crawler.replay_index import build_index, url_key
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
