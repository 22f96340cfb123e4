"""The article's main locality: the province, city and county its places point to, weighted by where.

Every division mention votes for itself and its ancestors (a title mention counts more); the portal's own
region (the hint) adds a smaller vote, so it decides only when the text is ambiguous or silent. A county is
kept only when it carries at least half of its city's votes (an article about 镇江 that quotes 丹阳市 once
stays at city level).
"""

from __future__ import annotations

from collections import Counter

from crawler.entities.places import Division, Mention, divisions, name_index, short_names

TITLE_WEIGHT = 3.0
HINT_WEIGHT = 2.0
COUNTY_SHARE = 0.5
MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆: districts sit right under the province


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


def main_region(
    mentions: list[Mention], title_length: int, hint: dict[str, str | None] | None
) -> dict[str, str | None] | None:
    """{province, city, county, adcode} or None when neither the text nor the hint names a place."""
    votes: Counter[str] = Counter()
    for m in mentions:
        if m.division is None:
            continue
        weight = TITLE_WEIGHT if m.start < title_length else 1.0
        for code in _ancestors(m.division):
            votes[code] += weight
    anchor = hint_division(hint)
    if anchor:
        for code in _ancestors(anchor):
            votes[code] += HINT_WEIGHT
    table = divisions()
    known = {c: v for c, v in votes.items() if c in table}
    if not known:
        return {**hint, "adcode": None} if hint else None

    def best(level: str, prefix: str) -> str | None:
        options = [c for c in known if table[c].level == level and c.startswith(prefix)]
        return max(options, key=lambda c: (known[c], -int(c))) if options else None

    province = best("province", "")
    if province is None:
        return None
    city = best("city", province[:2])
    municipality = province[:2] in MUNICIPALITIES
    parent = city or (province if municipality else None)
    county = None
    if parent:
        county = best("county", parent[:4] if city else parent[:2])
        if county and known[county] < COUNTY_SHARE * known[parent]:
            county = None
    deepest = county or city or province
    city_name = table[city].name if city else (table[province].name if municipality else None)
    return {
        "province": table[province].name,
        "city": city_name,
        "county": table[county].name if county else None,
        "adcode": deepest,
    }


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
