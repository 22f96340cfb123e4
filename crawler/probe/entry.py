"""A registry entry (``seeds/NAME.yaml``) from what a probe found, ready for ``scrapy crawl NAME`` as is.

Only usable columns (a list page whose sample articles came through the pipeline) become start URLs. The
entry is marked ``verified: false``: a person confirms the columns before it counts as a checked portal.
What the probe could only guess is said in ``notes`` for the report, never silently written as fact.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from crawler import rx
from crawler.entities.places import find_divisions
from crawler.entities.region import gather_evidence, main_region
from crawler.probe.columns import site_key
from crawler.probe.findings import Column, Probe, layout_number

# How an e-paper's layout page URL spells its issue date, as a registry date template (crawler/portals/issues.py).
ISSUE_DATE_FORMATS = ("%Y-%m/%d", "%Y%m/%d", "%Y%m%d", "%Y-%m-%d")
REGION_KEYS = ("province", "city", "county")
# A later page of a list, by CMS family URL shapes, and the page number it spells: TRS index_1.html is the
# second page (index.html the first), DedeCMS list_10_2.html the second, ?page=2 the second.
LATER_PAGES = (
    (rx.compile(r"/index_(\d+)\.s?html?$"), 1),
    (rx.compile(r"/list_\d+_(\d+)\.html?$"), 0),
    (rx.compile(r"[?&](?:page|pageNo|pageIndex|pageNum|curPage)=(\d+)", re.I), 0),
)


@dataclass
class Entry:
    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def issue_day(column: Column) -> date | None:
    """The issue date of an e-paper layout page: the date its article URLs spell (most of them)."""
    days = Counter(e.date for e in column.entries if e.date)
    return days.most_common(1)[0][0] if days else None


def dated_template(url: str, day: date) -> str | None:
    """``url`` with its issue date written as ``{date:…}``, or None when the URL does not spell that day."""
    for fmt in ISSUE_DATE_FORMATS:
        spelled = day.strftime(fmt)
        if spelled in url:
            return url.replace(spelled, "{date:" + fmt + "}", 1)
    return None


def front_layout_page(column: Column) -> str:
    """The issue's first layout page among those the probe read (node_01 rather than node_06): it exists on
    every day, a later page may not."""
    pages = [column.url]
    if column.next_page and column.next_entries is not None:
        pages.append(column.next_page)
    numbered = [(n, p) for p in pages if (n := layout_number(p)) is not None]
    return min(numbered)[1] if numbered else column.url


def page_number(url: str) -> int:
    """Which page of its list ``url`` is (1 for a first page or an unknown shape)."""
    for pattern, offset in LATER_PAGES:
        if match := pattern.search(url):
            return int(match[1]) + offset
    return 1


def start_url(column: Column) -> str:
    """The start URL for a column: its list page, or for an e-paper a dated template of the issue's front page."""
    if column.family != "founder":
        return column.url
    day = issue_day(column)
    front = front_layout_page(column)
    return (dated_template(front, day) if day else None) or front


def guess_region(probe: Probe) -> tuple[dict[str, str | None], str]:
    """The portal's region and where it came from: the places the site's name spells (袁州区政府网), else
    the region most sample articles are about, else nothing (the report asks a person to set it)."""
    name = probe.site_name
    # The site name read as a headline: every place it names is title evidence.
    region = main_region(gather_evidence(name, len(name), find_divisions(name), (), None)) if name else None
    if region:
        return {k: region.get(k) for k in REGION_KEYS}, f"from the site name {name!r}"
    votes = Counter(
        tuple(s.region.get(k) for k in REGION_KEYS)
        for c in probe.usable
        for s in c.samples
        if s.ok and s.region and s.region.get("province")
    )
    ok_samples = sum(1 for c in probe.usable for s in c.samples if s.ok)
    if votes:
        best, count = votes.most_common(1)[0]
        if count * 2 > ok_samples:
            return dict(zip(REGION_KEYS, best, strict=True)), f"from {count} of {ok_samples} sample articles"
    return dict.fromkeys(REGION_KEYS), "unknown: set region by hand (all null means a national portal)"


def site_domains(hosts: list[str]) -> list[str]:
    """The fewest domains covering every host the portal was seen on: ``www.`` dropped, so articles on the
    portal's other subdomains (kjs.mof.gov.cn under www.mof.gov.cn) stay on site (the registry allows
    subdomains of a domain)."""
    keys = {site_key(h) for h in hosts if h}
    return sorted(k for k in keys if not any(k.endswith("." + other) for other in keys))


def registry_entry(probe: Probe, name: str) -> Entry:
    """The registry entry for the probed portal under ``name`` (validated by the registry's writer)."""
    columns = sorted(probe.usable, key=lambda c: -c.score)
    urls = list(dict.fromkeys(start_url(c) for c in columns))
    hosts = [urlsplit(probe.final_url or probe.url).hostname or ""]
    hosts += [urlsplit(c.url).hostname or "" for c in columns]
    hosts += [urlsplit(s.url).hostname or "" for c in columns for s in c.samples if s.ok]
    region, region_note = guess_region(probe)
    data: dict[str, Any] = {
        "name": name,
        "site_name": probe.site_name,
        "region": region,
        "allowed_domains": site_domains(hosts),
        "start_urls": urls,
    }
    notes = [f"region {region_note}"]
    families = {c.family for c in columns}
    if len(families) == 1 and None not in families:
        data["cms"] = families.pop()
    elif len(families) > 1:
        notes.append(f"columns of different CMS families ({', '.join(sorted(map(str, families)))}): detected per page")
    for column in columns:
        if column.family == "founder" and (layout_number(start_url(column)) or 1) > 1:
            notes.append(f"starts at a later layout page only ({column.url}): probe the issue's node_01 for all")
        elif (number := page_number(column.url)) > 1:
            notes.append(f"{column.url} is page {number} of its list: probe its first page for the newest entries")
    if any("{date:" in u for u in urls):
        notes.append("an e-paper: each run reads today's issue; -a since=YYYY-MM-DD reads back issues")
    data["verified"] = False
    return Entry(data, notes)
