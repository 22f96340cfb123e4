"""Golden items: every fixture case with expectations is processed like a crawl and checked key by key.

A case is a folder under fixtures/ with ``info.json`` + body bytes. Expectations live beside them in
``expected*.json`` files (one per concern, e.g. ``expected.json`` for extraction, ``expected.entities.json``
for entities, ``expected.text.json`` for text repair), merged. Keys:

- an Article field name (``title``, ``published_at``, ``authors`` …): the value must be equal;
- ``<field>_contains`` / ``<field>_excludes``: a list of strings each of which must / must not occur in it;
- ``entities.<type>``: names (or for money/percents, values) that must be among the extracted entities;
- ``region``: the listed keys must be equal; ``quality.flags``: flag names that must be present.

Each key is its own test, so a failing field is named in the test id (web-poet's layout).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from crawler.page import Page, PortalContext
from crawler.portals.registry import load_registry
from crawler.processing import process_page
from crawler.replay_index import load_saved
from crawler.schema import schema_errors
from tests.conftest import FIXTURES, ROOT

ENTITY_VALUE_KEY = {"money": "value_yuan", "percents": "value"}


def cases() -> list[Path]:
    return sorted(p.parent for p in FIXTURES.rglob("info.json") if any(p.parent.glob("expected*.json")))


def expectations(case: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(case.glob("expected*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


@cache
def portal_contexts() -> dict[str, PortalContext]:
    return {
        p.name: PortalContext(spider=p.name, site_name=p.site_name, region=p.region, selectors=p.selectors)
        for p in load_registry(ROOT / "seeds")
    }


@cache
def processed(case: Path) -> dict[str, Any]:
    saved = load_saved(case / "info.json")
    portal_name = case.relative_to(FIXTURES).parts[0]
    context = portal_contexts().get(portal_name, PortalContext())
    headers = {k.lower(): v for k, v in saved.headers.items()}
    page = Page(url=saved.url, body=saved.body(), status=saved.status, headers=headers, portal=context)
    return process_page(page)


def check(article: dict[str, Any], key: str, expected: Any) -> None:
    if key.startswith("entities."):
        kind = key.split(".", 1)[1]
        field = ENTITY_VALUE_KEY.get(kind, "name")
        found = [e[field] for e in article["entities"][kind]]
        missing = [x for x in expected if x not in found]
        assert not missing, f"{kind} missing {missing}; found {found}"
    elif key == "region":
        got = {k: (article["region"] or {}).get(k) for k in expected}
        assert got == expected
    elif key == "quality.flags":
        names = {f["name"] for f in article["quality"]["flags"]}
        assert set(expected) <= names, f"flags {sorted(names)}"
    elif key.endswith("_contains"):
        value = article[key.removesuffix("_contains")]
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        missing = [s for s in expected if s not in text]
        assert not missing, f"missing {missing}"
    elif key.endswith("_excludes"):
        value = article[key.removesuffix("_excludes")]
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        present = [s for s in expected if s in text]
        assert not present, f"should not contain {present}"
    else:
        assert article[key] == expected


PARAMS = [(case, key) for case in cases() for key in expectations(case)]


@pytest.mark.parametrize(("case", "key"), PARAMS, ids=[f"{c.relative_to(FIXTURES)}:{k}" for c, k in PARAMS])
def test_golden_field(case: Path, key: str) -> None:
    check(processed(case), key, expectations(case)[key])


@pytest.mark.parametrize("case", cases(), ids=[str(c.relative_to(FIXTURES)) for c in cases()])
def test_golden_item_validates(case: Path) -> None:
    assert schema_errors(processed(case)) == []
