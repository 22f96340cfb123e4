"""Plain data passed through the processing core: a downloaded page and what is known of its portal."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

CHINA_TZ = timezone(timedelta(hours=8))


def now_iso() -> str:
    """Crawl timestamps are recorded in China time, like every date in the feed."""
    return datetime.now(CHINA_TZ).replace(microsecond=0).isoformat()


@dataclass
class PortalContext:
    """Registry facts about the portal a page came from (all optional for the extraction CLI)."""

    spider: str = "extract"
    site_name: str | None = None
    region: dict[str, str | None] | None = None
    selectors: dict[str, str] = field(default_factory=dict)


@dataclass
class Page:
    """One downloaded response as bytes, before any decoding."""

    url: str
    body: bytes = field(repr=False)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    crawled_at: str = field(default_factory=now_iso)
    portal: PortalContext = field(default_factory=PortalContext, repr=False)
    meta: dict[str, Any] = field(default_factory=dict, repr=False)
    # a multi-page article's further pages (2, 3, …) as downloaded, joined into this page's one article
    continuations: list[Page] = field(default_factory=list, repr=False)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


def flag_list(flags: Counter[str]) -> list[dict[str, Any]]:
    """Counter of transformations -> the schema's ``quality.flags`` list, stable order."""
    return [{"name": name, "count": count} for name, count in sorted(flags.items()) if count > 0]
