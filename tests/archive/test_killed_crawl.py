"""A crawl killed with SIGKILL leaves archives that read back whole, and that reprocess."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from crawler.archive.records import TornRecord, load, scan
from crawler.archive.sources import find_sources
from tests.archive.helpers import reprocess
from tests.conftest import ROOT
from tests.ops.helpers import Workdir, feed_files
from tests.ops.site import make_site

pytestmark = pytest.mark.slow


def whole_records(root: Path) -> int:
    """Response records readable under ``root``; raises TornRecord if any file ends in a damaged one."""
    return sum(1 for path in find_sources([root]).warcs for _ in scan(str(path)))


def test_a_killed_crawls_archive_reads_back(tmp_path: Path) -> None:
    work = Workdir(tmp_path, extra=("ARCHIVE_MAX_BYTES=40000",))
    site = ("slow", "www.slow.gov.cn", 40, 800)
    make_site(work.replay, *site, registry=work.registry, download_delay=0.05, concurrency=1)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    proc = subprocess.Popen(work.command("slow"), cwd=ROOT, env=work.env(), **quiet)  # type: ignore[call-overload]
    archive = tmp_path / "archive"
    deadline = time.monotonic() + 180
    seen = 0
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            seen = whole_records(archive) if archive.exists() else 0
        except TornRecord:
            seen = 0  # caught mid-write (only a reader racing the writer sees this): look again
        if seen >= 15:
            break
        time.sleep(0.05)
    proc.kill()  # SIGKILL: no spider_closed, no file closed
    proc.wait()
    assert seen >= 15, "the crawl ended before it could be killed mid-run"
    assert not feed_files(work.feeds), "the crawl must die before publishing anything"

    refs = [ref for path in find_sources([archive]).warcs for ref in scan(str(path))]  # no TornRecord
    assert len(refs) >= seen
    for ref in refs:
        assert load(ref.path, ref.offset).raw_body.startswith(b"<!DOCTYPE html>")
    articles = [ref for ref in refs if ref.meta["page_kind"] == "article"]

    result = reprocess(work, archive)
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(row["url"] for row in result.rows) == sorted({ref.url for ref in articles})
