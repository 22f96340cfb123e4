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

from crawler.content import info, refusal
from crawler.content.bylines import Credits
from crawler.content.captions import take_images
from crawler.content.cms import selected_text
from crawler.content.locate import Span, body_nodes, link_share
from crawler.content.parse import parse_page
from crawler.content.render import node_lines, render
from crawler.content.title import find_title, title_above_info_line
from crawler.errors import PageError

WEAK_TITLE_CHARS = 8  # a <title>-only title this short is a site or column name, not a headline
SITE_NAME_META = ("sitename", "og:site_name", "application-name")


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


def no_text(links: float, message: str) -> PageError:
    """A page without article text: a link-dominated one is a list (index) page, anything else is empty."""
    if links > refusal.LIST_LINK_SHARE:
        return refusal.refuse("list", "a list of links, no article text")
    return PageError("no_article_text", message)


def is_site_name(title: str, head_meta: dict[str, str], site_name: str | None) -> bool:
    """A "title" that is only the site's name (the headline was not found)."""
    names = {head_meta.get(k, "").strip() for k in SITE_NAME_META} | {(site_name or "").strip()}
    return bool(title) and title.strip() in names - {""}


def extract_article(
    html: str, url: str | None = None, selectors: dict[str, str] | None = None, site_name: str | None = None
) -> ExtractedArticle:
    """One decoded page -> its article; ``selectors`` (body/title/date/source/author, CSS or XPath) override.

    Raises PageError("not_article" | "no_article_text") for pages that hold no article (crawler/content/refusal.py).
    """
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
    if title_el is None and is_site_name(title, head.meta, site_name):
        title = ""  # never the site's name for a missing headline
        flags["title_missing"] += 1
    shape = refusal.PageShape(
        url,
        title,
        title_el is not None or "articletitle" in head.meta,
        links,
        page_text,
        offsets,
        list(body_el.iter("a")),
    )
    nodes, how = body_nodes(root, body_el, selectors.get("body"), flags, offsets, title_el)
    flags[f"body_by_{how}"] += 1
    credits = Credits()
    images = take_images(nodes, urljoin(url or "", head.base_url) if head.base_url else url, credits)
    lines = node_lines(nodes)
    if not lines:
        refusal.check_page(shape, lines)
        raise no_text(links, "no article text found in the page")
    span = Span.of(nodes, offsets, title_el, page_text, title)
    found = info.harvest(page_text, span, lines, title, credits, head, url, selectors, root, page.script_times, flags)
    refusal.check_page(shape, found.body_lines)
    if not found.body_lines:
        raise no_text(links, "no article text left after removing chrome")
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
