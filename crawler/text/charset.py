"""Which charset a page is really in: BOM, then the HTTP header, then <meta>, then the bytes themselves.

Government portals often lie: GBK bodies served as charset=utf-8, UTF-8 pages whose template still says
gb2312, ISO-8859-1 defaults from misconfigured servers, or no declaration at all. A declaration is
accepted only when the body decodes under it and reads like Chinese; otherwise the page is re-decoded
and the item flagged. GB2312/GBK are always decoded as their superset GB18030 (w3lib's mapping).

One bad byte does not make a UTF-8 page GBK: a body whose non-ASCII sequences are nearly all valid UTF-8
is UTF-8, with only the bad bytes replaced (``charset_decode_errors``). A BOM decides only when the bytes
agree with it (``bom_ignored`` otherwise). A page that no charset turns into readable text is flagged
``text_garbled`` (and scored low by crawler/quality.py).
"""

from __future__ import annotations

from collections import Counter

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

from crawler import rx
from crawler.text.common import HAN_RE, PLAUSIBLE, SAMPLE_HAN, han_sample, plausibility
from crawler.text.gbk_damage import drop_split_annotations

UTF8 = "utf-8"
GB = "gb18030"
BIG5 = "big5hkscs"
CJK_LEGACY = (GB, BIG5)
# Single-byte declarations that Chinese pages only carry by server misconfiguration.
WESTERN = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii", "iso-8859-1", "windows-1252"})
NON_ASCII_RE = rx.compile(rb"[\x80-\xff]")
META_SCAN = 4096  # <meta charset> lives in the head; w3lib looks at this many bytes
# A body is UTF-8 with a few bad bytes when this share of its non-ASCII sequences is valid UTF-8 (real
# UTF-8 pages with a truncated character: > 0.99; GBK pages read as UTF-8: < 0.25) and there are enough.
NEARLY_UTF8 = 0.9
MIN_UTF8_CHARS = 10
# A decode is judged garbled on at least this many Han characters (or replacement characters), when fewer
# than GARBLED_PLAUSIBILITY of them are everyday characters (real pages: >= 0.96 on the dev set; wrong
# decodes of its pages: <= 0.53 but one at 0.66), or when replacements exceed this share of the non-ASCII
# characters.
MIN_HAN_JUDGED = 20
assert MIN_HAN_JUDGED <= SAMPLE_HAN
GARBLED_PLAUSIBILITY = 0.6
GARBLED_REPLACED = 0.05


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


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _utf8(body: bytes) -> str | None:
    """The body as UTF-8 when it is UTF-8: strictly, or nearly (a truncated character, a stray 0xFF among
    thousands of good ones), each bad byte sequence then replaced by U+FFFD and nothing else touched.
    Legacy CJK bytes read as UTF-8 give at most a quarter of valid sequences, so the margin is wide."""
    text = _strict(body, UTF8)
    if text is not None:
        return text
    text = body.decode(UTF8, errors="replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode())  # U+FFFD the page itself holds is not damage
    good = _non_ascii(text) - bad
    return text if good >= MIN_UTF8_CHARS and good >= NEARLY_UTF8 * (good + bad) else None


def garbled(text: str) -> bool:
    """The decoded page still does not read as text: its Han characters are mostly rare ones (a wrong
    charset's signature), or many characters were replaced."""
    sample = han_sample(text)  # at least MIN_HAN_JUDGED in the sample iff in the whole text
    if len(sample) >= MIN_HAN_JUDGED and plausibility(text, sample) < GARBLED_PLAUSIBILITY:
        return True
    replaced = text.count("\ufffd")
    return replaced >= MIN_HAN_JUDGED and replaced > GARBLED_REPLACED * _non_ascii(text)


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str, Counter[str]]:
    """(text, encoding, flags). Split pinyin annotations in GBK bytes are removed before decoding."""
    flags: Counter[str] = Counter()
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        rest = body[len(bom) :]
        text = _strict(rest, bom_encoding) if bom_encoding != UTF8 else _utf8(rest)
        if text is not None:
            _check(text, flags)
            return text, bom_encoding, flags
        flags["bom_ignored"] += 1  # a BOM before bytes in another charset: decided as if it were absent
        body = rest
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
    _check(text, flags)
    return text, encoding, flags


def _check(text: str, flags: Counter[str]) -> None:
    """Flag a page that no charset turned into readable text, so it is scored low, never 1.0."""
    if garbled(text):
        flags["text_garbled"] += 1


def _choose(body: bytes, repaired: bytes, declared: list[str]) -> tuple[str, str]:
    """The first declaration that holds, else detection from the bytes."""
    utf8 = _utf8(body)
    for encoding in declared:
        if encoding == UTF8 and utf8 is not None:
            return UTF8, utf8
        if encoding in CJK_LEGACY:
            if utf8 is not None:  # legacy CJK bytes are practically never (even nearly) valid UTF-8
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
