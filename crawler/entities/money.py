"""Amounts of money: 272.80亿元, 933.35万元, 百亿元, 十亿元, 1,500万美元 -> value in yuan.

A number only joins the unit it touches, so a count before it never merges into the amount
(6个,10亿元 is one amount of 10亿元). A bare 亿元 (亿元以上项目) carries no amount and is skipped.
News also writes amounts without 元 (总投资700亿, 实现营收26.7亿): a number with 亿/万 and no unit after it is
money when a money word comes before it in its clause (投资, 产值, 营收 …) or 投资 right after it; 人口1.4亿,
6.42亿度 and 百亿级产业 are not.
"""

from __future__ import annotations

import re
from typing import Any

from crawler import rx
from crawler.entities.lexicon import anchored_windows, is_han
from crawler.entities.numbers import NUMERAL_CHARS, to_number

# Scale words between the number and the currency (5亿元, 5亿多元, 1.5万亿元).
SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百万": 1e6, "千万": 1e7}
CURRENCIES = {"元人民币": "CNY", "元": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "日元": "JPY"}
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALES_ONLY = "万亿"
# A number, its scale and its currency: one pass finds both 5亿元 and the 700亿 written without 元.
AMOUNT_RE = rx.compile(
    rf"(?P<num>{ARABIC}|[{NUMERAL_CHARS}]+)\s*(?:多|余)?"
    rf"(?P<scale>{'|'.join(sorted(SCALES, key=len, reverse=True))})?(?:多|余)?"
    rf"(?P<currency>{'|'.join(sorted(CURRENCIES, key=len, reverse=True))})?"
)
BARE_SCALES = frozenset({"万亿", "亿", "万"})
# The low end of a range written before an amount: 6-8亿元, 5至10亿元.
RANGE_LOW_RE = rx.compile(rf"(?P<low>{ARABIC})\s*[-~～—至到]\s*\Z")
RANGE_LIMIT = 12
# Every amount holds one of these; the amount pattern runs only around them.
ANCHOR_RE = rx.compile("[元亿万]")
ANCHOR_BEFORE, ANCHOR_AFTER = 30, 8
# Words that make a bare 亿/万 figure an amount of money when they come before it in its clause.
MONEY_WORDS = rx.compile(
    "投资|资金|金额|总额|产值|收入|营收|营业额|销售额|税收|利润|融资|贷款|基金|资产|成交额|交易额|增加值|生产总值|GDP"
    "|预算|支出|补贴|补助|奖励|出口额|进口额|进出口|合同额|造价|估值|市值|募资|拨付|筹集|价值|消费|资本"
)
# What may follow a bare amount: punctuation, the end, or one of these words (700亿投资, 10亿以上项目).
BARE_FOLLOWERS = ("投资", "资金", "的", "以上", "左右", "规模", "项目")
CLAUSE_BREAK = rx.compile(r"[,，。；;！？!?\n]")
CLAUSE_LIMIT = 24
AFTER_LIMIT = 6
# ... or right after it: 每年70亿的销售额.
MONEY_AFTER = rx.compile(r"的?(?:" + MONEY_WORDS.pattern + ")")


def _is_bare_amount(text: str, m: re.Match[str]) -> bool:
    """A 亿/万 figure without 元 is money only in a money clause and with no other unit after it."""
    after = text[m.end() : m.end() + 1]
    if after.isdigit() or (after and is_han(after) and not text.startswith(BARE_FOLLOWERS, m.end())):
        return False  # 6.42亿度, 1.2亿人次, 百亿级, 6万9
    if text.startswith("投资", m.end()):
        return True
    window = text[max(0, m.start() - CLAUSE_LIMIT) : m.start()]
    clause = CLAUSE_BREAK.split(window)[-1]
    after = CLAUSE_BREAK.split(text[m.end() : m.end() + AFTER_LIMIT])[0]
    return bool(MONEY_WORDS.search(clause) or MONEY_AFTER.match(after))


def _amount(text: str, number: float, scale: str, currency: str) -> dict[str, Any]:
    value = round(number * SCALES.get(scale, 1.0), 2)
    return {"text": text, "value_yuan": value if currency == "CNY" else None, "value": value, "currency": currency}


def find_money(text: str) -> list[dict[str, Any]]:
    """Every amount in order of appearance; ``value_yuan`` is null for foreign currencies."""
    found: list[dict[str, Any]] = []
    windows = anchored_windows(ANCHOR_RE, text, ANCHOR_BEFORE, ANCHOR_AFTER)
    for m in (m for lo, hi in windows for m in AMOUNT_RE.finditer(text, lo, hi)):
        num, scale, currency = m["num"], m["scale"] or "", m["currency"]
        if set(num) <= set(SCALES_ONLY):
            continue  # 亿元以上项目: a unit without an amount
        if currency:
            if len(num) == 1 and not num.isdigit() and not scale:
                continue  # 二元结构, 多元化: a word, not an amount
        else:
            # 700亿 (in 百亿 the scale is the numeral's last character); a bare number is no amount.
            if (scale or num[-1]) not in BARE_SCALES or not _is_bare_amount(text, m):
                continue
        number = to_number(num)
        if number is None:
            continue
        unit = CURRENCIES[currency] if currency else "CNY"
        low = RANGE_LOW_RE.search(text, max(0, m.start() - RANGE_LIMIT), m.start())
        if low and to_number(low["low"]) is not None:
            found.append(_amount(low[0] + m[0], to_number(low["low"]), scale, unit))  # 6-8亿元: 6亿元 too
        found.append(_amount(m[0], number, scale, unit))
    return found
