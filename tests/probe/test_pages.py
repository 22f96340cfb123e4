"""What a probed page is, and what its head and breadcrumb tell (crawler/probe/pages.py), on written pages."""

from __future__ import annotations

from crawler.probe.pages import (
    ARTICLE,
    BLOCKED,
    COLUMN,
    ERROR,
    HOMEPAGE,
    NO_NEWS,
    NOT_HTML,
    breadcrumb_column,
    column_name,
    judge_page,
    site_name,
)

HTML = {"content-type": "text/html; charset=utf-8"}
PROSE = "园区今天召开了全体干部大会，会议总结了上半年的各项工作，并对下半年的招商引资和项目建设作出部署。" * 4
ARTICLE_PAGE = f"""<html><head><title>园区召开全体干部大会_新闻动态_某某经济开发区</title></head><body>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt;
  <a href="/xwzx/yqdt/">园区动态</a></div>
<h1>园区召开全体干部大会</h1><div class="info">发布时间：2024-05-10</div>
<div class="content"><p>{PROSE}</p><p>{PROSE}</p></div></body></html>"""


def judge(url: str, markup: str, entries: int = 0, columns: int = 0, status: int = 200, headers=HTML):
    return judge_page(url, status, headers, markup.encode("utf-8"), markup, entries, columns)


def test_kinds() -> None:
    assert judge("http://x.gov.cn/", "<html><body>…</body></html>", columns=3).kind == HOMEPAGE
    assert judge("http://x.gov.cn/xwzx/yqdt/", "<html><body><ul>…</ul></body></html>", entries=20).kind == COLUMN
    assert judge("http://x.gov.cn/xwzx/yqdt/202405/t20240510_1.html", ARTICLE_PAGE).kind == ARTICLE
    assert judge("http://x.gov.cn/a/", "<html><body><p>关于我们</p></body></html>").kind == NO_NEWS
    assert judge("http://x.gov.cn/a/", "", status=404).kind == ERROR
    assert judge("http://x.gov.cn/a.pdf", "", headers={"content-type": "application/pdf"}).kind == NOT_HTML


def test_a_challenge_is_blocked_not_a_portal() -> None:
    challenge = '<html><head><meta r="m"><script>$_ts=window["$_ts"];</script></head><body></body></html>'
    verdict = judge("http://x.gov.cn/", challenge, status=412)
    assert verdict.kind == BLOCKED and "ruishu" in verdict.reason and not verdict.is_portal


def test_a_script_built_list_is_named() -> None:
    page = '<html><body><div id="list"></div><script src="/js/unitbuild.js" url="/api/unit"></script></body></html>'
    verdict = judge("http://x.gov.cn/col/col1/index.html", page)
    assert verdict.kind == NO_NEWS and "scripts fetch the rows" in verdict.reason


def test_an_articles_breadcrumb_names_its_column() -> None:
    url = "http://x.gov.cn/xwzx/yqdt/202405/t20240510_1.html"
    assert breadcrumb_column(ARTICLE_PAGE, url) == ("园区动态", "http://x.gov.cn/xwzx/yqdt/")


def test_site_and_column_names() -> None:
    assert site_name(ARTICLE_PAGE, "http://x.gov.cn/") == "某某经济开发区"
    meta = '<html><head><meta name="SiteName" content="中华人民共和国工业和信息化部"><title>政务公开</title></head>'
    assert site_name(meta, "http://x.gov.cn/") == "中华人民共和国工业和信息化部"
    paper = "<html><head><title>中国青年报 2026年09月16日 06版：冰点周刊</title></head></html>"
    assert site_name(paper, "http://x.cn/") == "中国青年报"
    assert site_name("<html><head><title>首页</title></head></html>", "http://x.cn/") == "首页"
    assert column_name('<html><head><meta name="ColumnName" content="发展改革委令"></head></html>') == "发展改革委令"
    assert column_name("<html><head><title>新闻动态_某某公司</title></head></html>") == "新闻动态"
