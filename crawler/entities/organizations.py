"""Organisations: government and party bodies, national and international bodies, congress sessions,
companies, media, associations, schools and zone administrations, each once.

The finders live in ``bodies`` (bodies after a place or level word, bodies known by name, sessions) and
``named_orgs`` (names by suffix, enumerations of companies, outlets in datelines and source lines); zone
administrations (盐城环保科技城党工委) are the 党工委/管委会 written right after a zone.
"""

from __future__ import annotations

from typing import Any

from crawler import rx
from crawler.entities.bodies import find_local_bodies, find_sessions
from crawler.entities.named_orgs import find_by_suffix, find_enumerated, find_media_credits
from crawler.entities.places import Mention
from crawler.entities.stems import MIN_STEM, name_stem
from crawler.entities.zones import suffixes

ZONE_ADMIN_RE = rx.compile(r"(?:[(（][^)）]{1,10}[)）])?(?:工委)?(党工委|管委会|管理委员会)")
ADMIN_RE = rx.compile(r"(?:工委)?(?:党工委|管委会|管理委员会)")


def find_zone_admins(text: str, zone_spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The 党工委/管委会 of a zone: right after a zone found in the text, or after any name ending in a zone
    suffix (临港新城管委会, where 临港新城 alone is no zone the text names)."""
    out = []
    for start, end in zone_spans:
        m = ZONE_ADMIN_RE.match(text, end)
        if m:
            out.append({"name": text[start : m.end()], "kind": "zone_admin"})
    ends = {end for _start, end in zone_spans}
    for m in ADMIN_RE.finditer(text):
        stem = name_stem(text, m.start())
        if m.start() not in ends and len(stem) > MIN_STEM and stem.endswith(tuple(suffixes())):
            out.append({"name": stem + m[0], "kind": "zone_admin"})
    return out


def _outside_titles(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bodies with a bare level (市委, 区政府) named only inside persons' titles (区委书记张笑) are left out."""
    named = {b["name"] for b in bodies if not b.pop("in_title")}
    return [b for b in bodies if b["name"] in named or b["resolved"] == b["name"]]


def find_organizations(
    text: str,
    places: list[Mention],
    locality: dict[str, str | None] | None,
    zone_spans: list[tuple[int, int]],
    known: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every organisation once, first mention first; ``known`` are the bodies known by name (``find_known``),
    found before the region since they are evidence of a national story."""
    found = [
        *_outside_titles(find_local_bodies(text, places, locality)),
        *known,
        *find_sessions(text, places),
        *find_by_suffix(text),
        *find_media_credits(text),
        *find_zone_admins(text, zone_spans),
    ]
    place_names = frozenset(p.surface for p in places)
    found.extend(find_enumerated(text, {o["name"] for o in found}, place_names))
    unique: dict[str, dict[str, Any]] = {}
    names: set[str] = set()
    for org in found:
        key = org.get("resolved") or org["name"]
        if key not in unique and org["name"] not in names:
            unique[key] = org
            names.add(org["name"])
    return [org for org in unique.values() if not _only_inside_longer(text, org["name"], names)]


def _only_inside_longer(text: str, name: str, names: set[str]) -> bool:
    """全国人大 in 十四届全国人大二次会议, 市场监督管理总局 in 国家市场监督管理总局: every mention of the name is
    part of a longer organisation's name."""
    longer = [other for other in names if name in other and other != name]
    return bool(longer) and text.count(name) <= sum(text.count(other) * other.count(name) for other in longer)
