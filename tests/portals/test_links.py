"""URL classification per CMS family, dates read from URLs, and family detection from page markup."""

from __future__ import annotations

import re
from datetime import date

import pytest

from crawler.portals.links import article_family, article_url, detect_family, list_family, url_date
from tests.portals.helpers import fixture

ARTICLES = [
    ("https://www.tianmen.gov.cn/xwzx/tmxw/202107/t20210708_3461234.shtml", "trs"),
    ("https://www.nmg.gov.cn/zwyw/jrgz/202202/t20220211_2004628.html", "trs"),
    ("https://www.nmg.gov.cn/zwyw/jrgz/202202/t20220211_2004628_1.html", "trs"),
    ("http://news.cjn.cn/sywh/201411/t3714581.htm", "trs"),
    ("http://www.jiangxi.gov.cn/art/2020/2/20/art_14236_1508410.html", "hanweb"),
    ("https://www.samr.gov.cn/art/2023/art_0a1b2c3d4e5f60718293a4b5c6d7e8f9.html", "hanweb"),
    ("http://epaper.jxnews.com.cn/jxrb/html/2017-10/09/content_3035677.htm", "founder"),
    ("http://epaper.chinatibetnews.com/xzrb/202202/13/content_128707.html", "founder"),
    ("http://www.hyfzjt.com/a/xwzx/2018/0306/128.html", "dedecms"),
    ("http://www.example-park.cn/plus/view.php?aid=215", "dedecms"),
    ("http://www.bdgxq.gov.cn/index.php?m=content&c=index&a=show&catid=106&id=5851", "phpcms"),
    ("https://www.achie.org/html/2023/gxqxw_0905/5123.html", "phpcms"),
    ("http://www.example-park.cn/show-12-3456-1.html", "phpcms"),
    ("https://www.jsw.com.cn/2023/0129/1732687.shtml", "dateid"),
    ("https://www.hunantoday.cn/news/xhn/202302/17939857.html", "dateid"),
]

NOT_ARTICLES = [
    "https://www.tianmen.gov.cn/xwzx/tmxw/",
    "https://www.tianmen.gov.cn/xwzx/tmxw/index_1.shtml",
    "http://www.jiangxi.gov.cn/col/col14236/index.html",
    "http://epaper.jxnews.com.cn/jxrb/html/2017-10/09/node_187.htm",
    "http://www.hyfzjt.com/a/xwzx/list_2_2.html",
    "https://www.achie.org/html/gxqxw/2.html",
    "https://www.tianmen.gov.cn/xwzx/tmxw/202107/P020210708391234567890.pdf",
    "https://www.tianmen.gov.cn/xwzx/tmxw/202107/W020210708391234567890.jpg",
    "http://bbs.example.cn/thread-123-1-1.html",
    "https://www.tianmen.gov.cn/",
]

LISTS = [
    ("https://www.tianmen.gov.cn/xwzx/tmxw/index_1.shtml", "trs"),
    ("https://www.sxgov.cn/yw/wjk_glrb_2.html", "trs"),
    ("http://www.jiangxi.gov.cn/col/col14236/index.html", "hanweb"),
    ("http://www.gx.gov.cn/module/web/jpage/dataproxy.jsp?page=2&columnid=3071&unitid=46201", "hanweb"),
    ("http://epaper.jxnews.com.cn/jxrb/html/2017-10/09/node_187.htm", "founder"),
    ("http://www.hyfzjt.com/a/xwzx/list_2_2.html", "dedecms"),
    ("http://www.example-park.cn/plus/list.php?tid=7", "dedecms"),
    ("https://www.achie.org/html/gxqxw/2.html", "phpcms"),
]


@pytest.mark.parametrize(("url", "family"), ARTICLES)
def test_article_urls_are_classified_by_family(url: str, family: str) -> None:
    assert article_family(url) == family


@pytest.mark.parametrize("url", NOT_ARTICLES)
def test_lists_attachments_and_forums_are_not_articles(url: str) -> None:
    assert article_family(url) is None


@pytest.mark.parametrize(("url", "family"), LISTS)
def test_list_urls_are_classified_by_family(url: str, family: str) -> None:
    assert list_family(url) == family


def test_an_article_shape_is_never_a_list() -> None:
    assert list_family("https://www.tianmen.gov.cn/xwzx/tmxw/202107/t20210708_3461234.shtml") is None


def test_registry_patterns_catch_urls_no_family_knows() -> None:
    url = "https://www.park.example.cn/news/detail/88123"
    assert article_family(url) is None
    assert article_family(url, [re.compile(r"/news/detail/\d+$")]) == "portal"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.cn/xwzx/202107/t20210708_3461234.shtml", date(2021, 7, 8)),
        ("http://x.cn/art/2020/2/20/art_14236_1508410.html", date(2020, 2, 20)),
        ("http://x.cn/jxrb/html/2017-10/09/content_3035677.htm", date(2017, 10, 9)),
        ("http://x.cn/xzrb/202202/13/content_128707.html", date(2022, 2, 13)),
        ("http://x.cn/a/xwzx/2018/0306/128.html", date(2018, 3, 6)),
        ("https://x.cn/html/2023/gxqxw_0905/5123.html", date(2023, 9, 5)),
        ("https://x.cn/2023/0129/1732687.shtml", date(2023, 1, 29)),
        ("https://x.cn/news/xhn/202302/17939857.html", None),  # month only
        ("https://x.cn/xwzx/202113/t20211345_1.shtml", None),  # not a calendar date
    ],
)
def test_url_dates(url: str, expected: date | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(
    ("portal", "case", "family"),
    [
        ("tianmen", "list", "trs"),
        ("demo_trs", "list", "trs"),
        ("demo_hanweb", "column", "hanweb"),
        ("demo_hanweb", "dataproxy_2", "hanweb"),
        ("demo_founder", "node_1", "founder"),
        ("haiying", "list", "dedecms"),
        ("achie", "list", "phpcms"),
        ("jsw", "list", "dateid"),
        ("xinhunan", "list", "dateid"),
    ],
)
def test_family_is_detected_from_the_page(portal: str, case: str, family: str) -> None:
    page = fixture(portal, case)
    assert detect_family(page.markup, page.url) == family


def test_a_jpaas_marker_in_the_page_beats_the_shape_of_its_url() -> None:
    # A Hanweb JPaaS column at ``…/index.html`` (the shape of a TRS list page) with no rows, only the unit
    # scripts that fetch them, and a JPaaS front page whose stylesheet names the platform.
    units = """<html><head><title>法定主动公开内容</title></head><body><div class="rightcont">
    <script id="u1" src="/cms_files/default/script/AuthorizedRead/unitbuild.js?v=4" webId="abc"
    url="/api-gateway/jpaas-publish-server/front/page/build/unit" queryData="{'webId':'abc','pageId':'p1'}">
    </script></div></body></html>"""
    assert detect_family(units, "https://www.example.gov.cn/zw/fdzdgknr/index.html") == "hanweb"
    styled = '<html><head><link href="/cms_files/web/images/hanweb.min.css" rel="stylesheet"></head></html>'
    assert detect_family(styled, "https://www.example.gov.cn/zwgk/index.html") == "hanweb"
    assert detect_family("<html><body>no marker</body></html>", "https://www.example.gov.cn/zwgk/index.html") == "trs"


def test_article_urls_lose_queries_and_fragments_their_shape_does_not_need() -> None:
    trs = "https://www.nmg.gov.cn/zwyw/jrgz/202202/t20220211_2004628.html"
    assert article_family(trs + "?slb=true") == "trs"
    assert article_url(trs + "?slb=true#top") == trs
    phpcms = "http://x.gov.cn/index.php?m=content&c=index&a=show&catid=106&id=5851"
    assert article_url(phpcms + "#comments") == phpcms  # the query is the article's identity here
