"""Lists found by structure: the dominant group of repeated rows, whatever the URLs look like.

Each page here is written for the test and reproduces one structure real column pages have (named in the
test); the CMS URL shapes are deliberately absent where the rule must not depend on them.
"""

from __future__ import annotations

import hashlib
from datetime import date

from crawler.portals.reader import read_list

TITLES = [
    "高新区召开重点项目推进会部署下半年工作",
    "经开区新能源电池材料产业园项目开工建设",
    "综保区一季度进出口总额同比增长两成",
    "工业园区举办政银企对接会助力企业融资",
    "管委会主任调研园区安全生产工作",
    "高新区三家企业入选省级专精特新名单",
    "经开区推进营商环境优化提升行动",
    "园区智能制造装备产业集群加快发展",
]


def urls(page) -> list[str]:
    return [e.url for e in page.entries]


def test_table_rows_with_separator_rows_beat_a_sidebar_with_the_same_url_shape() -> None:
    # TRS-style table list: a spacer row every few rows, and a right-hand notice box whose links have the
    # very same shape as the rows (fewer, no dates).
    rows = []
    for i, title in enumerate(TITLES[:6]):
        rows.append(f'<tr><td><a href="./202405/t2024051{i}_{100 + i}.html">{title}</a></td><td>2024-05-1{i}</td></tr>')
        if i == 2:
            rows.append('<tr height="1"><td colspan="2" class="GroupBlankLine"></td></tr>')
    side = "".join(f'<li><a href="../tzgg/202404/t2024040{i}_{9 + i}.html">通知{i}...</a></li>' for i in range(4))
    markup = f"""<html><body><table><tr><td><table><tbody>{"".join(rows)}</tbody></table></td>
    <td><div class="box"><h3>通知公告</h3><ul>{side}</ul></div></td></tr></table></body></html>"""
    page = read_list(markup, "http://www.example.gov.cn/xwzx/gzdt/")
    assert len(page.entries) == 6
    assert all("/xwzx/gzdt/202405/" in u for u in urls(page))
    assert page.entries[0].date == date(2024, 5, 10)


def test_article_links_in_a_mega_menu_are_navigation() -> None:
    # The menu's dropdown carries a live news tab (real titles, article-shaped links, short dates) and comes
    # first in the page; the column's own list is further down.
    tab = "".join(
        f'<li><span>05-0{i + 1}</span><a href="/Item/{500 + i}.aspx">{t}</a></li>' for i, t in enumerate(TITLES)
    )
    main = "".join(
        f'<li><span class="date">2024-04-2{i}</span><a href="/Item/{400 + i}.aspx">{t}</a></li>'
        for i, t in enumerate(TITLES)
    )
    markup = f"""<html><body><div class="nav"><ul><li id="m3"><a href="/Category_1/Index.aspx">政务公开</a>
    <div class="sub"><div class="box"><ul class="infoList">{tab}</ul></div></div></li></ul></div>
    <div id="mainCon"><ul class="newsList">{main}</ul></div></body></html>"""
    page = read_list(markup, "http://www.example.gov.cn/Category_133/Index.aspx")
    assert urls(page) == [f"http://www.example.gov.cn/Item/{400 + i}.aspx" for i in range(8)]


def test_div_rows_keep_their_dates_and_drop_the_pager_sharing_their_container() -> None:
    # Bare <div> rows (no ul/li/table), the date in a <p>; the pager's links are <div>s of the same container.
    rows = "".join(
        f'<div><a href="http://www.example.gov.cn/news-show-{800 - i}.html" alt="{t}">{t}</a>'
        f"<p>2024-03-0{i + 1}</p></div>"
        for i, t in enumerate(TITLES[:5])
    )
    pager = (
        '<div><a href="http://www.example.gov.cn/news-list-yw-1.html">首页</a></div>'
        '<div><a href="http://www.example.gov.cn/news-list-yw-2.html">下一页</a></div>'
    )
    markup = f'<html><body><div id="right_con">{rows}{pager}</div></body></html>'
    page = read_list(markup, "http://www.example.gov.cn/news-list-yw.html")
    assert len(page.entries) == 5
    assert page.entries[2].date == date(2024, 3, 3)
    assert page.next_pages == ["http://www.example.gov.cn/news-list-yw-2.html"]


def test_a_list_split_into_several_blocks_is_one_list() -> None:
    blocks = "".join(
        "<ul class='list'>"
        + "".join(
            f'<li><a href="/news/{b}{i}.html" title="{TITLES[(b * 3 + i) % 8]}">{TITLES[(b * 3 + i) % 8]}</a>'
            f"<span>2024-02-{28 - 3 * b - i}</span></li>"
            for i in range(3)
        )
        + "</ul>"
        for b in range(3)
    )
    page = read_list(f'<html><body><div class="main">{blocks}</div></body></html>', "http://x.example.cn/news/")
    assert len(page.entries) == 9


def test_a_split_list_with_a_pinned_row_stays_one_list() -> None:
    # Blocks of five rows, newest first, the first row pinned (置顶) with an old date: the second block
    # continues the list: the pinned row does not make the first block read as oldest first.
    dates = ["2023-01-05", "2024-05-20", "2024-05-18", "2024-05-17", "2024-05-15"]
    dates += ["2024-05-14", "2024-05-12", "2024-05-11", "2024-05-10", "2024-05-09"]
    blocks = "".join(
        "<ul>"
        + "".join(
            f'<li><a href="/news/{b}{i}.html">{TITLES[(b * 5 + i) % 8]}</a><span>{dates[b * 5 + i]}</span></li>'
            for i in range(5)
        )
        + "</ul>"
        for b in range(2)
    )
    page = read_list(f'<html><body><div class="main">{blocks}</div></body></html>', "http://x.example.cn/news/")
    assert len(page.entries) == 10


def test_a_date_inside_the_link_dates_the_row_and_leaves_the_title() -> None:
    rows = "".join(
        f'<li><a href="./2024{i}/{i}.shtml"><span>2024-01-0{i}</span>{TITLES[i]}</a></li>' for i in range(1, 5)
    )
    page = read_list(f"<html><body><div class='liebiao'><ul>{rows}</ul></div></body></html>", "http://x.example.cn/c/")
    assert page.entries[0].title == TITLES[1]
    assert page.entries[0].date == date(2024, 1, 1)


def test_bare_links_between_line_breaks_take_the_date_that_follows_them() -> None:
    rows = "".join(f'<a href="/show.asp?id={70 + i}">{TITLES[i]}</a> ({i + 1}月{i + 2}日)<br>' for i in range(5))
    page = read_list(f"<html><body><td class='content'>{rows}</td></body></html>", "http://x.example.cn/list.asp")
    assert len(page.entries) == 5
    assert page.entries[0].url == "http://x.example.cn/show.asp?id=70"


def test_footer_links_shaped_like_entries_stay_out() -> None:
    # Query-id article URLs (Column.shtml?p5=… lists, News.shtml?p5=… articles); the footer's 联系我们 pages
    # are News.shtml?p5=… too.
    rows = "".join(
        f"<tr><td><a href='News.shtml?p5={5300 + i}' title='{t}'>{t}</a></td><td>2024-06-0{i + 1}</td></tr>"
        for i, t in enumerate(TITLES[:6])
    )
    footer = "".join(
        f"<a href='News.shtml?p5={86200 + i}'>{w}</a> | " for i, w in enumerate(("联系我们", "隐私声明", "使用帮助"))
    )
    markup = f"<html><body><table id='Table'>{rows}</table><div class='footer'>{footer}</div></body></html>"
    page = read_list(markup, "http://www.example.gov.cn/Column.shtml?p5=28")
    assert len(page.entries) == 6
    assert not any("p5=862" in u for u in urls(page))


def test_a_link_list_that_holds_the_page_itself_is_navigation() -> None:
    columns = "".join(
        f'<li><a href="../col{i}/">{w}工作动态</a></li>' for i, w in enumerate(("园区", "招商", "党建", "民生"))
    )
    columns += '<li><a href="./">本栏目工作动态</a></li>'
    rows = "".join(f'<li><a href="./art/{i}.html">{TITLES[i]}</a><em>2024-05-0{i + 1}</em></li>' for i in range(3))
    markup = f"<html><body><ul class='left'>{columns}</ul><ul class='rows'>{rows}</ul></body></html>"
    page = read_list(markup, "http://x.example.cn/xw/col9/")
    assert len(page.entries) == 3


def test_an_e_paper_layout_lists_its_title_list_once_and_its_other_layouts_as_next_pages() -> None:
    # Founder layout page: image-map hotspots and the title list link the same articles; the layout
    # navigation (第01版 …) links the layout pages.
    hotspots = "".join(f'<area shape="rect" coords="0,0,1,1" href="content_{700 + i}.htm">' for i in range(3))
    titles = "".join(
        f'<tr><td><a href=content_{700 + i}.htm><div style="display:inline" id=mp{700 + i}>{TITLES[i]}</div>'
        "</a></td></tr>"
        for i in range(3)
    )
    layouts = "".join(f"<a id=pageLink href=node_{20 + i}.htm>第0{i + 1}版：要闻</a><br>" for i in range(4))
    markup = f"""<html><body><!--enpproperty <date>2024-05-12</date>/enpproperty-->
    <div>{layouts}</div><map name="PagePicMap">{hotspots}</map><table>{titles}</table></body></html>"""
    url = "http://epaper.example.cn/rb/html/2024-05/12/node_21.htm"
    page = read_list(markup, url)
    assert urls(page) == [f"http://epaper.example.cn/rb/html/2024-05/12/content_{700 + i}.htm" for i in range(3)]
    assert page.entries[0].date == date(2024, 5, 12)
    assert page.next_pages[:2] == [
        "http://epaper.example.cn/rb/html/2024-05/12/node_22.htm",
        "http://epaper.example.cn/rb/html/2024-05/12/node_23.htm",
    ]
    assert page.page_count == 4


def test_titles_written_by_script_inside_the_link() -> None:
    rows = "".join(
        f'<li><a href=nw.D1100_20240512_{i}-07.htm><script>document.write(view("{TITLES[i]}"))</script></a></li>'
        for i in range(1, 4)
    )
    page = read_list(f"<html><body><div id='titleList'><ul>{rows}</ul></div></body></html>", "http://p.example.cn/h/")
    assert [e.title for e in page.entries] == TITLES[1:4]


def test_known_article_shapes_are_the_last_resort_for_a_single_entry_column() -> None:
    markup = """<html><body><div class="nav"><a href="/">首页</a></div>
    <div class="only"><a href="/xwzx/202405/t20240512_1.html">园区唯一一篇新闻</a></div></body></html>"""
    page = read_list(markup, "http://x.example.gov.cn/xwzx/")
    assert urls(page) == ["http://x.example.gov.cn/xwzx/202405/t20240512_1.html"]
    assert page.source == "url_shapes"


def test_blocks_of_one_list_in_their_own_wrappers_are_one_list() -> None:
    # A table of five rows per <div>, and two columns of one list side by side with different classes.
    def table(start: int) -> str:
        rows = "".join(
            f'<tr><td><a href="./202404/t202404{10 + i}_{i}.html">{TITLES[i % 8]}</a></td>'
            f"<td>2024-04-{10 + i}</td></tr>"
            for i in range(start, start + 5)
        )
        return f"<div class='blk'><table>{rows}</table></div>"

    page = read_list(f"<html><body><div class='main'>{table(0)}{table(5)}</div></body></html>", "http://x.gov.cn/a/")
    assert len(page.entries) == 10
    left = "".join(f'<li><a href="/n/{i}.html">{TITLES[i]}</a><i>2024-01-0{i + 1}</i></li>' for i in range(4))
    right = "".join(f'<li><a href="/n/{i + 4}.html">{TITLES[i + 4]}</a><i>2024-01-0{i + 5}</i></li>' for i in range(4))
    page = read_list(
        f"<div class='list'><ul class='l'>{left}</ul><ul class='r'>{right}</ul></div>", "http://x.gov.cn/n/"
    )
    assert [e.url.rsplit("/", 1)[1] for e in page.entries] == [f"{i}.html" for i in range(8)]


def test_a_policy_row_keeps_its_own_link_not_the_interpretation_listed_under_it() -> None:
    rows = "".join(
        f'<li><a href="/zcwj/2024/{i}.html">关于印发园区发展政策第{i}号的通知</a><span>2024-03-0{i + 1}</span>'
        f'<ul class="jd"><li><a href="/zcjd/2024/{i}.html">图解：一图读懂园区发展政策第{i}号文件的主要内容和亮点</a>'
        "</li></ul></li>"
        for i in range(4)
    )
    page = read_list(f"<html><body><ul class='zcwj'>{rows}</ul></body></html>", "http://x.gov.cn/zcwj/")
    assert [e.url for e in page.entries] == [f"http://x.gov.cn/zcwj/2024/{i}.html" for i in range(4)]


DOCUMENTS = [
    "关于印发开发区高质量发展三年行动方案的通知",
    "关于支持高新区科技型企业融资的若干措施",
    "关于进一步优化工业园区营商环境的实施意见",
    "关于开展综合保税区发展绩效评估工作的通知",
    "关于加快经开区数字化转型的指导意见",
    "关于做好园区安全生产大检查工作的公告",
]


def _hex(n: int) -> str:
    """A JPaaS-style article id: 32 hex digits, letters among them."""
    return hashlib.md5(str(n).encode()).hexdigest()


def _dated_rows(folder: str, start: int, day: int = 28) -> str:
    """A box of dated document rows linking Hanweb JPaaS articles (``art_<32 hex>``) under ``folder``."""
    return "".join(
        f'<li><span>2026-07-{day - i}</span><p><a href="/zwgk/{folder}/art/2026/art_{_hex(start + i)}.html" '
        f'title="{title}">{title}</a></p></li>'
        for i, title in enumerate(DOCUMENTS)
    )


def test_a_picture_slider_of_captions_is_not_the_document_list() -> None:
    # A ministry's 政务公开 page: a dated document list, then a 一图读懂 slider of ten pictures with captions
    # (no dates), its dots in a sibling strip.
    slides = "".join(
        f'<li><a href="/zwgk/zcjd/art/2026/art_{_hex(900 + i)}.html" title="一图读懂第{i}号园区政策的要点">'
        f'<span class="pic"><img src="/pic/{i}.jpg"></span><p>一图读懂第{i}号园区政策的要点</p></a></li>'
        for i in range(10)
    )
    dots = "<li></li>" * 10
    markup = f"""<html><body><div class="docs"><ul>{_dated_rows("zcwj/wjfb", 100)}</ul></div>
    <div class="picjd"><div id="slide1"><div class="bd"><ul>{slides}</ul></div><div class="hd"><ul>{dots}</ul></div>
    </div></div></body></html>"""
    page = read_list(markup, "https://www.example.gov.cn/zwgk/index.html")
    assert [e.url.rsplit("_", 1)[1] for e in page.entries] == [f"{_hex(100 + i)}.html" for i in range(6)]


def test_a_photo_column_alone_on_its_page_is_read() -> None:
    # A 图片新闻 column: picture rows with captions and no dates are still the list when nothing else is.
    photos = "".join(
        f'<li><a href="/tpxw/2024/{700 + i}.html"><img src="/p/{i}.jpg"><p>{title}</p></a></li>'
        for i, title in enumerate(DOCUMENTS)
    )
    page = read_list(f"<html><body><ul class='pics'>{photos}</ul></body></html>", "http://www.example.gov.cn/tpxw/")
    assert len(page.entries) == 6


def test_tab_panes_of_one_template_whose_dates_start_over_are_separate_lists() -> None:
    # A box of two tabs (建议 and 提案 replies) links one URL template; each pane starts again from its newest
    # reply, so they are two lists and neither outweighs the page's main list of six.
    panes = "".join(
        "<div class='tab-con'><ul>"
        + "".join(
            f'<li><span>{2025 - i}-11-2{i}</span><p><a href="/zwgk/jyta/art/{2025 - i}/'
            f'art_{_hex(500 + 10 * p + i)}.html">'
            f"对第{p}{i}号建议的答复</a></p></li>"
            for i in range(4)
        )
        + "</ul></div>"
        for p in range(2)
    )
    markup = f"""<html><body><div class="main"><ul>{_dated_rows("zcwj/wjfb", 100)}</ul></div>
    <div class="jyta"><div class="tab-bd">{panes}</div></div></body></html>"""
    page = read_list(markup, "https://www.example.gov.cn/zwgk/index.html")
    assert len(page.entries) == 6 and all("/zcwj/wjfb/" in e.url for e in page.entries)


def test_equal_boxes_of_a_front_page_give_the_first_one() -> None:
    # A channel front page: three boxes of six dated documents each. The first box lists the documents of two
    # sub-columns (通知 /tz/, 公告 /gg/), which is still one template; of equal lists the first is the page's.
    first = _dated_rows("zcwj/wjfb/tz", 100).replace(
        "/wjfb/tz/art/2026/art_" + _hex(105), "/wjfb/gg/art/2026/art_" + _hex(105)
    )
    boxes = (
        f"<div class='box'><div class='bd'><div class='con'><ul>{first}</ul></div></div></div>"
        f"<div class='box'><div class='bd'><div class='con'><ul>{_dated_rows('zcjd', 200)}</ul></div></div></div>"
        f"<div class='box'><div class='bd'><div class='con'><ul>{_dated_rows('czzj', 300)}</ul></div></div></div>"
    )
    page = read_list(f"<html><body>{boxes}</body></html>", "https://www.example.gov.cn/zwgk/index.html")
    assert [e.url.rsplit("_", 1)[1] for e in page.entries] == [f"{_hex(100 + i)}.html" for i in range(6)]
    assert "/wjfb/gg/" in page.entries[5].url
