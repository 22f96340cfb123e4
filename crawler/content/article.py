"""The content layer's result for one page (or one article joined from several pages)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ExtractedArticle:
    title: str
    body: str
    subtitle: str | None = None
    published_date: str | None = None
    published_at: str | None = None
    updated_date: str | None = None
    updated_at: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    column: str | None = None
    images: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    gov: dict[str, str] | None = None
    canonical_url: str | None = None
    flags: Counter[str] = field(default_factory=Counter)
