"""Which archived responses a reprocess runs through the pipeline, in which order. No Scrapy imports.

- From WARC files (our crawls' archives): the article pages, as the crawl marked them (``page_kind`` in the
  record's ``Devzone-Meta``), under the spider that fetched them. List pages, robots.txt and other records
  are skipped; so are redirects (their target was archived as a response of its own).
- An article captured more than once (re-fetched after its list date changed, or retried after an error):
  its latest successful (2xx) capture, else its latest capture, at that capture's place in archive order.
  The warehouse, loading rows by id, ends with the same row as after the crawls.
- From saved-page directories (the fixtures layout), which say nothing of how a page was reached: the pages
  whose URL a list page would take for an article link of the portal serving that host (the rule the crawl's
  list reading applies, crawler/portals/links.py), under that portal's spider.

Everything not planned is counted by why under ``reprocess/skipped/<why>``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.archive.records import RecordRef, TornRecord, scan
from crawler.archive.sources import Sources
from crawler.portals.links import article_family
from crawler.portals.registry import Portal
from crawler.replay_index import load_saved, url_key


@dataclass(frozen=True, slots=True)
class Planned:
    """One article page to process: its URL, the spider it belongs to, where its response is (a WARC file
    and offset, or a saved page's info.json), when it was fetched, and the request meta to restore."""

    url: str
    spider: str
    record: tuple[str, int] | str
    fetched_at: str  # ISO 8601, UTC
    meta_json: str = ""

    @property
    def meta(self) -> dict[str, Any]:
        return json.loads(self.meta_json) if self.meta_json else {}


@dataclass
class Plan:
    pages: list[Planned] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    records: int = 0  # responses read
    torn: list[str] = field(default_factory=list)  # archives cut short by a crash, read up to the damage
    unknown_spiders: set[str] = field(default_factory=set)


def _host_portal(portals: Iterable[Portal], url: str) -> Portal | None:
    host = (urlsplit(url).hostname or "").lower()
    for portal in portals:
        if any(host == d or host.endswith("." + d) for d in portal.allowed_domains):
            return portal
    return None


def _better(new: RecordRef, old: RecordRef) -> bool:
    """Archive order is capture order: a later capture wins, unless it failed where an earlier one did not."""
    return 200 <= new.status < 300 or not 200 <= old.status < 300


def _from_warcs(warcs: list[Path], spiders: set[str], plan: Plan) -> list[Planned]:
    chosen: dict[str, tuple[int, RecordRef]] = {}
    position = 0
    for warc in warcs:
        try:
            for ref in scan(str(warc)):
                plan.records += 1
                position += 1
                meta = ref.meta
                if meta.get("page_kind") != "article":
                    plan.skipped["not_article"] += 1
                    continue
                if 300 <= ref.status < 400:
                    plan.skipped["redirect"] += 1
                    continue
                if meta.get("spider") not in spiders:
                    plan.skipped["unknown_spider"] += 1
                    plan.unknown_spiders.add(str(meta.get("spider")))
                    continue
                key = url_key(ref.url)
                if key in chosen:
                    plan.skipped["superseded"] += 1
                    if not _better(ref, chosen[key][1]):
                        continue
                chosen[key] = (position, ref)
        except TornRecord as exc:
            plan.torn.append(str(exc))
    return [
        Planned(ref.url, json.loads(ref.meta_json)["spider"], (ref.path, ref.offset), ref.date, ref.meta_json)
        for _, ref in sorted(chosen.values(), key=lambda pair: pair[0])
    ]


def _from_saved(cases: list[Path], portals: list[Portal], plan: Plan) -> list[Planned]:
    pages = []
    for info_path in cases:
        saved = load_saved(info_path)
        plan.records += 1
        portal = _host_portal(portals, saved.url)
        if portal is None:
            plan.skipped["no_portal"] += 1
            continue
        if not article_family(saved.url, portal.article_urls):
            plan.skipped["not_article"] += 1
            continue
        fetched = datetime.fromtimestamp(info_path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        meta = json.dumps({"page_kind": "article", "spider": portal.name}, sort_keys=True)
        pages.append(Planned(saved.url, portal.name, str(info_path), fetched, meta))
    return pages


def make_plan(sources: Sources, portals: list[Portal]) -> Plan:
    plan = Plan()
    plan.pages = _from_warcs(sources.warcs, {p.name for p in portals}, plan)
    plan.pages += _from_saved(sources.saved, portals, plan)
    return plan
