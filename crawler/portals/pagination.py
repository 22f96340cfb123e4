"""The next list page of a column and how many pages it has, from every pager real sites use.

In order: e-paper issues (every other layout page); Hanweb record groups; the link a pager script
writes beside 下一页 (``scriptpager``: TRS ``createPageHTML`` defined in the page, ``countPage`` blocks,
custom pagers); a 下一页 link that calls a function (``javascript:gotoPage(2)``); the CMS pagers read
from their calls (``createPageHTML`` in any argument order, ``var countPage``, node/content
``maxPageNum`` fragments); then plain links: 下一页, the page parameter one higher (``page=N``,
``pageNum``, ``PageNo``), the next numbered sibling (``index_N``, ``list_N``, ``_N``, ``-N``). The page
count comes from the pager's variables, its text (``共 30 页``, ``1/30页``, ``总页数:199``) or its 尾页 link.

One next page (or none) for paged lists, so the spider pages sequentially and can stop as soon as a
list reaches news older than it wants; an e-paper issue gives all its layout pages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree

from crawler import rx
from crawler.portals import founder, hanweb, jsexpr, ncms, scriptpager, trs
from crawler.portals.markup import parsed, scripts
from crawler.portals.records import page_base, visible_text

TRS_PAGER = rx.compile(r"createPageHTML|countPage")


@dataclass
class Pager:
    """What a list page says about its pages: the next ones to visit, the total, and which pager said so."""

    next_pages: list[str] = field(default_factory=list)
    page_count: int | None = None
    kind: str | None = None


def next_text_link(markup: str, url: str) -> str | None:
    """The href of an anchor labelled 下一页 (or an arrow), if it leads somewhere else."""
    root = parsed(markup).root
    base = page_base(root, url)
    for anchor in root.iter("a"):
        label = scriptpager.anchor_label(anchor).strip("[]【】 ")
        href = (anchor.get("href") or "").strip()
        if scriptpager.NEXT_LABEL.match(label) and href and not href.lower().startswith(("javascript:", "#")):
            target = urljoin(base, href)
            if target.split("#")[0] != url:
                return target
    return None


NUMBERED = rx.compile(r"^(?P<stem>[^/]*?)(?P<n>\d+)\.(?P<ext>s?html?|aspx?|jsp|php)$", re.I)


def next_numbered_link(markup: str, url: str) -> str | None:
    """A link to the same column's next numbered page (``index_2.shtml`` after ``index.shtml`` or the
    column root, ``list_3_4.html`` after ``list_3_3.html``, ``5.html`` after ``4.html``): the pager
    whose label we could not read, or that has no label at all."""
    directory, _, filename = url.partition("?")[0].rpartition("/")
    current = NUMBERED.match(filename)
    stem = re.sub(r"\.\w+$", "", filename)
    candidates: dict[int, str] = {}
    for href in parsed(markup).xpath("//a/@href").getall():
        target = urljoin(url, href.strip())
        target_dir, _, target_file = target.partition("?")[0].rpartition("/")
        found = NUMBERED.match(target_file)
        if target_dir != directory or found is None:
            continue
        if current is not None and found["stem"] == current["stem"] and int(found["n"]) == int(current["n"]) + 1:
            return target
        if current is None and (not stem or found["stem"].rstrip("_-").lower() in (stem.lower(), "index", "list")):
            candidates.setdefault(int(found["n"]), target)
    # From an unnumbered first page, the second is _1 (TRS counts from 0) or _2 (most others).
    return candidates.get(1) or candidates.get(2)


# Query parameters that number list pages: Hanweb ``pageNum``, DedeCMS ``PageNo``, PHPCMS ``page``, iList
# ``cur_page``, ASP.NET ``p`` … (matched case-insensitively).
PAGE_PARAMS = frozenset(
    {
        "page",
        "pagenum",
        "pageno",
        "pageindex",
        "currpage",
        "curpage",
        "cur_page",
        "p",
        "pn",
        "pagenow",
        "page_no",
        "pageid",
        "currentpage",
        "start_page",
        "pg",
    }
)


def _page_param(url: str) -> tuple[str, dict[str, str], int | None]:
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query))
    numbers = [int(v) for k, v in params.items() if k.lower() in PAGE_PARAMS and v.isdigit()]
    return parts.path, {k: v for k, v in params.items() if k.lower() not in PAGE_PARAMS}, (numbers or [None])[0]


def next_query_link(markup: str, url: str) -> str | None:
    """A link to the same list with its page parameter one higher (``index.html?uid=1&pageNum=3``)."""
    path, others, current = _page_param(url)
    for href in parsed(markup).xpath("//a/@href").getall():
        target = urljoin(url, href.strip())
        target_path, target_others, number = _page_param(target)
        if target_path == path and target_others == others and number == (current or 1) + 1:
            return target
    return None


COUNT_TEXTS = (
    rx.compile(r"共\s*(\d+)\s*页"),
    rx.compile(r"(?<![\d/])\d+\s*/\s*(\d+)\s*页"),
    rx.compile(r"(?:总页数|总共|页数)\s*[:：]?\s*(\d+)\s*页?"),
    rx.compile(r"页次\s*[:：]?\s*\d+\s*/\s*(\d+)"),
    rx.compile(r"第\s*\d+\s*页\s*/\s*共?\s*(\d+)\s*页"),
)
RECORDS_TEXT = rx.compile(r"共\s*(\d+)\s*条.{0,30}?每页\s*(\d+)\s*条", re.S)


def text_page_count(text: str) -> int | None:
    """The page count a pager's text states: ``共30页``, ``1/30页``, ``总页数:199``, ``页次:1/30``."""
    for pattern in COUNT_TEXTS:
        match = pattern.search(text)
        if match and int(match[1]) >= 1:
            return int(match[1])
    records = RECORDS_TEXT.search(text)
    if records and int(records[2]):
        return math.ceil(int(records[1]) / int(records[2]))
    return None


def _number_in(url: str) -> tuple[str, int] | None:
    numbers = list(re.finditer(r"\d+", url))
    if not numbers:
        return None
    last = numbers[-1]
    return url[: last.start()] + "#" + url[last.end() :], int(last[0])


def _zero_based(url: str) -> bool:
    """Whether a list numbers its later pages from 0 after an unnumbered first page (TRS ``index_1`` is page 2)."""
    return trs.PAGE_FILE.match(url.rsplit("/", 1)[-1] or "index.html") is not None


def count_from_last(next_url: str | None, last_url: str | None, url: str = "") -> int | None:
    """The page count a 尾页 link implies, read against the next page's link (same shape): on the first
    page the next is page 2; on a later page of that shape (``list_10_2.html``) it is the page after it."""
    if not next_url or not last_url:
        return None
    nxt, last, here = _number_in(next_url), _number_in(last_url), _number_in(url)
    if not nxt or not last or nxt[0] != last[0] or last[1] < nxt[1]:
        return None
    if here and here[0] == nxt[0]:
        return here[1] + (1 if _zero_based(url) else 0) + 1 + last[1] - nxt[1]
    return last[1] - nxt[1] + 2


def _last_link(root: etree._Element, base: str) -> str | None:
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if (
            scriptpager.LAST_LABEL.match(scriptpager.anchor_label(anchor).strip("[]【】 "))
            and href
            and not href.startswith(("javascript:", "#"))
        ):
            return urljoin(base, href)
    return None


def _past_end(next_url: str, count: int | None, url: str) -> bool:
    """Whether a rendered next link runs past the last page (a pager script writes 下一页 whatever)."""
    if count is None:
        return False
    found = _number_in(urlsplit(next_url).path + ("?" + urlsplit(next_url).query if urlsplit(next_url).query else ""))
    here = _number_in(urlsplit(url).path)
    if not found:
        return False
    zero_based = here is None or _zero_based(url)
    return found[1] >= count if zero_based and re.search(r"_\d+\.\w+$", next_url) else found[1] > count


def _first(found: list[str]) -> str | None:
    return found[0] if found else None


def find_pager(markup: str, url: str, family: str | None, root: etree._Element | None = None) -> Pager:
    """Everything the page says about its pagination."""
    root = root if root is not None else parsed(markup).root
    base = page_base(root, url)
    if family == "founder":
        issues = founder.issue_pages(markup, url)
        editions = sum(1 for u in issues if founder.same_layout(u, url))
        return Pager(issues, editions + 1 if editions else None, "issue")
    code = scripts(markup)
    tokens = jsexpr.tokenize(code)
    env = scriptpager.page_env(tokens)
    count = (
        scriptpager.page_count(env)
        or trs.page_count(markup)
        or text_page_count(visible_text(root))
        or scriptpager.plugin_page_count(code)
    )
    fragments = ncms.pager(markup, url)
    if fragments:  # numbered backwards: no other reading of its links is right
        following, total = fragments
        return Pager([following] if following else [], total, "ncms")
    steps: tuple[tuple[str, Callable[[], str | None]], ...] = (
        ("hanweb", lambda: hanweb.next_page(markup, url) if family == "hanweb" or hanweb.records(markup) else None),
        ("script", lambda: _first(scriptpager.written_links(tokens, env, scriptpager.NEXT_LABEL))),
        ("javascript", lambda: _first(scriptpager.javascript_links(root, tokens, env, scriptpager.NEXT_LABEL))),
        ("trs", lambda: trs.next_page(markup, url) if family == "trs" or TRS_PAGER.search(markup) else None),
        ("next_link", lambda: next_text_link(markup, url)),
        ("query", lambda: next_query_link(markup, url)),
        ("numbered", lambda: next_numbered_link(markup, url)),
    )
    for kind, step in steps:
        found = step()
        if not found:
            continue
        target = urljoin(base, found)
        if kind in ("script", "javascript") and _past_end(target, count, url):
            return Pager([], count, kind)
        if target.split("#")[0] == url:
            continue
        last = _last_link(root, base) or _first(scriptpager.written_links(tokens, env, scriptpager.LAST_LABEL))
        count = count or count_from_last(target, urljoin(base, last) if last else None, url)
        return Pager([target], count, kind)
    return Pager([], count, "count" if count else None)
