"""Run the real ``scrapy probe`` command in a subprocess, and ``scrapy crawlall`` of the entries probes wrote."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SCRAPY

SITES = Path(__file__).resolve().parent / "sites"
# A local server: the address guard lets loopback through; no delays. robots.txt is still asked for (the
# saved sites have none: 404, everything allowed).
LOCAL = ("ADDRESS_GUARD_ALLOW=loopback", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False")


@dataclass
class Probed:
    returncode: int
    out: str
    log: str

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.out)


def probe(url: str, tmp_path: Path, *args: str, settings: tuple[str, ...] = LOCAL, timeout: int = 240) -> Probed:
    """``scrapy probe URL ARGS`` with its registry under ``tmp_path/seeds`` (the project's spider loader
    reads the registry directory before any command runs: it must exist)."""
    (tmp_path / "seeds").mkdir(parents=True, exist_ok=True)
    cmd = [SCRAPY, "probe", url, *args, "-s", f"PORTAL_REGISTRY_DIR={tmp_path / 'seeds'}"]
    cmd += ["-s", f"STATE_DIR={tmp_path / 'state'}", "-s", f"LOG_DIR={tmp_path / 'logs'}"]  # the cool-off store
    for s in settings:
        cmd += ["-s", s]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)
    return Probed(proc.returncode, proc.stdout, proc.stderr)


@dataclass
class Crawled:
    returncode: int
    items: dict[str, list[dict[str, Any]]]  # per portal, from its feed files
    log: str


def crawl(names: list[str], tmp_path: Path, *settings: str, args: tuple[str, ...] = ()) -> Crawled:
    """``scrapy crawlall NAME … [-a ARG …]`` of the entries probes wrote (in ``tmp_path/seeds``), one process
    for them all, live against the local servers: each portal's items (from the project's real feeds under
    ``tmp_path/feeds/<portal>/``), the log and the exit code (non-zero when any portal's crawl failed)."""
    feeds = tmp_path / "feeds"
    cmd = [SCRAPY, "crawlall", *names, *(token for a in args for token in ("-a", a))]
    extra = (
        "LOG_LEVEL=INFO",
        f"FEEDS_DIR={feeds}",
        f"STATE_DIR={tmp_path / 'state'}",
        f"LOG_DIR={tmp_path / 'logs'}",
        f"PORTAL_REGISTRY_DIR={tmp_path / 'seeds'}",
        "REPLAY_ENABLED=False",
        *LOCAL,
        *settings,
    )
    for s in extra:
        cmd += ["-s", s]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240, env=env)
    items: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for name in names:
        for path in sorted((feeds / name).rglob("*.jsonl")):
            items[name] += [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return Crawled(proc.returncode, items, proc.stdout + proc.stderr)
