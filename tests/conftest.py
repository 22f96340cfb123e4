"""Shared test helpers: the repository root, fixture pages, and a subprocess crawl runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SCRAPY = str(Path(sys.executable).parent / "scrapy")


def run_crawl(spider: str, tmp_path: Path, *settings: str, cwd: Path = ROOT, timeout: int = 240) -> dict[str, Any]:
    """Run ``scrapy crawl`` in a subprocess (a fresh reactor each time) with the project's real FEEDS
    configuration writing under ``tmp_path/feeds``; return the items of every feed file and the log."""
    feeds = tmp_path / "feeds"
    cmd = [SCRAPY, "crawl", spider, "-s", "LOG_LEVEL=INFO", "-s", f"FEEDS_DIR={feeds}"]
    cmd += ["-s", f"STATE_DIR={tmp_path / 'state'}", "-s", f"LOG_DIR={tmp_path / 'logs'}"]
    for s in settings:
        cmd += ["-s", s]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    items = [
        json.loads(line) for path in sorted(feeds.rglob("*.jsonl")) for line in path.read_text("utf-8").splitlines()
    ]
    return {"returncode": proc.returncode, "items": items, "log": proc.stderr, "feeds": feeds}


@pytest.fixture
def crawl(tmp_path: Path):
    def _crawl(spider: str, *settings: str, **kw: Any) -> dict[str, Any]:
        return run_crawl(spider, tmp_path, *settings, **kw)

    return _crawl
