"""Development zones: a suffix (经开区, 高新区, 工业园区, 科技城 …) extended left to the place before it.

句容经开区, 天门高新园 and 盐城环保科技城 are found by their suffix, then the name is extended to the
nearest place name in the few characters before it. The gazetteer (data/zones*.tsv, built from the national
catalogue by scripts/build_gazetteer.py; more files may be added, e.g. zones approved after 2018) gives the
canonical name, level, type and code when a written form is known (句容经开区 = 江苏句容经济开发区). A bare
经开区/高新区 means the article's own zone and is resolved against its locality.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from crawler.entities.lexicon import DATA, HAN, read_tsv, word_list
from crawler.entities.places import Mention, short_names

# Written suffix -> zone type when the gazetteer does not know the zone. Longest first when matching.
SUFFIX_TYPES = {
    "经济技术开发区": "etdz",
    "高新技术产业开发区": "hitech",
    "高新技术产业园区": "hitech",
    "高新技术开发区": "hitech",
    "经济开发区": "economic",
    "综合保税区": "bonded",
    "保税港区": "bonded",
    "保税区": "bonded",
    "自由贸易试验区": "ftz",
    "自贸区": "ftz",
    "自贸试验区": "ftz",
    "新片区": "ftz",
    "跨境电子商务综合试验区": "ecommerce",
    "综合试验区": "pilot",
    "出口加工区": "bonded",
    "保税物流中心": "bonded",
    "产业集聚区": "industrial",
    "化工园区": "chemical",
    "化工园": "chemical",
    "物流园区": "logistics",
    "农业科技园区": "agri_park",
    "高新技术园区": "hitech",
    "跨境经济合作区": "border",
    "边境经济合作区": "border",
    "工业集中区": "industrial",
    "工业园区": "industrial",
    "产业园区": "industrial_park",
    "科技园区": "science_park",
    "经开区": "economic",
    "高新区": "hitech",
    "高新园": "hitech",
    "综保区": "bonded",
    "开发区": "development_zone",
    "工业园": "industrial",
    "产业园": "industrial_park",
    "科技城": "science_city",
    "科技园": "science_park",
    "新区": "new_area",
}
SUFFIX_RE = re.compile("|".join(sorted(SUFFIX_TYPES, key=len, reverse=True)))
# Suffixes that, written alone, mean "our zone" (赴经开区调研) and resolve to the article's locality.
BARE_SUFFIXES = frozenset({"经开区", "高新区", "高新园", "综保区", "经济开发区", "经济技术开发区", "工业园区"})
# Words right before a bare suffix that make it generic, not our zone (省级及以上开发区, 全市开发区).
# Words after which a bare suffix names a zone (曾伯怡赴经开区, 听取了经开区负责人的汇报).
LEAD_INS = word_list("赴 到 在 对 和 及 与 是 为 将 了 至 入驻 落户 走进 来到 推动 我市 我区 我县 本市")
# A level character alone before a bare suffix means the same thing (,市经开区管委会).
LEVEL_ONLY = frozenset({"市", "县", "区", "省"})
GENERIC_BEFORE = word_list("国家级 省级 国家 全国 全省 全市 各 以上 等 类 个 批 家")
# A bare suffix followed by these is a column or topic name (高新区新闻), not a zone.
NOT_BARE_AFTER = ("新闻", "研究", "动态", "专栏", "规划")
WINDOW = 8  # characters before a suffix searched for the place name that starts the zone name
MAX_GAP = 5  # characters allowed between that place name and the suffix (盐城[环保]科技城, 南京[江北新材料]科技园)
LEVEL_WORDS = (("国家级", "national"), ("省级", "provincial"))
EXTRA_ENV = "DEVZONE_EXTRA_ZONES"
LEVEL_WORD_RE = re.compile("国家级|省级|国家")


@dataclass(frozen=True)
class Zone:
    name: str
    code: str | None
    level: str | None
    type: str
    province: str
    stem: str
    approved: str | None
    aliases: tuple[str, ...]


def load_zones(paths: Iterable[Path]) -> list[Zone]:
    """Zones from our TSV format (name, code, level, type, province, stem, approved, aliases)."""
    zones = []
    for path in paths:
        for name, code, level, kind, province, stem, approved, aliases in read_tsv(path):
            zones.append(
                Zone(
                    name,
                    code or None,
                    level or None,
                    kind,
                    province,
                    stem,
                    approved or None,
                    tuple(filter(None, aliases.split("|"))),
                )
            )
    return zones


def zone_files() -> list[Path]:
    """data/zones*.tsv plus any files named in $DEVZONE_EXTRA_ZONES (os.pathsep-separated)."""
    extra = [Path(p) for p in os.environ.get(EXTRA_ENV, "").split(os.pathsep) if p]
    return [*sorted(DATA.glob("zones*.tsv")), *extra]


class Gazetteer:
    """Zones indexed by every written form; a form shared by several zones keeps them all."""

    def __init__(self, zones: Iterable[Zone]) -> None:
        self.zones = list(zones)
        self.by_form: dict[str, list[Zone]] = {}
        for zone in self.zones:
            for form in (zone.name, *zone.aliases):
                self.by_form.setdefault(form, []).append(zone)

    def lookup(self, form: str, province: str | None = None) -> Zone | None:
        candidates = self.by_form.get(form)
        if not candidates:
            return None
        return min(candidates, key=lambda z: (z.province != province, z.level != "national"))

    def for_locality(self, stems: Iterable[str], suffix: str, province: str | None) -> Zone | None:
        """The zone a bare suffix means in a place: 冷水江 + 经开区 -> 湖南冷水江经济开发区."""
        for stem in stems:
            zone = self.lookup(stem + suffix, province)
            if zone:
                return zone
        return None

    def forms(self) -> Iterable[str]:
        return self.by_form.keys()


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(load_zones(zone_files()))


def _level_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 3) : start]
    for word, level in LEVEL_WORDS:
        if before.endswith(word):
            return level
    return None


def _zone_item(name: str, zone: Zone | None, suffix: str, level: str | None) -> dict[str, Any]:
    return {
        "name": name,
        "canonical": zone.name if zone else None,
        "level": zone.level if zone else level,
        "type": zone.type if zone else SUFFIX_TYPES[suffix],
        "code": zone.code if zone else None,
        "province": zone.province if zone else None,
    }


def _han_run_start(text: str, start: int) -> int:
    """Start of the run of Han characters that ends at ``start`` (at most WINDOW long)."""
    pos = start
    while pos > 0 and start - pos < WINDOW and re.match(f"[{HAN}]", text[pos - 1]) and text[pos - 1] not in "、":
        pos -= 1
    return pos


def _lookup_place_form(gaz: Gazetteer, place: Mention, rest: str, province: str | None) -> Zone | None:
    """镇江市经开区 is written with the full place name; the gazetteer knows 镇江经开区."""
    names = [place.surface]
    if place.division is not None:
        names += [place.division.name, *short_names().get(place.division.name, ())]
    bare_rest = LEVEL_WORD_RE.sub("", rest)  # 常州国家高新区 is 常州高新区
    for name in names:
        for tail in dict.fromkeys((rest, bare_rest)):
            zone = gaz.lookup(name + tail, province)
            if zone:
                return zone
    return None


def find_zones(
    text: str, places: list[Mention], locality: dict[str, str | None] | None, stems: list[str]
) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """Zones, one per zone, and the span of every mention (for 党工委/管委会 after it).

    ``stems`` are the locality's names (冷水江市, 冷水江) a bare suffix is resolved with.
    """
    gaz = gazetteer()
    province = (locality or {}).get("province")
    place_starts = {p.start: p for p in places}
    out: dict[str, dict[str, Any]] = {}
    spans: list[tuple[int, int]] = []
    last_end = -1
    for m in SUFFIX_RE.finditer(text):
        start, end, suffix = m.start(), m.end(), m[0]
        run = _han_run_start(text, start)
        item = None
        # 1. A known written form ending here (longest first): 句容经开区, 中关村科技园区.
        for pos in range(run, start):
            zone = gaz.lookup(text[pos:end], province)
            if zone:
                item = _zone_item(text[pos:end], zone, suffix, None)
                break
        # 2. A place name shortly before the suffix: 天门高新园, 盐城环保科技城.
        if item is None:
            for pos in range(run, start):
                place = place_starts.get(pos)
                if place and place.end <= start and start - place.end <= MAX_GAP:
                    name = text[pos:end]
                    zone = _lookup_place_form(gaz, place, text[place.end : end], province)
                    item = _zone_item(name, zone, suffix, _level_before(text, pos))
                    break
        # 3. A bare suffix: the article's own zone, unless written as a generic category.
        if item is None and suffix in BARE_SUFFIXES:
            before = text[run:start]
            if start > 0 and text[start - 1] in "(（" and start - 1 == last_end:
                continue  # 平凉工业园区(高新区): a second name of the zone just named
            if text.startswith(NOT_BARE_AFTER, end):
                continue
            if (
                before
                and before not in LEVEL_ONLY
                and (before.endswith(GENERIC_BEFORE) or not before.endswith(LEAD_INS))
            ):
                continue
            zone = gaz.for_locality(stems, suffix, province)
            item = _zone_item(suffix, zone, suffix, None)
        if item is None:
            continue
        last_end = end
        spans.append((end - len(item["name"]), end))
        out.setdefault(item["canonical"] or item["name"], item)
    return list(out.values()), spans


def zone_province_prior(text: str, places: list[Mention]) -> dict[str, str | None] | None:
    """The province of the catalogue zones named in the text, as a region prior (None if there is none)."""
    zones, _spans = find_zones(text, places, None, [])
    provinces = [z["province"] for z in zones if z["province"]]
    if not provinces:
        return None
    return {"province": max(set(provinces), key=provinces.count), "city": None, "county": None}


def zone_words() -> Iterable[str]:
    """Every written zone form and suffix, for the keyword dictionary."""
    yield from gazetteer().forms()
    yield from SUFFIX_TYPES
