"""TRS WCM (拓尔思): ``/<column>/YYYYMM/tYYYYMMDD_N.html`` articles, ``index_N.html`` lists, JS paging.

List pages are numbered from 0: ``index.html`` then ``index_1.html`` …; the pager is written by
``createPageHTML(pageCount, currentIndex, "index", "html")`` (newer templates add a container id first
and a record count last: ``createPageHTML("page_div", 5, 0, "index", "shtml", 89)``) or by
``var countPage = N`` scripts. When the page defines the pager function itself, ``scriptpager`` renders
its link exactly; the readings here are for pages that load the function from a shared script.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from crawler import rx
from crawler.portals import jsexpr
from crawler.portals.family import Family, patterns

FAMILY = Family(
    name="trs",
    article_urls=patterns(
        r"/\d{6}/t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+(?:_\d+)?\.s?html?$",
        r"/t\d{5,8}\.s?html?$",  # WCM5 naming (t3714581.htm)
        r"/c\d+/\d{6}/\d{6,}\.s?html?$",  # provincial platforms: /c1234567/202301/123456789.shtml
    ),
    list_urls=patterns(r"/(?:index|list|[a-z_]+?)(?:_\d+)?\.s?html?$", r"/[a-z0-9_]+/$"),
    markers=patterns(r"createPageHTML\s*\(", r"TRS_(?:Editor|UEDITOR)", r"CurrChnlCls", r"var\s+countPage\s*="),
)

CALL = rx.compile(r"(?<![\w.])createPageHTML\s*\(")
COUNT_PAGE = rx.compile(r"var\s+countPage\s*=\s*(\d+)")
CURRENT_PAGE = rx.compile(r"var\s+currentPage\s*=\s*(\d+)")
PAGE_FILE = rx.compile(r"^(?P<name>[A-Za-z_]+?)(?:_(?P<n>\d+))?\.(?P<ext>s?html?)$")
EXTENSIONS = rx.compile(r"^(?:s?html?|jsp|aspx?|php)$", re.I)
SCRIPT_EXT = rx.compile(r"""["']\.?(s?html?)["']|_["']?\s*\+\s*\w+\s*\+\s*["']\.(s?html?)["']""")


def page_url(base: str, name: str, ext: str, index: int) -> str:
    return urljoin(base, f"{name}.{ext}" if index == 0 else f"{name}_{index}.{ext}")


def create_page_calls(html: str) -> list[tuple[int, int, str, str]]:
    """Every list pager call as (page count, current index from 0, page name, extension), whatever the
    argument order: the extension is the string that is one, the name the string before it, the count
    and the index the first two numbers (the count being the larger)."""
    found = []
    for match in CALL.finditer(html):
        if re.search(r"function\s*$", html[max(0, match.start() - 12) : match.start()]):
            continue  # the definition, not a call
        tokens = jsexpr.tokenize(html[match.end() - 1 : match.end() + 400])
        values = jsexpr.call_arguments(tokens, 0, {}, partial=True) or []
        strings = [(i, v) for i, v in enumerate(values) if isinstance(v, str) and not v.isdigit()]
        numbers = [int(v) for v in values if isinstance(v, int) or (isinstance(v, str) and v.isdigit())]
        ext = next(((i, v) for i, v in strings if EXTENSIONS.match(v)), None)
        if ext is None or len(numbers) < 2:
            continue
        name = next((v for i, v in strings if i == ext[0] - 1), "index")
        if name.startswith("t") and name[1:2].isdigit():
            continue  # article pages call it with their own doc name (multi-page articles)
        count, current = numbers[0], numbers[1]
        if current >= count and numbers[1] > numbers[0]:
            count, current = current, count
        found.append((count, current, name, ext[1]))
    return found


def next_page(html: str, url: str) -> str | None:
    """The list page after this one, from the JS pager; None on the last page or without a pager."""
    calls = create_page_calls(html)
    if calls:
        count, current, name, ext = calls[0]
        return page_url(url, name, ext, current + 1) if current + 1 < count else None
    count_match = COUNT_PAGE.search(html)
    if count_match:
        filename = urlsplit(url).path.rsplit("/", 1)[-1]
        file_match = PAGE_FILE.match(filename)
        script_ext = SCRIPT_EXT.search(html, count_match.start())
        ext = (
            file_match["ext"]
            if file_match
            else next((g for g in script_ext.groups() if g), "html")
            if script_ext
            else "html"
        )
        name = file_match["name"] if file_match else "index"
        current_match = CURRENT_PAGE.search(html)
        current = int(current_match[1]) if current_match else int((file_match and file_match["n"]) or 0)
        count = int(count_match[1])
        return page_url(url, name, ext, current + 1) if current + 1 < count else None
    return None


def page_count(html: str) -> int | None:
    calls = create_page_calls(html)
    if calls:
        return calls[0][0]
    count_match = COUNT_PAGE.search(html)
    return int(count_match[1]) if count_match else None
