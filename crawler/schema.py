"""Load and apply the Article JSON Schema (draft 2020-12), once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_PATH = Path(__file__).parent / "schemas" / "article.schema.json"


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema(), format_checker=FormatChecker())


def _messages(validator: Draft202012Validator, instance: dict[str, Any]) -> list[str]:
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors]


def schema_errors(row: dict[str, Any]) -> list[str]:
    """Human-readable violations of the schema (empty when the row is valid)."""
    return _messages(_validator(), row)


@cache
def _partial_validator() -> Draft202012Validator:
    schema = {k: v for k, v in article_schema().items() if k != "required"}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def partial_errors(fields: dict[str, Any]) -> list[str]:
    """Violations of the schema by some of a row's fields (a row validated whole, then changed)."""
    return _messages(_partial_validator(), fields)
