"""Entity layer: persons, organisations, places, zones, money, percents, region and keywords. No Scrapy.

Public API used by the processing core: ``analyse(title, body, hint)`` -> ``Analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("persons", "organizations", "places", "zones", "money", "percents")


@dataclass
class Analysis:
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in ENTITY_TYPES})
    region: dict[str, str | None] | None = None
    keywords: list[str] = field(default_factory=list)


def analyse(title: str, body: str, hint: dict[str, str | None] | None = None) -> Analysis:
    region = {**hint, "adcode": None} if hint else None
    return Analysis(region=region)
