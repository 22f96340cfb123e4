from __future__ import annotations

import pytest

from crawler.entities.money import find_money
from crawler.entities.numbers import chinese_to_number, to_number
from crawler.entities.percents import find_percents


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十亿", 1e9),
        ("一百二十三", 123),
        ("二点五", 2.5),
        ("两万三千", 23000),
        ("百", 100),
        ("一亿五千万", 1.5e8),
        ("一万亿", 1e12),
        ("二〇二一", 2021),
    ],
)
def test_chinese_numerals(text: str, value: float) -> None:
    assert chinese_to_number(text) == value


def test_not_a_numeral() -> None:
    assert chinese_to_number("项目") is None
    assert to_number("1,500") == 1500


def values(text: str) -> list[float | None]:
    return [m["value_yuan"] for m in find_money(text)]


def test_amounts_from_the_seeds() -> None:
    text = "完成技工贸总收入272.80亿元,向上争取补助资金933.35万元,力促经济总量突破百亿元。"
    assert values(text) == [272.80e8, 933.35e4, 100e8]


def test_a_count_never_merges_into_the_amount() -> None:
    assert values("其中,正式协议6个,10亿元项目3个,5亿元项目1个") == [10e8, 5e8]
    assert values("对3个投资过十亿元重大项目") == [10e8]


def test_bare_unit_is_not_an_amount() -> None:
    assert values("确保全年新签约亿元以上产业项目总投资达到1500亿元") == [1500e8]


def test_foreign_currency_keeps_its_value_but_not_yuan() -> None:
    (item,) = find_money("合同金额2.5亿美元")
    assert item["value_yuan"] is None
    assert (item["value"], item["currency"]) == (2.5e8, "USD")


def test_growth_points_multiple_and_shares_on_request() -> None:
    text = "同比增长17.23%;提高1.5个百分点;同比增长16.8倍;占比不低于80%;增速达百分之十二;增加两个项目。"
    expected = [(17.23, "growth"), (1.5, "points"), (16.8, "multiple"), (12.0, "growth")]
    assert [(p["value"], p["kind"]) for p in find_percents(text)] == expected
    with_shares = [(p["value"], p["kind"]) for p in find_percents(text, include_shares=True)]
    assert with_shares == [*expected[:3], (80.0, "share"), expected[3]]


def test_decline_kind() -> None:
    (item,) = find_percents("规模以上工业增加值同比下降2.3%")
    assert (item["value"], item["kind"]) == (2.3, "decline")


def test_scale_written_apart_from_the_currency() -> None:
    assert values("完成投资5亿多元,总额1.5万亿元,另有千万元") == [5e8, 1.5e12, 1e7]
    assert values("城乡二元结构;多元化发展") == []
