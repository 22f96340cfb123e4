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

from crawler import rx
from crawler.entities.lexicon import (
    DATA,
    dictionary_words,
    is_han,
    read_tsv,
    word_freq,
    word_list,
    word_tag,
    words_from_right,
)
from crawler.entities.places import Division, Mention, name_index, place_names, short_names
from crawler.entities.stems import CUT_CHARS, MIN_STEM, is_cut_word, name_stem

SUFFIXES_FILE = "zone_suffixes.tsv"
# Words right before a bare suffix that make it generic, not our zone (省级及以上开发区, 全市开发区).
# Words after which a bare suffix names a zone (曾伯怡赴经开区, 听取了经开区负责人的汇报).
LEAD_INS = word_list("赴 到 在 对 和 及 与 是 为 将 了 至 入驻 落户 走进 来到 推动 我市 我区 我县 本市")
# A level character alone before a bare suffix means the same thing (,市经开区管委会).
LEVEL_ONLY = frozenset({"市", "县", "区", "省"})
GENERIC_BEFORE = word_list("国家级 省级 国家 全国 全省 全市 各 以上 等 类 个 批 家")
# A zone name starting so is a category (国家级经开区, 全省园区), not one zone; 国家网络安全产业园区 is one.
GENERIC_STARTS = ("国家级", "省级", "市级", "全国", "全省", "全市", "各", "该", "本", "这", "一批", "多个")
BRACKETED_PLACE = rx.compile(r"[(（]([^()（）]{2,6})[)）]\Z")
# A bare suffix followed by these is a column or topic name (高新区新闻), not a zone.
NOT_BARE_AFTER = ("新闻", "研究", "动态", "专栏", "规划")
WINDOW = 8  # characters before a suffix searched for the place name that starts the zone name
MAX_GAP = 5  # characters allowed between that place name and the suffix (盐城[环保]科技城, 南京[江北新材料]科技园)
# A name stem made of frequent ordinary words describes a kind of park (现代产业园, 特色园区), not one park.
GENERIC_WORD_FREQ = 300
PROPER_TAGS = frozenset(word_list("nr nrt nrfg ns nt nz j eng"))
# Zone kinds a province names as a category (省级经济开发区 of 河南: “河南省经济开发区”); 广东自贸区 is one zone.
ORDINARY_NAME_FREQ = 10000
LONG_WINDOW = 20
# Region words a long zone name may start from, after the region's short name (皖江|城市带, 长株潭|城市群).
REGION_WORD_RE = rx.compile("城市带|经济带|城市群|经济圈|都市圈|经济区")
REGION_HEAD = 4
# Words that never stand inside a long zone name (verbs may: 承接产业转移).
PHRASE_TAGS = frozenset(word_list("m q u ul uj p r c d"))
# A stem ending in one of these says what kind of zone it is (内陆型综保区, 示范性园区, 省级园区).
KIND_ENDINGS = ("型", "式", "级", "类", "性")
CATEGORY_TYPES = frozenset(word_list("etdz hitech economic industrial development_zone industrial_park park"))
MUNICIPALITIES = ("11", "12", "31", "50")
LEVEL_WORDS = (("国家级", "national"), ("省级", "provincial"))
EXTRA_ENV = "DEVZONE_EXTRA_ZONES"
LEVEL_WORD_RE = rx.compile("国家级|省级|国家")


@dataclass(frozen=True)
class Suffix:
    type: str
    any_name: bool  # a name that is not a place may come before it (翠亨新区), else only a place (湖州度假区)
    long_name: bool  # the name may be a long phrase from a place or region (皖江城市带承接产业转移示范区)
    bare: bool  # written alone it means the article's own zone


@cache
def suffixes() -> dict[str, Suffix]:
    return {
        s: Suffix(t, before == "name", before == "long", bare == "yes")
        for s, t, before, bare in read_tsv(DATA / SUFFIXES_FILE)
    }


@cache
def _suffix_re() -> re.Pattern[str]:
    return rx.compile("|".join(sorted(suffixes(), key=len, reverse=True)))


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
        # A zone named by the very form written beats one the form only abbreviates (新乡经济开发区 is the
        # provincial 河南新乡经济开发区, not the national 新乡经济技术开发区), then the article's province.
        return min(candidates, key=lambda z: (not z.name.endswith(form), z.province != province, z.level != "national"))

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
        "type": zone.type if zone else suffixes()[suffix].type,
        "code": zone.code if zone else None,
        "province": zone.province if zone else None,
    }


def _han_run_start(text: str, start: int) -> int:
    """Start of the run of Han characters that ends at ``start`` (at most WINDOW long, a bracketed place such
    as the (上海) of 中国(上海)自由贸易试验区 not counted)."""
    pos, extra = start, 0
    while pos > 0 and start - pos - extra < WINDOW:
        if is_han(text[pos - 1]) and text[pos - 1] != "、":
            pos -= 1
            continue
        bracket = BRACKETED_PLACE.search(text, max(0, pos - 8), pos)
        if not bracket or bracket[1] not in place_names():
            break
        extra += bracket.end() - bracket.start()
        pos = bracket.start()
    return pos


def _name_like(words: Iterable[str]) -> bool:
    """No word between a place and its suffix ends a name (盐城[环保]科技城, 江苏[沿江]开发区; not
    凉州区[不断加快]工业园区). Position words (沿江, 东部) belong to zone names."""
    return not any(is_cut_word(w) and word_tag(w) != "f" for w in words)


def _generic(stem: str) -> bool:
    """现代产业园, 各类园区, 重点产业园: a stem of frequent ordinary words names a kind of park, not a park."""
    if stem in GENERIC_BEFORE or stem.startswith(GENERIC_STARTS) or stem.endswith(KIND_ENDINGS):
        return True
    words = dictionary_words(stem)
    return words is not None and all(word_freq(w) >= GENERIC_WORD_FREQ and not _proper(w) for w in words)


def _proper(word: str) -> bool:
    """A name (中原, 临港), not an ordinary word jieba happens to tag as one (城市 is tagged ns)."""
    return word_tag(word) in PROPER_TAGS and word_freq(word) < ORDINARY_NAME_FREQ


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


@dataclass
class ZoneScan:
    """The zones of a text before the region is known: the bare ones (经开区) are resolved afterwards."""

    items: list[dict[str, Any]]  # one per written form
    spans: list[tuple[int, int]]  # every mention (for the 党工委/管委会 written after it)
    localities: list[tuple[Division, int]]  # the place of each named zone and where it is written


def scan_zones(text: str, places: list[Mention], province: str | None) -> ZoneScan:
    """Zones in order of their first mention; ``province`` (the portal's, if any) settles shared forms."""
    place_starts = {p.start: p for p in places}
    out: dict[str, dict[str, Any]] = {}
    spans: list[tuple[int, int]] = []
    localities: list[tuple[Division, int]] = []
    last_end = -1
    # Where a place name ends inside a suffix: 阳新|片区 is not a 新片区 (浦东新区, a place and a zone, is).
    inside_places = {i: p.end for p in places for i in range(p.start + 1, p.end)}
    for m in _suffix_re().finditer(text):
        start, end, suffix = m.start(), m.end(), m[0]
        if start - 1 == last_end and text[start - 1] in "(（":
            continue  # 平凉工业园区(高新区): a second name of the zone just named
        if inside_places.get(start, end) < end:
            continue
        found = _named_zone(text, max(last_end, 0), start, end, suffix, place_starts, province)
        if found:
            item, locality = found
            if locality:
                localities.append((locality, end - len(item["name"])))
        elif suffixes()[suffix].bare and _bare_is_ours(text, start, end):
            item = {**_zone_item(suffix, None, suffix, None), "bare": True}
        else:
            continue
        last_end = end
        spans.append((end - len(item["name"]), end))
        out.setdefault(item["name"], item)
    return ZoneScan(list(out.values()), spans, localities)


def resolve_zones(scan: ZoneScan, region: dict[str, str | None] | None, stems: list[str]) -> list[dict[str, Any]]:
    """The zones with every bare suffix resolved to the locality's own zone (冷水江 + 经开区)."""
    out = []
    province = (region or {}).get("province")
    for item in scan.items:
        if item.pop("bare", False):
            zone = gazetteer().for_locality(stems, item["name"], province)
            item = _zone_item(item["name"], zone, item["name"], None)
        out.append(item)
    return out


def _zone_locality(zone: Zone) -> Division | None:
    """The division a catalogue zone lies in, from its stem (东营港 -> 东营市) and province; the province
    itself when the stem names no division (洋浦经济开发区)."""
    index = name_index()
    for n in range(len(zone.stem), 1, -1):
        for division in index.get(zone.stem[:n], ()):
            if division.province == zone.province:
                return division
    return next((d for d in index.get(zone.province, ()) if d.level == "province"), None)


def _named_zone(
    text: str, floor: int, start: int, end: int, suffix: str, place_starts: dict[int, Mention], province: str | None
) -> tuple[dict[str, Any], Division | None] | None:
    """The zone whose name ends with the suffix at ``start`` and its locality: a form the gazetteer knows
    (句容经开区), a place and a few name words (盐城环保科技城), or for most suffixes any name that is not a
    description (翠亨新区)."""
    gaz = gazetteer()
    run = max(_han_run_start(text, start), floor)  # never into the zone named just before (…试验区临港新片区)
    for pos in range(run, start):
        zone = gaz.lookup(text[pos:end], province)
        if zone:
            place = place_starts.get(pos)
            return _zone_item(text[pos:end], zone, suffix, None), place.division if place else _zone_locality(zone)
    for pos in range(run, start):
        place = place_starts.get(pos)
        if not place or place.end > start or start - place.end > MAX_GAP:
            continue
        gap = text[place.end : start]
        if not _name_like(words_from_right(gap)):
            continue
        zone = _lookup_place_form(gaz, place, text[place.end : end], province)
        if zone is None and not gap and _province_category(place, suffix):
            return None  # “河南省经济开发区”: a province and a bare suffix is a category, not a zone
        head = pos
        if pos > 0 and text[pos - 1] in "(（":
            head = pos - 1 - len(name_stem(text, pos - 1))  # 中国(上海)自由贸易试验区: the name starts before
        return _zone_item(text[head:end], zone, suffix, _level_before(text, head)), place.division
    if suffixes()[suffix].long_name:
        return _long_zone(text, max(floor, start - LONG_WINDOW), start, end, suffix, place_starts)
    stem = name_stem(text, start)
    stem = stem[max(0, len(stem) - (start - run)) :]
    if suffixes()[suffix].any_name and len(stem) >= MIN_STEM and not _generic(stem):
        return _zone_item(stem + suffix, None, suffix, _level_before(text, start - len(stem))), None
    return None


def _long_zone(
    text: str, floor: int, start: int, end: int, suffix: str, place_starts: dict[int, Mention]
) -> tuple[dict[str, Any], Division | None] | None:
    """示范区 and 试验区 carry long names that run from a place or a region (皖江城市带承接产业转移示范区,
    长株潭两型社会建设综合配套改革试验区); without one the phrase is a title, not a zone (全省营商环境示范区)."""
    pos = start
    while pos > floor and is_han(text[pos - 1]) and text[pos - 1] != "、":
        pos -= 1
    place = next((place_starts[i] for i in range(pos, start) if i in place_starts), None)
    region = REGION_WORD_RE.search(text, pos, start)
    if place is not None:
        head, locality = place.start, place.division
    elif region is not None:
        head, locality = region.start() - len(name_stem(text, region.start())[-REGION_HEAD:]), None  # 设立|皖江
    else:
        return None
    if any(w in CUT_CHARS or (len(w) > 1 and word_tag(w) in PHRASE_TAGS) for w in words_from_right(text[head:start])):
        return None  # 海南设立了国家生态文明试验区, 河南多个玉米高产示范区: a sentence, not a name
    return _zone_item(text[head:end], None, suffix, _level_before(text, head)), locality


def _province_category(place: Mention, suffix: str) -> bool:
    division = place.division
    if division is None or division.level != "province" or division.adcode[:2] in MUNICIPALITIES:
        return False
    return suffixes()[suffix].type in CATEGORY_TYPES


def _bare_is_ours(text: str, start: int, end: int) -> bool:
    """A bare 经开区 after 赴/到/在/我市 … or a lone level character is the article's own zone; after 全市,
    国家级, 各 … or before 新闻/规划 it is a category or a column."""
    if text.startswith(NOT_BARE_AFTER, end):
        return False
    before = text[_han_run_start(text, start) : start]
    if not before or before in LEVEL_ONLY:
        return True
    return not before.endswith(GENERIC_BEFORE) and before.endswith(LEAD_INS)


def zone_words() -> Iterable[str]:
    """Every written zone form and suffix, for the keyword dictionary."""
    yield from gazetteer().forms()
    yield from suffixes()
