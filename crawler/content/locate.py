"""Stages 2 and 3, locate the article and drop chrome: the page rendered once with element offsets (metadata
lives around the article, in blocks that are chrome for the body), the headline, and the elements that hold the
body. Chrome blocks go first (chrome_blocks.py), so scoring never sees them.

Body precedence: the portal's own ``body`` selector, then a known CMS container (cms.BODY_CONTAINERS), then
DOM scoring. Inside the chosen container, link-heavy blocks (related-article lists, tag clouds, pagers) go.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from crawler.content.attachments import listed_file
from crawler.content.chrome_blocks import drop_chrome
from crawler.content.cms import BODY_CONTAINERS, MIN_CONTAINER_CHARS, container_rank, select_all, selected_text
from crawler.content.parse import Parsed
from crawler.content.render import BLOCK_TAGS, drop_tree, render, tag_of, text_of
from crawler.content.scoring import Stats, best_container, gather, siblings_to_join
from crawler.content.title import find_title, title_above_info_line, title_line

CMS_TAGS = frozenset(sel for _, sel in BODY_CONTAINERS if sel[0].isalpha())
CANDIDATE_TAGS = ("div", "td", "section", "article", "span", "font", "p", *CMS_TAGS)
# Blocks inside the body that are dropped when mostly links.
LINK_BLOCK_TAGS = frozenset({"div", "ul", "ol", "dl", "table", "section", "span", "p", "td", "tr", "li"})
MAX_LINK_DENSITY = 0.5
# A CMS container is trusted if it holds at least this share of the text DOM scoring would pick.
CONTAINER_SHARE = 0.3
NEAR_TITLE_CHARS = 600  # a container starting this close after the headline is "right after the title"
NEAR_TITLE_BONUS = 2.0
BEFORE_TITLE_FACTOR = 0.5
IN_LIST_ITEM_FACTOR = 0.5


def _text_len(el: etree._Element) -> int:
    return len("".join(text_of(el).split()))


def cms_container(root: etree._Element) -> list[etree._Element]:
    """The best known-CMS body container: most specific rule first, outermost match, most text."""
    by_rank: dict[int, list] = {}
    for el in root.iter(*CANDIDATE_TAGS):
        if el.get("class") is None and el.get("id") is None and el.tag not in CMS_TAGS:
            continue
        rank = container_rank(el)
        if rank is not None:
            by_rank.setdefault(rank, []).append(el)
    for rank in sorted(by_rank):
        found = by_rank[rank]
        found = [el for el in found if not any(a in found for a in el.iterancestors())]  # outermost only
        best = max(found, key=_text_len)
        if _text_len(best) >= MIN_CONTAINER_CHARS:
            return [best]
    return []


def placement(offsets: dict, title_el: etree._Element | None) -> Callable[[etree._Element], float] | None:
    """Weigh a candidate by where it sits relative to the title: bodies follow their headline closely;
    blocks inside list items (streams of other stories, comment threads) rarely are the article."""
    if title_el is None or title_el not in offsets:
        return None
    t_start, t_end = offsets[title_el]

    def factor(el: etree._Element) -> float:
        span = offsets.get(el)
        f = 1.0
        if span is not None:
            start, end = span
            if start <= t_start and end >= t_end:
                f = NEAR_TITLE_BONUS  # contains the headline
            elif t_end <= start <= t_end + NEAR_TITLE_CHARS:
                f = NEAR_TITLE_BONUS
            elif end <= t_start:
                f = BEFORE_TITLE_FACTOR
        if any(True for _ in el.iterancestors("li")):
            f *= IN_LIST_ITEM_FACTOR
        return f

    return factor


def body_nodes(
    root: etree._Element,
    body_el: etree._Element,
    selector: str | None,
    flags: Counter[str],
    offsets: dict,
    title_el: etree._Element | None,
) -> tuple[list[etree._Element], str]:
    """(container elements in document order, how they were found); chrome is dropped as a side effect."""
    keep = {title_el} if title_el is not None else set()
    if selector:
        nodes = [el for el in select_all(root, selector) if isinstance(el, etree._Element)]
        if nodes:
            drop_chrome(root, keep=keep | set(nodes))
            return nodes, "selector"
        flags["site_selector_missed"] += 1
    nodes = cms_container(root)
    drop_chrome(root, keep=keep | set(nodes))
    st = gather(body_el)
    top = best_container(st, placement(offsets, title_el))
    if top is not None:
        top = data_table_around(top, st)
    scored = siblings_to_join(st, top) if top is not None else [body_el]
    if nodes:
        node = nodes[0]
        scored_len = sum(st.total.get(el, 0) for el in scored)
        if st.total.get(node, 0) >= CONTAINER_SHARE * scored_len:
            drop_link_blocks(node, st)
            return nodes, "cms"
        flags["cms_container_too_small"] += 1
    for el in scored:
        drop_link_blocks(el, st)
    return scored, "scoring"


TABLE_PARTS = frozenset({"table", "tbody", "thead", "tr", "td", "th"})
MIN_TABLE_ROWS = 3
CELL_SHARE = 0.3  # the best cell holds less than this share of its table's text: the table is the article


def data_table_around(top: etree._Element, st: Stats) -> etree._Element:
    """A Word-exported table article (行政处罚信息公开表, 统计表): its cells are short, so scoring picks one
    row or cell. When the winner sits in a table of several rows and holds only a small part of its text, the
    table is the article; so is the block around it when the table fills most of that block. A layout table,
    whose content cell holds most of the text, keeps its cell."""
    if tag_of(top) not in TABLE_PARTS:
        return top
    table = top if tag_of(top) == "table" else next(top.iterancestors("table"), None)
    if table is None or len(table.findall(".//tr")) < MIN_TABLE_ROWS:
        return top
    if st.total.get(top, 0) >= CELL_SHARE * st.total.get(table, 0):
        return top
    parent = table.getparent()
    if (
        parent is not None
        and tag_of(parent) not in TABLE_PARTS
        and st.total.get(table, 0) >= 0.6 * st.total.get(parent, 1)
    ):
        return parent
    return table


def links_a_file(el: etree._Element) -> bool:
    """A block linking an attachment (附件 list): the article lists its files, they stay in the body."""
    return any(listed_file(a) for a in el.iter("a"))


def inline_text(el: etree._Element) -> bool:
    """An inline element (span) whose own words the stats gave to its block: a paragraph wrapped in a <span>
    that also holds a pager must not go with the pager."""
    if tag_of(el) in BLOCK_TAGS:
        return False
    own = len("".join(text_of(el).split()))
    linked = sum(len("".join(text_of(a).split())) for a in el.iter("a"))
    return own - linked > MAX_LINK_DENSITY * own


def drop_link_blocks(node: etree._Element, st: Stats) -> None:
    """Remove descendants of ``node`` that are mostly link text (kept: blocks with real punctuated text)."""
    doomed = []
    stack = list(node)
    while stack:
        el = stack.pop()
        total = st.total.get(el, 0)
        linky = tag_of(el) in LINK_BLOCK_TAGS and total and st.link_density(el) > MAX_LINK_DENSITY
        if linky and (st.punct.get(el, 0) < 3 or total < 200) and not inline_text(el) and not links_a_file(el):
            doomed.append(el)
            continue
        stack.extend(el)
    for el in doomed:
        drop_tree(el)


def link_share(anchors: list[etree._Element], page_text: str) -> float:
    """Share of the page's visible text that sits inside links (``anchors``: every link of the page)."""
    total = len("".join(page_text.split()))
    if not total:
        return 0.0
    linked = len("".join("".join(map(text_of, anchors)).split()))  # non-space characters of all links
    return linked / total


@dataclass
class Span:
    """Where title and body sit in the rendered page text."""

    start: int
    end: int
    title_end: int | None

    @classmethod
    def of(cls, nodes: list, offsets: dict, title_el: etree._Element | None, page_text: str, title: str) -> Span:
        spans = [offsets[n] for n in nodes if n in offsets]
        start = min((s for s, _ in spans), default=0)
        end = max((e for _, e in spans), default=len(page_text))
        title_end = None
        if title_el is not None and title_el in offsets:
            t_start, t_end = offsets[title_el]
            found = page_text.find(title, t_start, t_end)  # the info line may sit inside the heading
            title_end = found + len(title) if found >= 0 else t_end
        if title_end is not None and title_end > start:
            title_end = None
        return cls(start, end, title_end)


WEAK_TITLE_CHARS = 8  # a <title>-only title this short is a site or column name, not a headline
SITE_NAME_META = ("sitename", "og:site_name", "application-name")


@dataclass
class Located:
    """The page as first rendered, its headline and the body's elements."""

    page_text: str
    offsets: dict  # element -> (start, end) in page_text, for every element of the first rendering
    links: float  # share of the page's text inside links
    anchors: list[etree._Element]  # every link of the first rendering (chrome included)
    title: str
    title_el: etree._Element | None
    nodes: list[etree._Element]
    how: str  # "selector", "cms" or "scoring"
    span: Span

    @property
    def has_headline(self) -> bool:
        return self.title_el is not None


def is_site_name(title: str, meta: dict[str, str], site_name: str | None) -> bool:
    """A "title" that is only the site's name (the headline was not found)."""
    names = {meta.get(k, "").strip() for k in SITE_NAME_META} | {(site_name or "").strip()}
    return bool(title) and title.strip() in names - {""}


def locate(page: Parsed, selectors: dict[str, str], site_name: str | None, flags: Counter[str]) -> Located:
    """Render the page, find the headline (never the site's name: a missing one is ""), drop chrome, pick the body."""
    root, body_el, head = page.root, page.body, page.head
    offsets: dict = {}
    page_text = render(body_el, offsets)
    anchors = list(body_el.iter("a"))
    title, title_el = selected_text(root, selectors.get("title")) or find_title(body_el, head.page_title, head.meta)
    if title_el is None:
        title = title_line(page_text, head.page_title, title) or title
    if title_el is None and (len(title) < WEAK_TITLE_CHARS or title not in page_text):
        title = title_above_info_line(page_text) or title
    if title_el is None and is_site_name(title, head.meta, site_name):
        title = ""
        flags["title_missing"] += 1
    links = link_share(anchors, page_text)
    nodes, how = body_nodes(root, body_el, selectors.get("body"), flags, offsets, title_el)
    flags[f"body_by_{how}"] += 1
    span = Span.of(nodes, offsets, title_el, page_text, title)
    return Located(page_text, offsets, links, anchors, title, title_el, nodes, how, span)
