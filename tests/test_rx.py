"""Patterns kept compiled between processes are the patterns ``re.compile`` builds, and a bad cache costs
nothing but the compile."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import rx
from tests.conftest import FIXTURES, ROOT

# Loads the processing core, runs a page, then checks every pattern the process knows against re.compile.
PROGRAM = f"""
import json, re
from crawler import rx
from crawler.extract import extract_one
extract_one({str(FIXTURES / "demo_trs" / "article_tr1" / "body.html")!r})
store = rx._STORE
unequal = [
    repr(pattern)[:80]
    for (pattern, flags) in list(store.entries)
    if rx.compile(pattern, flags) != re.compile(pattern, flags)
    or rx.compile(pattern, flags).groupindex != re.compile(pattern, flags).groupindex
]
print(json.dumps({{"added": len(store.added), "known": len(store.entries), "unequal": unequal}}))
"""


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEVZONE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def run(cache: Path) -> dict:
    env = {**os.environ, "DEVZONE_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROGRAM], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_a_second_process_builds_every_pattern_from_the_cache_as_re_compile_does(tmp_path: Path) -> None:
    first = run(tmp_path / "cache")
    assert first["added"] > 200 and not first["unequal"], "the first process compiles and keeps them"
    (kept,) = (tmp_path / "cache").glob("regex-*.marshal")
    second = run(tmp_path / "cache")
    assert second["added"] == 0, "every pattern of the second process came from the cache"
    assert second["known"] >= first["added"] and not second["unequal"]
    kept.write_bytes(b"\x00 not marshal")
    damaged = run(tmp_path / "cache")
    assert damaged["added"] == first["added"] and not damaged["unequal"], "a damaged file: compiled again"


def test_an_entry_the_engine_refuses_is_compiled_again(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = rx._Store()
    monkeypatch.setattr(rx, "_STORE", store)
    store.entries[("经开区(\\d+)", 0)] = (32, [1, 2, 3], 1, {}, (None, None))  # code no engine accepts
    compiled = rx.compile("经开区(\\d+)")
    assert compiled == re.compile("经开区(\\d+)") and compiled.search("经开区12")[1] == "12"
    assert rx.compile(rb"(?P<n>\d+)", re.I).groupindex == {"n": 1}


def test_an_invalid_pattern_fails_as_in_re(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rx, "_STORE", rx._Store())
    with pytest.raises(re.error):
        rx.compile("经开区(")
