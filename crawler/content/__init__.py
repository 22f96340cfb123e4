"""Content layer: decoded HTML -> article text and metadata, site chrome stripped. No Scrapy imports.

Public API used by the processing core: ``extract_article(html, url, selectors, site_name)`` ->
``ExtractedArticle``. ``extract_article`` is the sequence of stages, one module each:

1. parse (parse.py): one tree, <head> metadata, script times, non-text elements out;
2. locate the article (locate.py): the page rendered once with element offsets, the headline, the body's
   elements; 3. chrome blocks are dropped on the way (chrome_blocks.py);
4. split out of the body's tree: the 政务公开 table (govinfo.py), images and captions (captions.py), attachments
   (attachments.py);
5. render the body's lines (render.py), a data table's rows one line each (tables.py);
6. read the metadata around the article (info.py: dates.py, bylines.py) and clean the body's lines (body.py,
   credit_lines.py, chrome_lines.py);
7. refuse pages that are not articles (refusal.py);
8. join a multi-page article's continuation pages (pages.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from urllib.parse import urljoin

from crawler.content import govinfo, info, refusal
from crawler.content.article import ExtractedArticle
from crawler.content.attachments import attachments_in
from crawler.content.bylines import Credits
from crawler.content.captions import take_images
from crawler.content.locate import locate
from crawler.content.pages import join_pages
from crawler.content.parse import parse_page
from crawler.content.render import node_lines
from crawler.content.tables import rows_as_lines
from crawler.errors import PageError


def no_text(links: float, message: str) -> PageError:
    """A page without article text: a link-dominated one is a list (index) page, anything else is empty."""
    if links > refusal.LIST_LINK_SHARE:
        return refusal.refuse("list", "a list of links, no article text")
    return PageError("no_article_text", message)


def extract_article(
    html: str,
    url: str | None = None,
    selectors: dict[str, str] | None = None,
    site_name: str | None = None,
    more_pages: Sequence[tuple[str, str]] = (),
) -> ExtractedArticle:
    """One decoded page -> its article; ``selectors`` (body/title/date/source/author, CSS or XPath) override.
    ``more_pages`` are the article's continuation pages as (url, decoded html), joined in order (pages.py).

    Raises PageError("not_article" | "no_article_text") for pages that hold no article (crawler/content/refusal.py).
    """
    article = extract_page(html, url, selectors or {}, site_name)
    if more_pages:
        join_pages(article, [extract_continuation(h, u, selectors or {}, site_name, article) for u, h in more_pages])
    return article


def extract_continuation(
    html: str, url: str, selectors: dict[str, str], site_name: str | None, first: ExtractedArticle
) -> ExtractedArticle | None:
    """A continuation page's article, or None (flagged on the first page) when it holds none."""
    try:
        return extract_page(html, url, selectors, site_name)
    except PageError:
        first.flags["page_missing"] += 1
        return None


def extract_page(html: str, url: str | None, selectors: dict[str, str], site_name: str | None) -> ExtractedArticle:
    """The stages over one page (see the module docstring)."""
    flags: Counter[str] = Counter()
    page = parse_page(html)
    located = locate(page, selectors, site_name, flags)
    shape = refusal.PageShape(
        url,
        located.title,
        located.has_headline or "articletitle" in page.head.meta,
        located.links,
        located.page_text,
        located.offsets,
        located.anchors,
    )
    base_url = urljoin(url or "", page.head.base_url) if page.head.base_url else url
    table = govinfo.find_table(located.page_text, located.offsets)
    govinfo.keep_out_of_body(table, located.nodes)
    credits = Credits()
    images = take_images(located.nodes, base_url, credits)
    attachments = attachments_in(
        located.anchors, located.offsets, located.page_text, located.span.start, located.span.end, base_url
    )
    rows_as_lines(located.nodes)
    lines = node_lines(located.nodes)
    if not lines:
        refusal.check_page(shape, lines)
        raise no_text(located.links, "no article text found in the page")
    found = info.harvest(page, located, lines, credits, url, selectors, govinfo.date_candidates(table), flags)
    refusal.check_page(shape, found.body_lines)
    if not found.body_lines:
        raise no_text(located.links, "no article text left after removing chrome")
    return ExtractedArticle(
        title=located.title,
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
        attachments=attachments,
        gov=table.fields or None,
        canonical_url=page.head.canonical,
        flags=flags,
    )
