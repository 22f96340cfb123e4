"""Where a page keeps list rows that an HTML parser does not see as markup.

- HTML comments: a TRS column whose static list is commented out while a script renders the page.
- XML islands: Hanweb ``<script type="text/xml"><datastore>`` with one CDATA ``<record>`` per row, and the
  ``dataproxy.jsp`` answers that continue them.
- Script strings: rows written with ``document.write('<li><a …>')`` or built up in a string variable.
- Text containers: ``<textarea>``, ``<noscript>``, ``<template>`` holding escaped markup.
- Data: JS arrays and JSON blobs of row objects (``[{title:…, url:…, date:…}]``), and JSON list API answers
  (TRS JSON lists, ``{"data": {"html": "<ul>…"}}`` page-building APIs, search APIs).

``fragments`` gives markup to parse like the page; ``data_rows`` gives row objects found in data. The
field names of row objects are data (``URL_KEYS`` …), matched case-insensitively.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from crawler import rx
from crawler.portals.jsvalues import JsExpr, JsName, parse_value, string_literals
from crawler.portals.markup import SCRIPT

HAS_LINK = rx.compile(r"<a\s[^>]*href\s*=", re.I)
CDATA = rx.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
XML_SCRIPT = rx.compile(r"<script[^>]*type\s*=\s*[\"']?text/xml[^>]*>(.*?)</script>", re.I | re.S)
DATASTORE = rx.compile(r"<datastore\b.*?</datastore>", re.I | re.S)
ROW_LISTS = rx.compile(r"\[\s*\{")

# Field names of row objects in page data and list APIs (lower case). First match wins.
URL_KEYS = (
    "url",
    "href",
    "link",
    "linkurl",
    "link_url",
    "docpuburl",
    "docurl",
    "puburl",
    "pub_url",
    "art_url",
    "arturl",
    "detailurl",
    "detail_url",
    "infourl",
    "contenturl",
    "au",
    "htmlurl",
    "fileurl",
    "path",
)
TITLE_KEYS = (
    "title",
    "doctitle",
    "filename",
    "name",
    "infotitle",
    "subject",
    "at",
    "fulltitle",
    "maintitle",
    "showtitle",
    "titlename",
    "docname",
    "text",
)
DATE_KEYS = (
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish_time",
    "docreltime",
    "releasetime",
    "release_time",
    "date",
    "time",
    "pubtime",
    "pub_time",
    "createtime",
    "create_time",
    "inputtime",
    "writetime",
    "created",
    "infodate",
    "apd",
    "docpubtime",
    "scrq",
    "fbrq",
    "fbsj",
)
# An object with fewer of these than this is not a row list (a config, a menu of two items).
MIN_ROWS = 2


@dataclass(frozen=True)
class DataRow:
    """One row object of page data or an API answer."""

    url: str
    title: str
    date_text: str


def comment_fragments(root: etree._Element) -> Iterator[str]:
    """Commented-out markup holding links."""
    for comment in root.iter(etree.Comment):
        text = comment.text or ""
        if HAS_LINK.search(text):
            yield text


def xml_fragments(markup: str) -> Iterator[str]:
    """The CDATA rows of XML islands (``<script type="text/xml">``) and of ``<datastore>`` documents."""
    islands = [m[1] for m in XML_SCRIPT.finditer(markup)] or [m[0] for m in DATASTORE.finditer(markup)]
    for island in islands:
        for match in CDATA.finditer(island):
            if HAS_LINK.search(match[1]):
                yield match[1]


def script_fragments(markup: str) -> Iterator[str]:
    """Markup that scripts write: the string literals of one script joined in order (a row is often
    split across several literals around variables), when they hold links."""
    for match in SCRIPT.finditer(markup):
        attrs, body = match[1], match[2]
        if re.search(r"type\s*=\s*[\"']?text/(?:xml|template|html)", attrs, re.I) or not HAS_LINK.search(body):
            continue
        joined = "".join(string_literals(body))
        if HAS_LINK.search(joined):
            yield joined


def text_fragments(root: etree._Element) -> Iterator[str]:
    """Escaped markup kept as text in ``<textarea>``, ``<noscript>`` or ``<template>``."""
    for tag in ("textarea", "noscript", "template"):
        for node in root.iter(tag):
            text = "".join(node.itertext())
            if HAS_LINK.search(text):
                yield text


def _field(obj: dict[str, Any], keys: tuple[str, ...]) -> str:
    lowered = {k.lower(): v for k, v in obj.items() if isinstance(v, str | int) and not isinstance(v, JsExpr | JsName)}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"(?:https?:)?//|/|\.{1,2}/|[\w-]+(?:/[\w.-]+)*\.(?:s?html?|aspx?|jsp|php)\b", value)) and (
        " " not in value.strip()
    )


def rows_of(objects: list[Any]) -> list[DataRow]:
    """Row objects of a list: each with a URL-like field and a title."""
    rows = []
    for obj in objects:
        if not isinstance(obj, dict):
            continue
        url = _field(obj, URL_KEYS)
        title = _field(obj, TITLE_KEYS)
        if url and title and _looks_like_url(url):
            rows.append(DataRow(url=url, title=" ".join(title.split()), date_text=_field(obj, DATE_KEYS)))
    return rows


def walk_data(value: Any, depth: int = 0) -> Iterator[list[DataRow] | str]:
    """Row lists and markup strings anywhere in a JSON-like value (an API answer, a script literal).

    A list of objects is rows when most objects have a URL and a title (search APIs nest each row's
    fields one level down, ``{"data": {"title": …, "url": …}}``); a string holding links is markup."""
    if depth > 12:
        return
    if isinstance(value, str) and not isinstance(value, JsName | JsExpr):
        if HAS_LINK.search(value):
            yield value
        return
    if isinstance(value, dict):
        for child in value.values():
            yield from walk_data(child, depth + 1)
        return
    if isinstance(value, list) and value:
        objects = [v for v in value if isinstance(v, dict)]
        rows = rows_of(objects)
        if len(rows) < max(1, len(objects) // 2):
            # rows may sit one level down in each object
            inner = [next((c for c in o.values() if isinstance(c, dict)), None) for o in objects]
            nested = rows_of([i for i in inner if i is not None])
            rows = nested if len(nested) > len(rows) else rows
        if rows and len(rows) >= max(1, len(objects) // 2):
            yield rows
            return
        for child in value:
            yield from walk_data(child, depth + 1)


def script_data(markup: str) -> Iterator[list[DataRow] | str]:
    """Row lists in script literals: every array of objects (``var list = [{…}, …]``) and JSON script."""
    for match in SCRIPT.finditer(markup):
        body = match[2]
        if re.search(r"type\s*=\s*[\"']?application/(?:ld\+)?json", match[1], re.I):
            document = json_document(body)
            if document is not None:
                yield from walk_data(document)
            continue
        pos = 0
        while True:
            found = ROW_LISTS.search(body, pos)
            if not found:
                break
            parsed = parse_value(body, found.start())
            if parsed is None:
                pos = found.end()
                continue
            value, pos = parsed
            for rows in walk_data(value):
                if isinstance(rows, list) and len(rows) >= MIN_ROWS:
                    yield rows


def json_document(text: str) -> Any:
    """A response body that is JSON (or JSONP: ``callback({...})``), parsed; None otherwise."""
    stripped = text.strip().lstrip("\ufeff")
    if not stripped or (stripped[0] not in "[{" and not re.match(r"[\w$.]+\s*\(", stripped)):
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        pass
    jsonp = re.match(r"[\w$.]+\s*\((.*)\)\s*;?\s*$", stripped, re.S)
    if jsonp:
        try:
            return json.loads(jsonp[1])
        except ValueError:
            return None
    found = parse_value(stripped)
    return found[0] if found else None
