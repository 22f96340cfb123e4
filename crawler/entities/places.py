"""Places: provinces, cities, counties (GB/T 2260 codes from data/divisions.tsv) and towns (X镇/乡/街道).

Full names (天门市) and safe short aliases (天门) are matched with one trie regex. A short alias shared by
several divisions (朝阳) is resolved to the one in the article's province, else the higher level. Towns have
no code table here: a 2–3 character stem before 镇/乡/街道, starting at a phrase boundary and not an
ordinary word, is a town in the article's county/city.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from crawler import rx
from crawler.entities.lexicon import DATA, HAN, LongestMatch, is_han, read_tsv, word_freq, word_list, word_tag

LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "town": 3}
TOWN_BODY = rf"([{HAN}]{{2,3}}?)(镇|乡|街道)(?![长委政府])"
TOWN_RE = rx.compile(rf"(?:(?<=[^{HAN}])|(?<=^)|(?<=[和及与是在到赴从对把])){TOWN_BODY}")
TOWN_AFTER_PLACE_RE = rx.compile(TOWN_BODY)  # 天门市岳口镇: right after a county or city name
# Stems that are words, not towns (全乡, 城乡, 乡镇 …).
TOWN_STEM_STOP = frozenset(word_list("城乡 乡镇 城镇 全镇 各乡 各镇 本镇 该镇 重点 特色 小城 集镇 村镇 先进"))
TOWN_FREQ_LIMIT = 50
# A town stem never holds a function word or a count (个乡镇, 区和镇江).
TOWN_STEM_CHARS_STOP = frozenset("个等各全和及与的在县区省第")
# Words a false town stem ends in: 第二故乡, 历史重镇, 特色小镇.
TOWN_TAIL_WORDS = frozenset(
    word_list(
        "故乡 家乡 城乡 下乡 老乡 思乡 返乡 还乡 异乡 他乡 重镇 城镇 乡镇 集镇 村镇 小镇 "
        "古镇 名镇 强镇 大镇 坐镇 水乡 梦乡 入乡 本乡 全乡"
    )
)
# Set phrases that contain a place name but do not mention the place (长治久安, 中原城市群).
PHRASES = ("长治久安", "中原城市群", "中原地区", "东方红", "江南水乡", "塞上江南", "白云山")
PHRASES_RE = rx.compile("|".join(PHRASES))
# What may follow a county's short name and confirms it is the place: its level (the full name, if it ends
# in 县 or 旗, would have matched first: 江华县 is 江华瑶族自治县), a zone (江华高新区).
PLACE_FOLLOWERS = tuple(word_list("县 旗 经开区 高新区 开发区 经济开发区 经济技术开发区 工业园 产业园 高新技术"))
# How frequent a word a short name's character may form with its neighbour before the name is taken for a
# piece of that word: cities are far more often meant than counties.
JOINED_WORD_FREQ = {"city": 1000, "county": 50}
LONGER_WORD = 5
# Facilities named after a place: the place is part of the facility's name (美兰国际机场, 滨海国际会展中心).
FACILITY_RE = rx.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:机场|会展中心|火车站|高铁站|客运站|码头|大桥|公园|大道|广场|宾馆|酒店)"
)
PLACE_WORD_ENDS = ("区", "局", "厅", "委", "办", "府", "院")
DIRECT_COUNTY = "90"  # the city digits of county-level units under a province (429006 天门, 469024 临高)
POSITION_WORDS = frozenset(word_list("东西 西南 西北 东南 东北 南北 中东 中西 东部 西部 南部 北部 中部"))
SHORT_FULL_NAME = 2  # a full name this short (和县, 沙县) is also checked against the article's provinces
# Characters after a matched city name that make it part of another word (合作市场, 城市民).
NOT_AFTER_CITY = frozenset("场民值面容貌")


@dataclass(frozen=True)
class Division:
    adcode: str
    level: str
    name: str
    province: str
    city: str

    def as_place(self, surface: str) -> dict[str, Any]:
        county = self.name if self.level == "county" else None
        return {
            "name": surface,
            "level": self.level,
            "adcode": self.adcode,
            "province": self.province,
            "city": self.city or None,
            "county": county,
        }


@dataclass(frozen=True)
class Mention:
    """A place found in the text; ``division`` is None for towns (no code table)."""

    start: int
    end: int
    surface: str
    division: Division | None
    full: bool


@cache
def divisions() -> dict[str, Division]:
    return {r[0]: Division(r[0], r[1], r[2], r[3], r[4]) for r in read_tsv(DATA / "divisions.tsv")}


@cache
def name_index() -> dict[str, tuple[Division, ...]]:
    """Every written form -> the divisions it may mean, full names before aliases."""
    index: dict[str, list[Division]] = {}
    rows = list(read_tsv(DATA / "divisions.tsv"))
    table = divisions()
    for code, _level, name, *_rest in rows:
        index.setdefault(name, []).append(table[code])
    for code, _level, _name, _p, _c, aliases in rows:
        for alias in filter(None, aliases.split("|")):
            if alias not in index or table[code] not in index[alias]:
                index.setdefault(alias, []).append(table[code])
    return {k: tuple(v) for k, v in index.items()}


@cache
def short_names() -> dict[str, tuple[str, ...]]:
    """Full name -> its short aliases (天门市 -> 天门)."""
    out: dict[str, list[str]] = {}
    for _code, _level, name, _p, _c, aliases in read_tsv(DATA / "divisions.tsv"):
        out.setdefault(name, []).extend(filter(None, aliases.split("|")))
    return {k: tuple(v) for k, v in out.items()}


@cache
def full_names() -> frozenset[str]:
    return frozenset(d.name for d in divisions().values())


@cache
def place_matcher() -> LongestMatch:
    return LongestMatch(name_index())


@cache
def place_names() -> frozenset[str]:
    """Every written form of a division (full names and short aliases)."""
    return frozenset(name_index())


def place_words() -> Iterable[str]:
    """Every written form, for the keyword dictionary."""
    return name_index().keys()


def _choose(candidates: tuple[Division, ...], provinces: set[str], cities: set[str]) -> Division:
    def rank(d: Division) -> tuple[int, int, int]:
        return (d.city not in cities, d.province not in provinces, LEVEL_RANK[d.level])

    return min(candidates, key=rank)


def _strong(surface: str) -> bool:
    """A full name long enough to be a place wherever it is written (绥德县, not 和县)."""
    return surface in full_names() and len(surface) > SHORT_FULL_NAME


def find_divisions(
    text: str, prior: dict[str, str | None] | None = None, confirms: re.Pattern[str] | None = None
) -> list[Mention]:
    """Division mentions in order; ambiguous aliases resolved against the unambiguous ones and ``prior``.
    ``confirms`` matches what, written right after a county's short name, makes it the place wherever the
    article is (a government body: 义乌发改局)."""
    index = name_index()
    blocked = [(m.start(), m.end()) for m in PHRASES_RE.finditer(text)]
    raw = []
    for start, end, surface in place_matcher().finditer(text):
        if surface.endswith("市") and text[end : end + 1] in NOT_AFTER_CITY:
            continue
        if any(a <= start < b for a, b in blocked):
            continue
        raw.append((start, end, surface, index[surface]))
    anchors = [c[0] for _s, _e, surface, c in raw if len(c) == 1 and (c[0].level != "county" or _strong(surface))]
    provinces = {d.province for d in anchors}
    cities = {d.city for d in anchors if d.city}
    if prior:
        provinces.update(filter(None, [prior.get("province")]))
        cities.update(filter(None, [prior.get("city")]))
    mentions = []
    for s, e, surface, cands in raw:
        division = _choose(cands, provinces, cities)
        full = surface in full_names()
        size = _size(division)
        if not full and (_cuts_a_word(text, s, e, size) or (size != "province" and _starts_a_longer_word(text, s, e))):
            continue  # 莅临高新区 is not 临高, 金水产业 is not 金水, 中山大学 and 大同小异 are no places
        # A county's short name outside the article's provinces is a word, not a place (金山网, 和政策, 和县),
        # unless its level or a zone follows it (江华县委, 江华高新区).
        if (
            not _strong(surface)
            and division.level == "county"
            and division.province not in provinces
            and not text.startswith(PLACE_FOLLOWERS, e)
            and not (confirms and not full and confirms.match(text, e))
        ):
            continue
        mentions.append(Mention(s, e, surface, division, full))
    return mentions


def _starts_a_longer_word(text: str, start: int, end: int) -> bool:
    """The short name opens a longer dictionary word that is not a place (中山大学, 大同小异, 遵义会议)."""
    for n in range(end - start + 1, LONGER_WORD + 1):
        word = text[start : start + n]
        if len(word) == n and word_freq(word) > 0 and word_tag(word) != "ns" and not word.endswith(PLACE_WORD_ENDS):
            return True  # (a place's zone, district or bureau, 天津开发区, 沈阳铁路局, is still the place)
    return False


def _size(division: Division) -> str:
    """province, city or county; county-level units directly under a province (天门, 临高) count as counties."""
    return "county" if division.adcode[2:4] == DIRECT_COUNTY else division.level


def _cuts_a_word(text: str, start: int, end: int, level: str) -> bool:
    """A county's short name whose first character ends a word before it (莅|临高) or whose last begins a
    word after it (金水|产业); a city's short name only when the word it cuts is a frequent one (在巴中|国,
    最大|同心圆). Provinces are always places, and position words after a name (广东|西南部) are not words
    it cuts."""
    if level == "province":
        return False
    after = text[end : end + 1]
    if after and is_han(after) and not text.startswith(PLACE_FOLLOWERS, end):
        joined = text[end - 1] + after
        if joined not in POSITION_WORDS and word_freq(joined) > JOINED_WORD_FREQ[level]:
            return True
    before = text[start - 1 : start] if start else ""
    return bool(before) and is_han(before) and word_freq(before + text[start]) > JOINED_WORD_FREQ[level]


def find_towns(text: str, after: Iterable[int] = ()) -> list[Mention]:
    """Towns at a phrase boundary (、岳口镇、) or right after a county name (天门市岳口镇)."""
    found = []
    starts = set(after)
    for m in TOWN_RE.finditer(text):
        found.append(m)
    for pos in starts:
        m = TOWN_AFTER_PLACE_RE.match(text, pos)
        if m:
            found.append(m)
    mentions = {}
    for m in found:
        stem = m[1]
        if stem in TOWN_STEM_STOP or (word_freq(stem) > TOWN_FREQ_LIMIT and word_tag(stem) != "ns"):
            continue
        if any(ch in TOWN_STEM_CHARS_STOP for ch in stem) or stem[-1] + m[2] in TOWN_TAIL_WORDS:
            continue  # 个乡镇, 第二故乡, 历史重镇
        mentions[m.start()] = Mention(m.start(), m.end(), m[0], None, True)
    return [mentions[k] for k in sorted(mentions)]


def town_place(mention: Mention, region: dict[str, str | None] | None) -> dict[str, Any]:
    region = region or {}
    return {
        "name": mention.surface,
        "level": "town",
        "adcode": None,
        "province": region.get("province"),
        "city": region.get("city"),
        "county": region.get("county"),
    }


def facility_spans(text: str, divs: list[Mention]) -> list[tuple[int, int]]:
    """Short place names that open the name of a facility (美兰机场, 滨海国际会展中心): the facility's span."""
    out = []
    for m in divs:
        after = None if m.full else FACILITY_RE.match(text, m.end)
        if after:
            out.append((m.start, after.end()))
    return out


def places_output(
    divs: list[Mention],
    towns: list[Mention],
    region: dict[str, str | None] | None,
    inside_names: Iterable[tuple[int, int]] = (),
) -> list[dict[str, Any]]:
    """One entry per division (named by its first full-name mention) and per town, in text order. A division
    written only inside other names (七里河 in 七里河园区 and 浦东 in 浦东机场, the spans ``inside_names``) is no
    place of the article: the zone or facility is."""
    spans = sorted(inside_names)
    starts = [a for a, _b in spans]
    reach = list(accumulate((b for _a, b in spans), max))  # the furthest end of the spans starting up to here

    def inside(m: Mention) -> bool:
        """Some span holds the mention and more (a span that is the mention itself, 浦东新区, does not count)."""
        i, j = bisect_right(starts, m.start) - 1, bisect_left(starts, m.start) - 1
        return (i >= 0 and reach[i] > m.end) or (j >= 0 and reach[j] >= m.end)

    standalone = {m.division.adcode for m in divs if m.division and not inside(m)}
    out: dict[str, dict[str, Any]] = {}
    for m in sorted([*divs, *towns], key=lambda m: m.start):
        if m.division is not None and m.division.adcode not in standalone:
            continue
        if m.division is None:
            out.setdefault("town:" + m.surface, town_place(m, region))
            continue
        key = m.division.adcode
        if key not in out or (m.full and out[key]["name"] != m.division.name and m.surface == m.division.name):
            out[key] = m.division.as_place(m.surface)
    return list(out.values())
