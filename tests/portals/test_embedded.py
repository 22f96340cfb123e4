"""Rows a page keeps where an HTML parser does not see them: comments, XML islands, script strings and data,
and JSON list API answers. Pages written for the test, one structure each."""

from __future__ import annotations

import json
from datetime import date

from crawler.portals.listapi import ListRequest
from crawler.portals.reader import read_list
from tests.portals.test_records import TITLES


def test_a_static_list_commented_out_under_a_script_rendered_page() -> None:
    # TRS column: the server-side list survives inside an HTML comment while a script draws the page; the
    # visible markup is navigation only.
    rows = "".join(
        f'<li><a href="./202405/t2024050{i}_{300 + i}.html" title="{TITLES[i]}">{TITLES[i]}</a>'
        f"<span>2024-05-0{i}</span></li>"
        for i in range(1, 6)
    )
    markup = f"""<html><body><div class="nav"><a href="../">首页</a><a href="../../zwgk/">政务公开</a></div>
    <div id="list"></div><!-- <ul class="list">{rows}</ul> -->
    <script>renderList("#list");</script></body></html>"""
    page = read_list(markup, "http://www.example.gov.cn/xwzx/tzgg/")
    assert page.source == "comment"
    assert len(page.entries) == 5
    assert page.entries[0].date == date(2024, 5, 1)


PROXY = "/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&path=/&columnid=3071&unitid=46201&permissiontype=0"


def test_hanweb_records_in_an_xml_island_beat_the_visible_menu() -> None:
    records = "".join(
        f"<record><![CDATA[<li><a href='/art/2024/5/{i}/art_3071_{900 + i}.html' title='{TITLES[i]}'>{TITLES[i]}</a>"
        f"<span>2024-05-0{i}</span></li>]]></record>"
        for i in range(1, 5)
    )
    menu = "".join(
        f'<li><a href="/col/col{30 + i}/index.html">{w}</a></li>' for i, w in enumerate(("要闻", "公告", "政策"))
    )
    markup = f"""<html><body><ul class="menu">{menu}</ul><div id="46201"><script type="text/xml"><datastore>
    <nextgroup><![CDATA[<a href="{PROXY}"></a>]]></nextgroup>
    <recordset>{records}</recordset></datastore></script></div></body></html>"""
    page = read_list(markup, "https://gxq.example.gov.cn/col/col3071/index.html")
    assert page.source == "xml"
    assert [e.date for e in page.entries] == [date(2024, 5, d) for d in range(1, 5)]
    assert page.next_pages[0].startswith("https://gxq.example.gov.cn/module/web/jpage/dataproxy.jsp?page=2&")


def test_rows_in_a_script_array_of_objects() -> None:
    data = [{"title": t, "url": f"/zwgk/2024/{i}.html", "pubDate": f"2024-04-1{i}"} for i, t in enumerate(TITLES[:4])]
    markup = f"""<html><body><ul id="list"></ul><script>
    var listData = {json.dumps(data, ensure_ascii=False)};
    listData.forEach(function (row) {{ $("#list").append("<li>" + row.title + "</li>"); }});
    </script></body></html>"""
    page = read_list(markup, "http://x.example.cn/zwgk/")
    assert page.source == "data"
    assert [e.url for e in page.entries][:2] == [
        "http://x.example.cn/zwgk/2024/0.html",
        "http://x.example.cn/zwgk/2024/1.html",
    ]
    assert page.entries[3].date == date(2024, 4, 13)


def test_rows_written_with_document_write() -> None:
    writes = "\n".join(
        f"document.write('<li><a href=\"/news/{i}.html\">' + '{TITLES[i]}' + '</a><span>2024-03-0{i}</span></li>');"
        for i in range(1, 5)
    )
    markup = f"<html><body><ul><script>{writes}</script></ul></body></html>"
    page = read_list(markup, "http://x.example.cn/news/")
    assert page.source == "script"
    assert len(page.entries) == 4


def test_a_json_list_answer_of_row_objects() -> None:
    # A TRS 信息公开 JSON feed: upper-case field names, absolute URLs.
    rows = [
        {
            "URL": f"http://x.example.gov.cn/zfxxgk/202403/t2024031{i}_{i}.shtml",
            "FILENAME": t,
            "PUBDATE": f"2024-03-1{i} 09:00:00",
        }
        for i, t in enumerate(TITLES[:5])
    ]
    page = read_list(json.dumps({"data": rows}, ensure_ascii=False), "http://x.example.gov.cn/zfxxgk/data.json")
    assert len(page.entries) == 5
    assert page.entries[1].title == TITLES[1]
    assert page.entries[1].date == date(2024, 3, 11)


def test_a_json_answer_carrying_list_markup() -> None:
    html = (
        "<ul>"
        + "".join(
            f'<li><a href="/art/2024/art_{i:032x}.html">{TITLES[i]}</a><span>2024-02-0{i + 1}</span></li>'
            for i in range(3)
        )
        + "</ul>"
    )
    page = read_list(json.dumps({"success": True, "data": {"html": html}}), "http://x.example.gov.cn/api-gateway/unit")
    assert len(page.entries) == 3
    assert page.source == "api"


def test_an_empty_api_answer_says_the_column_is_empty() -> None:
    page = read_list('{"data": {"html": ""}, "success": true}', "http://x.example.gov.cn/api/unit")
    assert page.entries == [] and page.empty_reason == "empty_column"


def test_a_later_api_page_with_no_rows_is_the_end_of_the_list() -> None:
    later = ListRequest("http://x.example.gov.cn/api/list?page=7", same_page=False)
    page = read_list('{"data": []}', later.url, request=later)
    assert page.entries == [] and page.empty_reason == "past_last_page"
