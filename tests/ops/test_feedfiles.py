"""Crash-safe feed files: a torn tail is cut, a file in use is left alone, publishing is atomic."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from crawler.feedfiles import PartFile, finalize, recover, unused_stem


def lines(*ids: str) -> bytes:
    return b"".join(json.dumps({"id": i}).encode() + b"\n" for i in ids)


def test_recover_cuts_a_torn_last_line_and_publishes(tmp_path: Path) -> None:
    part = tmp_path / "d" / "x.jsonl.part"
    part.parent.mkdir()
    part.write_bytes(lines("a", "b") + b'{"id": "c", "bo')
    (found,) = recover(tmp_path, compress=False)
    assert [r["id"] for r in found.rows] == ["a", "b"]
    assert found.cut_bytes == len(b'{"id": "c", "bo')
    assert found.path == tmp_path / "d" / "x.jsonl"
    assert found.path.read_bytes() == lines("a", "b")
    assert not part.exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00" * 4096,  # a block the disk zeroed, newline included
        b'{"id": "x", "body": "\xe5\xbc"}',  # invalid UTF-8 (a truncated character)
        b'{"id": "x", "body"; "flipped"}',  # a flipped byte in the JSON structure
        b'["not", "a", "row"]',
    ],
    ids=["nul-block", "invalid-utf8", "flipped-byte", "not-an-object"],
)
def test_a_damaged_line_is_quarantined_and_every_line_after_it_kept(tmp_path: Path, damage: bytes) -> None:
    part = tmp_path / "x.jsonl.part"
    part.write_bytes(lines("a") + damage + b"\n" + lines("b", "c"))
    (found,) = recover(tmp_path, compress=True)
    assert [r["id"] for r in found.rows] == ["a", "b", "c"]
    assert gzip.decompress((tmp_path / "x.jsonl.gz").read_bytes()) == lines("a", "b", "c")
    assert found.quarantine == tmp_path / "x.jsonl.quarantine"
    assert found.quarantine.read_bytes() == damage + b"\n"
    assert not part.exists()


def test_a_row_refused_by_the_check_is_quarantined_too(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl.part").write_bytes(lines("a", "bad", "b"))
    (found,) = recover(tmp_path, compress=False, valid=lambda row: row["id"] != "bad")
    assert [r["id"] for r in found.rows] == ["a", "b"]
    assert (tmp_path / "x.jsonl").read_bytes() == lines("a", "b")
    assert found.damaged == [lines("bad").rstrip(b"\n")]


def test_a_part_file_still_being_written_is_not_touched(tmp_path: Path) -> None:
    writer = PartFile(tmp_path / "x.jsonl.part", fsync=False)
    writer.write(lines("a"))
    assert recover(tmp_path, compress=False) == []
    assert (tmp_path / "x.jsonl.part").exists()
    writer.close()


def test_crash_after_publishing_only_removes_the_leftover_part(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_bytes(lines("a", "b"))
    (tmp_path / "x.jsonl.part").write_bytes(lines("a", "b"))
    (found,) = recover(tmp_path, compress=False)
    assert len(found.rows) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.jsonl"]


def test_names_never_collide_with_an_earlier_file(tmp_path: Path) -> None:
    base = tmp_path / "t.jsonl"
    assert unused_stem(base) == base
    writer = PartFile(Path(str(base) + ".part"), fsync=True)
    writer.write(lines("a"))
    published = finalize(writer.path, compress=True)
    writer.close()
    assert published.name == "t.jsonl.gz"
    assert unused_stem(base).name == "t-2.jsonl"


def test_a_failed_write_raises_instead_of_tearing_a_line() -> None:
    full = PartFile(Path("/dev/full"), fsync=False)  # every write fails with ENOSPC
    try:
        with pytest.raises(OSError, match="No space left"):
            full.write(lines("a"))
        assert full.size == 0
    finally:
        full.close()
