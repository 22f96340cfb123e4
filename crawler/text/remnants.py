"""HTML remnants and invisible characters in extracted text, and whitespace/paragraph normalisation.

Portals escape their own templates into article text (seed 000 carries a literal ``<span id="printapp">``),
leave entities double-escaped, and paste text with NULs and zero-width characters from Word.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from crawler import rx

# Tags that survived as text: an element name followed by attributes, or a closing tag.
TAG_RE = rx.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# A tag whose "<" a broken decoder swallowed ("打?。?span id=\"printapp\">"): an element name with at
# least one quoted attribute and the closing ">", so ordinary text never matches.
MANGLED_TAG_RE = rx.compile(
    r"\??\b(?:span|div|font|a|p|img|input|table|td|tr|li|ul|script|style|iframe)"
    r"(?:\s+[a-zA-Z-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))+\s*/?>"
)
BREAK_TAG_RE = rx.compile(r"<(?:br|p|div|/p|/div)\b[^<>]*>", re.IGNORECASE)
ENTITY_RE = rx.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
ZERO_WIDTH_RE = rx.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
CONTROL_RE = rx.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PRIVATE_USE_RE = rx.compile("[\ue000-\uf8ff]")
# Horizontal whitespace, including the ideographic space used for paragraph indents and &nbsp;.
SPACES_RE = rx.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def tidy_text(text: str) -> tuple[str, Counter[str]]:
    """Clean extracted article text; paragraphs come back separated by a single "\\n"."""
    flags: Counter[str] = Counter()
    text, count = CONTROL_RE.subn("", text)
    if count:
        flags["control_chars_removed"] += count
    text, count = ZERO_WIDTH_RE.subn("", text)
    if count:
        flags["zero_width_removed"] += count
    if "&" in text:
        text, count = ENTITY_RE.subn(lambda m: html.unescape(m.group(0)), text)
        if count:
            flags["html_entities_decoded"] += count
    if "<" in text:
        text, breaks = BREAK_TAG_RE.subn("\n", text)
        text, count = TAG_RE.subn("", text)
        if count + breaks:
            flags["html_remnants_removed"] += count + breaks
    if ">" in text:
        text, count = MANGLED_TAG_RE.subn("", text)
        if count:
            flags["html_remnants_removed"] += count
    if PRIVATE_USE_RE.search(text):  # kept (a portal's own glyph may stand for a real rare character)
        flags["private_use_chars"] += len(PRIVATE_USE_RE.findall(text))
    lines = (SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line), flags
