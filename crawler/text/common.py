"""What ordinary Chinese text looks like: judging decodes and repairs without a language model.

Real text, traditional or simplified, is overwhelmingly made of everyday characters; a wrong decode or a
misaligned GBK read produces rare ones. That one statistic separates them cheaply.
"""

from __future__ import annotations

from functools import cache
from itertools import islice

from crawler import rx
from crawler.text.simplify import t2s

HAN_RE = rx.compile(r"[\u4e00-\u9fff]")
SAMPLE_HAN = 400  # Han characters looked at when judging whether a decode reads like Chinese
PLAUSIBLE = 0.75  # share of common characters above which a decode reads like Chinese


def _gb2312_level1(char: str) -> bool:
    """The 3,755 most common simplified characters (GB2312 level 1, rows B0–D7)."""
    try:
        raw = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= raw[0] <= 0xD7


@cache
def common_char(char: str) -> bool:
    """A character in everyday use (in either script): its simplified form is in GB2312 level 1."""
    return _gb2312_level1(t2s(char))


def han_sample(text: str) -> list[str]:
    """The first SAMPLE_HAN Han characters of ``text``: the scan stops there instead of listing every one of
    a whole page's characters."""
    return [m.group() for m in islice(HAN_RE.finditer(text), SAMPLE_HAN)]


def plausibility(text: str, sample: list[str] | None = None) -> float:
    """Share of Han characters (first few hundred) that are common once simplified; 1.0 without Han.
    ``sample`` is ``han_sample(text)`` when the caller has it already."""
    if sample is None:
        sample = han_sample(text)
    if not sample:
        return 1.0
    return sum(map(common_char, sample)) / len(sample)
