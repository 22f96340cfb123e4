"""Mojibake: text that went through a wrong decode before it reached us (after the page's own decode).

Three shapes occur on mirrored/converted portals:
- UTF-8 read as Latin-1/cp1252 (æå°) -> ftfy, called so that it never folds full-width punctuation or
  curly quotes (those are correct Chinese typography);
- UTF-8 read as GBK (鎵撳嵃 -> 打印);
- GBK read as Latin-1 (¿ª·¢Çø -> 开发区).
A run is reversed only when the reversal decodes strictly AND reads clearly more like Chinese, so correct
text is never touched. Cheap regex gates keep clean pages (the norm) at near-zero cost.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from crawler import rx
from crawler.text.common import HAN_RE, PLAUSIBLE, plausibility

# The characters cp1252 shows for bytes 0x80–0x9F (€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ).
CP1252_HIGH = bytes(b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)).decode("cp1252")
# Runs of bytes shown as Latin-1/cp1252 characters, two or more (to be reversed they need a Latin-1 letter or
# sign); a run is grown from such a letter: backwards over the set, forwards with the pattern.
LATIN1_RUN_CHARS = frozenset(map(chr, range(0x80, 0x100))) | frozenset(CP1252_HIGH)
LATIN1_RUN_TAIL_RE = rx.compile(f"[\u0080-\u00ff{re.escape(CP1252_HIGH)}]*")
LATIN1_LETTER_RE = rx.compile("[\u00a1-\u00ff]")
# Runs of non-ASCII characters (CJK, GBK symbols such as ″) that may be UTF-8 bytes read as GBK.
RUN_RE = rx.compile("[^\\x00-\\x7f\\s]*")
MAX_RUN = 2000  # characters a run is followed in each direction from a suspect character
# UTF-8 multi-byte sequences, for finding the stretch of a GBK-encoded run that is really UTF-8.
UTF8_SEQ_RE = rx.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
UTF8_STRETCH_RE = rx.compile(rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){2,}")
# Windows' GBK (cp936) shows byte 0x80 as "€"; Python's GBK codec has no such byte.
CP936_EURO = ("\u20ac", "\x01", b"\x01", b"\x80")
# What a reversed run may contain: Han, CJK and general punctuation, full-width forms, printable ASCII.
CHINESE_TEXT_RE = rx.compile("[\u4e00-\u9fff\u3000-\u303f\u2010-\u206f\uff00-\uffef\u00b7\x20-\x7e]+")
MIN_HAN = 2  # a single character is too little evidence that a run was mojibake
BETTER_BY = 0.25  # how much more plausible a reversed run must read than the run as it stands
FTFY_OPTIONS = {"uncurl_quotes": False, "fix_character_width": False, "fix_latin_ligatures": False}


def _clearly_better(before: str, after: str) -> bool:
    """The reversal is Chinese text through and through, and reads clearly more like it than before."""
    if len(HAN_RE.findall(after)) < MIN_HAN or not CHINESE_TEXT_RE.fullmatch(after):
        return False
    if plausibility(after) < PLAUSIBLE:
        return False
    return not HAN_RE.search(before) or plausibility(after) >= plausibility(before) + BETTER_BY


def _latin1_bytes(run: str) -> bytes:
    """The bytes a Latin-1/cp1252 decoder turned into ``run`` (C1 controls are Latin-1, the rest cp1252)."""
    return bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0] for c in run)


def _reverse_latin1(run: str, flags: Counter[str]) -> str:
    """ftfy first (UTF-8 shown as Latin-1/cp1252, also lossy); then the plain reversals it does not do."""
    if not LATIN1_LETTER_RE.search(run):  # only cp1252 punctuation (……, ——): ordinary Chinese text
        return run
    import ftfy  # at the first run that needs it: most pages have none, and the import costs 0.05 s

    fixed = ftfy.fix_text(run, **FTFY_OPTIONS)
    if fixed != run and _clearly_better(run, fixed):
        flags["mojibake_utf8_as_latin1"] += 1
        return fixed
    raw = _latin1_bytes(run)
    for encoding, flag in (("utf-8", "mojibake_utf8_as_latin1"), ("gb18030", "mojibake_gbk_as_latin1")):
        try:
            fixed = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _clearly_better(run, fixed):
            flags[flag] += 1
            return fixed
    return run


def _reverse_gbk(run: str, flags: Counter[str]) -> str:
    """Find stretches of the run whose GBK bytes are UTF-8 (aligned to characters) and reverse them."""
    euro, placeholder, placeholder_byte, byte = CP936_EURO
    try:
        raw = run.replace(euro, placeholder).encode("gbk").replace(placeholder_byte, byte)
    except UnicodeEncodeError:
        return run
    if UTF8_STRETCH_RE.search(raw) is None:
        return run
    # Byte offset of each character boundary -> character index (€ is one byte, every other char two).
    boundaries, offset = {0: 0}, 0
    for index, char in enumerate(run, 1):
        offset += 1 if char == euro else 2
        boundaries[offset] = index
    pieces: list[str] = []
    done = pos = 0
    while (match := UTF8_STRETCH_RE.search(raw, pos)) is not None:
        start, pos = match.start(), match.end()
        if start not in boundaries:
            pos = start + 1
            continue
        ends = [m.end() for m in UTF8_SEQ_RE.finditer(raw, start, match.end()) if m.end() in boundaries]
        if not ends:
            continue
        first, last = boundaries[start], boundaries[ends[-1]]
        try:
            fixed = raw[start : ends[-1]].decode("utf-8")
        except UnicodeDecodeError:  # the byte pattern is only UTF-8-shaped (E0 80, surrogates...)
            continue
        if _clearly_better(run[first:last], fixed):
            pieces += [run[done:first], fixed]
            done = last
            flags["mojibake_utf8_as_gbk"] += 1
    return "".join(pieces) + run[done:] if pieces else run


def repair_mojibake(text: str) -> tuple[str, Counter[str]]:
    """Undo wrong decodes inside already-decoded text; each kind of repair is counted separately."""
    flags: Counter[str] = Counter()
    return _reverse_gbk_runs(_reverse_latin1_runs(text, flags), flags), flags


def _reverse_latin1_runs(text: str, flags: Counter[str]) -> str:
    """Visit only the Latin-1/cp1252 runs that hold a Latin-1 letter or sign: a run without one is left as it
    is (``_reverse_latin1``), and runs of cp1252 punctuation alone (……, ——, ”“) are common in Chinese text.
    Each run is grown from its first letter (a plain scan for the letters is several times cheaper than one
    for the runs over a whole page)."""
    pieces: list[str] = []
    done = 0
    for hit in LATIN1_LETTER_RE.finditer(text):
        at = hit.start()
        if at < done:
            continue
        start = at
        while start > done and text[start - 1] in LATIN1_RUN_CHARS:
            start -= 1
        end = LATIN1_RUN_TAIL_RE.match(text, at).end()
        if end - start < 2:
            continue
        pieces += [text[done:start], _reverse_latin1(text[start:end], flags)]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def _reverse_gbk_runs(text: str, flags: Counter[str]) -> str:
    """Visit only the non-ASCII runs that hold a suspect character (most pages have none)."""
    pieces: list[str] = []
    done = 0
    for hit in _utf8_lead_chars().finditer(text):
        at = hit.start()
        if at < done:
            continue
        before = RUN_RE.match(text[max(done, at - MAX_RUN) : at][::-1])
        after = RUN_RE.match(text, at, at + MAX_RUN)
        assert before is not None and after is not None  # the pattern matches the empty string
        start, end = at - before.end(), after.end()
        pieces += [text[done:start], _reverse_gbk(text[start:end], flags)]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


@cache
def _utf8_lead_chars() -> re.Pattern[str]:
    """Characters whose GBK lead byte is a UTF-8 lead of a CJK character (E4–E9): a third of the
    characters in UTF-8-read-as-GBK mojibake, rare in real text. Cheap gate before any re-encoding."""
    chars = set()
    for lead in range(0xE4, 0xEA):
        for trail in range(0x40, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return rx.compile(f"[{re.escape(''.join(sorted(chars)))}]")
