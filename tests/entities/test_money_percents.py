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


def kinds(text: str) -> list[tuple[float, str, str]]:
    return [(p["value"], p["kind"], p["unit"]) for p in find_percents(text)]


def test_every_percentage_with_its_kind() -> None:
    text = "产值同比增长17.23%;提高1.5个百分点;同比增长16.8倍;占比不低于80%;增速达百分之十二;增加两个项目。"
    assert kinds(text) == [
        (17.23, "growth", "percent"),
        (1.5, "growth", "points"),
        (80.0, "share", "percent"),
        (12.0, "growth", "percent"),
    ]


def test_declines_keep_their_positive_value() -> None:
    assert kinds("规模以上工业增加值同比下降2.3%,环比:-1.2%,降幅达5%") == [
        (2.3, "decline", "percent"),
        (1.2, "decline", "percent"),
        (5.0, "decline", "percent"),
    ]


def test_rates_targets_and_levels() -> None:
    text = "土地利用率达到90%;力争到2027年入驻率达到95%;产能利用率降至77.8%;企业覆盖率92%"
    assert kinds(text) == [
        (90.0, "rate", "percent"),
        (95.0, "target", "percent"),
        (77.8, "rate", "percent"),
        (92.0, "share", "percent"),
    ]


def test_tenths_written_as_cheng() -> None:
    assert kinds("外资企业约占四成,近2成企业完成技改") == [(40.0, "share", "percent"), (20.0, "other", "percent")]
    # 成 inside a word is not tenths: 成都, 一成不变, 三五成群, 统一成立.
    assert kinds("三成都市圈;政策一成不变;三五成群;统一成立") == []


def test_ranges_and_full_width_digits() -> None:
    assert [p["value"] for p in find_percents("预计增长3-5%,比例提高到55%-90%,下降７．８％")] == [3, 5, 55, 90, 7.8]


def test_bare_hundred_million_is_money_only_in_a_money_clause() -> None:
    text = "新区总投资700亿,用电量6.42亿度,常住人口1.2亿,打造百亿级产业集群,年收入调到6万9,完成营收26.7亿。"
    assert values(text) == [700e8, 26.7e8]
    assert values("湘江新区700亿投资落地") == [700e8]


def test_scale_written_apart_from_the_currency() -> None:
    assert values("完成投资5亿多元,总额1.5万亿元,另有千万元") == [5e8, 1.5e12, 1e7]
    assert values("城乡二元结构;多元化发展") == []


def test_ranges_give_both_ends_and_a_money_word_may_follow() -> None:
    assert values("预计可实现年上交税收6-8亿元,每年实现70亿的销售额,人口1.4亿的城市") == [6e8, 8e8, 70e8]
