"""Hand-labelled entities of the five seed articles (texts in tests/entities/texts/), and micro P/R/F1.

Matching follows the evaluation the project is held to: names compare after simplification; places,
organisations and zones also match when one name contains the other; money compares value_yuan and
percents compare value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEXTS = Path(__file__).with_name("texts")
CONTAINMENT_TYPES = ("organizations", "places", "zones")
VALUE_KEY = {"money": "value_yuan", "percents": "value"}
YI, WAN = 1e8, 1e4

GOLD: dict[str, dict[str, list[Any]]] = {
    "seed_000": {
        "persons": ["易先荣", "董青平", "张华忠", "高文博", "王帅"],
        "organizations": ["天门市委", "天门市政府", "市发改委", "市经信局", "市财政局", "天门网"],
        "places": ["天门市", "岳口镇", "小板镇", "皂市镇", "九真镇"],
        "zones": ["天门高新园", "天门工业园"],
        "money": [],
        "percents": [],
    },
    "seed_001": {
        "persons": ["李东成", "张宏春", "吕锦", "孙红艳", "张利华", "祁新桐"],
        "organizations": ["亭湖区委", "区人大常委会", "区政协", "盐城环保科技城党工委", "海瀛产发集团"],
        "places": ["盐城", "亭湖区"],
        "zones": ["盐城环保科技城"],
        "money": [],
        "percents": [],
    },
    "seed_002": {
        "persons": ["马明龙", "徐曙海", "李健", "郭建", "巩海滨", "秦海涛", "陈志奎", "龚逍遥", "马镇丹", "谢道韫"],
        "organizations": [
            "镇江市委",
            "镇江市政府",
            "省委",
            "市人大常委会",
            "市政协",
            "市委统战部",
            "市商务局",
            "市发改委",
            "市中级法院",
            "市检察院",
            "大全集团",
            "金山网",
        ],
        "places": ["镇江市", "丹阳市", "句容"],
        "zones": ["句容经开区", "镇江新区", "镇江高新区"],
        "money": [1500 * YI, 550 * YI, 350 * YI],
        "percents": [],  # 占比不低于80% is a level, not a growth figure
    },
    "seed_003": {
        "persons": [
            "曾伯怡",
            "陈创业",
            "陈群",
            "孙纬辉",
            "阳卫龙",
            "金波",
            "吴喜波",
            "肖志豪",
            "李璐",
            "刘温东",
            "李拓",
            "高攀",
            "段姝",
            "曹丹",
            "杨雅婷",
        ],
        "organizations": [
            "冷水江市委",
            "市人大常委会",
            "市政协",
            "湖南日报",
            "新湖南客户端",
            "三A新材料科技有限公司",
            "湖南润众新材料科技有限公司",
            "华科高新材料有限公司",
            "湖南德宝实业有限公司",
            "湖南黎辉新材料科技有限公司",
            "冷水江新闻网",
        ],
        "places": ["湖南", "冷水江市"],
        "zones": ["冷水江经开区"],
        "money": [272.80 * YI, 68.46 * YI, 1.4 * YI, 14.2 * YI, 933.35 * WAN],
        "percents": [17.23, 27.6],
    },
    "seed_004": {
        "persons": ["马春宁"],
        "organizations": ["平凉工业园区(高新区)党工委", "平凉市委", "高新院"],
        "places": ["平凉"],
        "zones": ["平凉工业园区"],
        "money": [100 * YI, 34 * YI, 4719 * WAN, 10 * YI, 5 * YI, 10 * YI, 10 * YI],
        "percents": [2.0, 16.8],
    },
}
REGIONS = {
    "seed_000": {"province": "湖北省", "city": "天门市", "county": None},
    "seed_001": {"province": "江苏省", "city": "盐城市", "county": "亭湖区"},
    "seed_002": {"province": "江苏省", "city": "镇江市", "county": None},
    "seed_003": {"province": "湖南省", "city": "娄底市", "county": "冷水江市"},
    "seed_004": {"province": "甘肃省", "city": "平凉市", "county": None},
}


def seed_text(case: str) -> tuple[str, str]:
    """(title, body) of a seed article: the first line is its title."""
    title, _, body = (TEXTS / f"{case}.txt").read_text(encoding="utf-8").partition("\n")
    return title, body


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _same(kind: str, got: Any, gold: Any) -> bool:
    if kind in VALUE_KEY:
        return got is not None and abs(got - gold) <= 1e-6 * max(1.0, abs(gold))
    if kind in CONTAINMENT_TYPES:
        return got in gold or gold in got
    return got == gold


def score(kind: str, predicted: Iterable[Any], gold: Iterable[Any]) -> Counts:
    """Greedy one-to-one matching of predicted items (names or values) to gold items."""
    left = list(gold)
    counts = Counts()
    for item in predicted:
        hit = next((g for g in left if _same(kind, item, g)), None)
        if hit is None:
            counts.fp += 1
        else:
            left.remove(hit)
            counts.tp += 1
    counts.fn = len(left)
    return counts


def predicted_items(kind: str, entities: dict[str, list[dict[str, Any]]]) -> list[Any]:
    """What is compared: the value for money/percents, else the name (and the resolved/canonical name)."""
    if kind in VALUE_KEY:
        return [e[VALUE_KEY[kind]] for e in entities[kind]]
    return [e.get("resolved") or e["name"] if kind == "organizations" else e["name"] for e in entities[kind]]
