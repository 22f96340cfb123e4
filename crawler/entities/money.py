"""Amounts of money: 272.80亿元, 933.35万元, 百亿元, 十亿元, 1,500万美元 -> value in yuan.

A number only joins the unit it touches, so a count before it never merges into the amount
(6个,10亿元 is one amount of 10亿元). A bare 亿元 (亿元以上项目) carries no amount and is skipped.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.entities.numbers import NUMERAL_CHARS, to_number

# Unit -> (multiplier, currency). Longest first so 万亿元 wins over 亿元.
UNITS: dict[str, tuple[float, str]] = {
    "万亿元": (1e12, "CNY"),
    "亿元": (1e8, "CNY"),
    "万元": (1e4, "CNY"),
    "千元": (1e3, "CNY"),
    "元": (1.0, "CNY"),
    "亿元人民币": (1e8, "CNY"),
    "万元人民币": (1e4, "CNY"),
    "亿美元": (1e8, "USD"),
    "万美元": (1e4, "USD"),
    "美元": (1.0, "USD"),
    "亿欧元": (1e8, "EUR"),
    "万欧元": (1e4, "EUR"),
    "亿港元": (1e8, "HKD"),
    "万港元": (1e4, "HKD"),
}
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONEY_RE = re.compile(
    rf"(?P<num>{ARABIC}|[{NUMERAL_CHARS}]+)\s*(?P<approx>多|余)?\s*"
    rf"(?P<unit>{'|'.join(sorted(map(re.escape, UNITS), key=len, reverse=True))})"
)


def find_money(text: str) -> list[dict[str, Any]]:
    """Every amount in order of appearance; ``value_yuan`` is null for foreign currencies."""
    found: list[dict[str, Any]] = []
    for m in MONEY_RE.finditer(text):
        number = to_number(m["num"])
        if number is None or (m["num"] in "万亿" and len(m["num"]) == 1):
            continue
        multiplier, currency = UNITS[m["unit"]]
        value = round(number * multiplier, 2)
        found.append(
            {
                "text": m[0],
                "value_yuan": value if currency == "CNY" else None,
                "value": value,
                "currency": currency,
            }
        )
    return found
