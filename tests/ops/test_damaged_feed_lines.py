"""Damaged lines inside a killed run's ``.part`` feed: every line that parses is kept, the damaged ones are
quarantined, their articles are un-recorded and fetched again, and the union of the feeds holds every
article exactly once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.processing import article_id, canonical_url
from tests.ops.helpers import Workdir, feed_files, read_rows

pytestmark = pytest.mark.slow

ARTICLES = 30


def flip_a_digit(line: bytes) -> bytes:
    """A flipped bit inside the body text: still valid JSON, no longer the article that was written."""
    row = json.loads(line)
    at = line.index(row["body"][:20].encode("utf-8"))
    digit = re.search(rb"\d", line[at:])
    assert digit is not None
    pos = at + digit.start()
    return line[:pos] + bytes([line[pos] ^ 0x01]) + line[pos + 1 :]


def invalid_utf8(line: bytes) -> bytes:
    """The lead byte of a Chinese character replaced by 0xFF."""
    pos = line.index("发".encode())
    return line[:pos] + b"\xff" + line[pos + 1 :]


def test_damaged_lines_are_quarantined_and_their_articles_fetched_again(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = work.slow_portal(ARTICLES, 700)
    expected = {article_id(canonical_url(e.url, None)) for e in site.entries}
    work.kill_midway("slow", lines=10)
    (part,) = work.feeds.rglob("*.part")
    lines = part.read_bytes().split(b"\n")[:-1]
    assert len(lines) >= 10
    damaged_ids = {json.loads(lines[i])["id"] for i in (1, 3, 5)}
    assert damaged_ids <= work.recorded("slow"), "the killed run recorded the lines it wrote"
    lines[1] = flip_a_digit(lines[1])
    lines[3] = b"\x00" * len(lines[3])  # a block of NULs where a line was
    lines[5] = invalid_utf8(lines[5])
    part.write_bytes(b"\n".join(lines) + b"\n")

    resumed = work.crawl("slow")
    stats = resumed.stats["stats"]
    assert stats["feeds/quarantined_lines"] == 3
    assert stats["feeds/unrecorded"] == 3
    assert stats["feeds/recovered_rows"] == len(lines) - 3
    assert re.search(r"WARNING: Recovered \d+ rows .* 3 damaged lines moved to .* 3 articles", resumed.log)
    (quarantine,) = work.feeds.rglob("*.quarantine")
    assert quarantine.read_bytes().count(b"\n") == 3
    ids = [row["id"] for path in feed_files(work.feeds) for row in read_rows(path)]
    assert len(ids) == len(set(ids)), "nothing emitted twice"
    assert set(ids) == expected, "nothing lost: the damaged lines' articles were fetched again"
    assert damaged_ids <= {row["id"] for row in resumed.rows}
    assert work.recorded("slow") == expected
