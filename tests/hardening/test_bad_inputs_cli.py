"""The extraction CLI over the whole bad-input corpus in one process: one valid JSON line per input, in
order, exit 0, the expected outcome for each case, and peak memory under 1.5 GB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.schema import schema_errors
from tests.conftest import ROOT
from tests.hardening.badinputs import CASES, KEY, article_html, write_corpus

PEAK_MEMORY_LIMIT_KB = int(1.5 * 1024 * 1024)
REPEATS = 300  # extra copies of one small page, named through --files-from, to exercise streaming


def run_measured(args: list[str], workdir: Path) -> dict[str, Any]:
    """Run the CLI; ``os.wait4`` gives this one child's own peak RSS (not other tests' children)."""
    out, err = workdir / "out.jsonl", workdir / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "crawler.extract", *args], cwd=ROOT, stdout=stdout, stderr=stderr, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    lines = out.read_text("utf-8").splitlines()
    return {
        "exit": proc.returncode,
        "lines": lines,
        "stderr": err.read_text(),
        "maxrss_kb": usage.ru_maxrss,
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("badinputs")
    written = write_corpus(work / "in")
    small = work / "in" / "small.html"
    small.write_bytes(article_html().encode())
    (work / "in" / "a_directory").mkdir()
    names = [str(path) for path, _ in written] + [str(work / "in" / "a_directory"), str(work / "missing.html")]
    listing = work / "names.txt"
    listing.write_text("\n".join([str(small)] * REPEATS) + "\n", encoding="utf-8")
    result = run_measured([*names, "--files-from", str(listing)], work)
    result["names"] = names + [str(small)] * REPEATS
    result["rows"] = [json.loads(line) for line in result["lines"]]
    return result


def test_one_json_line_per_input_and_exit_zero(corpus: dict[str, Any]) -> None:
    assert corpus["exit"] == 0, corpus["stderr"][-3000:]
    assert len(corpus["lines"]) == len(corpus["names"])
    for name, row in zip(corpus["names"], corpus["rows"], strict=True):
        if "error" in row:
            assert row["input"] == name and row["reason"], row
        else:
            assert schema_errors(row) == [], (name, schema_errors(row))


def test_peak_memory_stays_bounded(corpus: dict[str, Any]) -> None:
    assert 0 < corpus["maxrss_kb"] < PEAK_MEMORY_LIMIT_KB


def test_unreadable_inputs_are_error_lines(corpus: dict[str, Any]) -> None:
    n = len(CASES)
    assert [row["reason"] for row in corpus["rows"][n : n + 2]] == ["unreadable", "unreadable"]


def test_streamed_inputs_all_come_out(corpus: dict[str, Any]) -> None:
    streamed = corpus["rows"][-REPEATS:]
    assert all(KEY in row.get("body", "") for row in streamed)


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(i, id=case.name)
        for i, case in enumerate(CASES)
        if case.expect != "any"  # "any": surviving with one valid line is the test, checked above
    ],
)
def test_expected_outcome(corpus: dict[str, Any], index: int) -> None:
    case, row = CASES[index], corpus["rows"][index]
    if case.expect == "item":
        assert "error" not in row, row
        assert case.text is None or case.text in row["body"], row["body"][:300]
    else:
        assert row.get("reason") == case.expect, row


def test_entity_declarations_never_expand(corpus: dict[str, Any]) -> None:
    for case, row in zip(CASES, corpus["rows"], strict=False):
        if case.name in {"billion_laughs.xml", "xxe.html"}:
            text = json.dumps(row, ensure_ascii=False)
            assert "lollol" not in text and "root:" not in text
