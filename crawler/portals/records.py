"""Repeated records: the list of a column page, found by its structure rather than by its URL shapes.

A column lists its articles as repeated sibling items (``<li>``, ``<tr>``, ``<div>``, ``<dd>``, one
``<table>`` per row, or bare ``<a>`` between ``<br>``), each linking one page and usually showing a date
or carrying a title attribute. Menus, footers, "more" links and sidebars repeat too, but their items are
short labels linking columns, they are fewer, or they link the page itself. So every (parent, child tag)
with at least two link-bearing children is a candidate group; groups that continue each other (a list
split into a ``<ul>`` every five rows) are merged; each is scored by what its items look like, and the
best one is the list. Known CMS article shapes raise a row's score; they are never required.

Plain functions over an lxml tree, so the spider, the list CLI and a future ``probe`` share them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from crawler import rx
from crawler.portals.dates import row_date
from crawler.portals.links import article_family, list_family, url_date

# Hrefs that are not page links at all.
NOT_LINKS = ("javascript:", "mailto:", "tel:", "#", "data:", "about:", "vbscript:")
# An item linking more distinct pages than this is a block of rows (or a menu), not one row.
MAX_LINKS_PER_ITEM = 3
# Counting the 解读 and 相关 links in its sub-lists, a row never links more pages than this.
MAX_ROW_LINKS = 16
MIN_ITEMS = 2
# A group must score at least this much to be a list (two dated, titled article rows score ~6).
MIN_SCORE = 3.0
# Class and id words of page chrome: a group inside them is a menu, a header, a footer or a link box.
# Whole-page wrappers are not named so, so the strong words count at any depth; the weak ones nearby.
STRONG_CHROME = rx.compile(
    r"(?:^|[-_\s])(?:nav|navs|navbar|menu|menus|submenu|mainmenu|foot|footer|header|copyright|banquan)(?:$|[-_\s\d])",
    re.I,
)
WEAK_CHROME = rx.compile(
    r"(?:^|[-_\s])(?:head|top|topbar|crumbs?|breadcrumbs?|position|location|weizhi|dqwz|friend|friendlink|yqlj"
    r"|links?|share|toolbar|tab_?(?:title|head|menu)|lanmu)(?:$|[-_\s\d])",
    re.I,
)
# Link labels that are not titles: "more" links and row actions.
NOT_TITLES = rx.compile(r"^(?:更多|more|查看更多|详细|详情|查阅全文|阅读全文|全文|\[?详细\]?|>>|»|…+|\.\.\.)$", re.I)
# Labels of a row's secondary links: a policy row links its 解读, 图解 or video beside (or under) its own
# title. A link that says only this, or that follows such a label inside the row, is not the row's own.
SECONDARY_LABEL = rx.compile(
    r"^[\[【(（<《]?\s*(?:相关|政策|图文|图片|视频|音频|动漫|动画|专家|媒体|文字)?\s*"
    r"(?:解读|图解|一图读懂|视频|音频|答记者问|延伸阅读|相关链接|相关新闻|相关政策|相关文件|原文|原文件)"
    r"\s*[\]】)）>》]?\s*[:：]?$"
)
NESTED_LISTS = frozenset({"ul", "ol", "dl", "table"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ROW_TAGS = frozenset({"li", "tr", "dd", "dt", "p"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "select", "option", "textarea", "head", "title"})
DIGITS = rx.compile(r"\d+")
# A number this long at the end of a file name is an id or a date, never a list page number.
PAGE_NUMBER_DIGITS = 5
ID_LIKE = rx.compile(r"\d{3,}|[0-9a-f]{16,}", re.I)
# Path tails of column (list) pages, whatever the CMS.
LIST_LIKE = rx.compile(
    r"(?:^|/)(?:index|default|list|more|node_\w+|col\w*)(?:[_-]\d+)?\.(?:s?html?|aspx?|jsp|php)$|/$", re.I
)
CONTEXT_DEPTH = 5
# Blocks of one list may sit this many levels apart (a <table> of rows inside its own <div>, …).
MERGE_DEPTH = 3
EDGE_DATE = rx.compile(
    r"^[\[(（【]?\s*(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*[\])）】]?\s*"
    r"|\s*[\[(（【]?\s*(?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*[\])）】]?$"
)
# In a group whose typical row scores STRAY_MEDIAN or more, a row under STRAY_SCORE is no entry (a pager
# link, a "more" link or an icon sharing the rows' container) unless it shows a title and a date.
STRAY_MEDIAN = 1.5
STRAY_SCORE = 0.5
# A title attribute this long that the link text starts with is the title (the text adds a summary).
TITLE_WORDS = 5
# Characters a picture row may show beyond its caption (a "new" badge, a bullet) and still be a picture only.
PICTURE_SLACK = 4
# A group of picture rows that shows no dates is a slider or a photo box beside the list, not the list: its
# score is scaled by this (a photo column with nothing else on the page still wins).
PICTURE_BOX = 0.5
HEX_ID = rx.compile(r"[0-9a-f]{16,}", re.I)


@dataclass
class Record:
    """One row of a list: its main link and what the row says about it."""

    url: str
    title: str
    date: date | None
    shown_date: str | None  # "full", "month_day" or None: what the row shows
    titled: bool  # the link carries a title attribute
    picture: bool = False  # the row is a picture and its caption, nothing else (a slide, a photo box)


@dataclass
class Group:
    """A candidate list: repeated sibling items under one container (or several continuing containers)."""

    container: etree._Element = field(repr=False, compare=False)
    item_tag: str
    records: list[Record]
    blocks: int = 0  # items that linked too many pages to be one row
    score: float = 0.0
    selector: str = ""


def _href_url(href: str | None, base: str) -> str | None:
    if not href:
        return None
    href = re.sub(r"[\r\n\t]", "", href).strip().replace("&amp;", "&")
    if not href or href.lower().startswith(NOT_LINKS):
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts._replace(fragment=""))


def page_base(root: etree._Element, url: str) -> str:
    """The URL relative links resolve against: the page's ``<base href>`` when it has an absolute one."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return url


def visible_text(node: etree._Element) -> str:
    """The text a reader sees in ``node``: no script, style or comment bodies."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(node)
    return " ".join(" ".join(parts).split())


STRING_LITERAL = rx.compile(r"""(["'])((?:\\.|(?!\1).)+)\1""")


def _script_text(anchor: etree._Element) -> str:
    """Text a link writes with script (``<a><script>document.write(view("标题"))</script></a>``)."""
    for script in anchor.iter("script"):
        strings = [m[2] for m in STRING_LITERAL.finditer(script.text or "")]
        if strings:
            return max(strings, key=len)
    return ""


def link_title(anchor: etree._Element) -> tuple[str, bool]:
    """The title a link shows: its text, or its title attribute when that is fuller (lists cut long titles
    with "...", on the link or on the ``<span>`` inside it) or when the text merely starts with it; a card
    link (picture, heading, summary) shows its heading; a link with no text falls back to alt texts and
    script-written titles."""
    heading = next((h for h in anchor.iter(*HEADINGS) if visible_text(h)), None)
    text = visible_text(heading if heading is not None else anchor)
    # The title attribute of the link, or of the element inside it that shows the cut title.
    attr = " ".join(next((t for el in anchor.iter() if (t := el.get("title") or "").strip()), "").split())
    if not text:
        alts = [" ".join((img.get("alt") or "").split()) for img in anchor.iter("img")]
        text = anchor.get("alt") or next((a for a in alts if a), "") or _script_text(anchor)
        text = " ".join(text.split())
    fuller = not text or len(attr) >= len(text.rstrip(".…")) or (len(attr) >= TITLE_WORDS and text.startswith(attr))
    if attr and fuller and not NOT_TITLES.match(attr):
        return attr, True
    return text, bool(attr)


def url_kind(url: str, page_url: str, extra: tuple[re.Pattern[str], ...] = ()) -> str:
    """What a link's URL looks like: ``article`` (a known CMS article shape), ``id`` (a page named by a
    number or hash), ``list`` (a column page), ``self`` (the page itself or one of its parents)."""
    if url.rstrip("/") == page_url.rstrip("/"):
        return "self"
    parts, page = urlsplit(url), urlsplit(page_url)
    if (
        parts.netloc == page.netloc
        and page.path.startswith(parts.path)
        and parts.path.endswith("/")
        and not parts.query
    ):
        return "self"  # a parent directory of the page: breadcrumb or column navigation
    if article_family(url, extra):
        return "article"
    tail = parts.path.rsplit("/", 1)[-1]
    numbers = DIGITS.findall(tail)
    if numbers and len(numbers[-1]) >= PAGE_NUMBER_DIGITS:
        return "id"  # ``news_pr_20100525.html`` names a page by a date or an id; no column has that many pages
    if LIST_LIKE.search(parts.path) or list_family(url):
        return "list"
    if ID_LIKE.search(tail) or any(ID_LIKE.fullmatch(v) for v in re.findall(r"=([^&]+)", parts.query)):
        return "id"
    return "other"


def same_site(url: str, page_url: str) -> bool:
    host, page_host = urlsplit(url).hostname or "", urlsplit(page_url).hostname or ""
    if not page_host or host == page_host:
        return True

    # Sibling hosts of one site (www.x.gov.cn and epaper.x.gov.cn): the last two (three for .gov.cn) labels.
    def site(h: str) -> str:
        labels = h.split(".")
        keep = 3 if len(labels) >= 3 and labels[-2] in {"gov", "com", "org", "edu", "net"} else 2
        return ".".join(labels[-keep:])

    return site(host) == site(page_host)


def _template(url: str) -> str:
    """The URL with its numbers and hex ids (``art_8f71…``) as ``#``: rows of one list share it."""
    parts = urlsplit(url)
    keys = "&".join(sorted(k.split("=")[0] for k in parts.query.split("&") if k))
    return DIGITS.sub("#", HEX_ID.sub("#", parts.path)) + "?" + keys


def _links(node: etree._Element, base: str) -> list[tuple[etree._Element, str]]:
    anchors = [node] if node.tag == "a" else list(node.iter("a"))
    found = []
    for anchor in anchors:
        url = _href_url(anchor.get("href"), base)
        if url:
            found.append((anchor, url))
    return found


def _row_text(item: etree._Element, siblings_until: etree._Element | None) -> str:
    """The item's text, and for a bare link the text that follows it up to the next item (its date)."""
    text = visible_text(item)
    if item.tag != "a":
        return text
    extra = [item.tail or ""]
    node = item.getnext()
    while node is not None and node is not siblings_until and node.tag != "a":
        extra.append(visible_text(node) if isinstance(node.tag, str) else "")
        extra.append(node.tail or "")
        node = node.getnext()
    return text + " " + " ".join(" ".join(extra).split())


def _nested(anchor: etree._Element, item: etree._Element) -> bool:
    """Whether a link sits in a list of its own inside the row (a policy's 解读 or 相关 links under it)."""
    node = anchor.getparent()
    while node is not None and node is not item:
        if node.tag in NESTED_LISTS:
            return True
        node = node.getparent()
    return False


def _texts_before(item: etree._Element) -> dict[etree._Element, str]:
    """For each link of the row, the visible text between the link before it (or the row's start) and it."""
    before: dict[etree._Element, str] = {}
    parts: list[str] = []

    def walk(el: etree._Element, inside: bool) -> None:
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            return
        if el.tag == "a" and not inside:
            before[el] = " ".join(" ".join(parts).split())
            parts.clear()
            inside = True
        elif el.text and not inside:
            parts.append(el.text)
        for child in el:
            walk(child, inside)
            if child.tail and not inside:
                parts.append(child.tail)

    for child in [item] if item.tag == "a" else item:
        walk(child, False)
        if child is not item and child.tail:
            parts.append(child.tail)
    return before


def _secondary(anchor: etree._Element, before: str, first: bool) -> bool:
    """A link that only says 解读/图解/视频…, or (after the row's first link) one that such a label heads."""
    if SECONDARY_LABEL.match(visible_text(anchor) or link_title(anchor)[0]):
        return True
    return not first and bool(before) and SECONDARY_LABEL.match(before.rsplit(" ", 1)[-1]) is not None


def own_links(item: etree._Element, links: list[tuple[etree._Element, str]]) -> list[tuple[etree._Element, str]]:
    """The row's own links: not in a sub-list of the row (its 解读 or 相关 links), not a secondary link
    (a 解读/图解/视频 label, or a link that such a label heads). A row of nothing else keeps them all."""
    own = [(a, url) for a, url in links if not _nested(a, item)] or links
    if len(own) < 2 or len({url for _, url in own}) > MAX_ROW_LINKS:
        return own  # one link is the row's; this many is a block of rows, whatever its labels
    before = _texts_before(item)
    kept = [(a, url) for i, (a, url) in enumerate(own) if not _secondary(a, before.get(a, ""), i == 0)]
    return kept or own


def _picture(anchor: etree._Element, row: str, title: str) -> bool:
    """A row that is an image and its caption only: no summary beside the title (a slide, a photo box)."""
    if next(anchor.iter("img"), None) is None:
        return False
    return len(re.sub(r"\s", "", row)) <= len(re.sub(r"\s", "", title)) + PICTURE_SLACK


def make_record(item: etree._Element, next_item: etree._Element | None, base: str) -> Record | None:
    """The row's main link (its longest-titled own link, see ``own_links``; the first of equals) with its
    title and the date the row shows. A row whose own links name more than MAX_LINKS_PER_ITEM pages is a
    block of rows; links in its sub-lists do not count (a policy row may list many 解读 under it)."""
    links = _links(item, base)
    if not links or len({url for _, url in links}) > MAX_ROW_LINKS:
        return None
    own = own_links(item, links)
    if len({url for _, url in own}) > MAX_LINKS_PER_ITEM:
        return None
    titled = [(link_title(a), a, url) for a, url in own]
    (title, has_attr), anchor, url = max(titled, key=lambda t: (not NOT_TITLES.match(t[0][0]), len(t[0][0])))
    row = _row_text(item, next_item)
    hint = url_date(url)
    found, shown = row_date(row.replace(title, " ") if title else row, hint)
    if not shown and title:
        # A date inside the link (``<a><span>2017-06-27</span>标题</a>``) dates the row and is no part of the title.
        found, shown = row_date(title, hint)
        if shown:
            title = EDGE_DATE.sub("", title).strip() or title
    picture = not shown and _picture(anchor, row, title)
    return Record(url=url, title=title, date=found or hint, shown_date=shown, titled=has_attr, picture=picture)


def _chrome(node: etree._Element) -> bool:
    """Whether ``node`` sits in page chrome: named menu, header or footer anywhere above it, or a
    breadcrumb, link box or tab strip close above it."""
    depth = 0
    while node is not None and isinstance(node.tag, str):
        words = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in ("nav", "header", "footer") or STRONG_CHROME.search(words):
            return True
        if depth < CONTEXT_DEPTH and WEAK_CHROME.search(words):
            return True
        node, depth = node.getparent(), depth + 1
    return False


def selector_of(node: etree._Element) -> str:
    """A CSS path that names ``node``: up to its nearest ancestor with an id, classes on the way."""
    steps: list[str] = []
    while node is not None and isinstance(node.tag, str) and node.tag not in ("html", "body"):
        if node.get("id") and re.fullmatch(r"[A-Za-z][\w-]*", node.get("id") or ""):
            steps.append(f"{node.tag}#{node.get('id')}")
            break
        classes = [c for c in (node.get("class") or "").split() if re.fullmatch(r"[A-Za-z_][\w-]*", c)]
        steps.append(node.tag + "".join(f".{c}" for c in classes[:2]))
        node = node.getparent()
    return " > ".join(reversed(steps))


def _candidates(root: etree._Element, base: str) -> dict[tuple[etree._Element, str], list[etree._Element]]:
    """Every (parent, child tag) whose children of that tag hold page links, with those children.

    Keyed by the elements themselves: lxml hands out a new proxy object (and a new ``id``) for a node
    once the last one is gone, so ids are no keys."""
    buckets: dict[tuple[etree._Element, str], dict[etree._Element, None]] = {}
    for anchor in root.iter("a"):
        if _href_url(anchor.get("href"), base) is None:
            continue
        node = anchor
        while True:
            parent = node.getparent()
            if parent is None or not isinstance(parent.tag, str) or parent.tag in SKIP_TAGS:
                break
            buckets.setdefault((parent, node.tag), {})[node] = None
            if parent.tag in ("body", "html"):
                break
            node = parent
    return {key: list(children) for key, children in buckets.items() if len(children) >= MIN_ITEMS}


def _records(items: list[etree._Element], base: str) -> tuple[list[Record], int]:
    records, blocks = [], 0
    for i, item in enumerate(items):
        record = make_record(item, items[i + 1] if i + 1 < len(items) else None, base)
        if record is None:
            blocks += 1
        else:
            records.append(record)
    return records, blocks


def record_score(record: Record, page_url: str, mapped: set[str], extra: tuple[re.Pattern[str], ...] = ()) -> float:
    """How much a row looks like an article entry: a real title, a date, an article-like URL."""
    length = len(re.sub(r"\s", "", record.title))
    score = 1.0 if length >= 8 else 0.6 if length >= 5 else -0.3 if length >= 2 else -1.0
    score += {"full": 1.0, "month_day": 0.8, None: 0.0}[record.shown_date]
    kind = url_kind(record.url, page_url, extra)
    score += {"article": 1.0, "id": 0.5, "other": 0.0, "list": -1.0, "self": -2.0}[kind]
    if not same_site(record.url, page_url):
        score -= 0.8
    if record.titled:
        score += 0.2
    if record.url in mapped:  # e-paper layouts map every article on the page image too
        score += 0.5
    return score


def score_group(group: Group, page_url: str, mapped: set[str], extra: tuple[re.Pattern[str], ...] = ()) -> float:
    """Score a group and drop its stray rows (a pager or a "more" link inside the list's container)."""
    scored = [(record_score(r, page_url, mapped, extra), r) for r in group.records]
    typical = sorted(s for s, _ in scored)[len(scored) // 2] if scored else 0.0
    if typical >= STRAY_MEDIAN:
        scored = [(s, r) for s, r in scored if s >= STRAY_SCORE or (r.shown_date and len(r.title) >= 5)]
    group.records = [r for _, r in scored]
    records = group.records
    if len(records) < MIN_ITEMS:
        return 0.0
    total = sum(s for s, _ in scored)
    total *= 0.5 + 0.5 * _uniformity([_template(r.url) for r in records])
    if _chrome(group.container):
        total *= 0.35
    if any(url_kind(r.url, page_url) == "self" for r in records):
        total *= 0.3  # a list never links the page it is on; menus, breadcrumbs and pagers do
    if group.blocks > len(records):
        total *= 0.5
    if 2 * sum(r.picture for r in records) >= len(records) and 2 * sum(bool(r.shown_date) for r in records) < len(
        records
    ):
        total *= PICTURE_BOX
    return total


def _alike(one: str, other: str) -> bool:
    """Two URL templates of one list: the same but for at most one folder name (a column listing the
    documents of its sub-columns, ``/wjfb/tz/art/…`` beside ``/wjfb/gg/art/…``)."""
    a, b = one.split("/"), other.split("/")
    return len(a) == len(b) and a[-1] == b[-1] and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def _uniformity(templates: list[str]) -> float:
    """The share of rows whose URL template is alike the most common one."""
    counted = Counter(templates)
    return max(sum(n for t, n in counted.items() if _alike(t, lead)) for lead in counted) / len(templates)


def _dominant_template(group: Group) -> str:
    return Counter(_template(r.url) for r in group.records).most_common(1)[0][0]


def _merge(groups: list[Group], order: dict[etree._Element, int]) -> list[Group]:
    """Join groups that continue one list: containers of one tag under a shared ancestor (siblings, or
    cousins wrapped alike up to MERGE_DEPTH levels up) holding the same item tag and rows of the same URL
    template. Real lists are split into a ``<ul>`` every five rows, or one ``<table>`` per block of rows
    each in its own ``<div>``. Rows are never joined: a row element (``<li>``, ``<tr>``…) linking no more
    pages than one row may (a title and its 解读 link) joins only a larger block, and a wrapper with a link
    of its own is a row, the list inside it that row's sub-list (its 解读 or 相关 links)."""
    parent_of = list(range(len(groups)))

    def root_of(i: int) -> int:
        while parent_of[i] != i:
            parent_of[i] = parent_of[parent_of[i]]
            i = parent_of[i]
        return i

    # A row element linking no more pages than one row may is a row (a title and its 解读 link), not a block.
    row_sized = [
        g.container.tag in ROW_TAGS
        and len({a.get("href") for a in g.container.iter("a") if a.get("href")}) <= MAX_LINKS_PER_ITEM
        for g in groups
    ]
    seen: dict[tuple[object, ...], int] = {}
    for i, group in enumerate(groups):
        template = _dominant_template(group)
        node, path, inner = group.container, [group.container.tag], group.container
        for _ in range(MERGE_DEPTH):
            ancestor = node.getparent()
            if ancestor is None or not isinstance(ancestor.tag, str) or _links_beside(node, inner):
                break
            inner = node
            key = (ancestor, tuple(path), group.item_tag, template)
            if key not in seen:
                seen[key] = i
            elif not (row_sized[i] and row_sized[seen[key]]):
                parent_of[root_of(i)] = root_of(seen[key])
            node = ancestor
            path.append(f"{node.tag}.{node.get('class') or ''}")
    runs: dict[int, list[Group]] = {}
    for i, group in enumerate(groups):
        runs.setdefault(root_of(i), []).append(group)
    merged = []
    for run in runs.values():
        run.sort(key=lambda g: order.get(g.container, 0))
        for piece in _continuing(run):
            if len(piece) == 1:
                merged.append(piece[0])
                continue
            records = [r for g in piece for r in g.records]
            blocks = sum(g.blocks for g in piece)
            merged.append(
                Group(container=piece[0].container, item_tag=piece[0].item_tag, records=records, blocks=blocks)
            )
    return merged


def _links_beside(wrapper: etree._Element, inner: etree._Element) -> bool:
    """Whether ``wrapper`` holds a link outside ``inner`` (one of its descendants, or itself)."""
    return wrapper is not inner and sum(1 for a in wrapper.iter("a") if a.get("href")) > sum(
        1 for a in inner.iter("a") if a.get("href")
    )


def _shown_dates(group: Group) -> list[date]:
    return [r.date for r in group.records if r.shown_date and r.date]


def _starts_over(before: list[date], after: list[date]) -> bool:
    """Whether a block's dates start over after the block before it: its first date is back among the
    newest half of the earlier block (the oldest half, for a list in ascending order). A pinned row or a
    little disorder at the seam does not count."""
    steps = list(pairwise(before))
    ascending = sum(a < b for a, b in steps) > sum(a > b for a, b in steps)
    middle = sorted(before)[len(before) // 2]
    if ascending:
        return after[0] < before[-1] and after[0] <= middle
    return after[0] > before[-1] and after[0] >= middle


def _continuing(run: list[Group]) -> list[list[Group]]:
    """Split a run of alike blocks where the dates start over: blocks of one list continue its order
    (newest first, or oldest first), while the panes of a tab box each start again from their newest."""
    pieces = [[run[0]]]
    for block in run[1:]:
        before, after = _shown_dates(pieces[-1][-1]), _shown_dates(block)
        if before and after and _starts_over(before, after):
            pieces.append([block])
        else:
            pieces[-1].append(block)
    return pieces


def find_groups(
    root: etree._Element, page_url: str, base: str | None = None, extra: tuple[re.Pattern[str], ...] = ()
) -> list[Group]:
    """Candidate lists of a parsed page, best first (scored; those under ``MIN_SCORE`` dropped; of equals,
    the first on the page)."""
    base = base or page_base(root, page_url)
    mapped = {u for area in root.iter("area") if (u := _href_url(area.get("href"), base))}
    built: list[Group] = []
    for (parent, tag), items in _candidates(root, base).items():
        records, blocks = _records(items, base)
        if len(records) >= MIN_ITEMS:
            built.append(Group(container=parent, item_tag=tag, records=records, blocks=blocks))
    order = {el: i for i, el in enumerate(root.iter())}
    groups = _merge(built, order)
    for group in groups:
        group.records = _unique(group.records)
        group.score = score_group(group, page_url, mapped, extra)
        group.selector = f"{selector_of(group.container)} > {group.item_tag}"
    # Equal lists (the panes of a front page's boxes): the first in reading order is the page's own.
    return sorted(
        (g for g in groups if g.score >= MIN_SCORE), key=lambda g: (-round(g.score, 6), order.get(g.container, 0))
    )


def _unique(records: Iterable[Record]) -> list[Record]:
    seen: dict[str, Record] = {}
    for record in records:
        kept = seen.get(record.url)
        if kept is None:
            seen[record.url] = record
        elif len(record.title) > len(kept.title):
            kept.title = record.title
    return list(seen.values())
