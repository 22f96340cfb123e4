"""Text layer: bytes -> trustworthy simplified Chinese text. No Scrapy imports here.

One module per concern: ``charset`` (which encoding the bytes are really in), ``mojibake`` (wrong decodes
upstream of us), ``gbk_damage`` (a byte-level pinyin annotator that broke characters), ``pinyin``
(annotation removal), ``simplify`` (OpenCC t2s), ``remnants`` (HTML leftovers in extracted text),
``scoring`` (ranking repair candidates when a guess is unavoidable). docs/text.md lists every flag.

Public API used by the processing core:
- ``detect_encoding(body, content_type)`` -> codec name
- ``decode_document(body, content_type)`` -> ``DecodedDocument`` (charset, repair, annotations, script)
- ``tidy_text(text)`` -> (clean text, flags) for extracted article text
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawler.text.charset import decode_body, detect_encoding
from crawler.text.gbk_damage import repair_damaged_text
from crawler.text.mojibake import repair_mojibake
from crawler.text.pinyin import strip_annotations, strip_ruby
from crawler.text.remnants import tidy_text
from crawler.text.simplify import to_simplified

__all__ = ["DecodedDocument", "decode_document", "detect_encoding", "tidy_text"]


@dataclass
class DecodedDocument:
    """A page decoded and repaired; ``html`` is in simplified Chinese, ``script`` is what the page used."""

    html: str
    encoding: str
    script: str = "unknown"
    flags: Counter[str] = field(default_factory=Counter)


def decode_document(body: bytes, content_type: str | None = None) -> DecodedDocument:
    """Decode the whole page and repair its text; markup is left as it was (only text content changes).

    Order matters: damage repair needs the pinyin annotations still in place (they locate the damage
    and pick the lost bytes), and simplification must come last so repairs are judged on the original.
    """
    html, encoding, flags = decode_body(body, content_type)
    for repair in (repair_mojibake, repair_damaged_text, strip_ruby, strip_annotations):
        html, found = repair(html)
        flags.update(found)
    html, script, found = to_simplified(html)
    flags.update(found)
    return DecodedDocument(html=html, encoding=encoding, script=script, flags=flags)
