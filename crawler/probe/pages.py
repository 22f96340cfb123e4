"""What the probed page is (a portal's homepage, a news column, an article, or no portal at all), and what
its head and breadcrumb tell about the site.

Plain functions over the answer; the verdict decides what the probe does next and its exit status. A page
that is not a portal says what it is instead: a challenge or login wall (the blocked-page rules the crawl
uses), an HTTP error, a file, an article (with the column its breadcrumb names, to probe instead), or a
page that neither lists news nor links to a news column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from crawler import rx
from crawler.content import extract_article
from crawler.errors import PageError
from crawler.portals.blocked import detect_blocked
from crawler.portals.links import article_family
from crawler.portals.markup import parsed

HOMEPAGE = "homepage"
COLUMN = "column"
ARTICLE = "article"
BLOCKED = "blocked"
ERROR = "error"
NOT_HTML = "not_html"
NO_NEWS = "no_news"
PORTAL_KINDS = frozenset({HOMEPAGE, COLUMN})

# A site's front page: its root or a root index file.
ROOT_PATH = rx.compile(r"^/(?:(?:index|default|home|main|portal)\.(?:s?html?|php|aspx?|jsp))?$", re.I)
# A list shows at least this many article links; fewer on a page with a body of text is an article.
MIN_ENTRIES = 3
ARTICLE_CHARS = 200
# Breadcrumb blocks: by class or id, or by the words that open them.
CRUMB_ATTR = rx.compile(r"crumb|location|position|dqwz|curr(?:ent)?_?(?:pos|loc)|place|path|weizhi", re.I)
CRUMB_WORDS = rx.compile(r"当前位置|您的位置|您现在的位置|所在位置|现在位置")
# The part of a <title> that names the site: what such names end with.
SITE_WORDS = rx.compile(r"(?:网|政府|门户|管委会|管理委员会|开发区|高新区|园区|新区|集团|公司|日报|晚报|报|在线)$")
# Scripts that fill a list from a request (Hanweb JPaaS units and jpage groups, jQuery/fetch calls).
SCRIPTED_LIST = rx.compile(
    r"unitbuild\.js|\.jpage\s*\(|dataproxy\.jsp|\$\s*\.\s*(?:ajax|post|getJSON)\s*\(|\bfetch\s*\(", re.I
)
TITLE_SEPARATORS = rx.compile(r"\s*[-_|—–·:：]+\s*|\s{2,}")


@dataclass(frozen=True)
class Verdict:
    kind: str
    reason: str

    @property
    def is_portal(self) -> bool:
        return self.kind in PORTAL_KINDS


def is_root(url: str) -> bool:
    return bool(ROOT_PATH.match(urlsplit(url).path or "/"))


def blocked_verdict(kind: str, detail: str) -> Verdict:
    return Verdict(BLOCKED, f"the site answers with a {kind} page ({detail}), not its content")


def cooling_verdict(until: str) -> Verdict:
    """The host challenged an earlier crawl or probe and is left alone until ``until`` (the crawl's cool-off)."""
    return Verdict(BLOCKED, f"not fetched: the host is cooling off after a challenge until {until}")


def failed_verdict(detail: str) -> Verdict:
    return Verdict(ERROR, detail)


def _article_text(markup: str, url: str) -> int:
    """Characters of article body the extractor finds (0 when it says the page holds no article)."""
    try:
        return len(extract_article(markup, url).body)
    except PageError:
        return 0


def judge_page(
    url: str, status: int, headers: dict[str, str], body: bytes, markup: str, entries: int, columns: int
) -> Verdict:
    """What the page at ``url`` is, given its answer, how many list entries it shows and how many links to
    news columns it holds."""
    blocked = detect_blocked(status, headers, body, "list")
    if blocked is not None:
        return blocked_verdict(blocked.kind, blocked.reason)
    if not 200 <= status < 300:
        return Verdict(ERROR, f"HTTP {status}: an error page, not the portal")
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "text/html")
    if not re.search(r"html|xml", content_type, re.I):
        return Verdict(NOT_HTML, f"a {content_type.split(';')[0]} file, not a web page")
    if not markup.strip():
        return Verdict(ERROR, "an empty page")
    if is_root(url) and columns:
        return Verdict(HOMEPAGE, f"a portal homepage linking {columns} possible news column(s)")
    shaped = article_family(url) is not None
    if (shaped or entries < MIN_ENTRIES) and _article_text(markup, url) >= ARTICLE_CHARS:
        return Verdict(ARTICLE, "an article page, not a column or homepage")
    if entries >= MIN_ENTRIES:
        return Verdict(COLUMN, f"a news column listing {entries} articles")
    if columns:
        return Verdict(HOMEPAGE, f"a portal page linking {columns} possible news column(s)")
    if SCRIPTED_LIST.search(markup):
        return Verdict(NO_NEWS, "no list in the page itself: its scripts fetch the rows (a JS-rendered list)")
    return Verdict(NO_NEWS, "neither a list of news nor a page linking news columns")


def scripted_column(entries_via_api: int) -> Verdict:
    """A JS-rendered column whose rows the list API request built by the reader gave."""
    return Verdict(COLUMN, f"a news column whose scripts fetch its rows ({entries_via_api} articles via its list API)")


def breadcrumb_column(markup: str, url: str) -> tuple[str, str] | None:
    """The column an article's breadcrumb names (label, URL): its last link that is neither the article nor
    the site's front page. TRS marks breadcrumb links with ``class="CurrChnlCls"``."""
    root = parsed(markup).root
    blocks = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and (CRUMB_ATTR.search(f"{el.get('class', '')} {el.get('id', '')}") or CRUMB_WORDS.search(el.text or ""))
    ]
    anchors = [a for block in blocks for a in block.iter("a")] or list(
        root.xpath("//a[contains(concat(' ', @class, ' '), ' CurrChnlCls ')]")
    )
    found = None
    for anchor in anchors:
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        target = urljoin(url, href)
        if target != url and not is_root(target):
            found = ("".join("".join(anchor.itertext()).split()) or target, target)
    return found


def site_name(markup: str, url: str) -> str:
    """The portal's name as readers know it: the government-site meta ``SiteName``, ``og:site_name``, else
    the part of the page title that names a site (天门网 in 园区动态-天门网), else the host."""
    page = parsed(markup)
    for query in ('//meta[@name="SiteName"]/@content', '//meta[@property="og:site_name"]/@content'):
        value = " ".join((page.xpath(query).get() or "").split())
        if value:
            return value
    title = " ".join(" ".join(page.xpath("//title//text()").getall()).split())
    parts = [p for p in TITLE_SEPARATORS.split(title) if p]
    # A whole part first, else a word of one (中国青年报 in 中国青年报 2026年09月16日 06版：冰点周刊).
    named = [p for p in parts if SITE_WORDS.search(p)] or [w for p in parts for w in p.split() if SITE_WORDS.search(w)]
    if named:
        return named[-1]
    return parts[-1] if parts else (urlsplit(url).hostname or url)


def column_name(markup: str) -> str:
    """A column page's own name: the government-site meta ``ColumnName``, else the first part of its title."""
    page = parsed(markup)
    named = " ".join((page.xpath('//meta[@name="ColumnName"]/@content').get() or "").split())
    if named:
        return named
    title = " ".join(" ".join(page.xpath("//title//text()").getall()).split())
    return next((p for p in TITLE_SEPARATORS.split(title) if p), "")
