"""DOM -> plain text with block-level line breaks, iteratively (a 10k-deep tree must not hit RecursionError),
and the small tree helpers every stage shares."""

from __future__ import annotations

from lxml import etree

from crawler import rx
from crawler.content.words import words

BLOCK_TAGS = words(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul caption"
)
_WS = rx.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff]+")


def squash(text: str | None) -> str:
    """HTML whitespace semantics: any run of spaces (incl. &nbsp; and full-width spaces) is one space."""
    return _WS.sub(" ", text) if text else ""


def tag_of(el: etree._Element) -> str:
    """The tag name, "" for comments and other non-elements (the parser lower-cases HTML tags)."""
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def text_of(el: etree._Element) -> str:
    """All text inside ``el`` (not its tail): what ``"".join(el.itertext())`` gives, serialised by libxml2 in
    one call (a third of the cost)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def drop_tree(el: etree._Element) -> None:
    """Remove an element but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# Squashed short texts: nine in ten texts and tails of a page are short runs of layout whitespace ("\n\t\t")
# seen before, and a dict lookup costs a fraction of the regex. Bounded, so odd pages cannot grow it.
MEMO_CHARS, MEMO_SIZE = 24, 20_000
_SQUASHED: dict[str, str] = {}


def _squashed(text: str) -> str:
    """``squash(text)`` for a non-empty text, remembered when short (render's every text and tail)."""
    if (piece := _SQUASHED.get(text)) is None:
        piece = _WS.sub(" ", text)
        if len(text) <= MEMO_CHARS and len(_SQUASHED) < MEMO_SIZE:
            _SQUASHED[text] = piece
    return piece


def render(root: etree._Element, offsets: dict | None = None) -> str:
    """Text of ``root``: one line per block / <br>. With ``offsets``, records element -> (start, end) in the output.

    The output is raw (lines may be blank or padded); callers normalise lines with ``lines_of``.
    """
    parts: list[str] = []
    add = parts.append
    size = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if offsets is not None:
                offsets[el] = (size, size)
            if tag in BLOCK_TAGS or tag == "br":
                add("\n")
                size += 1
            if text := el.text:
                piece = _squashed(text)
                add(piece)
                size += len(piece)
        else:
            if tag in BLOCK_TAGS:
                add("\n")
                size += 1
            if offsets is not None:
                offsets[el] = (offsets[el][0], size)
            if (tail := el.tail) and el is not root:
                piece = _squashed(tail)
                add(piece)
                size += len(piece)
    return "".join(parts)


def lines_of(text: str) -> list[str]:
    """Non-empty, stripped lines."""
    return [s for s in (line.strip() for line in text.split("\n")) if s]


def node_lines(nodes: list[etree._Element]) -> list[str]:
    """The non-empty lines of each node's text, in order."""
    lines: list[str] = []
    for node in nodes:
        lines.extend(lines_of(render(node)))
    return lines
