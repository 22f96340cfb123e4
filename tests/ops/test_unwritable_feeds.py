"""A feeds directory that cannot be written: the run fails loudly and records nothing it did not write;
the next run, on a disk that works again, emits every article exactly once.

The broken disks are real: a feeds path whose parent is a file (works everywhere, even as root), and, where
the machine lets the test mount one, a read-only tmpfs and a tmpfs that fills up mid-run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from crawler.processing import article_id, canonical_url
from tests.ops.helpers import Workdir, feed_files, read_rows
from tests.ops.site import make_site

pytestmark = pytest.mark.slow

ARTICLES = 12


@contextmanager
def tmpfs(path: Path, options: str) -> Iterator[None]:
    """A real tmpfs mounted at ``path`` (skips the test where mounting is not allowed)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def setup(tmp_path: Path, feeds: Path) -> tuple[Workdir, set[str]]:
    # the WARC archive goes beside the feeds by default: here it is kept off the broken disk under test
    work = Workdir(tmp_path, feeds_at=feeds, extra=(f"ARCHIVE_DIR={tmp_path / 'archive'}",))
    site = make_site(work.replay, "kaifaqu", "www.kfq.gov.cn", ARTICLES, 3000, per_page=6, registry=work.registry)
    return work, {article_id(canonical_url(e.url, None)) for e in site.entries}


def all_rows(work: Workdir) -> list[str]:
    return [row["id"] for path in feed_files(work.feeds) for row in read_rows(path)]


def assert_stopped_before_fetching(work: Workdir) -> None:
    run = work.crawl("kaifaqu")
    assert run.returncode == 1, run.log[-3000:]
    stats = run.stats["stats"]
    assert stats["finish_reason"] == "feed_unwritable"
    assert stats["feeds/failed/open"] == 1
    assert "downloader/request_count" not in stats  # nothing fetched that could not be kept
    assert "Feeds written" in run.log and "cannot be written" in run.log
    assert "monitors FAILED" in run.log  # the run table says so
    assert work.recorded("kaifaqu") == set()
    assert feed_files(work.feeds) == set()


def test_a_feeds_path_under_a_file_stops_the_run_and_the_next_run_emits_everything(tmp_path: Path) -> None:
    blocker = tmp_path / "disk"
    blocker.write_text("a file where the feeds directory should be")
    work, expected = setup(tmp_path, blocker / "feeds")
    assert_stopped_before_fetching(work)

    blocker.unlink()  # the operator fixes the path; the same FEEDS_DIR now works
    fixed = work.crawl("kaifaqu")
    assert fixed.returncode == 0, fixed.log[-3000:]
    assert sorted(all_rows(work)) == sorted(expected)
    assert work.recorded("kaifaqu") == expected


def test_a_read_only_disk_stops_the_run_and_the_next_run_emits_everything(tmp_path: Path) -> None:
    disk = tmp_path / "ro"
    with tmpfs(disk, "size=4m,ro"):
        work, expected = setup(tmp_path, disk / "feeds")
        assert_stopped_before_fetching(work)

        remount(disk, "rw")
        fixed = work.crawl("kaifaqu")
        assert fixed.returncode == 0, fixed.log[-3000:]
        assert sorted(all_rows(work)) == sorted(expected)


def test_a_disk_that_fills_up_mid_run_loses_nothing(tmp_path: Path) -> None:
    disk = tmp_path / "small"
    with tmpfs(disk, "size=24k"):  # room for a few lines only
        work, expected = setup(tmp_path, disk / "feeds")
        full = work.crawl("kaifaqu")
        assert full.returncode == 1, full.log[-3000:]
        stats = full.stats["stats"]
        written = set(all_rows(work))
        assert 0 < len(written) < ARTICLES, "the disk must fill up midway for this test to mean anything"
        assert stats["feeds/failed/write"] == ARTICLES - len(written)
        assert stats["items/not_recorded"] == ARTICLES - len(written)
        assert work.recorded("kaifaqu") == written  # exactly the lines that are on disk

        remount(disk, "size=16m")
        fixed = work.crawl("kaifaqu")
        assert fixed.returncode == 0, fixed.log[-3000:]
        ids = all_rows(work)
        assert len(ids) == len(set(ids)) and set(ids) == expected
