"""Amounts of money: 272.80亿元, 933.35万元, 百亿元, 十亿元, 1,500万美元 -> value in yuan.

A number only joins the unit it touches, so a count before it never merges into the amount
(6个,10亿元 is one amount of 10亿元). A bare 亿元 (亿元以上项目) carries no amount and is skipped.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.entities.numbers import NUMERAL_CHARS, to_number

# Scale words between the number and the currency (5亿元, 5亿多元, 1.5万亿元).
SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百万": 1e6, "千万": 1e7}
CURRENCIES = {"元人民币": "CNY", "元": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "日元": "JPY"}
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALES_ONLY = "万亿"
MONEY_RE = re.compile(
    rf"(?P<num>{ARABIC}|[{NUMERAL_CHARS}]+)\s*(?:多|余)?"
    rf"(?P<scale>{'|'.join(sorted(SCALES, key=len, reverse=True))})?(?:多|余)?"
    rf"(?P<currency>{'|'.join(sorted(CURRENCIES, key=len, reverse=True))})"
)


def find_money(text: str) -> list[dict[str, Any]]:
    """Every amount in order of appearance; ``value_yuan`` is null for foreign currencies."""
    found: list[dict[str, Any]] = []
    for m in MONEY_RE.finditer(text):
        if set(m["num"]) <= set(SCALES_ONLY):
            continue  # 亿元以上项目: a unit without an amount
        if len(m["num"]) == 1 and not m["num"].isdigit() and not m["scale"]:
            continue  # 二元结构, 多元化: a word, not an amount
        number = to_number(m["num"])
        if number is None:
            continue
        currency = CURRENCIES[m["currency"]]
        value = round(number * SCALES.get(m["scale"] or "", 1.0), 2)
        found.append(
            {
                "text": m[0],
                "value_yuan": value if currency == "CNY" else None,
                "value": value,
                "currency": currency,
            }
        )
    return found
