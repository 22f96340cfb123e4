"""The users' five seed articles come out the same in any wrapping: the plain page of the fixtures, a portal
template (menus, breadcrumb, info line, related list, footer), and a site menu standing above the headline
inside the page's main block. The menu never becomes the title or the body's first lines."""

from __future__ import annotations

import re
from functools import cache

import pytest

from crawler.page import Page
from crawler.processing import process_page
from crawler.text import decode_document
from tests.conftest import FIXTURES

SEEDS = [f"seed_{i:03d}" for i in range(5)]
MENU = ["首页", "新闻中心", "政务公开", "招商引资", "园区概况", "办事服务", "互动交流", "专题专栏"]
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


@cache
def seed_lines(seed: str) -> list[str]:
    """The seed's headline and the paragraphs after it, as the fixture holds them (a seed saved with the site's
    menu above the headline starts at the headline)."""
    raw = (FIXTURES / "pages" / seed / "body.html").read_bytes()
    paragraphs = PARAGRAPH.findall(raw.decode("utf-8"))
    readable = PARAGRAPH.findall(decode_document(raw).html)  # repaired and simplified, to find the headline
    title = "".join(run(seed, raw.decode("utf-8"))["title"].split())
    start = next(i for i, p in enumerate(readable) if "".join(p.split()).startswith(title[:8]))
    return paragraphs[start:]


def run(seed: str, html: str) -> dict:
    url = f"https://www.devzone-news.test/xwzx/202401/t20240102_{seed[-1]}.html"
    return process_page(Page(url=url, body=html.encode("utf-8"), headers={"content-type": "text/html; charset=utf-8"}))


def plain(seed: str) -> str:
    return (FIXTURES / "pages" / seed / "body.html").read_text(encoding="utf-8")


def portal_template(seed: str) -> str:
    title, *rest = seed_lines(seed)
    nav = "".join(f"<li><a href='/c{i}/'>{m}</a></li>" for i, m in enumerate(MENU))
    related = "".join(
        f"<li><a href='/a/{i}.html'>园区新签约项目第{i}批集中开工</a><span>2024-01-0{i}</span></li>"
        for i in range(1, 6)
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{title}_园区动态_开发区管委会</title></head><body>"
        f"<div class='header'><div class='logo'>开发区管委会</div><ul class='nav'>{nav}</ul></div>"
        "<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/xwzx/'>园区动态</a></div>"
        f"<div class='detail'><h1>{title}</h1>"
        "<div class='info'>发布时间：2024-01-02 09:00　　【字体：大 中 小】　【打印】</div>"
        "<div class='article-content'>" + "".join(f"<p>{line}</p>" for line in rest) + "</div>"
        f"<div class='related'><h3>相关阅读</h3><ul>{related}</ul></div></div>"
        "<div class='footer'>版权所有：开发区管委会　网站标识码：1234567890　苏ICP备12345678号</div></body></html>"
    )


def menu_above_headline(seed: str) -> str:
    title, *rest = seed_lines(seed)
    menu = "".join(f"<p>{m}</p>" for m in MENU)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><div class='main'>{menu}"
        f"<p>{title}</p>" + "".join(f"<p>{line}</p>" for line in rest) + "</div></body></html>"
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("wrap", [portal_template, menu_above_headline])
def test_seed_articles_come_out_the_same_in_any_wrapping(seed: str, wrap) -> None:
    want, got = run(seed, plain(seed)), run(seed, wrap(seed))
    assert got["title"] == want["title"]
    assert got["body"] == want["body"]
    assert (got["authors"], got["editors"]) == (want["authors"], want["editors"])
    first = got["body"].split("\n", 1)[0]
    assert not any(first.startswith(m) for m in MENU)
