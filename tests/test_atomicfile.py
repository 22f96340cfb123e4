"""Atomic writes: whole files only, and concurrent writers of one path never fail."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from crawler.atomicfile import write_atomic


def test_concurrent_writers_of_one_path_all_succeed_and_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "fleet-2026-11-23T07-43-59+00-00.json"
    payloads = [bytes([65 + i]) * 200_000 for i in range(8)]
    errors: list[BaseException] = []

    def write(data: bytes) -> None:
        try:
            for _ in range(20):
                write_atomic(target, data)
        except BaseException as exc:  # any failure is the finding
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p,)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_bytes() in payloads, "one writer's whole file, never a mix"
    assert [p.name for p in tmp_path.iterdir()] == [target.name], "no temp file left behind"


def test_written_files_are_readable_by_other_users(tmp_path: Path) -> None:
    target = tmp_path / "table.marshal"
    write_atomic(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) & 0o044 == 0o044
