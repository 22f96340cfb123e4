"""Traditional -> simplified with OpenCC ``t2s`` (character-level; never the phrase-rewriting ``tw2sp``).

``t2s`` keeps 著 wherever it could be the 著 of 著名/显著; in mainland usage the verb-particle forms are
着. The fix-ups below are exactly the phrases t2s leaves as 著 on traditional input.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import opencc

from crawler import rx
from crawler.tablecache import cached_table

# Phrases OpenCC t2s leaves with 著 that mainland text writes with 着 (data, extend as found).
ZHE_FIXUPS: tuple[str, ...] = (
    "著力", "著眼", "著手", "著重", "著想", "著急", "著陆", "著装", "著落", "著实", "著迷", "著凉", "著火",
    "围著", "洋溢著", "一著不让", "随著", "接著", "跟著", "沿著", "本著", "朝著", "向著", "意味著", "紧接著",
    "带著", "看著", "想著", "等著", "拿著", "忙著", "试著", "靠著", "顺著", "冲著", "伴随著",
    "承载著", "肩负著", "积极著", "坚持著", "推动著", "引领著", "见证著", "发挥著", "发生著", "面临著",
)  # fmt: skip
# ...unless 著 starts 著作/著称/著名 (本著作权, 沿著名胜): then it is the 著 of writing/fame.
ZHE_RE = rx.compile("(?:" + "|".join(sorted(map(re.escape, ZHE_FIXUPS), key=len, reverse=True)) + ")(?![作称名])")
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
HAN_RE = rx.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MIXED_SHARE = 0.1  # below this share of simplified-only characters a traditional page is still "traditional"


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def t2s(text: str) -> str:
    return _converter("t2s").convert(text)


@cache
def _changing_chars(config: str) -> re.Pattern[str]:
    """A character class of every character ``config`` maps to another one (counted, not compared).

    The characters come from the table cache: ``s2t`` serves only this count, and loading its dictionaries
    cost the first traditional page of every process 0.06 s."""

    def build() -> str:
        chars = [chr(cp) for lo, hi in HAN_RANGES for cp in range(lo, hi + 1)]
        converted = _converter(config).convert("\n".join(chars)).split("\n")
        return "".join(c for c, new in zip(chars, converted, strict=True) if c != new)

    source = Path(opencc.__file__).parent / "clib" / "share" / "opencc" / f"{config}.json"
    return rx.compile(f"[{re.escape(cached_table(f'opencc-changing-{config}', source, build))}]")


def to_simplified(text: str) -> tuple[str, str, Counter[str]]:
    """(simplified text, original script, flags). Script is simplified|traditional|mixed|unknown."""
    flags: Counter[str] = Counter()
    if not HAN_RE.search(text):
        return text, "unknown", flags
    traditional_chars = len(_changing_chars("t2s").findall(text))
    if not traditional_chars:
        return text, "simplified", flags
    simplified = t2s(text)
    simplified_chars = len(_changing_chars("s2t").findall(text))
    share = simplified_chars / (simplified_chars + traditional_chars)
    script = "traditional" if share < MIXED_SHARE else "mixed" if share < 1 - MIXED_SHARE else "simplified"
    flags["converted_to_simplified"] += traditional_chars
    if "著" in simplified:  # a C scan; the phrase alternation costs as much as the conversion itself
        simplified, fixed = ZHE_RE.subn(lambda m: m.group(0).replace("著", "着"), simplified)
        if fixed:
            flags["zhe_fixups"] += fixed
    return simplified, script, flags
