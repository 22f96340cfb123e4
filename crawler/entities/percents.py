"""Percentage figures: every one in the text, with what it measures.

Forms: 17.23%, 17.23％, 百分之十二, 1.5个百分点, 两成 / 2成 (= 20), ranges (3-5% gives 3 and 5). ``value`` is
the number as written (a decline keeps its positive value: 下降2.5% -> 2.5, kind decline). ``unit`` is
``percent``, or ``points`` for 个百分点, which is a difference of two percentages and must not be summed with
them. ``kind`` is read from the words before the figure in its clause, the nearest cue deciding:
growth (同比增长, 提高), decline (下降, 减少), share (占, 占比, 比重, 覆盖率), rate (利用率, 增长率), target
(力争, 目标, 预计 anywhere in the clause), else other. Multiples (增长3倍) are not percentages and are left out.
"""

from __future__ import annotations

from typing import Any

from crawler import rx
from crawler.entities.lexicon import anchored_windows, word_freq
from crawler.entities.numbers import NUMERAL_CHARS, to_number

ARABIC = r"\d+(?:[.．]\d+)?"
FIGURE_RE = rx.compile(
    rf"(?:(?<![\d%％])(?P<neg>[-－]|负))?(?P<num>{ARABIC})(?:\s*[-~～—至到]\s*(?P<high>{ARABIC}))?\s*(?P<unit>[%％]|个?百分点)"
    rf"|百分之(?P<cn>[{NUMERAL_CHARS}]+)"
    rf"|(?P<cnp>[{NUMERAL_CHARS}]+)个百分点"
    rf"|(?P<tenths>[1-9一二两三四五六七八九])成"
)
# Every figure holds one of these; the figure pattern runs only around them.
ANCHOR_RE = rx.compile(r"[%％]|百分|[1-9一二两三四五六七八九]成")
ANCHOR_BEFORE, ANCHOR_AFTER = 30, 12
# Cue words before a figure -> its kind; matched longest first, the one nearest the figure decides.
CUES = {
    "growth": "增长 增加 增幅 增速 提高 提升 上升 上涨 涨幅 攀升 跃升 拉动 多增 扩大 同比 环比 年均 增 涨",
    "decline": "下降 减少 降低 回落 下滑 下跌 跌幅 降幅 缩小 收窄 负增长 减 降 跌",
    "share": "占 占比 比重 比例 份额 覆盖率 覆盖 达标率",
    "rate": "率 增长率 利用率",
    "target": "力争 目标 争取 确保 预计 预期 计划 规划",
    # A verb with 至/到/为 gives the new level, not the change (利用率降至77.8%): the cue before it decides.
    "level": "降至 降为 降到 降低到 减至 减少到 下降到 下降至 增至 增加到 提高到 提高至 提升到 提升至 升至 上升到",
}
CUE_KIND = {word: kind for kind, words in CUES.items() for word in words.split()}
CHANGES = ("growth", "decline")
CUE_RE = rx.compile("|".join(sorted(CUE_KIND, key=len, reverse=True)))
CLAUSE_BREAK = rx.compile(r"[,，。；;！？!?\n：:、（(]")
CLAUSE_LIMIT = 24
# 三成 is 30% unless the numeral or the 成 belongs to a longer word (第一成立, 三成都, 一成不变, 三五成群).
WORD_FREQ = 50


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - CLAUSE_LIMIT) : start]
    breaks = list(CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def figure_kind(clause: str) -> str:
    """The kind a figure has given the words before it in its clause."""
    cues = [CUE_KIND[m[0]] for m in CUE_RE.finditer(clause)]
    if "target" in cues:
        return "target"
    if "level" in cues:
        before = [c for c in cues[: cues.index("level")] if c not in CHANGES and c != "level"]
        return before[-1] if before else "other"
    return cues[-1] if cues else "other"


def _tenths_in_a_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start] if start else ""
    if before and (before.isdigit() or before == "." or word_freq(before + text[start]) > WORD_FREQ):
        return True
    if word_freq(text[end - 1 : end + 1]) > WORD_FREQ:
        return True
    return any(word_freq(text[start : start + n]) > WORD_FREQ for n in (3, 4))


def _item(text: str, value: float, kind: str, unit: str, start: int) -> dict[str, Any]:
    return {"text": text, "value": value, "kind": kind, "unit": unit, "start": start}


def find_percents(text: str) -> list[dict[str, Any]]:
    """Every percentage figure in order of appearance."""
    found: list[dict[str, Any]] = []
    matches = (
        m
        for lo, hi in anchored_windows(ANCHOR_RE, text, ANCHOR_BEFORE, ANCHOR_AFTER)
        for m in FIGURE_RE.finditer(text, lo, hi)
    )
    for m in matches:
        start = m.start("num") if m["num"] else m.start()
        kind = figure_kind(_clause_before(text, start))
        if m["tenths"]:
            if _tenths_in_a_word(text, m.start(), m.end()):
                continue
            found.append(_item(m[0], to_number(m["tenths"]) * 10, kind, "percent", start))
            continue
        unit = "points" if (m["unit"] or "个百分点").endswith("百分点") and not m["cn"] else "percent"
        if m["neg"] and kind in ("growth", "other"):
            kind = "decline"  # 增长-2.5%: a negative change is a decline of 2.5
        numbers = [m["num"], m["high"]] if m["high"] else [m["num"] or m["cn"] or m["cnp"]]
        for number in numbers:
            value = to_number(number)
            if value is not None:
                found.append(_item(m[0].lstrip("-－负"), value, kind, unit, start))
    found.sort(key=lambda f: f.pop("start"))
    return found
