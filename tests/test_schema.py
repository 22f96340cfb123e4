"""The Article dataclass and article.schema.json declare the same contract."""

from __future__ import annotations

from dataclasses import fields

from crawler.items import SCHEMA_VERSION, Article
from crawler.schema import article_schema, schema_errors


def test_dataclass_and_schema_have_the_same_fields() -> None:
    schema = article_schema()
    declared = {f.name for f in fields(Article)}
    assert declared == set(schema["properties"])
    assert declared == set(schema["required"])


def test_schema_version_agrees() -> None:
    assert article_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_schema_rejects_an_invented_date_format() -> None:
    row = {"published_at": "2021/07/08"}
    assert any("published_at" in e for e in schema_errors(row))
