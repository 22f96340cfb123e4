"""Entity layer: persons, organisations, places, zones, money, percents, region and keywords. No Scrapy.

Public API used by the processing core: ``analyse(title, body, hint)`` -> ``Analysis``. The steps run in
dependency order: places first (they decide the region), then zones and organisations (a bare 经开区 or 市委
is resolved against the region), then the independent extractors. Every table is loaded once per process,
on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crawler.entities.keywords import extract_keywords
from crawler.entities.money import find_money
from crawler.entities.organizations import find_organizations
from crawler.entities.percents import find_percents
from crawler.entities.persons import find_persons
from crawler.entities.places import find_divisions, find_towns, places_output
from crawler.entities.region import locality_stems, main_region
from crawler.entities.zones import find_zones, zone_province_prior

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


def analyse(title: str, body: str, hint: dict[str, str | None] | None = None) -> Analysis:
    """Entities, main region and keywords of one article (simplified text); ``hint`` is the portal's region."""
    text = f"{title}\n{body}" if title else body
    title_length = len(title) + 1 if title else 0
    divisions = find_divisions(text, hint)
    region = main_region(divisions, title_length, hint)
    if not hint and (region is None or region["city"] is None):
        # 句容经开区获评…: the zone's catalogue entry tells the province the short place names belong to.
        prior = zone_province_prior(text, divisions)
        if prior:
            divisions = find_divisions(text, prior)
            region = main_region(divisions, title_length, prior)
    towns = find_towns(text, [m.end for m in divisions])
    zones, zone_spans = find_zones(text, divisions, region, locality_stems(region))
    entities = {
        "persons": find_persons(text),
        "organizations": find_organizations(text, divisions, region, zone_spans),
        "places": places_output(divisions, towns, region),
        "zones": zones,
        "money": _title_and_body(find_money, title, body),
        "percents": _title_and_body(find_percents, title, body),
    }
    return Analysis(entities=entities, region=region, keywords=extract_keywords(title, body))
