"""List-reader quality gate: the real column pages of ``../shared/eval/lists-dev`` are scored by
``scripts/eval_lists.py`` (entries precision and recall, next-page accuracy) and each figure must stay at
or above its floor in ``tests/portals/lists_baseline.json``. The evaluation set is read, never written;
without it (a checkout with no ``../shared``) the gate skips and says why."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

LISTS_DEV = ROOT.parent / "shared" / "eval" / "lists-dev"
BASELINE = json.loads((Path(__file__).parent / "lists_baseline.json").read_text(encoding="utf-8"))


def eval_lists() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_lists", ROOT / "scripts" / "eval_lists.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not LISTS_DEV.is_dir(), reason=f"no list evaluation set at {LISTS_DEV} (../shared is absent)")
def test_lists_dev_stays_above_its_floors() -> None:
    result = eval_lists().score_set(LISTS_DEV, show_pages=False)
    assert result is not None
    for figure, floor in BASELINE["lists-dev"].items():
        assert result[figure] >= floor, f"{figure} {result[figure]:.3f} fell under its floor {floor}"
