"""Kill -9 mid-crawl, restart with the same JOBDIR: every article exactly once, no torn feed line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.processing import article_id, canonical_url
from tests.ops.helpers import Workdir, feed_files, read_rows

pytestmark = pytest.mark.slow

ARTICLES = 40


@pytest.mark.parametrize("gzip", [False, True], ids=["jsonl", "jsonl.gz"])
def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path: Path, gzip: bool) -> None:
    work = Workdir(tmp_path, extra=(f"JOBDIR={tmp_path / 'job'}", f"FEED_GZIP={gzip}"))
    site = work.slow_portal(ARTICLES, 500)
    expected = {article_id(canonical_url(e.url, None)) for e in site.entries}

    work.kill_midway("slow", lines=10)
    (part,) = work.feeds.rglob("*.part")
    assert not feed_files(work.feeds), "the first run must die before publishing anything"
    with part.open("ab") as fh:  # the torn write SIGKILL or a power cut can leave behind
        fh.write(b'{"id": "torn", "body": "\xe5\xbc')

    resumed = work.crawl("slow")
    assert resumed.returncode == 0, resumed.log[-3000:]
    assert not list(work.feeds.rglob("*.part"))
    files = feed_files(work.feeds)
    assert len(files) == 2  # the interrupted run's feed, published by the restart, and the restart's own
    for path in files:
        raw = path.read_bytes()
        if not gzip:
            assert raw.endswith(b"\n")
        assert all(json.dumps(row, ensure_ascii=False) for row in read_rows(path))
    ids = [row["id"] for path in files for row in read_rows(path)]
    assert len(ids) == len(set(ids)) == ARTICLES
    assert set(ids) == expected
    assert resumed.summary["recovered_rows"] >= 10
    assert all(p.name.endswith(".jsonl.gz" if gzip else ".jsonl") for p in files)

    if not gzip:  # and the run after that is an ordinary incremental run (list pages read again)
        again = work.crawl("slow")
        assert again.returncode == 0 and again.rows == []
