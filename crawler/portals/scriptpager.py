"""Pagers that scripts write: the link a pager script would write beside "下一页", without running it.

Three shapes cover what real sites do:

- a script (often a TRS template function such as ``createPageHTML(_nPageCount, _nCurrIndex, _sPageName,
  _sPageExt)`` defined in the page and called with literal arguments, or a ``var currentPage = 0; var
  countPage = 67`` block) writes ``<a href="…">下一页</a>`` by concatenation;
- a visible "下一页" link calls a function, ``href="javascript:gotoPage('2')"`` or ``onclick=…``, whose body
  assigns ``window.location`` (or opens) a URL built from its argument;
- the page count sits in a variable (``countPage``, ``totalPage``, ``maxPageNum`` …).

Each concatenation is rendered with the values the page gives (``jsexpr``); a part nobody can know
leaves a hole, and a link with a hole is not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from crawler import rx
from crawler.portals import jsexpr
from crawler.portals.jsexpr import Function, Token, Unknown

HOLE = "\x00"
# Labels of a next-page link (an e-paper's next layout page is its 下一版).
NEXT_LABEL = rx.compile(r"^(?:下一页|下页|后一页|下一頁|下一版面?|next(?:\s*page)?|›|»|>|>>|＞)\s*[>›»]?$", re.I)
LAST_LABEL = rx.compile(r"^(?:尾页|末页|最后一页|最末页|last(?:\s*page)?)$", re.I)
# Words a script literal must hold to be part of a link so labelled.
LABEL_WORDS = {
    NEXT_LABEL: rx.compile(r"下一页|下页|后一页|下一頁|下一版|next", re.I),
    LAST_LABEL: rx.compile(r"尾页|末页|最后一页|最末页|last", re.I),
}
LINK = rx.compile(r"<a\b([^>]*?)>(.*?)</a\s*>", re.I | re.S)
HREF = rx.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
TAGS = rx.compile(r"<[^>]*>")
# Names pager scripts give the page count (case-insensitive, exact).
COUNT_NAMES = frozenset(
    {
        "countpage",
        "pagecount",
        "page_count",
        "totalpage",
        "totalpages",
        "total_page",
        "pagetotal",
        "maxpage",
        "maxpagenum",
        "allpage",
        "pagesum",
        "pages",
        "npagecount",
        "_npagecount",
        "totalpagenum",
        "pagenums",
    }
)
LOCATION_TARGETS = (
    "location",
    "location.href",
    "window.location",
    "window.location.href",
    "self.location",
    "document.location",
    "top.location",
    "document.location.href",
    "self.location.href",
)


def label(text: str) -> str:
    return " ".join(TAGS.sub(" ", text).replace("&nbsp;", " ").replace("\u00a0", " ").split())


def anchor_label(anchor: etree._Element) -> str:
    """A pager link's label: its text, else its title, else its button image's alt text."""
    alts = (img.get("alt") or "" for img in anchor.iter("img"))
    for text in ("".join(anchor.itertext()), anchor.get("title") or "", *alts):
        if text.split():
            return " ".join(text.split())
    return ""


def render(tokens: list[Token], env: dict[str, Any]) -> str:
    """A ``+`` chain rendered left to right; each part that cannot be known becomes a hole."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for t in tokens:
        if t.kind == "punct" and t.text in "([{":
            depth += 1
        elif t.kind == "punct" and t.text in ")]}":
            depth -= 1
        if depth == 0 and t.text == "+" and parts[-1]:
            parts.append([])
            continue
        parts[-1].append(t)
    value: Any = ""
    for i, part in enumerate(parts):
        try:
            piece = jsexpr.evaluate(part, env)
        except (Unknown, TypeError, ArithmeticError, RecursionError):
            piece = HOLE
        value = piece if i == 0 else jsexpr._add(value, piece)
    return jsexpr._text(value)


def _links(written: str, pattern: re.Pattern[str]) -> Iterator[str]:
    for match in LINK.finditer(written):
        attrs, text = match[1], match[2]
        href = HREF.search(attrs)
        if href and pattern.match(label(text)):
            value = next(g for g in href.groups() if g is not None)
            if value and HOLE not in value and not value.lower().startswith("javascript"):
                yield value.strip()


def _envs(tokens: list[Token], start: int, funcs: list[Function], page_env: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The environments a string at ``start`` is written in: inside a function, once per literal call of
    it (its parameters bound, its own assignments run); at top level, the page's."""
    for func in funcs:
        body_start = _index_of(tokens, func.body)
        if body_start is not None and body_start <= start < body_start + len(func.body):
            for args in jsexpr.calls(tokens, func.name, page_env):
                bound = {**page_env, **dict(zip(func.params, args, strict=False))}
                yield jsexpr.run_assignments(func.body[: start - body_start], bound)
            return
    yield jsexpr.run_assignments(tokens[:start], page_env, first_wins=True)


def _index_of(tokens: list[Token], body: list[Token]) -> int | None:
    if not body:
        return None
    first = body[0]
    for i, t in enumerate(tokens):
        if t is first:
            return i
    return None


def written_links(tokens: list[Token], page_env: dict[str, Any], pattern: re.Pattern[str]) -> list[str]:
    """Hrefs of the links labelled ``pattern`` that the scripts write, most frequent first."""
    funcs = list(jsexpr.functions(tokens))
    found: dict[str, int] = {}
    words = LABEL_WORDS[pattern]
    for i, t in enumerate(tokens):
        if t.kind != "str" or not words.search(t.text):
            continue
        start, end = jsexpr.concatenation(tokens, i)
        for env in _envs(tokens, start, funcs, page_env):
            for href in _links(render(tokens[start:end], env), pattern):
                found[href] = found.get(href, 0) + 1
    return sorted(found, key=lambda h: -found[h])


def page_env(tokens: list[Token]) -> dict[str, Any]:
    """The values the page's scripts give their variables as the page loads (first assignment wins)."""
    return jsexpr.run_assignments(tokens, {}, first_wins=True)


# A pager plugin's settings (``$("#page").paging({totalPage: 16})``, ``laypage.render({count: 235, limit: 15})``).
OPTION_COUNT = rx.compile(r"\b(?:totalPages?|pageCount|pageTotal|allPages?|totalPageNum|pages)\s*:\s*[\"']?(\d+)")
OPTION_ROWS = rx.compile(r"\b(?:count|total|totalSize|totalCount|totalRecord)\s*:\s*[\"']?(\d+)")
OPTION_PER_PAGE = rx.compile(r"\b(?:limit|pageSize|perPage|size)\s*:\s*[\"']?(\d+)")


def page_count(env: dict[str, Any]) -> int | None:
    """The page count a pager script keeps in a variable (``var countPage = 67``)."""
    for name, value in env.items():
        if name.lower() in COUNT_NAMES and isinstance(value, int | float | str):
            try:
                count = int(value)
            except ValueError:
                continue
            if count >= 1:
                return count
    return None


def plugin_page_count(code: str) -> int | None:
    """The page count a pager plugin is given (its page total, or its rows over rows per page)."""
    option = OPTION_COUNT.search(code)
    if option and int(option[1]) >= 1:
        return int(option[1])
    rows, per_page = OPTION_ROWS.search(code), OPTION_PER_PAGE.search(code)
    if rows and per_page and int(per_page[1]) and abs(rows.start() - per_page.start()) < 200:
        return -(-int(rows[1]) // int(per_page[1]))
    return None


def _call(code: str) -> tuple[str, str] | None:
    match = re.search(r"([A-Za-z_$][\w$.]*)\s*\((.*)\)", code, re.S)
    return (match[1].rsplit(".", 1)[-1], match[2]) if match else None


def javascript_links(
    root: etree._Element, tokens: list[Token], env: dict[str, Any], pattern: re.Pattern[str]
) -> list[str]:
    """URLs that links labelled ``pattern`` reach through a function call (``javascript:go('2')``,
    ``onclick="go(2)"``): the function's location assignment with its parameter bound."""
    funcs = {f.name: f for f in jsexpr.functions(tokens)}
    found: list[str] = []
    for anchor in root.iter("a"):
        if not pattern.match(anchor_label(anchor).strip("[]【】 ")):
            continue
        code = anchor.get("onclick") or ""
        href = (anchor.get("href") or "").strip()
        if href.lower().startswith("javascript:"):
            code = href[len("javascript:") :]
        call = _call(code)
        if not call or call[0] not in funcs:
            continue
        func = funcs[call[0]]
        arg_tokens = jsexpr.tokenize(f"({call[1]})")
        args = jsexpr.call_arguments(arg_tokens, 0, env)
        if args is None:
            continue
        bound = {**env, **dict(zip(func.params, args, strict=False))}
        for url in _location_values(func, bound):
            if url not in found:
                found.append(url)
    return found


def _location_values(func: Function, env: dict[str, Any]) -> list[str]:
    """What the function sends the browser to, preferring assignments that use its parameters."""
    body = func.body
    values: list[tuple[bool, str]] = []
    for i, t in enumerate(body):
        target = None
        if t.kind == "name" and i + 1 < len(body):
            j = i
            path = [t.text]
            while j + 2 < len(body) and body[j + 1].text == "." and body[j + 2].kind == "name":
                path.append(body[j + 2].text)
                j += 2
            name = ".".join(path)
            if (name in LOCATION_TARGETS and j + 1 < len(body) and body[j + 1].text == "=") or (
                name
                in (
                    "window.open",
                    "open",
                    "location.assign",
                    "location.replace",
                    "window.location.assign",
                    "window.location.replace",
                )
                and j + 1 < len(body)
                and body[j + 1].text == "("
            ):
                target = j + 2
            if i and body[i - 1].text == ".":
                target = None
        if target is None:
            continue
        end = jsexpr.expression_end(body, target)
        part = body[target:end]
        env_here = jsexpr.run_assignments(body[:i], env)
        value = render(part, env_here)
        if value and HOLE not in value:
            uses_param = any(p.kind == "name" and p.text in func.params for p in part)
            values.append((uses_param, value))
    return [v for _, v in sorted(values, key=lambda pair: not pair[0])]
