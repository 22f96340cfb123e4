"""Which links of a portal page lead to its news columns.

A candidate column is found by structure, two ways:

- an anchor whose own short text names a news column (新闻动态, 园区动态, 要闻, 通知公告 …: the word
  table below), as in navigation bars and column menus;
- a "more" link (更多, more, >>) whose box is headed by such a name: homepages show each column as a titled
  box of recent headlines with a 更多 link to the column itself, whatever the link's own text says.

A link whose URL has the list-page shape of a CMS family (Hanweb ``/col/colN/``, DedeCMS ``list_N_M.html``,
Founder ``node_N.htm``) counts a little more. Article links, other sites, attachments, scripts and the page
itself are never candidates. Whether a candidate really is a column is decided by reading the page it
leads to (the probe fetches it); this module only ranks the links worth fetching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler import rx
from crawler.portals.links import NOT_PAGES, article_family, list_family
from crawler.portals.markup import parsed

# Words of news-column names, with how surely a column so named lists news (data, not code). A name may
# combine them (经开区要闻, 园区动态, 招商引资动态): the best word found counts.
COLUMN_WORDS: tuple[tuple[re.Pattern[str], float], ...] = (
    (rx.compile(r"要闻|新闻|动态|资讯|快讯|聚焦|报道|头条|时政|速递|简讯|播报"), 1.0),
    (rx.compile(r"招商|项目建设|产业发展|园区建设|经济运行|工作进展"), 0.7),
    (rx.compile(r"通知|公告|公示|通报"), 0.6),
    (rx.compile(r"政务公开|信息公开|政府信息"), 0.3),
)
# Names that are never a news column, even with a news word in them (视频新闻, 新闻发布会直播, 领导动态 is
# kept: it lists news). Checked first.
NOT_COLUMN = rx.compile(
    r"首页|主页|登录|注册|english|无障碍|适老|长者|网站地图|站点地图|导航|联系|信箱|留言|咨询|投诉|"
    r"办事|服务指南|下载|搜索|检索|视频|直播|访谈|调查|征集|专题|机构|职能|简介|概况|领导信息|邮箱",
    re.I,
)
# A column's name is short; a longer anchor text is a headline.
MAX_LABEL_CHARS = 12
# "More" links, after removing spaces, arrows and brackets.
MORE_TEXTS = frozenset({"更多", "查看更多", "更多内容", "更多信息", "more", "查看全部", "全部", "更多新闻"})
MORE_DECORATION = rx.compile(r"[\s>»›+＋\[\]【】()（）.…/|-]+")
# How far up from a "more" link its box title may sit.
MORE_BOX_LEVELS = 4
# CMS list shapes specific enough to count as evidence (TRS's index_N / any directory shape is not).
STRONG_LIST_SHAPES = frozenset({"hanweb", "dedecms", "phpcms", "founder"})
LIST_SHAPE_BONUS = 0.2
MORE_LINK_BONUS = 0.1
SKIP_HREF = ("javascript:", "mailto:", "tel:", "#", "data:")


@dataclass(frozen=True)
class Candidate:
    """A link that may lead to a news column: where, what the page calls it, and how likely it lists news."""

    url: str
    label: str
    score: float
    how: str  # "name": the anchor names a column; "more": a box's 更多 link; "shape": a CMS list URL


def column_weight(label: str) -> float:
    """How surely a column with this name lists news (0 when the name is not a news column's)."""
    if not label or len(label) > MAX_LABEL_CHARS or NOT_COLUMN.search(label):
        return 0.0
    return max((weight for pattern, weight in COLUMN_WORDS if pattern.search(label)), default=0.0)


def site_key(host: str) -> str:
    return host.lower().removeprefix("www.")


def same_site(url: str, page_url: str) -> bool:
    """Same host, or one a subdomain of the other (www.x.gov.cn and gxq.x.gov.cn are one portal)."""
    a, b = site_key(urlsplit(url).hostname or ""), site_key(urlsplit(page_url).hostname or "")
    return bool(a) and (a == b or a.endswith("." + b) or b.endswith("." + a))


def _text(el: etree._Element) -> str:
    return "".join("".join(el.itertext()).split())


def _is_more(text: str) -> bool:
    bare = MORE_DECORATION.sub("", text).lower()
    return bare in MORE_TEXTS or (bare == "" and bool(text.strip()))


def _texts_around(box: etree._Element, anchor: etree._Element) -> tuple[list[str], list[str]]:
    """Text fragments of ``box`` before ``anchor`` and after it, in document order (the anchor's own text
    and scripts excluded)."""
    before: list[str] = []
    after: list[str] = []
    inside = set(anchor.iter())
    enclosing = set(anchor.iterancestors())  # their tails come after the anchor
    passed = False
    for el in box.iter():
        if el is anchor:
            passed = True
        if el in inside or not isinstance(el.tag, str) or el.tag in ("script", "style"):  # comments too
            if el is anchor and el.tail:
                after.append(el.tail)
            continue
        side = after if passed else before
        if el is not box and el.text:
            side.append(el.text)
        if el.tail and el is not box:
            (after if passed or el in enclosing else before).append(el.tail)
    clean = lambda texts: ["".join(t.split()) for t in texts if t.strip()]  # noqa: E731
    return clean(before), clean(after)


def box_title(anchor: etree._Element) -> str:
    """The name of the box a "more" link belongs to: its title attribute (更多园区动态), else the short text
    of its header (the element holding the link, title before or after it), else the nearest short text
    before it within a few enclosing elements, never past an element that holds another box's "more"."""
    title = MORE_DECORATION.sub("", anchor.get("title") or "").removeprefix("更多")
    if column_weight(title):
        return title
    box = anchor.getparent()
    for level in range(MORE_BOX_LEVELS):
        # A box has one "more" link: an element holding several is a row of boxes, not this link's box.
        if box is None or (level and sum(1 for a in box.iter("a") if _is_more(_text(a))) > 1):
            break
        before, after = _texts_around(box, anchor)
        # Only the header itself may hold the title after the link (<a>更多</a><h3>公司资讯</h3>); further
        # out, what follows the link is the box's headlines or the next box.
        candidates = [*reversed(before), *(after if level == 0 else [])]
        for text in candidates:
            if column_weight(text):
                return text
        box = box.getparent()
    return ""


def find_columns(markup: str, url: str) -> list[Candidate]:
    """Links of this page that may lead to news columns, most likely first (page order among equals)."""
    root = parsed(markup).root
    best: dict[str, Candidate] = {}
    order: dict[str, int] = {}
    page = url.split("#")[0]
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(SKIP_HREF):
            continue
        target = urljoin(url, href).split("#")[0]
        if target in (page, page.rstrip("/")) or not same_site(target, url) or NOT_PAGES.search(urlsplit(target).path):
            continue
        if article_family(target):
            continue
        text = _text(anchor) or "".join((anchor.get("title") or "").split())
        label, how = text, "name"
        weight = column_weight(text)
        if not weight and _is_more(text):
            label, how = box_title(anchor), "more"
            weight = column_weight(label)
            weight = weight + MORE_LINK_BONUS if weight else 0.0
        shaped = list_family(target) in STRONG_LIST_SHAPES
        if not weight and not (shaped and text and len(text) <= MAX_LABEL_CHARS and not NOT_COLUMN.search(text)):
            continue
        if shaped:
            weight, how = weight + LIST_SHAPE_BONUS, how if weight else "shape"
        order.setdefault(target, len(order))
        if target not in best or weight > best[target].score:
            best[target] = Candidate(target, label or text, round(weight, 2), how)
    return sorted(best.values(), key=lambda c: (-c.score, order[c.url]))
