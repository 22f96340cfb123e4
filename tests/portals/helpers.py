"""Fixture pages as the portal functions see them: a saved response plus its decoded markup."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from crawler.replay_index import SavedResponse, load_saved
from tests.conftest import FIXTURES, ROOT, SCRAPY

# Which fixture portal carries which blocked answer (case folder ``blocked_<kind>``).
BLOCKED_FIXTURES = {
    "ruishu": "demo_trs",
    "wzws": "demo_trs",
    "soft404": "demo_hanweb",
    "jsl": "demo_founder",
    "login": "achie",
}


class Fixture(SavedResponse):
    @property
    def markup(self) -> str:
        # GBK fixtures (one with a lying utf-8 header) are decoded as their bytes really are.
        body = self.body()
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return body.decode("gb18030")


def fixture(portal: str, case: str) -> Fixture:
    saved = load_saved(FIXTURES / portal / case / "info.json")
    return Fixture(saved.url, saved.status, saved.headers, saved.body_path)


def run_scrapy(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A scrapy command run from ``tmp_path``, so the project's own feeds/ and state stay untouched."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    cmd = [SCRAPY, *args, "-s", f"REPLAY_DIR={FIXTURES}", "-s", "LOG_LEVEL=INFO"]
    return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)


def feed_rows(directory: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for f in sorted(directory.glob("*.jsonl")) for line in f.read_text("utf-8").splitlines()]
