"""The entries of a list page (link, title, the date the row shows), wherever the page keeps them.

Every place a page keeps rows is read the same way: the visible markup; markup hidden in comments, XML
islands, script strings and text containers (``embedded.py``), each parsed like a page; and row objects
in script data or in a JSON API answer. Each source offers its best group of repeated records
(``records.py``); the best-scoring group is the list. A registry ``selectors.list`` confines the search
to that block. When no group stands out (a column holding a single entry), links with a known CMS
article shape are the entries, as before structure was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector

from crawler.portals import embedded
from crawler.portals.links import article_family, url_date
from crawler.portals.records import Group, Record, find_groups, link_title, make_record, page_base, same_site

# Rows found where the reader does not see them (comments, scripts) compete at a small discount: when a
# visible list and a hidden one are equally good, the visible one is the page's list today.
HIDDEN_DISCOUNT = 0.9


@dataclass(frozen=True)
class ListEntry:
    url: str
    title: str
    date: date | None


@dataclass
class Entries:
    """What the reader found: the entries, where (``source``) and the CSS path of their rows."""

    entries: list[ListEntry]
    source: str | None = None
    selector: str | None = None


def _entry(record: Record) -> ListEntry:
    return ListEntry(url=record.url, title=record.title, date=record.date)


def _fragment_root(fragments: Iterable[str]) -> etree._Element | None:
    joined = "".join(f"<div class='embedded-fragment'>{f}</div>" for f in fragments)
    return Selector(text=f"<html><body>{joined}</body></html>").root if joined else None


def _data_group(rows: list[embedded.DataRow], url: str, base: str) -> Group | None:
    """Row objects as a group of records, scored like markup rows."""
    html = "".join(
        f"<li><a href='{_attr(r.url)}' title='{_attr(r.title)}'>{_text(r.title)}</a>"
        f"<span>{_text(r.date_text)}</span></li>"
        for r in rows
    )
    root = _fragment_root([f"<ul>{html}</ul>"])
    if root is None:
        return None
    groups = find_groups(root, url, base)
    return groups[0] if groups else None


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _best(candidates: list[tuple[str, Group]]) -> tuple[str, Group] | None:
    return max(candidates, key=lambda c: c[1].score) if candidates else None


def _hidden_groups(markup: str, root: etree._Element, url: str, base: str) -> list[tuple[str, Group]]:
    found: list[tuple[str, Group]] = []
    sources = {
        "xml": list(embedded.xml_fragments(markup)),
        "comment": list(embedded.comment_fragments(root)),
        "script": list(embedded.script_fragments(markup)),
        "text": list(embedded.text_fragments(root)),
    }
    for source, fragments in sources.items():
        fragment_root = _fragment_root(fragments)
        if fragment_root is None:
            continue
        groups = find_groups(fragment_root, url, base)
        if groups:
            groups[0].score *= HIDDEN_DISCOUNT
            found.append((source, groups[0]))
    for item in embedded.script_data(markup):
        if isinstance(item, list):
            group = _data_group(item, url, base)
            if group:
                group.score *= HIDDEN_DISCOUNT
                found.append(("data", group))
    return found


def data_entries(document: object, url: str) -> Entries:
    """Entries of a JSON list API answer: its row objects, or the markup it carries."""
    candidates: list[tuple[str, Group]] = []
    fragments: list[str] = []
    for item in embedded.walk_data(document):
        if isinstance(item, list):
            group = _data_group(item, url, url)
            if group:
                candidates.append(("api", group))
        else:
            fragments.append(item)
    root = _fragment_root(fragments)
    if root is not None:
        groups = find_groups(root, url, url)
        if groups:
            candidates.append(("api", groups[0]))
    best = _best(candidates)
    if best is None:
        return Entries([])
    source, group = best
    return Entries([_entry(r) for r in group.records], source, group.selector)


def _shaped_links(
    scopes: Iterable[etree._Element], url: str, base: str, extra: tuple[re.Pattern[str], ...]
) -> list[ListEntry]:
    """Links with a known article shape, once each, in page order (the reader's last resort)."""
    entries: dict[str, ListEntry] = {}
    for scope in scopes:
        anchors = [scope] if scope.tag == "a" else scope.iter("a")
        for anchor in anchors:
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("javascript:", "mailto:", "#")):
                continue
            link = urljoin(base, href.replace("&amp;", "&"))
            if link in entries or not article_family(link, extra):
                continue
            record = make_record(anchor.getparent() if _single_link_row(anchor) else anchor, None, base)
            title = record.title if record else link_title(anchor)[0]
            when = record.date if record else None
            entries[link] = ListEntry(url=link, title=title, date=when or url_date(link))
    return list(entries.values())


def _single_link_row(anchor: etree._Element) -> bool:
    parent = anchor.getparent()
    return parent is not None and len({a.get("href") for a in parent.iter("a")}) == 1


def find_entries(
    markup: str,
    root: etree._Element,
    url: str,
    area: str | None = None,
    article_urls: Iterable[re.Pattern[str]] = (),
) -> Entries:
    """The entries of a parsed list page, from the best group of records of any source.

    ``area`` (a registry CSS selector) limits the search to the list block; ``article_urls`` are the
    portal's own article URL patterns, which count like a CMS article shape."""
    extra = tuple(article_urls)
    base = page_base(root, url)
    scopes = Selector(root=root).css(area) if area else []
    if area:
        entries = _shaped_links([s.root for s in scopes], url, base, extra)
        if entries:
            return Entries(entries, "area", area)
        candidates = [("area", g) for s in scopes for g in find_groups(s.root, url, base, extra)[:1]]
    else:
        candidates = [("dom", g) for g in find_groups(root, url, base, extra)[:1]]
        candidates += _hidden_groups(markup, root, url, base)
    best = _best(candidates)
    if best is not None:
        source, group = best
        return Entries([_entry(r) for r in group.records], source, group.selector)
    shaped = _shaped_links([root], url, base, extra)
    shaped = [e for e in shaped if same_site(e.url, url)]
    return Entries(shaped, "url_shapes" if shaped else None)
