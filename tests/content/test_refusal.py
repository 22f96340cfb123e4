"""Pages that are not articles are refused with not_article and their kind; short real articles on link-heavy
templates are kept; a missing headline never becomes the site's name."""

from __future__ import annotations

import pytest

from crawler.content import extract_article
from crawler.errors import PageError
from crawler.extract import extract_one

MENU = "".join(f"<li><a href='/col{i}/'>栏目导航第{i}项</a></li>" for i in range(30))
FOOTER = "<div class='footer'>主办：亭湖区人民政府办公室 版权所有 苏ICP备12345678号</div>"
PARA = "3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，区四套班子领导出席会议。"


def page(body: str, title: str = "政务要闻_亭湖区人民政府", head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><ul class='menu'>{MENU}</ul>{body}{FOOTER}</body></html>"
    )


def refusal(html: str, url: str | None = None) -> tuple[str, str | None]:
    with pytest.raises(PageError) as err:
        extract_article(html, url)
    return err.value.reason, err.value.detail


def test_column_of_dated_headlines_with_a_blurb() -> None:
    entries = "".join(
        f"<li><a href='/art/2024/1/{i}/art_1_{i}.html'>亭湖区召开第{i}次重点项目推进会议</a>"
        f"<span>2024-01-{i:02d}</span></li>"
        for i in range(1, 21)
    )
    blurb = "<div class='intro'>亭湖区地处盐城市区东部，总面积680平方公里。</div>"
    html = page(f"<h2>政务要闻</h2>{blurb}<ul class='news'>{entries}</ul><div class='pages'>共5页 下一页</div>")
    assert refusal(html) == ("not_article", "list")


def test_epaper_layout_page_without_headline_or_sentence() -> None:
    html = page("<div id='pageLink'>第A01版：头版</div><div>版面目录</div>", title="江城日报数字报")
    assert refusal(html) == ("not_article", "list")


def test_homepage_by_its_url() -> None:
    teaser = "<div class='focus'><a href='/a/1.html'>亭湖区新签约项目12个，总投资56.8亿元...</a></div>"
    assert refusal(page(teaser), "https://www.tinghu.gov.cn/") == ("not_article", "homepage")


def test_search_results_by_url_and_wording() -> None:
    results = "".join(f"<p><a href='/a/{i}.html'>亭湖区工业发展第{i}篇</a></p>" for i in range(8))
    html = page(f"<div>搜索结果：共找到 8 条</div>{results}")
    assert refusal(html, "https://www.tinghu.gov.cn/search?searchword=工业") == ("not_article", "search")


def test_error_page_answering_200() -> None:
    html = page("<div class='err'><h1>404</h1><p>对不起，您访问的页面不存在或已被删除！</p></div>", title="提示信息")
    assert refusal(html, "https://www.tinghu.gov.cn/xw/202401/t20240101_1.html") == ("not_article", "error")


def test_short_article_on_a_link_heavy_template_is_kept() -> None:
    html = page(
        f"<h1>全区工业发展大会召开</h1><div class='TRS_Editor'><p>{PARA}</p></div>", title="全区工业发展大会召开_亭湖区"
    )
    assert extract_article(html).body == PARA


def test_missing_headline_is_not_the_site_name() -> None:
    head = "<meta name='SiteName' content='亭湖区人民政府'>"
    body = "".join(f"<p>{PARA}</p>" for _ in range(3))
    art = extract_article(page(f"<div class='content'>{body}</div>", title="亭湖区人民政府", head=head))
    assert art.title == ""
    assert art.flags["title_missing"] == 1


def test_cli_line_says_not_article_and_its_kind(tmp_path) -> None:
    saved = tmp_path / "list.html"
    saved.write_text(page("<div id='pageLink'>第A01版：头版</div>", title="江城日报数字报"), encoding="utf-8")
    row = extract_one(str(saved))
    assert (row["reason"], row["kind"]) == ("not_article", "list")


def test_bare_links_whatever_their_length() -> None:
    html = "<html><body>" + "".join(f"<a href='/x{i}.html'>园区新闻链接{i}</a>" for i in range(60)) + "</body></html>"
    assert refusal(html) == ("not_article", "list")


def test_a_page_titled_only_with_the_site_name_takes_its_title_classed_block() -> None:
    body = "".join(f"<p>{PARA}</p>" for _ in range(3))
    html = (
        "<html><head><title>亭湖新闻网</title></head><body><table>"
        "<tr><td class='bt_title'>全区工业发展大会召开</td></tr>"
        f"<tr><td><div class='bt_content'>{body}</div></td></tr></table></body></html>"
    )
    assert extract_article(html).title == "全区工业发展大会召开"
