"""Decode a saved page and render the text a reader sees, line by line, for labelling and label checks.

Deliberately independent of the project's extractor: a label checked with the code it measures checks nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "iframe",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "option",
    "select",
    "textarea",
}
SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "object"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding): BOM, then strict UTF-8, then the declared charset, then GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = CHARSET.search(raw[:4096])
    enc = m.group(1).decode("ascii").lower() if m else "gb18030"
    if enc in {"gb2312", "gbk", "gb_2312-80", "x-gbk"}:
        enc = "gb18030"
    try:
        return raw.decode(enc, "replace"), enc
    except LookupError:
        return raw.decode("gb18030", "replace"), "gb18030"


def parse(path: Path) -> tuple[html.HtmlElement, str]:
    text, enc = decode(path.read_bytes())
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    # A browser ignores a stray </body> or </html> and renders what follows; libxml2 drops it.
    text = re.sub(r"</(?:body|html)\s*>", "", text, flags=re.I)
    return html.document_fromstring(text or "<html></html>"), enc


def is_hidden(el: etree._Element) -> bool:
    style = el.get("style") or ""
    cls = el.get("class") or ""
    return bool(HIDDEN_STYLE.search(style)) or el.get("hidden") is not None or "ng-hide" in cls.split()


def label_of(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else "?"
    out = tag
    if el.get("id"):
        out += "#" + el.get("id")
    if el.get("class"):
        out += "." + ".".join(el.get("class").split()[:2])
    return out


@dataclass
class Line:
    text: str
    where: str
    hidden: bool


def lines(root: html.HtmlElement) -> list[Line]:
    """Visible text, one line per block; hidden blocks are kept but flagged."""
    out: list[Line] = []
    buf: list[str] = []
    state = {"where": "", "hidden": False}

    def flush() -> None:
        t = re.sub(r"[ \t\r\n\u3000\xa0]+", " ", "".join(buf)).strip()
        if t:
            out.append(Line(t, state["where"], state["hidden"]))
        buf.clear()

    def walk(el: etree._Element, where: str, hidden: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None or tag.lower() in SKIP:
            if el.tail:
                buf.append(el.tail)
            return
        tag = tag.lower()
        hidden = hidden or is_hidden(el)
        block = tag in BLOCK
        if block:
            flush()
            where = where.rsplit(">", 1)[-1] + ">" + label_of(el) if where else label_of(el)
            state["where"], state["hidden"] = where, hidden
        if tag == "img" and el.get("alt"):
            buf.append(f"[img alt={el.get('alt')}]")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child, where, hidden)
            if block:
                state["where"], state["hidden"] = where, hidden
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root, "", False)
    return out


def norm(s: str) -> str:
    """Comparison form: NFKC, no whitespace (labels and page text are compared in this form)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))
