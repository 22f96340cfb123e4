"""Multi-page articles: the pager under an article ([1][2]…[6], 下一页, 第2页) links its continuation pages, which
are the same URL with a page number added (TRS t20210708_3461234_1.html, content_4894059_2.htm,
index_1.html, ?page=2). ``continuation_urls`` reads them from a page's markup, in page order; the crawl and
the CLI fetch them, and extract_article joins their bodies to the first page's.

Read from the markup with one regular-expression pass over its links (no second parse of the page): the spider
calls this on every article page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from crawler import rx
from crawler.content.article import ExtractedArticle

MAX_PAGES = 20  # an article split over more pages than this is a list, not an article
ANCHOR = rx.compile(r"<a\s[^>]*?href\s*=\s*[\"']?([^\"' >]+)[^>]*>(.*?)</a\s*>", re.I | re.S)
TAGS = rx.compile(r"<[^>]+>")
# the page number a continuation URL adds to its first page's name: stem_N.ext
NUMBERED = rx.compile(r"^(?P<stem>.+?)_(?P<n>\d{1,2})(?P<ext>\.[a-z]{3,5})$", re.I)
PAGE_PARAMS = ("page", "p", "pageno", "pagenum", "pageindex", "curpage", "currpage")
PAGER_TEXT = rx.compile(r"^\s*(?:\[?\s*\d{1,2}\s*\]?|下一页|下页|末页|尾页|第\s*\d{1,2}\s*页|>|>>|›)\s*$")


def _page_number(first: str, candidate: str) -> int | None:
    """The number ``candidate`` adds to ``first`` as one of its continuation pages, else None. Only the order
    counts: CMSes number the second page _1 (TRS, Xinhua) or _2 (others)."""
    a, b = urlsplit(first), urlsplit(candidate)
    if (a.scheme, a.netloc) != (b.scheme, b.netloc):
        return None
    a_dir, _, a_name = a.path.rpartition("/")
    b_dir, _, b_name = b.path.rpartition("/")
    if a_dir != b_dir:
        return None
    if a_name == b_name:
        pages = {k.lower(): v for k, v in parse_qsl(b.query)}
        found = next((pages[k] for k in PAGE_PARAMS if k in pages), None)
        return int(found) if found and found.isdigit() and int(found) >= 2 else None  # page=1 is the first
    m = NUMBERED.match(b_name)
    if m is None or a.query != b.query:
        return None
    stem, ext = a_name.rsplit(".", 1) if "." in a_name else (a_name, "")
    if m["stem"] != stem or m["ext"].lower() != f".{ext.lower()}":
        return None
    return int(m["n"])


def continuation_urls(markup: str, url: str) -> list[str]:
    """The article's further pages as its pager links them (page 2, 3, …), without the page itself."""
    found: dict[int, str] = {}
    for m in ANCHOR.finditer(markup):
        text = html.unescape(TAGS.sub("", m.group(2)))
        if not (PAGER_TEXT.match(text) or text.strip() == ""):
            continue  # judged first: most anchors of a page are not a pager's, and joining URLs is the cost
        href = html.unescape(m.group(1)).strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(url, href).split("#", 1)[0]
        number = _page_number(url, target)
        if number is not None:
            found.setdefault(number, target)
    if len(found) > MAX_PAGES:
        return []
    return [found[n] for n in sorted(found)]


def join_pages(first: ExtractedArticle, rest: list[ExtractedArticle | None]) -> None:
    """Append the continuation pages' bodies, images, attachments and credits to the first page's article
    (the headline, dates and source are the first page's). ``None`` stands for a page that held no article."""
    bodies = [first.body]
    for page in rest:
        if page is None:
            continue
        bodies.append(page.body)
        first.flags["pages_joined"] += 1
        for mine, theirs in (
            (first.authors, page.authors),
            (first.editors, page.editors),
            (first.photographers, page.photographers),
        ):
            mine.extend(x for x in theirs if x not in mine)
        first.images.extend(i for i in page.images if i not in first.images)
        first.attachments.extend(a for a in page.attachments if a not in first.attachments)
        first.source = first.source or page.source
    first.body = "\n".join(b for b in bodies if b)
