"""The locality an article is about, by weight of evidence, and how it was decided.

Every place mention is evidence for its division and the divisions above it, weighted by what it is:

- the dateline (新华社重庆4月6日电, 大众网东营3月22日讯) and an outlet named after its place (天门网讯): strongest;
- a mention in the title; a zone the article names (梅州综保区, 句容经开区 from the gazetteer);
- an official's locality (冷水江市委书记曾伯怡, 长沙市副市长廖健);
- any other mention in the body, more near the top than near the end;
- the portal's own region (the hint), which decides when the text is silent or split.

A passing mention weighs little: an item of an enumeration (北京、天津两地; 宁波、舟山、绍兴和金华), a place inside
the name of an event or an institution (杭州亚运会, 中山大学), a place the actors travel to or come from
(赴北京、上海等地招商). The province with most of the evidence wins, unless the evidence is thin or spread over
several provinces with none dominant: a national story (a ranking of all zones, a ministry notice) gets no
region. A city is given when it clearly leads the province's other cities, a county when it carries at least
half of its city's evidence. ``basis`` says which kind of evidence weighed most: portal, dateline, zone, title
or body.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crawler import rx
from crawler.entities.lexicon import word_list
from crawler.entities.persons import title_head_after
from crawler.entities.places import Division, Mention, divisions, name_index, short_names

CAPITAL = "北京市"
MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆: districts sit right under the province
WEIGHTS = {"dateline": 4.0, "outlet": 3.0, "title": 4.0, "zone": 3.0, "official": 3.0, "portal": 3.0}
# The kind of evidence each source is reported as in ``basis``.
BASIS = {"dateline": "dateline", "outlet": "dateline", "title": "title", "zone": "zone", "official": "body"}
BODY_EARLY_BONUS = 0.5  # a body mention at the very top weighs 1.5, at the very end 1.0
PASSING = 0.3
TRAVEL = 0.5
# The dateline's place is followed by the date of the report (长沙1月26日电, 东营3月22日讯).
DATELINE_AFTER = rx.compile(r"\s?\d{1,2}月\d{1,2}日(?:电|讯|消息)")
# An outlet named after its place reports with 讯 (天门网讯, 冷水江新闻网讯).
OUTLET_AFTER = rx.compile(r"(?:网|日报|晚报|新闻网|新闻|电视台|融媒体中心|客户端|发布)讯")
PHRASE_BREAK = rx.compile(r"[、，,。；;：:！!？?\n（(）)“”\"]")
ENUMERATION = frozenset("、")
ITEM_TAIL = 6  # characters after a place still in its enumeration item (珠海|高栏港综保区)
ITEM_HEAD = 2
ITEM_GAP = 12  # how far the other place of an enumeration may be written
LIST_JOINERS = frozenset(word_list("和 及 与 以及 或"))
# Words after a place inside the same phrase that make it part of an event's or institution's name.
NAMED_AFTER = tuple(
    word_list(
        "亚运会 奥运会 运动会 全运会 博览会 博会 交易会 洽谈会 投洽会 论坛 峰会 展览会 展会 马拉松 大学 学院 医院 "
        "银行 证券 路 大道 街"
    )
)
TRAVEL_BEFORE = tuple(word_list("赴 前往 远赴 来自 奔赴 转战 飞赴"))
# National organs and the country written as the actor weigh for no province: a national story.
NATIONAL_KINDS = frozenset(word_list("government party congress cppcc court procuratorate"))
NATIONAL_ORGAN = 1.0
NATIONAL_WORDS = word_list("我国 全国")
NATIONAL_WORD = 0.5
MIN_EVIDENCE = 1.2  # one plain mention near the top; a passing one, or one at the very end, is not enough
PROVINCE_SHARE = 0.6  # of all the evidence, or PROVINCE_LEAD times the next province, or the story is national
PROVINCE_LEAD = 2.0
CITY_MIN = 2.0  # ... or CITY_SHARE of the province's evidence (an article naming only 天门市 is about 天门)
CITY_SHARE = 0.5
CITY_LEAD = 1.5  # times the next city
COUNTY_SHARE = 0.5


@dataclass(frozen=True)
class Evidence:
    division: Division
    weight: float
    basis: str


def _ancestors(d: Division) -> list[str]:
    codes = [d.adcode]
    if d.level == "county":
        codes.append(d.adcode[:4] + "00")
    if d.level != "province":
        codes.append(d.adcode[:2] + "0000")
    return codes


def hint_division(hint: dict[str, str | None] | None) -> Division | None:
    """The deepest division the portal's registry region names (county, else city, else province)."""
    if not hint:
        return None
    index = name_index()
    for key in ("county", "city", "province"):
        name = hint.get(key)
        if not name or name not in index:
            continue
        candidates = index[name]
        matching = [d for d in candidates if not hint.get("province") or d.province == hint["province"]]
        return (matching or list(candidates))[0]
    return None


def _phrase(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the phrase around a mention: from the previous to the next punctuation."""
    before = text.rfind("\n", 0, start)
    for m in PHRASE_BREAK.finditer(text, max(before, start - 40, 0), start):
        before = m.start()
    after = PHRASE_BREAK.search(text, end, end + 40)
    return before, after.start() if after else min(len(text), end + 40)


def _passing(text: str, m: Mention, neighbours: tuple[Mention | None, Mention | None]) -> float:
    """How much a mention counts as evidence of what the article is about (1, or less for a passing one).
    ``neighbours`` are the place mentions just before and after it."""
    before, after = _phrase(text, m.start, m.end)
    factor = 1.0
    # An item of an enumeration of places: the place (and a short word after it, 湛江|综保区) and, in the
    # next or previous item, another place (北京、天津; 湛江综保区、珠海高栏港综保区; 绍兴和金华). Bodies of one
    # place listed together (义乌发改局、义乌商务局) are not an enumeration of places.
    previous, following = neighbours
    ends_item = after < len(text) and text[after] in ENUMERATION and after - m.end <= ITEM_TAIL
    starts_item = before >= 0 and text[before] in ENUMERATION and m.start - before <= ITEM_HEAD
    joined_after = any(text.startswith(w, m.end) for w in LIST_JOINERS)
    joined_before = any(text.endswith(w, 0, m.start) for w in LIST_JOINERS)
    in_enumeration = (ends_item or joined_after) and _other_place(m, following, m.end, ITEM_GAP)
    in_enumeration = in_enumeration or ((starts_item or joined_before) and _other_place(m, previous, m.start, ITEM_GAP))
    if in_enumeration:
        factor *= PASSING
    if any(w in text[m.end : after] for w in NAMED_AFTER):
        factor *= PASSING
    if text[max(0, m.start - 2) : m.start].endswith(TRAVEL_BEFORE):
        factor *= TRAVEL
    return factor


def _other_place(m: Mention, other: Mention | None, pos: int, gap: int) -> bool:
    """``other`` is a different place written within ``gap`` characters of ``pos``."""
    if other is None or other.division == m.division:
        return False
    return abs(other.start - pos) <= gap or abs(other.end - pos) <= gap


def gather_evidence(
    text: str,
    title_length: int,
    mentions: list[Mention],
    zone_localities: Iterable[tuple[Division, int]],
    hint: dict[str, str | None] | None,
) -> list[Evidence]:
    """Weighted evidence from every mention, the zones' localities and the portal's region."""
    body_length = max(1, len(text) - title_length)
    mentions_at = {m.start: m for m in mentions if m.division is not None}
    ordered = sorted(mentions_at.values(), key=lambda m: m.start)
    factors = {
        m.start: _passing(text, m, (ordered[i - 1] if i else None, ordered[i + 1] if i + 1 < len(ordered) else None))
        for i, m in enumerate(ordered)
    }
    evidence = []
    for m in mentions_at.values():
        assert m.division is not None
        factor = factors[m.start]
        if DATELINE_AFTER.match(text, m.end) and m.division.province != CAPITAL:
            kind = "dateline"  # not 新华社北京电: national agencies report national stories from the capital
        elif OUTLET_AFTER.match(text, m.end):
            kind = "outlet"
        elif m.start < title_length:
            kind = "title"
        elif title_head_after(text, m.end):
            kind = "official"
        else:
            kind = "body"
        if kind == "body":
            weight = 1.0 + BODY_EARLY_BONUS * (1 - (m.start - title_length) / body_length)
        else:
            weight = WEIGHTS[kind]
        evidence.append(Evidence(m.division, weight * factor, BASIS.get(kind, "body")))
    for division, start in zone_localities:
        factor = factors.get(start, 1.0)
        evidence.append(Evidence(division, WEIGHTS["zone"] * factor, "zone"))
    anchor = hint_division(hint)
    if anchor:
        evidence.append(Evidence(anchor, WEIGHTS["portal"], "portal"))
    return evidence


def national_weight(text: str, known: list[dict[str, Any]]) -> float:
    """Evidence that a story is national: mentions of national organs (商务部, 国务院) and of the country as the
    actor (我国, 全国)."""
    organs = sum(1 for body in known if body["kind"] in NATIONAL_KINDS)
    return organs * NATIONAL_ORGAN + sum(text.count(w) for w in NATIONAL_WORDS) * NATIONAL_WORD


def main_region(evidence: list[Evidence], national: float = 0.0) -> dict[str, str | None] | None:
    """{province, city, county, adcode, basis}, or None for a national story (``national``, the weight of
    national evidence, outweighs the leading province) or an article naming no place."""
    votes: dict[str, float] = defaultdict(float)
    by_basis: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for e in evidence:
        for code in _ancestors(e.division):
            votes[code] += e.weight
            by_basis[code][e.basis] += e.weight
    table = divisions()
    known = {c: v for c, v in votes.items() if c in table}
    provinces = sorted((c for c in known if table[c].level == "province"), key=lambda c: (-known[c], c))
    if not provinces:
        return None
    province = provinces[0]
    total = sum(known[c] for c in provinces)
    runner_up = known[provinces[1]] if len(provinces) > 1 else 0.0
    leads = known[province] >= PROVINCE_SHARE * total or known[province] >= PROVINCE_LEAD * runner_up
    if known[province] < MIN_EVIDENCE or not leads or national > known[province]:
        return None
    municipality = province[:2] in MUNICIPALITIES
    city = None if municipality else _leading_city(known, province)
    parent = city or (province if municipality else None)
    county = None
    if parent:
        prefix = parent[:4] if city else parent[:2]
        options = [c for c in known if table[c].level == "county" and c.startswith(prefix)]
        best = max(options, key=lambda c: (known[c], -int(c)), default=None)
        if best and known[best] >= COUNTY_SHARE * known[parent]:
            county = best
    deepest = county or city or province
    basis = max(by_basis[deepest].items(), key=lambda kv: kv[1])[0]
    city_name = table[city].name if city else (table[province].name if municipality else None)
    return {
        "province": table[province].name,
        "city": city_name,
        "county": table[county].name if county else None,
        "adcode": deepest,
        "basis": basis,
    }


def _leading_city(known: dict[str, float], province: str) -> str | None:
    """The province's city with clearly the most evidence (and enough of it), else None (浙江 at large)."""
    table = divisions()
    cities = sorted(
        (c for c in known if table[c].level == "city" and c.startswith(province[:2])), key=lambda c: (-known[c], c)
    )
    if not cities or (known[cities[0]] < CITY_MIN and known[cities[0]] < CITY_SHARE * known[province]):
        return None
    if len(cities) > 1 and known[cities[0]] < CITY_LEAD * known[cities[1]]:
        return None
    return cities[0]


def locality_stems(region: dict[str, str | None] | None) -> list[str]:
    """Names a bare 经开区 may be prefixed with, most specific first: 冷水江市, 冷水江, 娄底市, 娄底."""
    if not region:
        return []
    stems: list[str] = []
    for key in ("county", "city"):
        name = region.get(key)
        if name:
            stems.extend((name, *short_names().get(name, ())))
    return stems
