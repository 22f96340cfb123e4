"""Run crawls of the test portals in subprocesses that share one state and one feeds directory."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SCRAPY

FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "ROBOTSTXT_OBEY=False", "LOG_LEVEL=INFO")


def read_rows(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def feed_files(feeds: Path) -> set[Path]:
    """Published feed files (never ``.part``), without the run-stats files under ``_stats``."""
    return {p for p in feeds.rglob("*.jsonl*") if not p.name.endswith(".part") and "_stats" not in p.parts}


@dataclass
class Workdir:
    """One deployment: a replay dir, a registry, a state dir and a feeds dir, reused across runs."""

    root: Path
    extra: tuple[str, ...] = ()
    runs: int = field(default=0)

    @property
    def replay(self) -> Path:
        return self.root / "replay"

    @property
    def registry(self) -> Path:
        return self.root / "seeds"

    @property
    def feeds(self) -> Path:
        return self.root / "feeds"

    @property
    def state(self) -> Path:
        return self.root / "state"

    def command(self, spider: str, *settings: str, args: tuple[str, ...] = ()) -> list[str]:
        cmd = [SCRAPY, "crawl", spider]
        base = (
            f"REPLAY_DIR={self.replay}",
            f"PORTAL_REGISTRY_DIR={self.registry}",
            f"FEEDS_DIR={self.feeds}",
            f"STATE_DIR={self.state}",
            f"LOG_DIR={self.root / 'logs'}",
            *FAST,
            *self.extra,
            *settings,
        )
        for s in base:
            cmd += ["-s", s]
        for a in args:
            cmd += ["-a", a]
        return cmd

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(ROOT)}

    def crawl(self, spider: str, *settings: str, args: tuple[str, ...] = ()) -> Run:
        self.registry.mkdir(parents=True, exist_ok=True)
        before = feed_files(self.feeds)
        proc = subprocess.run(
            self.command(spider, *settings, args=args),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
            env=self.env(),
        )
        new_files = sorted(feed_files(self.feeds) - before)
        rows = [row for path in new_files for row in read_rows(path)]
        stats = sorted((self.feeds / "_stats" / spider).rglob("*.json"))
        summary = json.loads(stats[-1].read_text("utf-8")) if stats else {}
        return Run(proc.returncode, proc.stderr, rows, new_files, summary)


@dataclass
class Run:
    returncode: int
    log: str
    rows: list[dict[str, Any]]
    files: list[Path]
    stats: dict[str, Any]

    @property
    def summary(self) -> dict[str, Any]:
        return self.stats["summary"]
