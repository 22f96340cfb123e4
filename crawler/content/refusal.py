"""Pages that are not articles: column and list pages, homepages, search results, error pages answering 200.

Each gives ``PageError("not_article", message, detail)`` with the kind as ``detail`` (``list``, ``homepage``,
``search``, ``error``), so a crawl counts it and never emits a row whose body is a banner or a teaser. The
evidence is structural: a page whose text is mostly links, whose "body" is thin (no more than a couple of
sentences) and which either has no headline of its own or is a column of dated headline links; the URL says
homepage or search; an error message stands where the article would be. A page with no text at all is
``no_article_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from crawler import rx
from crawler.errors import PageError

LIST_LINK_SHARE = 0.5  # links hold more than this share of the page's text
ALL_LINKS = 0.8  # … or nearly all of it: a list whatever the length of its "body"
THIN_SENTENCES = 2  # a body with no more sentence ends than this …
THIN_CHARS = 300  # … and fewer characters is thin
LIST_ENTRIES = 10  # dated headline links that make a page a column
TINY_BODY = 60  # a headline-less page whose "body" is shorter than this and holds no sentence
HEADLINE_LINK = 8  # characters in a link that reads like a headline
ENTRY_TAGS = ("li", "tr", "dd")  # where a column entry's date stands beside its link
MAX_ENTRY = 200  # characters: a longer "entry" is a layout block, not one list item
SENTENCE_END = rx.compile(r"[。！？!?]")
DATED = rx.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?(?!\d)")
ERROR_TEXT = rx.compile(
    r"404|Not Found|页面不存在|网页不存在|页面未找到|找不到(?:该|此|您要的|您访问的)?(?:页面|网页)|"
    r"您(?:所)?(?:要)?访问的(?:页面|网页|内容|文章|信息)(?:不存在|已删除|已被删除|已过期)|"
    r"(?:文章|信息|内容)(?:不存在|已(?:被)?删除)|出错了|系统(?:错误|繁忙)",
    re.I,
)
ERROR_BODY = 200  # an error message is the page when the body is this short
SEARCH_URL = rx.compile(
    r"[?&](?:q|wd|kw|keyword|keywords|searchword|query|word|sword)=|/(?:search|sousuo|jsearch|was5)\b", re.I
)
SEARCH_TEXT = rx.compile(
    r"搜索结果|检索结果|(?:为您|共)?找到(?:约|相关结果约)?\s*[\d,，]+\s*(?:条|个|篇)|找到相关(?:结果|信息|内容)|"
    r"(?:没有|未能?)(?:检索|搜索|查询|找)到(?:相关|任何|符合)"
)
HOMEPAGE_PATH = rx.compile(r"^/?(?:(?:index|default|home|main)\.(?:s?html?|aspx?|jsp|php))?$", re.I)


def refuse(kind: str, message: str) -> PageError:
    return PageError("not_article", f"{kind} page: {message}", kind)


def dated_headline_links(anchors: list[etree._Element], offsets: dict, page_text: str) -> int:
    """Links that read like headlines and stand beside a date in their entry (the parent, or the list item or
    table row around them): the entries of a column. Read from the page as first rendered (``offsets``), since
    chrome and link blocks have left the tree by now."""
    count = 0
    for a in anchors:
        span = offsets.get(a)
        if span is None or span[1] - span[0] < HEADLINE_LINK:
            continue
        entry = next((p for p in a.iterancestors(*ENTRY_TAGS)), a.getparent())
        around = offsets.get(entry) if entry is not None else None
        if around is not None and around[1] - around[0] < MAX_ENTRY and DATED.search(page_text, around[0], around[1]):
            count += 1
    return count


@dataclass
class PageShape:
    """What the refusal rules need to know of the page as first rendered."""

    url: str | None
    title: str
    has_headline: bool
    links: float  # share of the page's text inside links
    page_text: str
    offsets: dict
    anchors: list[etree._Element]


def check_page(page: PageShape, lines: list[str]) -> None:
    """Raise ``not_article`` when the page is a list, homepage, search result or error page (see module doc)."""
    text = "".join(lines)
    sentences = len(SENTENCE_END.findall(text))
    thin = sentences <= THIN_SENTENCES and len(text) < THIN_CHARS
    linky = page.links > LIST_LINK_SHARE
    if len(text) < ERROR_BODY and (ERROR_TEXT.search(page.title) or ERROR_TEXT.search(text)):
        raise refuse("error", "an error message where the article would be")
    parts = urlsplit(page.url or "")
    if parts.scheme in ("http", "https"):
        if SEARCH_URL.search(page.url or "") and (thin or linky or SEARCH_TEXT.search(page.page_text)):
            raise refuse("search", "search results")
        if HOMEPAGE_PATH.match(parts.path) and not parts.query and (thin or linky):
            raise refuse("homepage", "the site's front page")
    if (thin or not page.has_headline) and SEARCH_TEXT.search(page.page_text):
        raise refuse("search", "search results")
    if sentences <= THIN_SENTENCES and page.links > ALL_LINKS and not page.has_headline:
        raise refuse("list", "links and hardly a sentence under no headline")
    if thin and (linky or not page.has_headline):
        column = dated_headline_links(page.anchors, page.offsets, page.page_text) >= LIST_ENTRIES
        if column or (linky and not page.has_headline):
            raise refuse("list", "a list of links with no article text")
    if not page.has_headline and sentences == 0 and 0 < len(text) < TINY_BODY:
        raise refuse("list", "no headline and no sentence: a layout or index page")
