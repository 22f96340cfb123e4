"""The feed's one item. Field names are the warehouse contract and mirror schemas/article.schema.json.

`tests/test_schema.py` checks that this dataclass and the JSON Schema declare the same fields, so the
two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "2.0"


@dataclass
class Article:
    """A cleaned article, exactly as one JSON Lines feed row."""

    id: str
    url: str
    canonical_url: str
    site: str
    site_name: str | None
    spider: str
    crawled_at: str
    title: str
    body: str
    content_hash: str
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
    attachments: list[dict[str, str]] = field(default_factory=list)
    gov: dict[str, str] | None = None
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    region: dict[str, str | None] | None = None
    keywords: list[str] = field(default_factory=list)
    quality: dict[str, Any] = field(default_factory=dict)
    duplicate_of: str | None = None
    schema_version: str = SCHEMA_VERSION
