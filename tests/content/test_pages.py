"""Multi-page articles: the pager names the continuation pages; the CLI reads them from files saved beside the
first page, the spider chains their requests; either way one item holds every page's text."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.content import extract_article
from crawler.content.pages import continuation_urls
from crawler.extract import extract_one
from crawler.portals.registry import Portal
from crawler.processing import process_page
from crawler.spiders.portal import PortalSpider

BASE = "https://www.tinghu.gov.cn/xwzx/202403/t20240303_5512.html"
PARTS = [
    [
        "3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，区四套班子领导出席会议。",
        "李东成指出，区域发展，实体为基、项目为王、招商为要，必须强势推进，快速突破，久久为功。",
    ],
    ["会议还下发了《关于大力推进智能制造发展的实施意见》及相关政策文件，并为星级工业企业颁发了奖牌。"],
    ["张宏春要求，各部门要对照目标任务，倒排工期，确保全年工业经济实现稳中有进。（责任编辑：刘敏）"],
]


def part_url(n: int) -> str:
    return BASE if n == 0 else BASE.replace(".html", f"_{n}.html")


def part_html(n: int) -> str:
    pager = " ".join(f"<a href='{part_url(i).rsplit('/', 1)[1]}'>[{i + 1}]</a>" for i in range(3))
    nxt = f"<a href='{part_url(n + 1).rsplit('/', 1)[1]}'>下一页</a>" if n < 2 else ""
    paras = "".join(f"<p>{p}</p>" for p in PARTS[n])
    return (
        "<html><head><meta charset='utf-8'><title>全区工业发展大会召开_亭湖区人民政府</title></head><body>"
        "<h1>全区工业发展大会召开</h1><div class='info'>发布时间：2024-03-03 10:20 来源：亭湖区融媒体中心</div>"
        f"<div class='TRS_Editor'>{paras}</div><div class='page'>{pager} {nxt}</div></body></html>"
    )


@pytest.mark.parametrize(
    ("url", "markup", "want"),
    [
        (BASE, part_html(0), [part_url(1), part_url(2)]),
        (
            "http://news.example.cn/2005-08/16/content_4894059.htm",
            "<a href='content_4894059_1.htm'>[2]</a><a href='content_4894059_2.htm'>[3]</a>"
            "<a href='content_4894059_1.htm'><img src='next.gif'></a>",
            [
                "http://news.example.cn/2005-08/16/content_4894059_1.htm",
                "http://news.example.cn/2005-08/16/content_4894059_2.htm",
            ],
        ),
        (
            "https://www.example.cn/a/show.php?id=7",
            "<a href='show.php?id=7&page=2'>下一页</a>",
            ["https://www.example.cn/a/show.php?id=7&page=2"],
        ),
        (BASE, "<a href='t20240303_5513.html'>下一篇</a><a href='/xwzx/index_1.html'>2</a>", []),  # other articles
    ],
)
def test_continuation_urls(url: str, markup: str, want: list[str]) -> None:
    assert continuation_urls(markup, url) == want


def test_pages_are_joined_in_order() -> None:
    more = [(part_url(n), part_html(n)) for n in (1, 2)]
    art = extract_article(part_html(0), BASE, more_pages=more)
    assert art.body.split("\n") == [*PARTS[0], *PARTS[1], PARTS[2][0].removesuffix("（责任编辑：刘敏）")]
    assert art.editors == ["刘敏"]
    assert art.flags["pages_joined"] == 2
    assert art.title == "全区工业发展大会召开"


def test_cli_reads_the_further_pages_saved_beside_the_first(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / part_url(n).rsplit("/", 1)[1]).write_text(part_html(n), encoding="utf-8")
    row = extract_one(str(tmp_path / "t20240303_5512.html"), url=BASE)
    assert PARTS[1][0] in row["body"] and PARTS[2][0][:20] in row["body"]
    assert {"name": "pages_joined", "count": 2} in row["quality"]["flags"]


def test_spider_chains_the_pages_and_counts_them() -> None:
    portal = Portal(
        name="tinghu", site_name="亭湖区人民政府", region={}, allowed_domains=("www.tinghu.gov.cn",), start_urls=()
    )
    cls = type("TinghuSpider", (PortalSpider,), {"name": "tinghu", "portal": portal})
    crawler = get_crawler(cls)
    spider = cls.from_crawler(crawler)
    crawler.stats.open_spider()

    def respond(n: int, request: Request) -> HtmlResponse:
        return HtmlResponse(part_url(n), body=part_html(n).encode(), encoding="utf-8", request=request)

    first = Request(BASE, meta={"page_kind": "article", "list_date": "2024-03-03"})
    (req,) = spider.parse_article(respond(0, first))
    assert (req.url, req.meta["page_kind"], req.meta["list_date"]) == (part_url(1), "article_part", "2024-03-03")
    (req,) = req.callback(respond(1, req), **req.cb_kwargs)
    assert req.url == part_url(2)
    (page,) = req.callback(respond(2, req), **req.cb_kwargs)
    assert [p.url for p in page.continuations] == [part_url(1), part_url(2)]
    assert crawler.stats.get_value("articles/multipage") == 1
    assert crawler.stats.get_value("articles/pages_joined") == 2
    assert PARTS[2][0][:20] in process_page(page)["body"]
