"""Run crawls of the test portals in subprocesses that share one state and one feeds directory."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SCRAPY
from tests.ops.site import Site, make_site

FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "ROBOTSTXT_OBEY=False", "LOG_LEVEL=INFO")


def read_rows(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def lines_in_parts(feeds: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in feeds.rglob("*.part"))


def feed_files(feeds: Path) -> set[Path]:
    """Published feed files (never ``.part`` or ``.quarantine``), without the run-stats files under ``_stats``."""
    if not feeds.is_dir():
        return set()
    return {p for p in feeds.rglob("*.jsonl*") if p.name.endswith((".jsonl", ".jsonl.gz")) and "_stats" not in p.parts}


@dataclass
class Workdir:
    """One deployment: a replay dir, a registry, a state dir and a feeds dir, reused across runs."""

    root: Path
    extra: tuple[str, ...] = ()
    runs: int = field(default=0)
    feeds_at: Path | None = None  # FEEDS_DIR somewhere else (a broken disk); run stats then go to root/stats

    @property
    def replay(self) -> Path:
        return self.root / "replay"

    @property
    def registry(self) -> Path:
        return self.root / "seeds"

    @property
    def feeds(self) -> Path:
        return self.feeds_at or self.root / "feeds"

    @property
    def stats_dir(self) -> Path:
        return self.root / "stats" if self.feeds_at else self.feeds / "_stats"

    @property
    def state(self) -> Path:
        return self.root / "state"

    def command(self, spider: str, *settings: str, args: tuple[str, ...] = ()) -> list[str]:
        cmd = [SCRAPY, "crawl", spider]
        base = (
            f"REPLAY_DIR={self.replay}",
            f"PORTAL_REGISTRY_DIR={self.registry}",
            f"FEEDS_DIR={self.feeds}",
            f"RUN_STATS_DIR={self.stats_dir}",
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

    def recorded(self, spider: str) -> set[str]:
        """Ids of the articles the state records as emitted by ``spider``."""
        db = sqlite3.connect(self.state / "state.sqlite3")
        try:
            return {row[0] for row in db.execute("SELECT article_id FROM articles WHERE namespace=?", (spider,))}
        finally:
            db.close()

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(ROOT)}

    def slow_portal(self, count: int, seed: int) -> Site:
        """Portal ``slow``: one request at a time with a delay, so a crawl of it can be killed midway."""
        return make_site(
            self.replay,
            "slow",
            "www.slow.gov.cn",
            count,
            seed,
            registry=self.registry,
            download_delay=0.05,
            concurrency=1,
        )

    def kill_midway(self, spider: str, lines: int) -> None:
        """Start a crawl and SIGKILL it once its unpublished feed holds ``lines`` lines: no spider_closed, no
        feed close or publish, no state close."""
        proc = subprocess.Popen(
            self.command(spider), cwd=ROOT, env=self.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 180
        while lines_in_parts(self.feeds) < lines and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.kill()
        proc.wait()

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
        stats = sorted((self.stats_dir / spider).rglob("*.json"))
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
