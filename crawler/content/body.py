"""Choosing the body container and turning it into clean lines.

Precedence: the portal's own ``body`` selector, then a known CMS container (cms.BODY_CONTAINERS), then DOM
scoring. Inside the chosen container, link-heavy blocks (related-article lists, tag clouds, pagers) go.
"""

from __future__ import annotations

from collections import Counter

from lxml import html as lxml_html

from crawler.content.cms import BODY_CONTAINERS, MIN_CONTAINER_CHARS, select_all
from crawler.content.dom_clean import drop_chrome, drop_tree
from crawler.content.render import lines_of, render, tag_of
from crawler.content.scoring import Stats, best_container, gather, siblings_to_join

# Blocks inside the body that are dropped when mostly links.
LINK_BLOCK_TAGS = frozenset({"div", "ul", "ol", "dl", "table", "section", "span", "p", "td", "tr", "li"})
MAX_LINK_DENSITY = 0.5
# A CMS container is trusted if it holds at least this share of the text DOM scoring would pick.
CONTAINER_SHARE = 0.3


def _text_len(el: lxml_html.HtmlElement) -> int:
    return len("".join(el.text_content().split()))


def cms_container(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    for _name, selector in BODY_CONTAINERS:
        found = [el for el in select_all(root, selector) if isinstance(el, lxml_html.HtmlElement)]
        found = [el for el in found if not any(a in found for a in el.iterancestors())]  # outermost only
        if found:
            best = max(found, key=_text_len)
            if _text_len(best) >= MIN_CONTAINER_CHARS:
                return [best]
    return []


def body_nodes(
    root: lxml_html.HtmlElement, body_el: lxml_html.HtmlElement, selector: str | None, flags: Counter[str]
) -> tuple[list[lxml_html.HtmlElement], str]:
    """(container elements in document order, how they were found); chrome is dropped as a side effect."""
    if selector:
        nodes = [el for el in select_all(root, selector) if isinstance(el, lxml_html.HtmlElement)]
        if nodes:
            drop_chrome(root, keep=set(nodes))
            return nodes, "selector"
        flags["site_selector_missed"] += 1
    nodes = cms_container(root)
    drop_chrome(root, keep=set(nodes))
    st = gather(body_el)
    top = best_container(st)
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


def drop_link_blocks(node: lxml_html.HtmlElement, st: Stats) -> None:
    """Remove descendants of ``node`` that are mostly link text (kept: blocks with real punctuated text)."""
    doomed = []
    stack = list(node)
    while stack:
        el = stack.pop()
        total = st.total.get(el, 0)
        if tag_of(el) in LINK_BLOCK_TAGS and total and st.link_density(el) > MAX_LINK_DENSITY:
            if st.punct.get(el, 0) < 3 or total < 200:
                doomed.append(el)
                continue
        stack.extend(el)
    for el in doomed:
        drop_tree(el)


def body_lines(nodes: list[lxml_html.HtmlElement]) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        lines.extend(lines_of(render(node)))
    return lines
