"""DOM -> plain text with block-level line breaks, iteratively (a 10k-deep tree must not hit RecursionError)."""

from __future__ import annotations

import re

from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul caption".split()
)
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff]+")


def squash(text: str | None) -> str:
    """HTML whitespace semantics: any run of spaces (incl. &nbsp; and full-width spaces) is one space."""
    return _WS.sub(" ", text) if text else ""


def tag_of(el: lxml_html.HtmlElement) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def render(root: lxml_html.HtmlElement, offsets: dict | None = None) -> str:
    """Text of ``root``: one line per block / <br>. With ``offsets``, records element -> (start, end) in the output.

    The output is raw (lines may be blank or padded); callers normalise lines with ``lines_of``.
    """
    parts: list[str] = []
    size = 0
    stack: list[tuple[lxml_html.HtmlElement, bool]] = [(root, False)]
    while stack:
        el, leaving = stack.pop()
        tag = tag_of(el)
        if leaving:
            if tag in BLOCK_TAGS:
                parts.append("\n")
                size += 1
            if offsets is not None:
                offsets[el] = (offsets[el][0], size)
            if el is not root and el.tail:
                piece = squash(el.tail)
                parts.append(piece)
                size += len(piece)
            continue
        if offsets is not None:
            offsets[el] = (size, size)
        if tag in BLOCK_TAGS or tag == "br":
            parts.append("\n")
            size += 1
        if el.text and tag:
            piece = squash(el.text)
            parts.append(piece)
            size += len(piece)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return "".join(parts)


def lines_of(text: str) -> list[str]:
    """Non-empty, stripped lines."""
    return [s for s in (line.strip() for line in text.split("\n")) if s]
