"""Entity layer: persons, organisations, places, zones, money, percents, region and keywords. No Scrapy.

Public API used by the processing core: ``analyse(title, body, hint)`` -> ``Analysis``. The steps run in
dependency order: persons (a place inside a person's name is no place), places and named zones (they are the
region's evidence), the region, then organisations and bare zones (a bare 经开区 or 市委 is resolved against the
region), then the independent extractors. Every table is loaded once per process, on first use.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from crawler.entities.bodies import body_start_re, find_known
from crawler.entities.keywords import extract_keywords
from crawler.entities.money import find_money
from crawler.entities.organizations import find_organizations
from crawler.entities.percents import find_percents
from crawler.entities.persons import BYLINE_ROLES, find_persons
from crawler.entities.places import Mention, facility_spans, find_divisions, find_towns, places_output
from crawler.entities.region import gather_evidence, hint_division, locality_stems, main_region, national_weight
from crawler.entities.zones import ZoneScan, resolve_zones, scan_zones

ENTITY_TYPES = ("persons", "organizations", "places", "zones", "money", "percents")


@dataclass
class Analysis:
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in ENTITY_TYPES})
    region: dict[str, str | None] | None = None
    keywords: list[str] = field(default_factory=list)


def _title_and_body(find: Callable[[str], list[dict[str, Any]]], title: str, body: str) -> list[dict[str, Any]]:
    """Every figure in the body, plus those of the title the body does not repeat (one figure, one item)."""
    in_body = find(body)
    seen = {(item["value"], item.get("kind")) for item in in_body}
    return [*(item for item in find(title) if (item["value"], item.get("kind")) not in seen), *in_body]


def _outside_person_names(text: str, mentions: list[Mention], persons: list[dict[str, Any]]) -> list[Mention]:
    """Place names inside a person's name are not places (夏开封 is a person, not 开封)."""
    spans = []
    for name in {p["name"] for p in persons if len(p["name"]) > 2}:
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
    if not spans:
        return mentions
    spans.sort()
    starts = [a for a, _b in spans]
    reach = list(accumulate((b for _a, b in spans), max))  # the furthest end of the spans starting up to here
    kept = []
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i < 0 or reach[i] < m.end:
            kept.append(m)
    return kept


def analyse(title: str, body: str, hint: dict[str, str | None] | None = None) -> Analysis:
    """Entities, main region and keywords of one article (simplified text); ``hint`` is the portal's region."""
    text = f"{title}\n{body}" if title else body
    title_length = len(title) + 1 if title else 0
    persons = find_persons(text)
    divisions = _outside_person_names(text, find_divisions(text, hint, body_start_re()), persons)
    scan = scan_zones(text, divisions, (hint or {}).get("province"))
    known = find_known(text)
    national = national_weight(text, known)
    region = decide_region(text, title_length, divisions, scan, hint, national)
    if region and region["province"] not in {m.division.province for m in divisions if m.division}:
        # 句容经开区获评…: the region came from the zone's catalogue entry, so the article's short place names
        # (句容) can now be read in that province.
        divisions = _outside_person_names(text, find_divisions(text, region, body_start_re()), persons)
        scan = scan_zones(text, divisions, region["province"])
        region = decide_region(text, title_length, divisions, scan, hint, national) or region
    towns = find_towns(text, [m.end for m in divisions])
    entities = {
        "persons": persons,
        "organizations": find_organizations(text, divisions, region, scan.spans, known),
        "places": places_output(divisions, towns, region, [*scan.spans, *facility_spans(text, divisions)]),
        "zones": resolve_zones(scan, region, locality_stems(region)),
        "money": _title_and_body(find_money, title, body),
        "percents": _title_and_body(find_percents, title, body),
    }
    keywords = extract_keywords(title, body, [p["name"] for p in persons if p["role"] not in BYLINE_ROLES])
    return Analysis(entities=entities, region=region, keywords=keywords)


def decide_region(
    text: str,
    title_length: int,
    divisions: list[Mention],
    scan: ZoneScan,
    hint: dict[str, str | None] | None,
    national: float,
) -> dict[str, str | None] | None:
    region = main_region(gather_evidence(text, title_length, divisions, scan.localities, hint), national)
    if region is None and hint and not hint_division(hint):
        return {**hint, "adcode": None, "basis": "portal"}  # a portal region the code table does not know
    return region
