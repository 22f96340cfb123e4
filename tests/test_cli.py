"""The extraction CLI prints one valid JSON line per input, in order, and survives bad inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crawler.schema import schema_errors
from tests.conftest import FIXTURES, ROOT

SEED = FIXTURES / "tianmen" / "article_seed" / "body.html"


def run_cli(*args: str, stdin: bytes | None = None) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.extract", *args], cwd=ROOT, input=stdin, capture_output=True, check=True
    )
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


def test_two_files_give_two_valid_lines(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    rows = run_cli(str(SEED), str(empty), str(tmp_path / "missing.html"))
    assert len(rows) == 3
    assert schema_errors(rows[0]) == []
    assert rows[0]["body"]
    assert rows[1]["reason"] == "empty_body"
    assert rows[2]["reason"] == "unreadable"


def test_url_option_sets_the_article_url() -> None:
    url = "https://www.tianmen.gov.cn/xwzx/tmxw/202107/t20210708_3461234.shtml"
    [row] = run_cli("--url", url, str(SEED))
    assert row["url"] == url
    assert row["site"] == "www.tianmen.gov.cn"


def test_stdin_input() -> None:
    [row] = run_cli("-", stdin=SEED.read_bytes())
    assert row["title"]
