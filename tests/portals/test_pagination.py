"""The next list page for each CMS family, from fixture pages and real pager shapes."""

from __future__ import annotations

from crawler.portals import hanweb, trs
from crawler.portals.pagination import next_numbered_link, next_pages, next_query_link, next_text_link
from tests.portals.helpers import fixture


def following(portal: str, case: str, family: str | None) -> list[str]:
    page = fixture(portal, case)
    return next_pages(page.markup, page.url, family)


def test_trs_create_page_html_walks_index_n_until_the_last_page() -> None:
    assert following("demo_trs", "list", "trs") == ["https://kfq.trs-demo.test/xwzx/gzdt/index_1.html"]
    assert following("demo_trs", "list_2", "trs") == ["https://kfq.trs-demo.test/xwzx/gzdt/index_2.html"]
    assert following("demo_trs", "list_3", "trs") == []
    assert following("tianmen", "list", "trs") == ["https://www.tianmen.gov.cn/xwzx/tmxw/index_1.shtml"]


def test_trs_count_page_script_and_article_pager_calls() -> None:
    script = "<script>var currentPage = 0;//所在页从0开始\nvar countPage = 67//共多少页</script>"
    assert trs.next_page(script, "http://x.gov.cn/zfxxgk/index.shtml") == "http://x.gov.cn/zfxxgk/index_1.shtml"
    assert trs.next_page(script.replace("= 0", "= 66"), "http://x.gov.cn/zfxxgk/index_66.shtml") is None
    named = 'createPageHTML(5, 2, "wjk_glrb", "html")'
    assert trs.next_page(named, "http://x.gov.cn/wjk/wjk_glrb_2.html") == "http://x.gov.cn/wjk/wjk_glrb_3.html"
    # An article page calls the pager with its own doc name: that is no list pagination.
    assert trs.next_page('createPageHTML(1, 0, "t20220213_552130", "html")', "http://x.cn/a/") is None


def test_hanweb_column_page_continues_at_dataproxy_page_2() -> None:
    [nxt] = following("demo_hanweb", "column", "hanweb")
    assert "/module/web/jpage/dataproxy.jsp?page=2&" in nxt
    assert "columnid=3071" in nxt and "unitid=46201" in nxt
    assert fixture("demo_hanweb", "dataproxy_2").url.split("?")[0] == nxt.split("?")[0]


def test_hanweb_dataproxy_stops_at_totalpage_and_on_an_empty_group() -> None:
    assert following("demo_hanweb", "dataproxy_2", "hanweb") == []
    record = "<record><![CDATA[<a href='/art/2024/1/1/art_1_2.html'>x</a>]]></record>"
    more = f"<datastore><totalpage>9</totalpage><recordset>{record}</recordset></datastore>"
    url = "http://x.gov.cn/module/web/jpage/dataproxy.jsp?page=3&columnid=1&unitid=2"
    assert hanweb.next_page(more, url) == "http://x.gov.cn/module/web/jpage/dataproxy.jsp?page=4&columnid=1&unitid=2"
    assert hanweb.next_page("<datastore><recordset></recordset></datastore>", url) is None


def test_founder_issue_pages_are_the_other_layouts_of_the_same_day() -> None:
    base = "http://epaper.founder-demo.test/sfrb/html/2024-05/12/"
    assert following("demo_founder", "node_1", "founder") == [base + "node_2.htm"]
    assert following("demo_founder", "node_2", "founder") == [base + "node_1.htm"]


def test_dedecms_and_phpcms_follow_the_next_link() -> None:
    assert following("haiying", "list", "dedecms") == ["http://www.hyfzjt.com/a/xwzx/list_2_2.html"]
    assert following("haiying", "list_2", "dedecms") == []
    assert following("achie", "list", "phpcms") == ["https://www.achie.org/html/gxqxw/2.html"]
    assert following("achie", "list_2", "phpcms") == []


def test_dateid_news_lists_follow_the_next_link() -> None:
    assert following("xinhunan", "list", "dateid") == ["https://www.hunantoday.cn/news/lsj/index_2.html"]
    assert following("jsw", "list", "dateid") == ["https://www.jsw.com.cn/news/zjxw/index_2.shtml"]
    assert following("jsw", "list_2", "dateid") == []


def test_numbered_sibling_when_the_pager_label_is_unreadable() -> None:
    # The label is mojibake (GBK read as UTF-8): the link's number still says it is the next page.
    markup = '<a href="index.shtml">\ufffd\ufffd</a> <a href="index_2.shtml">\ufffd\ufffd\ufffd</a>'
    assert next_text_link(markup, "https://x.cn/news/") is None
    assert next_numbered_link(markup, "https://x.cn/news/") == "https://x.cn/news/index_2.shtml"
    markup = '<a href="list_3_3.html">3</a><a href="list_3_5.html">5</a>'
    assert next_numbered_link(markup, "https://x.cn/a/xw/list_3_4.html") == "https://x.cn/a/xw/list_3_5.html"
    other_column = '<a href="/a/xw/list_3_5.html">5</a>'
    assert next_numbered_link(other_column, "https://x.cn/a/other/list_3_4.html") is None


def test_page_parameters_of_server_side_lists() -> None:
    hanweb_col = "http://www.js.gov.cn/col/col76841/index.html?uid=297589&pageNum=2"
    markup = (
        '<a href="?uid=297589&pageNum=1">1</a><a href="?uid=297589&pageNum=3">3</a><a href="?uid=9&pageNum=3">x</a>'
    )
    assert next_query_link(markup, hanweb_col) == "http://www.js.gov.cn/col/col76841/index.html?uid=297589&pageNum=3"
    dede = '<a href="/plus/list.php?tid=7&TotalResult=88&PageNo=2">2</a>'
    assert next_query_link(dede, "http://x.cn/plus/list.php?tid=7&TotalResult=88") == (
        "http://x.cn/plus/list.php?tid=7&TotalResult=88&PageNo=2"
    )
    assert next_query_link(markup, "http://www.js.gov.cn/col/col76841/index.html?uid=297589&pageNum=3") is None
