"""Text layer: bytes -> trustworthy simplified Chinese text. No Scrapy imports here.

Public API used by the processing core:
- ``decode_document(body, content_type)`` -> ``DecodedDocument`` (charset, repair, annotations, script)
- ``tidy_text(text)`` -> (clean text, flags) for extracted article text
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import ftfy
import opencc
from w3lib.encoding import html_to_unicode


@dataclass
class DecodedDocument:
    """A page decoded and repaired; ``html`` is in simplified Chinese, ``script`` is what the page used."""

    html: str
    encoding: str
    script: str = "unknown"
    flags: Counter[str] = field(default_factory=Counter)


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def detect_encoding(body: bytes, content_type: str | None = None) -> str:
    """The charset the body is really in (header and <meta> are only evidence)."""
    return html_to_unicode(content_type, body)[0]


def decode_document(body: bytes, content_type: str | None = None) -> DecodedDocument:
    encoding, html = html_to_unicode(content_type, body)
    flags: Counter[str] = Counter()
    fixed = ftfy.fix_text(html, uncurl_quotes=False, fix_character_width=False)
    if fixed != html:
        flags["mojibake_repaired"] += 1
    simplified = _t2s().convert(fixed)
    script = "traditional" if simplified != fixed else "simplified"
    if script == "traditional":
        flags["converted_to_simplified"] += 1
    return DecodedDocument(html=simplified, encoding=encoding, script=script, flags=flags)


def tidy_text(text: str) -> tuple[str, Counter[str]]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line), Counter()
