"""The next list page for each CMS family, from fixture pages and real pager shapes."""

from __future__ import annotations

from crawler.portals import hanweb, trs
from crawler.portals.pagination import (
    find_pager,
    next_numbered_link,
    next_query_link,
    next_text_link,
    text_page_count,
)
from tests.portals.helpers import fixture


def following(portal: str, case: str, family: str | None) -> list[str]:
    page = fixture(portal, case)
    return find_pager(page.markup, page.url, family).next_pages


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


# --- Pagers written by scripts, and page counts (pages written for the test) --------------------------

TRS_PAGER_FUNCTION = """<script>
function createPageHTML(_sPageExt, _nCurrIndex, _sPageName, _nPageCount) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  if (_nCurrIndex < _nPageCount - 1)
    document.write("<a href=\\"" + _sPageName + "_" + (_nCurrIndex + 1) + "." + _sPageExt + "\\">下一页</a>");
  document.write("<a href=\\"" + _sPageName + "_" + (_nPageCount - 1) + "." + _sPageExt + "\\">尾页</a>");
}
</script><script>createPageHTML("shtml", 0, "list", 12);</script>"""


def test_a_pager_function_defined_in_the_page_is_rendered_whatever_its_argument_order() -> None:
    pager = find_pager(TRS_PAGER_FUNCTION, "http://x.gov.cn/zwgk/tzgg/", None)
    assert pager.next_pages == ["http://x.gov.cn/zwgk/tzgg/list_1.shtml"]
    assert pager.kind == "script"
    assert pager.page_count == 12  # from the 尾页 link the function writes (list_11 → 12 pages)


def test_create_page_html_with_a_container_id_and_a_record_count() -> None:
    markup = "<div id='page_div'></div><script>createPageHTML('page_div', 7, 2, 'index', 'html', 136);</script>"
    pager = find_pager(markup, "http://x.gov.cn/xwzx/index_2.html", "trs")
    assert pager.next_pages == ["http://x.gov.cn/xwzx/index_3.html"]
    assert pager.page_count == 7
    assert find_pager(markup.replace("7, 2", "3, 2"), "http://x.gov.cn/xwzx/index_2.html", "trs").next_pages == []


def test_a_count_page_block_writes_its_next_link_with_its_own_extension() -> None:
    markup = """<div class="page"><script>
    var currentPage = 0; var prevPage = currentPage - 1; var nextPage = currentPage + 1; var countPage = 4;
    if (countPage > 1 && currentPage != (countPage - 1))
      document.write("<a class='next' href=\\"index" + "_" + nextPage + "." + "shtml\\">下一页</a>");
    </script></div>"""
    pager = find_pager(markup, "http://www.x.gov.cn/zdgz/rc/", None)
    assert pager.next_pages == ["http://www.x.gov.cn/zdgz/rc/index_1.shtml"]
    assert pager.page_count == 4
    last = markup.replace("currentPage = 0", "currentPage = 3")
    assert find_pager(last, "http://www.x.gov.cn/zdgz/rc/index_3.shtml", None).next_pages == []


def test_a_next_link_that_calls_a_page_function() -> None:
    markup = """<form>共 40 页 <a href="javascript:gotoPage('2')">下一页</a>
    <a href="javascript:gotoPage('40')">尾页</a>
    <script>function gotoPage(pageNo) {
      if (pageNo == '1') window.location = "Column.shtml?p5=31";
      else window.location = "Column.shtml?p5=31&p7=" + pageNo;
    }</script></form>"""
    pager = find_pager(markup, "http://www.x.gov.cn/Column.shtml?p5=31", None)
    assert pager.next_pages == ["http://www.x.gov.cn/Column.shtml?p5=31&p7=2"]
    assert pager.page_count == 40


def test_node_content_fragments_are_numbered_backwards() -> None:
    markup = """<div id="comp_77"><ul><li><a href="../../n3/n9/c5/content.html">标题</a></li></ul></div><script>
    var purl="../../n3/n9/index_77"; var maxPageNum=0; maxPageNum = 58;</script>"""
    pager = find_pager(markup, "http://www.x.gov.cn/n3/n9/index.html", None)
    assert (pager.next_pages, pager.page_count) == (["http://www.x.gov.cn/n3/n9/index_77_57.html"], 58)
    on_fragment = find_pager(markup, "http://www.x.gov.cn/n3/n9/index_77_2.html", None)
    assert on_fragment.next_pages == ["http://www.x.gov.cn/n3/n9/index_77_1.html"]
    assert find_pager(markup, "http://www.x.gov.cn/n3/n9/index_77_1.html", None).next_pages == []


def test_page_counts_from_pager_text_and_from_the_last_page_link() -> None:
    assert text_page_count("共595条记录 1/30页") == 30
    assert text_page_count("共2397篇文章/共120页") == 120
    assert text_page_count("总页数:199") == 199
    assert text_page_count("共 45 条 每页 20 条") == 3
    assert text_page_count("浏览 1234 次") is None
    markup = '<a href="Index_2.aspx">下一页</a> <a href="Index_57.aspx">尾页</a>'
    pager = find_pager(markup, "http://x.gov.cn/Category_9/Index.aspx", None)
    assert (pager.next_pages, pager.page_count) == (["http://x.gov.cn/Category_9/Index_2.aspx"], 57)


def test_people_daily_style_layouts_are_an_issue_too() -> None:
    layouts = "".join(f"<a href=nbs.D110000rb_{n:02d}.htm>第{n:02d}版</a>" for n in range(1, 9))
    url = "http://paper.example.cn/rb/html/2024-05/12/nbs.D110000rb_05.htm"
    pager = find_pager(layouts, url, "founder")
    assert pager.next_pages[:2] == [
        "http://paper.example.cn/rb/html/2024-05/12/nbs.D110000rb_06.htm",
        "http://paper.example.cn/rb/html/2024-05/12/nbs.D110000rb_07.htm",
    ]
    assert pager.page_count == 8


def test_page_counts_from_pager_plugin_settings() -> None:
    paging = "<div id='page'></div><script>$('#page').paging({pageNo: 1, totalPage: 16, totalSize: 235});</script>"
    assert find_pager(paging, "http://x.gov.cn/tzgg/", None).page_count == 16
    laypage = "<script>laypage.render({elem: 'pg', count: 235, limit: 15, curr: 1});</script>"
    assert find_pager(laypage, "http://x.gov.cn/tzgg/", None).page_count == 16


def test_an_image_button_labelled_next() -> None:
    markup = '<div class="page"><a href="list_2.html"><img src="/img/next.gif" alt="下一页"></a></div>'
    assert next_text_link(markup, "http://x.gov.cn/xw/list_1.html") == "http://x.gov.cn/xw/list_2.html"


def test_a_later_page_counts_its_pages_from_the_last_page_link() -> None:
    # Page 2 of a DedeCMS list (list_<type>_<N>.html, numbered from 1): 下一页 and 末页 both name page 3.
    dede = (
        "<div class='pglist'><li><a href='list_10_1.html'>上一页</a></li><li class='thisclass'>2</li>"
        "<li><a href='list_10_3.html'>下一页</a></li><li><a href='list_10_3.html'>末页</a></li></div>"
    )
    pager = find_pager(dede, "http://www.example.com/a/news/list_10_2.html", None)
    assert (pager.next_pages, pager.page_count) == (["http://www.example.com/a/news/list_10_3.html"], 3)
    # Page 2 of a TRS-style list (index.html, then index_1 … numbered from 0): 尾页 index_8 is page 9.
    trs_like = "<div class='page'><a href='index_2.html'>下一页</a><a href='index_8.html'>尾页</a></div>"
    pager = find_pager(trs_like, "http://www.example.gov.cn/xxgk/tz/index_1.html", None)
    assert (pager.next_pages, pager.page_count) == (["http://www.example.gov.cn/xxgk/tz/index_2.html"], 9)
