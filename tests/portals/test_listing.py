"""List entries (link, title, row date) from each family's list pages, replayed from fixtures."""

from __future__ import annotations

import re
from datetime import date

from crawler.portals.dates import parse_date
from crawler.portals.reader import read_list
from tests.portals.helpers import fixture


def entries(portal: str, case: str, area: str | None = None):
    page = fixture(portal, case)
    return read_list(page.markup, page.url, area).entries


def test_trs_list_rows_give_absolute_links_titles_and_dates() -> None:
    found = entries("tianmen", "list", "ul.list")
    assert [e.url.rsplit("/", 1)[1] for e in found] == [
        "t20210709_3462871.shtml",
        "t20210708_3461234.shtml",
        "t20210706_3459920.shtml",
    ]
    assert found[1].url == "https://www.tianmen.gov.cn/xwzx/tmxw/202107/t20210708_3461234.shtml"
    assert found[1].date == date(2021, 7, 8)
    assert found[1].title.startswith("易先榮主持召開")


def test_navigation_links_are_not_entries() -> None:
    urls = [e.url for e in entries("demo_trs", "list")]
    assert len(urls) == 4
    assert not any(u.endswith(("/xwzx/", "/zwgk/")) for u in urls)


def test_hanweb_records_hidden_in_cdata_are_entries() -> None:
    found = entries("demo_hanweb", "column")
    assert [(e.url.rsplit("/", 1)[1], e.date) for e in found] == [
        ("art_3071_100231.html", date(2024, 5, 12)),
        ("art_3071_100187.html", date(2024, 5, 8)),
    ]
    assert found[0].title.startswith("常州高新区智能制造装备产业集群")


def test_hanweb_dataproxy_xml_records_are_entries() -> None:
    found = entries("demo_hanweb", "dataproxy_2")
    assert [e.date for e in found] == [date(2024, 4, 19), date(2024, 4, 10), date(2024, 4, 2)]
    assert found[0].url == "https://gxq.hanweb-demo.test/art/2024/4/19/art_3071_99904.html"


def test_founder_layout_links_once_each_dated_by_the_issue_path() -> None:
    found = entries("demo_founder", "node_1")
    assert [e.url.rsplit("/", 1)[1] for e in found] == ["content_30011.htm", "content_30012.htm"]
    assert {e.date for e in found} == {date(2024, 5, 12)}
    assert all(e.title for e in found)  # the title list, not the image-map hotspot, names the entry


def test_dedecms_rows_with_date_before_the_link() -> None:
    found = entries("haiying", "list")
    assert [e.date for e in found] == [date(2018, 3, 12), date(2018, 3, 6)]


def test_row_date_wins_over_a_month_only_url() -> None:
    found = entries("xinhunan", "list")
    assert [e.date for e in found] == [date(2023, 3, 8), date(2023, 2, 16)]


def test_gbk_list_behind_a_lying_header_still_lists_its_articles() -> None:
    found = entries("jsw", "list")
    assert [e.url for e in found] == [
        "https://www.jsw.com.cn/2023/0403/1745102.shtml",
        "https://www.jsw.com.cn/2023/0129/1732687.shtml",
    ]


def test_portal_patterns_and_area_selector() -> None:
    markup = """<div class="nav"><a href="/news/detail/1">置顶</a></div>
    <ul class="news"><li><a href="/news/detail/2">园区新闻</a> 2024年5月3日</li></ul>"""
    found = read_list(markup, "https://p.example.cn/news/", "ul.news", [re.compile(r"/news/detail/\d+$")]).entries
    assert [(e.url, e.date) for e in found] == [("https://p.example.cn/news/detail/2", date(2024, 5, 3))]


def test_a_block_of_many_links_does_not_lend_its_date_to_each() -> None:
    markup = (
        "<div>2024-05-01 " + "".join(f'<a href="/a/x/2024/0{i}01/{i}.html">n{i}</a>' for i in range(1, 6)) + "</div>"
    )
    found = read_list(markup, "http://p.example.cn/").entries
    assert [e.date for e in found] == [date(2024, m, 1) for m in range(1, 6)]  # from each URL instead


def test_parse_date_forms() -> None:
    assert parse_date("发布时间：2021年7月8日") == date(2021, 7, 8)
    assert parse_date("[2021/07/08]") == date(2021, 7, 8)
    assert parse_date("2021.7.8") == date(2021, 7, 8)
    assert parse_date("2021-13-45 then 2021-02-03") == date(2021, 2, 3)
    assert parse_date("浏览 1234 次") is None
