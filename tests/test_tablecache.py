"""The table cache (built once, rebuilt when an input changes, unused versions dropped) and jieba on it."""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.tablecache import UNUSED_FOR, cache_dir, cached_table
from crawler.text.segmenter import bundled_dictionary
from tests.conftest import ROOT
from tests.text.test_segmenter import segmentation_frequencies


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEVZONE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting_build(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_cache_dir_is_configurable(private_cache: Path) -> None:
    assert cache_dir() == private_cache and private_cache.is_dir()


def test_a_table_is_built_once_then_loaded(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("a 1\n")
    calls, build = counting_build({"平凉": (3, "ns"), "工业": (5, "n")})
    first = cached_table("words", source, build)
    second = cached_table("words", source, build)
    assert first == second == {"平凉": (3, "ns"), "工业": (5, "n")}
    assert len(calls) == 1


def test_a_changed_key_rebuilds_and_removes_only_versions_unused_for_a_week(
    tmp_path: Path, private_cache: Path
) -> None:
    source = tmp_path / "source.txt"
    source.write_text("a 1\n")
    cached_table("words", source, lambda: 1, key="aa-aa")  # keys hold dashes (digest-size-mtime)
    cached_table("words", source, lambda: 2, key="bbbb")
    cached_table("words-extra", source, lambda: 3)
    week_ago = time.time() - UNUSED_FOR - 60
    for path in private_cache.glob("*.marshal"):
        os.utime(path, (week_ago, week_ago))
    assert cached_table("words", source, lambda: 0, key="bbbb") == 2, "loaded, and so marked as in use"
    assert cached_table("words", source, lambda: 4, key="cccc") == 4
    names = sorted(p.name.split("-")[-1] for p in private_cache.glob("*.marshal"))
    assert names == sorted(["bbbb.marshal", "cccc.marshal", f"{source.stat().st_mtime_ns}.marshal"]), (
        "the unused 'aa-aa' version went; the in-use 'bbbb' and the other table 'words-extra' stayed"
    )


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, private_cache: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("a 1\n")
    cached_table("words", source, lambda: {"a": 1})
    (table,) = private_cache.glob("words-*.marshal")
    table.write_bytes(b"\x00not marshal")
    assert cached_table("words", source, lambda: {"a": 2}) == {"a": 2}


def test_the_bundled_dictionary_from_the_cache_is_jiebas_own() -> None:
    import jieba

    reference = jieba.Tokenizer()
    reference.initialize()  # jieba's prefix table, built by jieba (or read from its own cache)
    built = bundled_dictionary.__wrapped__()  # a private cache: built, then written
    loaded = bundled_dictionary.__wrapped__()  # read back
    assert built == loaded
    assert loaded.total == reference.total and segmentation_frequencies(loaded) == reference.FREQ


def test_a_cache_that_cannot_be_written_costs_a_rebuild_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("DEVZONE_CACHE_DIR", str(blocker / "cache"))  # below a file: nothing can be created
    source = tmp_path / "source.txt"
    source.write_text("a 1\n")
    calls, build = counting_build({"a": 1})
    with caplog.at_level(logging.INFO, logger="crawler.tablecache"):
        assert cached_table("words", source, build) == cached_table("words", source, build) == {"a": 1}
    assert len(calls) == 2 and "rebuilt in every process" in caplog.text
    assert all(record.levelno < logging.WARNING for record in caplog.records)  # never trips a monitor


@pytest.mark.skipif(importlib.util.find_spec("pkg_resources") is None, reason="setuptools not installed")
def test_jieba_is_imported_without_pkg_resources_and_still_finds_its_files() -> None:
    probe = (
        "import sys; from crawler.text.segmenter import jieba_file, pack; path = jieba_file('dict.txt'); "
        "pack({'经开区': (5, 'n')}); import jieba._compat as c; "  # packing is what imports jieba
        "print('pkg_resources' in sys.modules, c.get_module_res('dict.txt').read(4) "
        "== path.read_bytes()[:4]); import pkg_resources; print(pkg_resources.__name__)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    assert out.split() == ["False", "True", "pkg_resources"], "skipped by jieba, importable again afterwards"
