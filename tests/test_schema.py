"""The Article dataclass and article.schema.json declare the same contract."""

from __future__ import annotations

import copy
from dataclasses import fields
from typing import Any

import fastjsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.items import SCHEMA_VERSION, Article
from crawler.processing import WARM_UP_PAGE
from crawler.schema import SAME_IN_DRAFT_07, article_schema, fast_check, reference_errors, schema_errors
from crawler.workers import process


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


def schema_keywords(schema: Any) -> set[str]:
    """Every keyword used anywhere in a schema (property names are not keywords)."""
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for keyword, value in schema.items():
        if keyword == "properties":
            for sub in value.values():
                found |= schema_keywords(sub)
        elif keyword in ("items", "additionalProperties"):
            found |= schema_keywords(value)
    return found


def test_the_schema_uses_only_keywords_draft_07_reads_the_same_way() -> None:
    """The fast check is generated with draft 07 semantics: a keyword whose meaning changed since (``items``
    as a list, ``$ref`` beside others, ``prefixItems``...) must not slip in unnoticed."""
    assert schema_keywords(article_schema()) <= SAME_IN_DRAFT_07


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a row a value sits, nested (of a list, its first element: the others share its schema)."""
    items = value.items() if isinstance(value, dict) else enumerate(value[:1]) if isinstance(value, list) else ()
    found = []
    for key, sub in items:
        found.append((*prefix, key))
        found.extend(paths(sub, (*prefix, key)))
    return found


TRICKY = [
    None, True, 0, -1, 7, 1.5, 10**12, "", "x", "0" * 40, "2.0", "simplified", "gb18030", "https://example.org/a",
    "2024-02-29", "2023-02-29", "2024-13-01", "2024-1-05", "2024-01-05\n", "１２３４-01-05",
    "2024-01-05T10:00:00+08:00", "2024-01-05t10:00:00z", "2024-01-05 10:00:00", "2024-01-05T24:00:00Z",
    [], ["a"], [1], {}, {"name": "x"},
]  # fmt: skip
ODD_VALUES = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(-3, 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(["name", "kind", "x"]), st.text(max_size=3), max_size=2),
)


@pytest.fixture(scope="module")
def valid_row() -> dict[str, Any]:
    outcome = process(WARM_UP_PAGE)
    assert outcome.article is not None and not reference_errors(outcome.article)
    return outcome.article


def changed(row: dict[str, Any], where: tuple[Any, ...], value: Any = None, delete: bool = False) -> dict[str, Any]:
    row = copy.deepcopy(row)
    parent = row
    for key in where[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    return row


def agree(row: dict[str, Any]) -> None:
    expected = reference_errors(row)
    assert schema_errors(row) == expected
    try:
        fast_check()(row)
    except fastjsonschema.JsonSchemaValueException:
        assert expected, "the fast check refuses a row jsonschema accepts"
    else:
        assert not expected, "the fast check accepts a row jsonschema refuses"


def test_the_fast_check_and_jsonschema_agree_on_every_field_set_to_every_tricky_value(
    valid_row: dict[str, Any],
) -> None:
    for where in paths(valid_row):
        agree(changed(valid_row, where, delete=True))
        for value in TRICKY:
            agree(changed(valid_row, where, value))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_fast_check_and_jsonschema_agree_on_any_changed_row(valid_row: dict[str, Any], data: Any) -> None:
    row = valid_row
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(paths(row)))
        row = changed(row, where, data.draw(ODD_VALUES), delete=data.draw(st.booleans()))
    agree(row)
