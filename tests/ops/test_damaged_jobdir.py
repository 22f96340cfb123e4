"""A JOBDIR damaged by a kill -9 while Scrapy rewrote it: detected at start, set aside with a clear message,
and the crawl resumes from the incremental state (nothing emitted twice, nothing lost)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.extensions.jobdir import jobdir_damage
from crawler.processing import article_id, canonical_url
from tests.conftest import ROOT
from tests.ops.helpers import Workdir, feed_files, read_rows
from tests.ops.site import make_site

pytestmark = pytest.mark.slow

ARTICLES = 30


def test_a_kill_while_active_json_is_rewritten_costs_nothing(tmp_path: Path) -> None:
    job = tmp_path / "job"
    work = Workdir(tmp_path, extra=(f"JOBDIR={job}",))
    site = make_site(work.replay, "slow", "www.slow.gov.cn", ARTICLES, 900, registry=work.registry, per_page=10)
    expected = {article_id(canonical_url(e.url, None)) for e in site.entries}

    # The job stops with requests still queued (as after Ctrl-C) and is SIGKILLed while Scrapy rewrites
    # requests.queue/active.json: the file is left empty, the feed unpublished.
    stop_early = ("-s", "CLOSESPIDER_ITEMCOUNT=8")
    killed = subprocess.run(
        [sys.executable, "-m", "tests.ops.kill_at", "active_json", *work.command("slow")[1:], *stop_early],
        cwd=ROOT,
        env=work.env(),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert killed.returncode == -9, killed.stderr[-3000:]
    assert (job / "requests.queue" / "active.json").read_bytes() == b""
    assert jobdir_damage(job) is not None

    resumed = work.crawl("slow")
    assert resumed.returncode == 1, "the WARNING fails the monitors: a crashed job deserves a look"
    assert "JOBDIR" in resumed.log and "is damaged (requests.queue/active.json: JSONDecodeError" in resumed.log
    assert resumed.stats["stats"]["jobdir/damaged"] == 1
    assert resumed.stats["stats"]["finish_reason"] == "finished"
    (aside,) = tmp_path.glob("job.damaged-*")
    assert (aside / "requests.queue" / "active.json").exists(), "kept for inspection"
    ids = [row["id"] for path in feed_files(work.feeds) for row in read_rows(path)]
    assert len(ids) == len(set(ids)) and set(ids) == expected

    again = work.crawl("slow")
    assert again.returncode == 0 and again.rows == [], again.log[-3000:]


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (lambda job: (job / "spider.state").write_bytes(b"\x80\x04"), "spider.state"),
        (lambda job: (job / "requests.queue" / "active.json").write_text('{"www.x.gov.cn": [0'), "active.json"),
    ],
    ids=["spider-state", "half-written-active-json"],
)
def test_other_damage_is_named(tmp_path: Path, damage: object, where: str) -> None:
    job = tmp_path / "job"
    (job / "requests.queue").mkdir(parents=True)
    (job / "spider.state").write_bytes(pickle.dumps({}))
    assert jobdir_damage(job) is None
    damage(job)  # type: ignore[operator]
    assert where in (jobdir_damage(job) or "")
