"""Growth figures: 同比增长17.23%, 下降2个百分点, 增长16.8倍, 增速达百分之十二.

``value`` is the number as written (17.23 for 17.23%); ``kind`` says how to read it: growth / decline
(a change in percent), points (个百分点), multiple (倍). Plain percentages (占比不低于80%) are levels, not
growth, and are left out of the feed; ``include_shares=True`` returns them too, as kind share.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.entities.numbers import NUMERAL_CHARS, to_number

# Change verbs -> kind of change.
CHANGE_VERBS = {
    "增长": "growth",
    "增加": "growth",
    "提高": "growth",
    "上升": "growth",
    "上涨": "growth",
    "提升": "growth",
    "增幅": "growth",
    "增速": "growth",
    "下降": "decline",
    "减少": "decline",
    "降低": "decline",
    "回落": "decline",
    "下滑": "decline",
    "下跌": "decline",
    "降幅": "decline",
}
NUMBER = rf"\d+(?:\.\d+)?|[{NUMERAL_CHARS}]+"
CHANGE_RE = re.compile(
    rf"(?P<basis>同比|环比|比上年|较上年|比去年|较去年|年均|平均)?(?P<verb>{'|'.join(CHANGE_VERBS)})(?:了|为|达)?"
    rf"(?:(?P<num>{NUMBER})\s*(?P<unit>%|％|个百分点|倍|成)|百分之(?P<cn>[{NUMERAL_CHARS}]+))"
)
PERCENT_RE = re.compile(rf"(?P<num>\d+(?:\.\d+)?)\s*(?:%|％)|百分之(?P<cn>[{NUMERAL_CHARS}]+)")
UNIT_KIND = {"个百分点": "points", "倍": "multiple"}


def find_percents(text: str, include_shares: bool = False) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    covered: list[tuple[int, int]] = []
    for m in CHANGE_RE.finditer(text):
        value = to_number(m["num"] or m["cn"])
        if value is None:
            continue
        if m["unit"] == "成":
            value *= 10
        kind = UNIT_KIND.get(m["unit"], CHANGE_VERBS[m["verb"]])
        found.append({"text": m[0], "value": value, "kind": kind, "start": m.start()})
        covered.append(m.span())
    for m in PERCENT_RE.finditer(text) if include_shares else ():
        if any(a <= m.start() < b for a, b in covered):
            continue
        value = to_number(m["num"] or m["cn"])
        if value is not None:
            found.append({"text": m[0], "value": value, "kind": "share", "start": m.start()})
    found.sort(key=lambda f: f.pop("start"))
    return found
