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

import ftfy

from crawler.text.common import HAN_RE, PLAUSIBLE, plausibility

# UTF-8 lead byte shown as Latin-1/cp1252 followed by a continuation byte shown the same way.
CP1252_HIGH = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122"
UTF8_AS_LATIN1_RE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{CP1252_HIGH}]")
# Runs of Latin-1 letters/symbols long enough to be GBK bytes (two per character).
LATIN1_RUN_RE = re.compile("[\u00a1-\u00ff]{4,}")
# Runs of non-ASCII characters (CJK, GBK symbols such as ″) that may be UTF-8 bytes read as GBK.
CJK_RUN_RE = re.compile("[^\x00-\x7f\\s]{3,}")
# Windows' GBK (cp936) shows byte 0x80 as "€"; Python's GBK codec has no such byte.
CP936_EURO = ("\u20ac", "\x01", b"\x01", b"\x80")
BETTER_BY = 0.25  # how much more plausible a reversed run must read than the run as it stands
FTFY_OPTIONS = {"uncurl_quotes": False, "fix_character_width": False, "fix_latin_ligatures": False}


def _clearly_better(before: str, after: str) -> bool:
    """The reversal reads like Chinese, and clearly more so than the text as it stands."""
    if not HAN_RE.search(after) or plausibility(after) < PLAUSIBLE:
        return False
    return not HAN_RE.search(before) or plausibility(after) >= plausibility(before) + BETTER_BY


def _utf8_as_gbk(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        euro, placeholder, placeholder_byte, byte = CP936_EURO
        raw = run.replace(euro, placeholder).encode("gbk").replace(placeholder_byte, byte)
        fixed = raw.decode("utf-8")
    except UnicodeError:
        return run
    return fixed if _clearly_better(run, fixed) else run


def _gbk_as_latin1(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        fixed = run.encode("latin-1").decode("gb18030")
    except UnicodeError:
        return run
    return fixed if _clearly_better(run, fixed) else run


def repair_mojibake(text: str) -> tuple[str, Counter[str]]:
    """Undo wrong decodes inside already-decoded text; each kind of repair is counted separately."""
    flags: Counter[str] = Counter()
    if UTF8_AS_LATIN1_RE.search(text):
        fixed = ftfy.fix_text(text, **FTFY_OPTIONS)
        if fixed != text:
            flags["mojibake_utf8_as_latin1"] += 1
            text = fixed
    if LATIN1_RUN_RE.search(text):
        text, count = _substitute(LATIN1_RUN_RE, _gbk_as_latin1, text)
        if count:
            flags["mojibake_gbk_as_latin1"] += count
    text, count = _substitute(CJK_RUN_RE, _utf8_as_gbk, text)
    if count:
        flags["mojibake_utf8_as_gbk"] += count
    return text, flags


def _substitute(pattern: re.Pattern[str], repair: object, text: str) -> tuple[str, int]:
    changed = 0

    def apply(match: re.Match[str]) -> str:
        nonlocal changed
        fixed = repair(match)  # type: ignore[operator]
        changed += fixed != match.group(0)
        return fixed

    return pattern.sub(apply, text), changed
