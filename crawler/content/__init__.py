"""Content layer: decoded HTML -> article text and metadata, site chrome stripped. No Scrapy imports.

Public API used by the processing core: ``extract_article(html, url, selectors)`` -> ``ExtractedArticle``.

Order of work (the DOM is parsed once): read <head> metadata -> drop scripts/styles -> render the whole page
once with element offsets (metadata lives around the article, in blocks that are chrome for the body) ->
find the title -> pick the body container (site selector, then CMS container, then DOM scoring) -> drop
chrome blocks -> render the body -> harvest metadata lines, then strip them and chrome lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from crawler.content import info
from crawler.content.bylines import Credits
from crawler.content.captions import take_images
from crawler.content.cms import selected_text
from crawler.content.locate import Span, body_nodes, link_share
from crawler.content.parse import parse_page
from crawler.content.render import node_lines, render
from crawler.content.scoring import PUNCT
from crawler.content.title import find_title, title_above_info_line
from crawler.errors import PageError

LIST_LINK_SHARE = 0.5  # pages where links hold more than this share of the text are lists when bodiless
MIN_SENTENCES = 3  # punctuation marks a real article body has at the very least
WEAK_TITLE_CHARS = 8  # a <title>-only title this short is a site or column name, not a headline


@dataclass
class ExtractedArticle:
    title: str
    body: str
    subtitle: str | None = None
    published_date: str | None = None
    published_at: str | None = None
    updated_date: str | None = None
    updated_at: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    column: str | None = None
    images: list[dict[str, Any]] = field(default_factory=list)
    canonical_url: str | None = None
    flags: Counter[str] = field(default_factory=Counter)


def no_article(links: float, message: str) -> PageError:
    """A page without article text: a link-dominated page is a list (index) page, anything else is empty."""
    if links > LIST_LINK_SHARE:
        return PageError("list_page", "the page is a list of links, not an article")
    return PageError("no_article_text", message)


def looks_like_list(lines: list[str], links: float) -> bool:
    """Scored 'bodies' of link-dominated pages with hardly a sentence in them are index pages."""
    return links > LIST_LINK_SHARE and len(PUNCT.findall("".join(lines))) < MIN_SENTENCES


def extract_article(html: str, url: str | None = None, selectors: dict[str, str] | None = None) -> ExtractedArticle:
    """One decoded page -> its article; ``selectors`` (body/title/date/source/author, CSS or XPath) override.

    Raises PageError("list_page" | "no_article_text") for pages that hold no article."""
    selectors = selectors or {}
    flags: Counter[str] = Counter()
    page = parse_page(html)
    root, body_el, head = page.root, page.body, page.head
    offsets: dict = {}
    page_text = render(body_el, offsets)
    links = link_share(body_el, page_text)
    title, title_el = selected_text(root, selectors.get("title")) or find_title(body_el, head.page_title, head.meta)
    if title_el is None and (len(title) < WEAK_TITLE_CHARS or title not in page_text):
        title = title_above_info_line(page_text) or title
    nodes, how = body_nodes(root, body_el, selectors.get("body"), flags, offsets, title_el)
    flags[f"body_by_{how}"] += 1
    credits = Credits()
    images = take_images(nodes, urljoin(url or "", head.base_url) if head.base_url else url, credits)
    lines = node_lines(nodes)
    if not lines:
        raise no_article(links, "no article text found in the page")
    span = Span.of(nodes, offsets, title_el, page_text, title)
    found = info.harvest(page_text, span, lines, title, credits, head, url, selectors, root, page.script_times, flags)
    if not found.body_lines or (how == "scoring" and looks_like_list(found.body_lines, links)):
        raise no_article(links, "no article text left after removing chrome")
    return ExtractedArticle(
        title=title,
        body="\n".join(found.body_lines),
        subtitle=found.subtitle,
        published_date=found.published.stamp.date_iso if found.published.stamp else None,
        published_at=found.published.stamp.at_iso if found.published.stamp else None,
        updated_date=found.updated.stamp.date_iso if found.updated.stamp else None,
        updated_at=found.updated.stamp.at_iso if found.updated.stamp else None,
        source=credits.source,
        authors=credits.authors,
        editors=credits.editors,
        photographers=credits.photographers,
        column=found.column,
        images=images,
        canonical_url=head.canonical,
        flags=flags,
    )
