"""List-reader quality gate: the real column pages of ``../shared/eval/lists-dev`` and our own labelled
real pages (``tests/real/lists``) are scored by ``scripts/eval_lists.py`` (entries precision and recall,
next-page and API-request accuracy) and each figure must stay at or above its floor in
``tests/portals/lists_baseline.json``. The evaluation set is read, never written; without it (a checkout
with no ``../shared``) its gate skips and says why."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

LISTS_DEV = ROOT.parent / "shared" / "eval" / "lists-dev"
OWN_LISTS = ROOT / "tests" / "real" / "lists"
BASELINE = json.loads((Path(__file__).parent / "lists_baseline.json").read_text(encoding="utf-8"))


def eval_lists() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_lists", ROOT / "scripts" / "eval_lists.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_above_floors(folder: Path, floors: dict[str, float]) -> None:
    result = eval_lists().score_set(folder, show_pages=False)
    assert result is not None
    for figure, floor in floors.items():
        assert result[figure] >= floor, f"{folder.name}: {figure} {result[figure]:.3f} fell under its floor {floor}"


@pytest.mark.skipif(not LISTS_DEV.is_dir(), reason=f"no list evaluation set at {LISTS_DEV} (../shared is absent)")
def test_lists_dev_stays_above_its_floors() -> None:
    assert_above_floors(LISTS_DEV, BASELINE["lists-dev"])


def test_our_labelled_real_lists_stay_above_their_floors() -> None:
    assert_above_floors(OWN_LISTS, BASELINE["tests/real/lists"])
