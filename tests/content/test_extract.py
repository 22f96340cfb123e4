"""extract_article on hand-written pages: body choice, chrome, metadata, site selectors, and refusals."""

from __future__ import annotations

import pytest

from crawler.content import extract_article
from crawler.errors import PageError

PARAS = [
    "3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，区四套班子领导出席会议。",
    "李东成指出，区域发展，实体为基、项目为王、招商为要，必须强势推进，快速突破，久久为功。",
    "会议还下发了《关于大力推进智能制造发展的实施意见》及相关政策文件，并为星级工业企业颁发了奖牌。",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAS)


def page(body: str, head: str = "<title>全区工业发展大会召开_亭湖新闻_亭湖区人民政府</title>") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def test_article_beats_longer_comment_thread() -> None:
    comments = "".join(
        f"<div class='item'><p>网友{i}：说得好，支持园区发展，期待更多项目落地，加油！</p></div>" for i in range(12)
    )
    html = page(f"<h1>全区工业发展大会召开</h1><div class='text'>{ARTICLE}</div><div id='comments'>{comments}</div>")
    art = extract_article(html)
    assert art.title == "全区工业发展大会召开"
    assert art.body.split("\n") == PARAS


def test_headline_in_body_container_and_menus_above_it_are_dropped() -> None:
    menu = "".join(f"<p>- 栏目{i}</p>" for i in range(8))
    html = page(f"{menu}<p>全区工业发展大会召开</p><p>发表时间：2018-3-6 发布者：亭湖区 浏览次数：120</p>{ARTICLE}")
    art = extract_article(html)
    assert art.body.split("\n") == PARAS
    assert (art.published_date, art.published_at) == ("2018-03-06", None)
    assert art.flags["date_only"] == 1


def test_metadata_lines_are_harvested_then_stripped() -> None:
    html = page(
        "<h1>全区工业发展大会召开</h1><div class='info'>发布时间：2018-03-06 10:20 来源：亭湖区融媒体中心</div>"
        f"<div class='TRS_Editor'><p>本报讯（记者 陈晨 通讯员 吴涛）{PARAS[0]}</p><p>{PARAS[1]}</p>"
        "<p>（责任编辑：刘敏）</p></div>"
    )
    art = extract_article(html)
    assert (art.published_at, art.source) == ("2018-03-06T10:20:00+08:00", "亭湖区融媒体中心")
    assert (art.authors, art.editors) == (["陈晨", "吴涛"], ["刘敏"])
    assert "责任编辑" not in art.body and art.body.startswith("本报讯")
    assert art.flags["body_by_cms"] == 1


def test_updated_is_not_published() -> None:
    html = page(f"<h1>全区工业发展大会召开</h1><p>发布时间：2024-01-02 更新时间：2024-01-05 10:00</p>{ARTICLE}")
    art = extract_article(html)
    assert (art.published_date, art.published_at) == ("2024-01-02", None)
    assert (art.updated_date, art.updated_at) == ("2024-01-05", "2024-01-05T10:00:00+08:00")


def test_label_and_value_in_separate_cells() -> None:
    info = (
        "<table><tr><td>发文机关：</td><td>亭湖区人民政府</td><td>发布日期：</td><td>2018年03月06日</td></tr></table>"
    )
    html = page(f"<h1>全区工业发展大会召开</h1>{info}<div class='TRS_Editor'>{ARTICLE}</div>")
    art = extract_article(html)
    assert (art.source, art.published_date) == ("亭湖区人民政府", "2018-03-06")


def test_no_date_is_invented() -> None:
    art = extract_article(
        page(f"<h1>全区工业发展大会召开</h1>{ARTICLE}"), url="https://example.gov.cn/news/show.asp?id=7"
    )
    assert (art.published_date, art.published_at) == (None, None)


def test_url_date_when_the_page_has_none() -> None:
    art = extract_article(page(ARTICLE), url="https://www.example.gov.cn/xwzx/202107/t20210708_3461299.shtml")
    assert (art.published_date, art.published_at) == ("2021-07-08", None)


def test_wechat_body_hidden_until_scripts_run_is_kept() -> None:
    hidden = f"<div id='js_content' style='visibility: hidden;'>{ARTICLE}</div>"
    html = page(f"<div class='rich_media_wrp'><h1>全区工业发展大会召开</h1>{hidden}</div>")
    assert extract_article(html).body.split("\n") == PARAS


@pytest.mark.parametrize(
    "selectors",
    [
        {"body": "div.zw", "title": "#bt", "date": "span.sj", "author": "span.zz"},
        {
            "body": "//div[@class='zw']",
            "title": "//*[@id='bt']",
            "date": "//span[@class='sj']",
            "author": "//span[@class='zz']",
        },
    ],
)
def test_site_selectors_css_and_xpath(selectors: dict[str, str]) -> None:
    html = page(
        "<div id='bt'>全区工业发展大会召开</div><span class='sj'>2018年3月6日</span><span class='zz'>陈晨</span>"
        f"<div class='other'>{ARTICLE}{ARTICLE}</div><div class='zw'><p>{PARAS[2]}</p></div>"
    )
    art = extract_article(html, selectors=selectors)
    assert art.title == "全区工业发展大会召开"
    assert art.body == PARAS[2]
    assert art.published_date == "2018-03-06"
    assert art.authors == ["陈晨"]
    assert art.flags["body_by_selector"] == 1


def test_selector_that_misses_falls_back_and_says_so() -> None:
    art = extract_article(page(f"<h1>全区工业发展大会召开</h1>{ARTICLE}"), selectors={"body": "div.nothing-here"})
    assert art.body.split("\n") == PARAS
    assert art.flags["site_selector_missed"] == 1


def test_list_page_is_refused() -> None:
    items = "".join(
        f"<li><a href='/a{i}.html'>亭湖区第{i}条工作动态标题</a><span>2024-01-{i + 1:02d}</span></li>"
        for i in range(20)
    )
    with pytest.raises(PageError) as err:
        extract_article(page(f"<ul class='list'>{items}</ul>"))
    assert (err.value.reason, err.value.detail) == ("not_article", "list")


@pytest.mark.parametrize(
    "html", ["", "<html></html>", "<html><body><script>var a = 1;</script></body></html>", "\x00\x00"]
)
def test_pages_without_text_are_refused(html: str) -> None:
    with pytest.raises(PageError) as err:
        extract_article(html)
    assert err.value.reason == "no_article_text"


def test_deeply_nested_html_does_not_crash() -> None:
    depth = 10_000
    html = page("<div>" * depth + ARTICLE + "</div>" * depth)
    try:
        art = extract_article(html)
    except PageError as err:  # the parser may cap the depth; refusing is fine, crashing is not
        assert err.reason == "no_article_text"
    else:
        assert PARAS[0] in art.body


def test_deeply_nested_chrome_keeps_the_text_after_it() -> None:
    depth = 2000
    html = page("<div class='share'>" * depth + "<p>分享到：微信</p>" + "</div>" * depth + ARTICLE)
    assert extract_article(html).body.split("\n") == PARAS


def test_info_line_inside_the_heading() -> None:
    head = "<title>党组织书记谈落实 | 坚定不移打造百亿园区 - 高新院</title>"
    h1 = "<h1>党组织书记谈落实 | 坚定不移打造百亿园区<br><span>来源:高新院 日期:2023-09-05 点击:次</span></h1>"
    art = extract_article(page(f"{h1}<div class='content'>{ARTICLE}</div>", head))
    assert art.title == "党组织书记谈落实 | 坚定不移打造百亿园区"
    assert (art.published_date, art.source) == ("2023-09-05", "高新院")


def test_headline_first_in_the_page_title() -> None:
    head = "<title>全区工业发展大会召开_盐城市亭湖区海瀛产业发展集团</title>"
    art = extract_article(page(f"<div class='title'><h2>全区工业发展大会召开 |</h2></div>{ARTICLE}", head))
    assert art.title == "全区工业发展大会召开"


def test_second_html_element_is_read_too() -> None:
    html = page("<h1>全区工业发展大会召开</h1>") + f"<html><body><div id='zoom'>{ARTICLE}</div></body></html>"
    art = extract_article(html)
    assert art.body.split("\n") == PARAS
    assert art.flags["body_by_cms"] == 1


def test_headline_broken_over_lines_in_the_body_is_stripped() -> None:
    head = "<title>关于批准发行特别国债的决议_国务院公报</title>"
    body = f"<div id='zoom'><p align='center'><b>关于批准<br>发行特别国债的决议</b></p>{ARTICLE}</div>"
    assert extract_article(page(body, head)).body.split("\n") == PARAS


def test_xml_declaration_in_a_decoded_string_is_accepted() -> None:
    html = '<?xml version="1.0" encoding="gb2312"?>' + page(f"<h1>全区工业发展大会召开</h1>{ARTICLE}")
    assert extract_article(html).body.split("\n") == PARAS
