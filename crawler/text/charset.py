"""Which charset a page is really in: BOM, then the HTTP header, then <meta>, then the bytes themselves.

Government portals often lie: GBK bodies served as charset=utf-8, UTF-8 pages whose template still says
gb2312, ISO-8859-1 defaults from misconfigured servers, or no declaration at all. A declaration is
accepted only when the body decodes under it and reads like Chinese; otherwise the page is re-decoded
and the item flagged. GB2312/GBK are always decoded as their superset GB18030 (w3lib's mapping).
"""

from __future__ import annotations

import re
from collections import Counter

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

from crawler.text.common import HAN_RE, PLAUSIBLE, plausibility
from crawler.text.gbk_damage import drop_split_annotations

UTF8 = "utf-8"
GB = "gb18030"
BIG5 = "big5hkscs"
CJK_LEGACY = (GB, BIG5)
# Single-byte declarations that Chinese pages only carry by server misconfiguration.
WESTERN = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii", "iso-8859-1", "windows-1252"})
NON_ASCII_RE = re.compile(rb"[\x80-\xff]")
META_SCAN = 4096  # <meta charset> lives in the head; w3lib looks at this many bytes


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def declared_encoding(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(header charset, <meta> charset), each resolved to a Python codec name (gbk -> gb18030)."""
    header = http_content_type_encoding(content_type) if content_type else None
    meta = html_body_declared_encoding(body[:META_SCAN])
    return (resolve_encoding(header) if header else None), (resolve_encoding(meta) if meta else None)


def _legacy_guess(body: bytes) -> tuple[float, str, str]:
    """(score, encoding, text): GB18030 or Big5, whichever reads more like Chinese with fewer bad bytes."""
    best: tuple[float, str, str] | None = None
    for encoding in CJK_LEGACY:
        text = body.decode(encoding, errors="replace")
        han = len(HAN_RE.findall(text)) or 1
        score = plausibility(text) - text.count("\ufffd") / han
        if best is None or score > best[0]:
            best = (score, encoding, text)
    assert best is not None
    return best


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str, Counter[str]]:
    """(text, encoding, flags). Split pinyin annotations in GBK bytes are removed before decoding."""
    flags: Counter[str] = Counter()
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return body[len(bom) :].decode(bom_encoding, errors="replace"), bom_encoding, flags
    header, meta = declared_encoding(body, content_type)
    declared = [e for e in (header, meta) if e]
    if NON_ASCII_RE.search(body) is None:
        ascii_compatible = declared and declared[0] in (UTF8, *CJK_LEGACY, *WESTERN)
        return body.decode("ascii"), declared[0] if ascii_compatible else UTF8, flags
    repaired, split_sites = drop_split_annotations(body)
    encoding, text = _choose(body, repaired, declared)
    if encoding == GB and split_sites:
        flags["gbk_damage_repaired"] += split_sites
    if not declared:
        flags["charset_undeclared"] += 1
    elif encoding != declared[0]:
        flags["charset_redecoded"] += 1
    if _strict(repaired if encoding == GB else body, encoding) is None:  # decoded with replacements
        flags["charset_decode_errors"] += max(1, text.count("\ufffd"))
    return text, encoding, flags


def _choose(body: bytes, repaired: bytes, declared: list[str]) -> tuple[str, str]:
    """The first declaration that holds, else detection from the bytes."""
    utf8 = _strict(body, UTF8)
    for encoding in declared:
        if encoding == UTF8 and utf8 is not None:
            return UTF8, utf8
        if encoding in CJK_LEGACY:
            if utf8 is not None:  # legacy CJK bytes are practically never valid UTF-8
                return UTF8, utf8
            text = _strict(repaired if encoding == GB else body, encoding)
            if text is not None and plausibility(text) >= PLAUSIBLE:
                return encoding, text
        elif encoding not in WESTERN and utf8 is None:
            text = _strict(body, encoding)
            if text is not None:
                return encoding, text
    if utf8 is not None:
        return UTF8, utf8
    score, encoding, text = _legacy_guess(repaired)
    if score >= PLAUSIBLE or not declared or declared[0] == UTF8:
        return encoding, text
    return declared[0], body.decode(declared[0], errors="replace")


def detect_encoding(body: bytes, content_type: str | None = None) -> str:
    """The charset the body is really in (header and <meta> are only evidence)."""
    return decode_body(body, content_type)[1]
