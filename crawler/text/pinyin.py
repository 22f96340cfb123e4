"""Pinyin annotations added by portal converters: 鄉(xiāng)鎮(zhèn) -> 鄉鎮, and <ruby> markup.

An annotation is removed only when the bracketed word is a real toned syllable AND one of the readings of
the character it follows (pypinyin's dictionary), so 黨(工)委, (GDP), 方案(a) and (記者 陳志奎) stay.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

from crawler import rx
from crawler.tablecache import cached_table

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR_RE = rx.compile(f"[{HAN}]")
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ\u0300-\u036f"  # + combining tone marks
# A bracketed syllable (the preceding Han character is checked in code: a leading literal keeps the
# regex scan fast on pages full of script parentheses).
ANNOTATION_RES = (
    rx.compile(rf"\(([{PINYIN_LETTERS}]{{1,6}})\)"),
    rx.compile(rf"（([{PINYIN_LETTERS}]{{1,6}})）"),
)
# <ruby>字<rp>(</rp><rt>zì</rt><rp>)</rp></ruby>: the base text is kept, the reading goes.
RUBY_READING_RE = rx.compile(r"<rp\b[^>]*>.*?</rp\s*>|<rt\b[^>]*>.*?</rt\s*>", re.IGNORECASE | re.DOTALL)
RUBY_RT_RE = rx.compile(r"<rt\b", re.IGNORECASE)
RUBY_TAG_RE = rx.compile(r"</?(?:ruby|rb)\b[^>]*>", re.IGNORECASE)
RUBY_HINT = rx.compile(r"<ruby\b", re.IGNORECASE)


@cache
def _readings_table() -> dict[int, frozenset[str]]:
    """Code point -> its readings, from pypinyin's dictionary; built once and cached across processes
    (importing pypinyin alone costs ~0.2 s), and only when a page has a bracketed syllable at all."""
    spec = importlib.util.find_spec("pypinyin")  # locates the package without importing it
    assert spec is not None and spec.submodule_search_locations
    source = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"

    def build() -> dict[int, frozenset[str]]:
        from pypinyin.pinyin_dict import pinyin_dict

        return {cp: frozenset(value.split(",")) for cp, value in pinyin_dict.items()}

    return cached_table("pinyin-readings", source, build)


@cache
def syllables() -> frozenset[str]:
    """Every toned syllable that some character is read as: the real syllable table."""
    return frozenset().union(*_readings_table().values())


def readings(char: str) -> frozenset[str]:
    return _readings_table().get(ord(char), frozenset())


def is_reading(char: str, syllable: str) -> bool:
    """Whether ``syllable`` (toned; precomposed or with combining marks) is one of the char's readings."""
    return unicodedata.normalize("NFC", syllable) in readings(char)


def strip_annotations(text: str) -> tuple[str, Counter[str]]:
    """Drop inline ``(pīnyīn)`` annotations that are a reading of the preceding character."""
    flags: Counter[str] = Counter()

    def replace(match: re.Match[str]) -> str:
        start = match.start()
        if start and HAN_CHAR_RE.match(text, start - 1) and is_reading(text[start - 1], match.group(1)):
            flags["pinyin_annotations_removed"] += 1
            return ""
        return match.group(0)

    for pattern, opener in zip(ANNOTATION_RES, "(（", strict=True):
        if opener in text:
            text = pattern.sub(replace, text)
    return text, flags


def strip_ruby(html: str) -> tuple[str, Counter[str]]:
    """Keep the base text of <ruby> annotations, drop <rt>/<rp> readings."""
    flags: Counter[str] = Counter()
    if not RUBY_HINT.search(html):
        return html, flags
    readings_removed = len(RUBY_RT_RE.findall(html))
    html = RUBY_TAG_RE.sub("", RUBY_READING_RE.sub("", html))
    if readings_removed:
        flags["ruby_annotations_removed"] += readings_removed
    return html, flags
