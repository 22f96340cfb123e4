"""The portal registry: one YAML file per portal under seeds/, validated at start with clear errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from crawler import rx
from crawler.portals.issues import for_day
from crawler.portals.links import BY_NAME

CMS_TYPES = {*BY_NAME, "generic"}
NAME_RE = rx.compile(r"^[a-z][a-z0-9_]{1,40}$")
POLITENESS_KEYS = {"download_delay", "concurrency"}


class RegistryError(ValueError):
    """A registry entry that cannot be crawled; the message names the file and the field."""


@dataclass(frozen=True)
class Portal:
    name: str
    site_name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    region: dict[str, str | None] = field(default_factory=dict)
    cms: str | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    politeness: dict[str, float] = field(default_factory=dict)
    max_list_pages: int = 5
    # The portal's own article URL regexes, for sites whose URLs no CMS family knows.
    article_urls: tuple[re.Pattern[str], ...] = ()
    # Fixture-only demonstration portals (fictional hosts): never crawled live.
    replay_only: bool = False
    # False: nobody has confirmed the start URLs on the live site yet (scrapy check-portals says so).
    verified: bool = True
    source_file: str = ""


def _require(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise RegistryError(f"{where}: {message}")


def host_allowed(host: str, domains: tuple[str, ...]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one."""
    return any(host == d or host.endswith("." + d) for d in domains)


def parse_portal(data: Any, where: str) -> Portal:
    """Validate one entry; every problem is reported as ``<file>: <field>: <what is wrong>``."""
    _require(isinstance(data, dict), where, "a portal entry must be a mapping")
    known = {
        "name",
        "site_name",
        "start_urls",
        "allowed_domains",
        "region",
        "cms",
        "selectors",
        "politeness",
        "max_list_pages",
        "article_urls",
        "replay_only",
        "verified",
    }
    unknown = set(data) - known
    _require(not unknown, where, f"unknown keys {sorted(unknown)} (allowed: {sorted(known)})")
    name = data.get("name")
    _require(
        isinstance(name, str) and bool(NAME_RE.match(name)),
        where,
        "name: required, lower-case letters, digits and _ (it becomes the spider name)",
    )
    site_name = data.get("site_name")
    _require(isinstance(site_name, str) and bool(site_name.strip()), where, "site_name: required text")
    domains = data.get("allowed_domains")
    _require(
        isinstance(domains, list) and bool(domains) and all(isinstance(d, str) and d for d in domains),
        where,
        "allowed_domains: a non-empty list of host names",
    )
    urls = data.get("start_urls")
    _require(isinstance(urls, list) and bool(urls), where, "start_urls: a non-empty list of URLs")
    for template in urls:
        url = for_day(str(template), date(2024, 1, 31))  # a dated start URL must be valid on any day
        parts = urlsplit(url)
        _require(
            parts.scheme in {"http", "https"} and bool(parts.netloc),
            where,
            f"start_urls: {url!r} is not an http(s) URL",
        )
        _require(
            host_allowed(parts.hostname or "", tuple(domains)),
            where,
            f"start_urls: {url} is outside allowed_domains {domains}",
        )
    region = data.get("region")
    _require(
        isinstance(region, dict)
        and set(region) <= {"province", "city", "county"}
        and all(v is None or (isinstance(v, str) and v.strip()) for v in region.values()),
        where,
        "region: a mapping with province, city, county (names or null; all null for a national portal)",
    )
    _require(
        bool(region.get("province")) or not (region.get("city") or region.get("county")),
        where,
        "region: a city or county needs its province",
    )
    cms = data.get("cms")
    _require(cms is None or cms in CMS_TYPES, where, f"cms: {cms!r} is not one of {sorted(CMS_TYPES)}")
    selectors = data.get("selectors") or {}
    _require(
        isinstance(selectors, dict) and all(isinstance(v, str) for v in selectors.values()),
        where,
        "selectors: a mapping of field name to CSS/XPath selector",
    )
    politeness = data.get("politeness") or {}
    _require(
        isinstance(politeness, dict) and set(politeness) <= POLITENESS_KEYS,
        where,
        f"politeness: only {sorted(POLITENESS_KEYS)}",
    )
    max_pages = data.get("max_list_pages", 5)
    _require(isinstance(max_pages, int) and max_pages >= 1, where, "max_list_pages: a positive integer")
    article_urls = data.get("article_urls") or []
    _require(isinstance(article_urls, list), where, "article_urls: a list of regular expressions")
    compiled = []
    for expression in article_urls:
        try:
            compiled.append(rx.compile(str(expression)))
        except re.error as exc:
            raise RegistryError(f"{where}: article_urls: {expression!r} is not a valid regex: {exc}") from exc
    replay_only = data.get("replay_only", False)
    _require(isinstance(replay_only, bool), where, "replay_only: true or false")
    verified = data.get("verified", True)
    _require(isinstance(verified, bool), where, "verified: true or false")
    _require(
        all(isinstance(v, int | float) and v >= 0 for v in politeness.values()),
        where,
        "politeness: values must be non-negative numbers",
    )
    return Portal(
        name=name,
        site_name=site_name.strip(),
        start_urls=tuple(urls),
        allowed_domains=tuple(domains),
        region={k: region.get(k) for k in ("province", "city", "county")},
        cms=cms,
        selectors=dict(selectors),
        politeness={k: float(v) for k, v in politeness.items()},
        max_list_pages=max_pages,
        article_urls=tuple(compiled),
        replay_only=replay_only,
        verified=verified,
        source_file=where,
    )


def write_portal(directory: Path, data: dict[str, Any]) -> Portal:
    """Validate an entry and save it as ``<directory>/<name>.yaml`` (generated test and bench portals):
    an entry the registry would refuse is refused here, where its author can see why."""
    path = directory / f"{data.get('name')}.yaml"
    portal = parse_portal(data, str(path))
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return portal


def load_registry(directory: Path) -> list[Portal]:
    """Every portal under ``directory`` (one YAML file each), sorted by file name; names are unique."""
    _require(directory.is_dir(), str(directory), "the portal registry directory does not exist")
    portals: list[Portal] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
        portal = parse_portal(data, str(path))
        if portal.name in seen:
            raise RegistryError(f"{path}: name {portal.name!r} already used by {seen[portal.name]}")
        seen[portal.name] = str(path)
        portals.append(portal)
    return portals
