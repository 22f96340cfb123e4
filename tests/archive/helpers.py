"""Run ``scrapy reprocess`` in a subprocess against a test deployment (tests/ops/helpers.Workdir)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.archive.records import scan
from crawler.archive.sources import find_sources
from tests.conftest import ROOT, SCRAPY
from tests.hardening.test_fault_crawl import stats_from_log
from tests.ops.helpers import Workdir, read_rows


@dataclass
class Reprocessed:
    returncode: int
    log: str
    rows: list[dict[str, Any]]
    stats: dict[str, int]


def reprocess(
    work: Workdir,
    *paths: Path,
    jobs: int = 2,
    name: str = "out",
    settings: tuple[str, ...] = (),
    console: bool = False,
) -> Reprocessed:
    """Scrapy's log on stderr (its stats dump read into ``stats``), or with ``console`` what a person sees
    there: progress and the run table (the log then goes to the run log file only)."""
    out = work.root / f"{name}.jsonl"
    cmd = [SCRAPY, "reprocess", *map(str, paths), "-o", str(out), "-j", str(jobs)]
    for s in (
        f"PORTAL_REGISTRY_DIR={work.registry}",
        f"FEEDS_DIR={work.root / f'{name}-feeds'}",
        f"LOG_DIR={work.root / f'{name}-logs'}",
        *(() if console else ("LOG_LEVEL=INFO",)),
        *settings,
    ):
        cmd += ["-s", s]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240, env=work.env())
    rows = read_rows(out) if out.exists() else []
    return Reprocessed(proc.returncode, proc.stderr, rows, stats_from_log(proc.stderr))


def archived(root: Path) -> list[Any]:
    """Every response record under ``root``, in archive order."""
    return [ref for path in find_sources([root]).warcs for ref in scan(str(path))]


def without(rows: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != field} for row in rows]


def dumps(rows: list[dict[str, Any]]) -> list[str]:
    return [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]
