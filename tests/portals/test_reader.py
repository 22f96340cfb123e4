"""The list reader's answer as a whole: why a list gave nothing, and the list CLI that prints it, decoding a
page exactly as a crawl's list callback does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.lists import decode_list_page
from crawler.middlewares.charset import CharsetMiddleware
from crawler.portals.reader import read_list
from tests.conftest import ROOT
from tests.portals.helpers import fixture


def run_lists(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.lists", *args], cwd=ROOT, capture_output=True, check=True, timeout=120
    )
    return json.loads(proc.stdout.decode("utf-8"))


def test_an_empty_column_says_so() -> None:
    markup = """<html><body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
    <div class="list"><p>暂无信息</p></div></body></html>"""
    assert read_list(markup, "http://x.gov.cn/zwgk/tzgg/").empty_reason == "empty_column"


def test_a_page_of_links_without_a_list_is_a_changed_template() -> None:
    links = "".join(f'<a href="/lm{i}/">栏目{i}</a>' for i in range(6))
    assert read_list(f"<html><body><div>{links}</div></body></html>", "http://x.gov.cn/xw/").empty_reason == (
        "template_changed"
    )


def test_a_challenge_page_read_as_a_list_is_blocked() -> None:
    challenge = fixture("demo_trs", "blocked_ruishu")
    page = read_list(challenge.markup, challenge.url)
    assert page.entries == [] and page.empty_reason == "blocked"


def test_a_page_with_entries_has_no_empty_reason() -> None:
    tianmen = fixture("tianmen", "list")
    page = read_list(tianmen.markup, tianmen.url, "ul.list")
    assert page.entries and page.empty_reason is None


def test_the_cli_decodes_as_the_crawl_does(tmp_path: Path) -> None:
    # GBK bytes behind a lying charset=utf-8 header: the crawl's charset middleware re-decodes them.
    saved = fixture("jsw", "list")
    headers = {"Content-Type": "text/html; charset=utf-8"}
    response = HtmlResponse(saved.url, body=saved.body(), headers=headers, request=Request(saved.url))
    middleware = CharsetMiddleware(get_crawler())
    crawled = middleware.process_response(Request(saved.url, meta={"page_kind": "list"}), response)
    assert decode_list_page(saved.body(), headers["Content-Type"]) == crawled.text  # type: ignore[union-attr]
    page = tmp_path / "list.html"
    page.write_bytes(saved.body())
    out = run_lists("--url", saved.url, "--content-type", headers["Content-Type"], str(page))
    assert [e["url"] for e in out["entries"]] == [
        "https://www.jsw.com.cn/2023/0403/1745102.shtml",
        "https://www.jsw.com.cn/2023/0129/1732687.shtml",
    ]
    assert out["next_pages"] == ["https://www.jsw.com.cn/news/zjxw/index_2.shtml"]
    assert set(out) >= {"entries", "next_pages", "page_count", "requests", "empty_reason"}


def test_the_cli_reads_an_api_answer_with_the_request_that_fetched_it(tmp_path: Path) -> None:
    answer = tmp_path / "answer.json"
    rows = [{"title": f"园区新闻{i}号稿件标题", "url": f"/a/{i}.html", "time": "2024-05-01"} for i in range(3)]
    answer.write_text(json.dumps({"data": rows, "totalPage": 4}, ensure_ascii=False), encoding="utf-8")
    request = {"url": "http://x.gov.cn/api/list", "method": "POST", "body": "page=1&rows=3"}
    out = run_lists("--request", json.dumps(request), str(answer))
    assert [e["url"] for e in out["entries"]] == [f"http://x.gov.cn/a/{i}.html" for i in range(3)]
    assert out["requests"][0]["body"] == "page=2&rows=3"


def test_the_cli_reports_an_unreadable_file(tmp_path: Path) -> None:
    out = run_lists(str(tmp_path / "missing.html"))
    assert out["reason"] == "unreadable"
