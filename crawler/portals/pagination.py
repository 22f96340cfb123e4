"""The next list page of a column: each CMS family's own pager first, then a 下一页 link.

Returns one URL (or None) so the spider pages sequentially and can stop as soon as a list reaches news
older than it wants.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from crawler.portals import founder, hanweb, trs
from crawler.portals.markup import parsed

NEXT_TEXTS = ("下一页", "下页", "后一页", "下一頁", "Next", "next", "›", ">", "»")


def next_text_link(markup: str, url: str) -> str | None:
    """The href of an anchor labelled 下一页 (or an arrow), if it leads somewhere else."""
    for anchor in parsed(markup).xpath("//a[@href]"):
        label = "".join(anchor.xpath(".//text()").getall()).strip()
        href = (anchor.attrib.get("href") or "").strip()
        if label in NEXT_TEXTS and href and not href.startswith(("javascript:", "#")):
            target = urljoin(url, href)
            if target != url:
                return target
    return None


NUMBERED = re.compile(r"^(?P<stem>[^/]*?)(?P<n>\d+)\.(?P<ext>s?html?)$")


def next_numbered_link(markup: str, url: str) -> str | None:
    """A link to the same column's next numbered page (``index_2.shtml`` after ``index.shtml`` or the
    column root, ``list_3_4.html`` after ``list_3_3.html``, ``5.html`` after ``4.html``): the pager
    whose label we could not read, or that has no label at all."""
    directory, _, filename = url.partition("?")[0].rpartition("/")
    current = NUMBERED.match(filename)
    candidates: dict[int, str] = {}
    for href in parsed(markup).xpath("//a/@href").getall():
        target = urljoin(url, href.strip())
        target_dir, _, target_file = target.partition("?")[0].rpartition("/")
        found = NUMBERED.match(target_file)
        if target_dir != directory or found is None:
            continue
        if current is not None and found["stem"] == current["stem"] and int(found["n"]) == int(current["n"]) + 1:
            return target
        if current is None:
            candidates.setdefault(int(found["n"]), target)
    # From an unnumbered first page, the second is _1 (TRS counts from 0) or _2 (most others).
    return candidates.get(1) or candidates.get(2)


# Query parameters that number list pages: Hanweb ``pageNum``, DedeCMS ``PageNo``, PHPCMS ``page``, iList
# ``cur_page``, ASP.NET ``p`` … (matched case-insensitively).
PAGE_PARAMS = frozenset({"page", "pagenum", "pageno", "pageindex", "currpage", "curpage", "cur_page", "p", "pn"})


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


def next_pages(markup: str, url: str, family: str | None) -> list[str]:
    """The list pages to visit after this one (Founder issues: every other layout page)."""
    if family == "founder":
        return founder.issue_pages(markup, url)
    found = None
    if family == "hanweb" or hanweb.records(markup):
        found = hanweb.next_page(markup, url)
    elif family == "trs" or "createPageHTML" in markup:
        found = trs.next_page(markup, url)
    found = found or next_text_link(markup, url) or next_query_link(markup, url) or next_numbered_link(markup, url)
    return [found] if found else []
