"""Title: the gov ``ArticleTitle`` meta, og:title, or the heading that matches <title> minus the site suffix."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from crawler import rx
from crawler.content import bylines, chrome_lines, dates
from crawler.content.render import lines_of, render, squash, text_of

TITLE_META = ("articletitle", "og:title")
# <title> separators between headline, column and site name.
SEPARATORS = rx.compile(r"\s*(?:[_|｜»›]|\s[-—–－]+\s|-{2,}|—+|–|::|：：|\s·\s)\s*")
HEADING_TAGS = ("h1", "h2", "h3", "h4")
TITLE_TOKENS = rx.compile(r"title|biaoti|(?<![a-z])bt(?![a-z])|headline|tit(?![a-z])", re.I)
MIN_TITLE, MAX_TITLE = 4, 120
SITE_NAME_CHARS = 8  # a <title> this short names the site or column, not the article
NAMED_TITLE = rx.compile(r"title|biaoti|headline", re.I)
MAX_BADGE, BADGE_MIN_TITLE = 4, 8  # a heading may add a badge this long (原创, 置顶, 独家) to a headline this long
MIN_PLAIN_TITLE, MAX_PLAIN_TITLE = 6, 80
HAN = rx.compile(r"[\u4e00-\u9fff]")
PAGE_SUFFIX = rx.compile(r"\s*[(（]\s*(?:第\s*\d+\s*页|页\s*\d+)\s*[)）]\s*$")  # "(页 1)", "（第2页）"
TRAILING_SEPARATORS = " |｜_-—"
BREADCRUMB_SEP = rx.compile(r"\s+(?:»|›|>>|>|＞)\s+")
# Elements a CMS uses for the headline itself (Founder e-papers: <founder-title>, td#Title): trusted when
# the <title> is only the paper's or site's name and no heading matches it.
EXPLICIT_TITLE = etree.XPath(
    "//founder-title | //*[@id='Title' or @id='title' or @id='ArticleTitle' or @id='articleTitle']"
)


def norm(text: str) -> str:
    """Without any whitespace (str.split() and the regex ``\\s`` agree on what whitespace is)."""
    return "".join(text.split())


def page_title_core(page_title: str) -> str:
    """<title> without the site/column suffix: its first Chinese separator-delimited part."""
    parts = [PAGE_SUFFIX.sub("", p).strip() for p in SEPARATORS.split(page_title) if p.strip()]
    if not parts:
        return page_title.strip()
    # headline first ("标题_栏目_网站"), unless it is not Chinese text ("powered by …")
    return next((p for p in parts if len(HAN.findall(p)) >= MIN_TITLE), max(parts, key=len))


@lru_cache(maxsize=8192)
def title_classed(classes: str, ident: str) -> bool:
    """Class/id naming a title block; cached by attribute values (a page repeats a few dozen over hundreds of
    elements, and most elements have neither)."""
    return bool(TITLE_TOKENS.search(f"{classes} {ident}"))


def heading_candidates(root: etree._Element) -> list[tuple[etree._Element, str, int]]:
    """(element, text, rank) for headings and title-classed blocks, in document order; rank 0 is best."""
    out = []
    for el in root.iter():
        tag = el.tag  # a function for comments, never a heading
        if tag in HEADING_TAGS:
            rank = HEADING_TAGS.index(tag)
        elif isinstance(tag, str) and title_classed(el.get("class") or "", el.get("id") or ""):
            rank = 2
        else:
            continue
        full = BREADCRUMB_SEP.split(squash(text_of(el)).strip())[-1]  # "论坛 » 栏目 » 标题"
        first = lines_of(render(el))[:1]  # a heading that also holds its info line after a <br>
        for text in dict.fromkeys([full, *first]):
            text = text.strip(TRAILING_SEPARATORS)
            if MIN_TITLE <= len(text) <= MAX_TITLE:
                out.append((el, text, rank))
    return out


def has_badge(heading: etree._Element, extra: str) -> bool:
    """The heading's text beyond the headline is a short badge standing in an element of its own."""
    return 0 < len(extra) <= MAX_BADGE and any(norm(text_of(el)) == extra for el in heading.iterdescendants())


def find_title(root: etree._Element, page_title: str, meta: dict[str, str]) -> tuple[str, etree._Element | None]:
    """(title, the element it was found in or None)."""
    page_title = squash(page_title).strip()
    core = page_title_core(page_title)
    full = norm(page_title)
    headings = heading_candidates(root)
    best, best_el, best_score = "", None, 0.0
    for el, text, rank in headings:
        t = norm(text)
        if not t:
            continue
        score = 0.0
        if t == norm(core):
            score = 10
        elif len(norm(core)) >= BADGE_MIN_TITLE and norm(core) in t and has_badge(el, t.replace(norm(core), "", 1)):
            text, score = core, 9.5  # the headline with a badge in the heading: <h2><span>原创</span>标题</h2>
        elif t in full:
            score = 6 + 3 * len(t) / max(len(full), 1)
        elif norm(core) and norm(core) in t and len(t) <= len(norm(core)) * 1.6:
            score = 5
        if score:
            score -= rank * 0.5
            if score > best_score:
                best, best_el, best_score = text, el, score
    for name in TITLE_META[:2]:
        value = squash(meta.get(name, "")).split("<", 1)[0].strip()  # some CMSes leak markup into the meta
        if not MIN_TITLE <= len(value) <= MAX_TITLE:
            continue
        # the gov ArticleTitle is authoritative; og:title only fills in when no heading matched <title>
        if name == "articletitle" or not best:
            return value, next((h for h, text, _ in headings if norm(text) == norm(value)), best_el)
    if best:
        return best, best_el
    for el in EXPLICIT_TITLE(root):
        text = squash(text_of(el)).strip(TRAILING_SEPARATORS + " ")
        if MIN_TITLE <= len(text) <= MAX_TITLE:
            return text, el
    if headings and not core:  # no <title>: the one heading of the highest rank present
        top = min(rank for _, _, rank in headings)
        tops = [(el, text) for el, text, rank in headings if rank == top]
        if len(tops) == 1:
            return tops[0][1], tops[0][0]
    h1 = [(el, text) for el, text, rank in headings if rank == 0]
    if len(h1) == 1:
        return h1[0][1], h1[0][0]
    if len(norm(core)) <= SITE_NAME_CHARS:  # the <title> is only the site's name: the one title-classed block
        titled = [
            (el, text)
            for el, text, rank in headings
            if rank == 2
            and NAMED_TITLE.search(f"{el.get('class') or ''} {el.get('id') or ''}")
            and el.find(".//a") is None
            and next(el.iterancestors("a"), None) is None
        ]
        if len(titled) == 1:
            return titled[0][1], titled[0][0]
    return core, None


def title_above_info_line(page_text: str) -> str | None:
    """Plain pages without a heading: the line just above the first info line (date / source) is the title."""
    lines = lines_of(page_text)
    for i, line in enumerate(lines):
        if bylines.is_meta_line(line) or dates.is_dateline(line):
            for prev in reversed(lines[max(0, i - 2) : i]):
                if MIN_PLAIN_TITLE <= len(prev) <= MAX_PLAIN_TITLE and not chrome_lines.is_chrome_line(prev):
                    return prev
            return None
    return None


def title_line(page_text: str, page_title: str, core: str) -> str | None:
    """A heading-less page printing its headline as a line: the longest line that holds the <title>'s headline
    part and is itself part of the <title> ("标题 | 副题" whole, where the <title> split would keep only 标题)."""
    full, head = norm(page_title), norm(core)
    if not full or len(head) < MIN_TITLE:
        return None
    best = None
    for line in lines_of(page_text):
        n = norm(line)
        if head in n and n in full and (best is None or len(n) > len(norm(best))):
            best = line
    return best.strip(TRAILING_SEPARATORS + " ") if best else None
