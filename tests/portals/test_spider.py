"""The registry spiders: listed one per portal, the request-meta contract, ``since``, and full replays."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

from crawler.portals.listapi import ListRequest
from crawler.portals.registry import load_registry
from crawler.schema import schema_errors
from crawler.settings import __dict__ as project_settings
from crawler.spiderloader import RegistrySpiderLoader
from tests.conftest import ROOT, SCRAPY
from tests.portals.helpers import BLOCKED_FIXTURES, feed_rows, fixture, run_scrapy

SEED_ARTICLES = {
    "https://www.tianmen.gov.cn/xwzx/tmxw/202107/t20210708_3461234.shtml",
    "http://www.hyfzjt.com/a/xwzx/2018/0306/128.html",
    "https://www.jsw.com.cn/2023/0129/1732687.shtml",
    "https://www.hunantoday.cn/news/xhn/202302/17939857.html",
    "https://www.achie.org/html/2023/gxqxw_0905/5123.html",
}


SETTINGS = {k: v for k, v in project_settings.items() if k.isupper()}


def spider_for(name: str, **kwargs: str):
    loader = RegistrySpiderLoader.from_settings(get_crawler(settings_dict=SETTINGS).settings)
    cls = loader.load(name)
    crawler = get_crawler(cls, settings_dict=SETTINGS)
    crawler._apply_settings()
    return cls.from_crawler(crawler, **kwargs), crawler


def response(portal: str, case: str, meta: dict | None = None) -> HtmlResponse:
    page = fixture(portal, case)
    request = Request(page.url, meta=meta or {"page_kind": "list"})
    return HtmlResponse(page.url, status=page.status, headers=page.headers, body=page.body(), request=request)


def test_scrapy_list_shows_one_spider_per_portal() -> None:
    out = subprocess.run([SCRAPY, "list"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert out == sorted(p.name for p in load_registry(ROOT / "seeds"))


def test_a_hand_written_portal_spider_is_the_base_of_its_entry() -> None:
    settings = get_crawler(settings_dict={"SPIDER_MODULES": ["tests.portals.sample_spiders"]}).settings
    loader = RegistrySpiderLoader.from_settings(settings)
    tianmen = loader.load("tianmen")
    assert tianmen.custom_marker == "hand-written"
    assert tianmen.portal.site_name == "天门网"
    assert not hasattr(loader.load("standalone"), "portal")
    assert loader.load("jsw").portal.name == "jsw"


def test_politeness_overrides_become_download_slots_of_the_portal_hosts() -> None:
    _, crawler = spider_for("haiying")
    assert crawler.settings.getdict("DOWNLOAD_SLOTS")["www.hyfzjt.com"] == {"delay": 3.0, "concurrency": 1}


def test_list_page_requests_carry_the_meta_contract() -> None:
    spider, _ = spider_for("tianmen")
    out = list(spider.parse_list(response("tianmen", "list"), page_no=1))
    articles = [r for r in out if r.meta["page_kind"] == "article"]
    lists = [r for r in out if r.meta["page_kind"] == "list"]
    assert [r.meta["list_date"] for r in articles] == ["2021-07-09", "2021-07-08", "2021-07-06"]
    assert [r.url for r in lists] == ["https://www.tianmen.gov.cn/xwzx/tmxw/index_1.shtml"]
    assert lists[0].cb_kwargs == {"page_no": 2}


def test_since_skips_older_entries_and_stops_paging() -> None:
    spider, crawler = spider_for("tianmen", since="2021-07-07")
    assert spider.since == date(2021, 7, 7)
    out = list(spider.parse_list(response("tianmen", "list"), page_no=1))
    assert [r.meta["list_date"] for r in out] == ["2021-07-09", "2021-07-08"]  # no next page either
    assert crawler.stats.get_value("portal/older_than_since") == 1
    assert crawler.stats.get_value("portal/paging_stopped/since") == 1


def test_max_pages_stops_paging() -> None:
    spider, crawler = spider_for("tianmen", max_pages="1")
    out = list(spider.parse_list(response("tianmen", "list"), page_no=1))
    assert all(r.meta["page_kind"] == "article" for r in out)
    assert crawler.stats.get_value("portal/paging_stopped/max_pages") == 1


@pytest.mark.parametrize(("arg", "value"), [("since", "last week"), ("since", "2024-13-01"), ("max_pages", "0")])
def test_bad_arguments_fail_with_a_clear_message(arg: str, value: str) -> None:
    with pytest.raises(UsageError, match=arg):
        spider_for("tianmen", **{arg: value})


def test_article_response_becomes_a_page_item_with_portal_context() -> None:
    spider, _ = spider_for("jsw")
    meta = {"page_kind": "article", "list_date": "2023-01-29"}
    [page] = list(spider.parse_article(response("jsw", "article_seed", meta)))
    assert page.portal.spider == "jsw" and page.portal.site_name == "金山网"
    assert page.portal.region == {"province": "江苏省", "city": "镇江市", "county": None}
    assert page.meta["list_date"] == "2023-01-29"
    assert page.headers["content-type"] == "text/html; charset=utf-8"  # the lie is kept for the text layer
    assert page.body == fixture("jsw", "article_seed").body()


def test_replayed_trs_crawl_counts_blocked_pages_and_honours_since(tmp_path: Path) -> None:
    proc = run_scrapy(
        tmp_path,
        "crawl",
        "demo_trs",
        "-O",
        "items.jsonl",
        "-a",
        "since=2024-04-01",
        "-s",
        "RETRY_HTTP_CODES=412,521,503",
        "-s",
        "MONITOR_MAX_BLOCKED_RATE=0.5",  # 2 of 7 responses are challenges on purpose (default alert: 0.2)
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert sorted(row["url"].rsplit("/", 1)[1] for row in feed_rows(tmp_path)) == [
        "t20240410_1041960.html",
        "t20240418_1042211.html",
    ]
    log = proc.stderr
    for kind in ("ruishu", "wzws"):
        assert f"'blocked/{kind}/demo_trs': 1" in log
        assert log.count(f"answers with a {kind} page") == 1
    assert "retry/count" not in log  # challenges are never retried, even when a code is retryable
    assert "'portal/paging_stopped/since': 1" in log
    # Two list pages, two articles, two blocked links: the third list page is never asked for.
    assert "'replay/hit': 6," in log


def test_make_run_replays_every_portal_into_valid_unique_rows(tmp_path: Path) -> None:
    proc = run_scrapy(tmp_path, "crawlall", "-O", "%(name)s.jsonl:jsonlines")
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = feed_rows(tmp_path)
    assert {f.stem for f in tmp_path.glob("*.jsonl")} == {p.name for p in load_registry(ROOT / "seeds")}
    assert all(schema_errors(row) == [] for row in rows)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert {row["url"] for row in rows} >= SEED_ARTICLES
    for kind, portal in BLOCKED_FIXTURES.items():
        assert f"'blocked/{kind}/{portal}': 1" in proc.stderr
    blocked_urls = {fixture(p, f"blocked_{k}").url for k, p in BLOCKED_FIXTURES.items()}
    assert not blocked_urls & {row["url"] for row in rows}


def test_fixture_only_portals_are_no_spiders_when_crawling_live() -> None:
    live = RegistrySpiderLoader.from_settings(get_crawler(settings_dict={**SETTINGS, "REPLAY_ENABLED": False}).settings)
    assert "tianmen" in live.list()
    assert not [name for name in live.list() if name.startswith("demo_")]
    assert "haiying" not in live.list()  # its live host is unconfirmed


def test_a_first_list_page_without_articles_is_counted_and_ends_the_column() -> None:
    spider, crawler = spider_for("tianmen")
    empty = HtmlResponse(
        "https://www.tianmen.gov.cn/xwzx/tmxw/", body=b"<html><body><a href='/'>home</a></body></html>"
    )
    assert list(spider.parse_list(empty, page_no=1)) == []
    assert crawler.stats.get_value("lists/empty") == 1
    assert crawler.stats.get_value("lists/empty/template_changed") == 1


def test_a_script_built_column_is_followed_through_its_api_and_paged_there() -> None:
    # A JPaaS column page on the tianmen host: no rows, one unit request; its answer gives articles and the
    # request for the unit's next page.
    spider, crawler = spider_for("tianmen")
    column = HtmlResponse(
        "https://www.tianmen.gov.cn/col/col1229/index.html",
        body=b"""<html><body><div class="list"></div><script src="/AuthorizedRead/unitbuild.js"
        url="/api-gateway/jpaas-publish-server/front/page/build/unit"
        queryData="{'webId':'w1','pageId':'p1','tplSetId':'t1','pageType':'column','tagId':'list'}"></script>
        </body></html>""",
        encoding="utf-8",
        request=Request("https://www.tianmen.gov.cn/col/col1229/index.html", meta={"page_kind": "list"}),
    )
    [call] = list(spider.parse_list(column, page_no=1))
    assert call.meta["page_kind"] == "list" and call.cb_kwargs == {"page_no": 1}  # still the first list page
    assert call.url.startswith("https://www.tianmen.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit?")
    assert crawler.stats.get_value("lists/api_requests") == 1
    assert crawler.stats.get_value("lists/empty") is None
    rows = "".join(
        f'<li><a href="/xwzx/tmxw/202405/t2024051{i}_{i}.shtml">高新区园区新闻第{i}篇稿件</a>'
        f"<span>2024-05-1{i}</span></li>"
        for i in range(3)
    )
    answer = TextResponse(
        call.url,
        body=json.dumps({"data": {"html": f"<ul>{rows}</ul>"}}, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json;charset=UTF-8"},
        request=call,
    )
    out = list(spider.parse_list(answer, page_no=1))
    articles = [r for r in out if r.meta["page_kind"] == "article"]
    [following] = [r for r in out if r.meta["page_kind"] == "list"]
    assert [r.meta["list_date"] for r in articles] == ["2024-05-10", "2024-05-11", "2024-05-12"]
    assert following.cb_kwargs == {"page_no": 2} and "paramJson" in following.url


def test_a_post_list_api_request_carries_its_body_and_content_type() -> None:
    spider, _ = spider_for("tianmen")
    built = ListRequest(
        "https://www.tianmen.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=60&perpage=10",
        "POST",
        "col=1&webid=3&columnid=77&unitid=9",
        "application/x-www-form-urlencoded",
        kind="hanweb_jpage",
        same_page=False,
    )
    request = spider.api_request(built, page_no=2)
    assert request.method == "POST" and request.body == b"col=1&webid=3&columnid=77&unitid=9"
    assert request.headers["Content-Type"] == b"application/x-www-form-urlencoded"
    assert ListRequest.from_json(request.meta["list_request"]) == built


def test_an_api_on_another_site_is_not_followed() -> None:
    spider, crawler = spider_for("tianmen")
    page = HtmlResponse(
        "https://www.tianmen.gov.cn/xwzx/tzgg/",
        body=b"<ul id='l'></ul><script>$.post('https://api.example.com/news/list', {page: 1});</script>",
        request=Request("https://www.tianmen.gov.cn/xwzx/tzgg/"),
    )
    assert list(spider.parse_list(page, page_no=1)) == []
    assert crawler.stats.get_value("lists/api_offsite") == 1
    assert crawler.stats.get_value("lists/empty/api_offsite") == 1
