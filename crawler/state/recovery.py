"""The SQLite state file's integrity check, rolling backup and restore. No Scrapy imports.

A state file that is damaged (a bad sector, a copy cut short, a disk that filled up) must neither fail every
portal nor pass for a fresh database: an empty state re-emits every article as new. So the file is checked
before it is opened; a damaged one is set aside (``state.sqlite3.damaged-<time>``) and the newest sound
backup takes its place, with a WARNING that says so. Backups are taken after each good run
(``backups/state-<UTC time>.sqlite3``, the newest ``STATE_BACKUPS`` kept), with SQLite's online backup, so a
crawl writing at the same time is copied consistently. With no sound backup the run stops with an error
that says how to recover by hand (docs/operations.md).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crawler.atomicfile import fsync_path

logger = logging.getLogger(__name__)
BACKUP_DIR = "backups"
SIDE_FILES = ("-wal", "-shm", "-journal")
# A process checks a state file once; crawlall opens it once per portal.
_sound: set[Path] = set()


class StateDamaged(RuntimeError):
    """The state file is damaged and no backup could replace it."""


@dataclass(frozen=True)
class Restored:
    damaged: Path  # where the damaged file was set aside
    backup: Path
    taken_at: str  # ISO time the backup was taken: articles emitted since are known only from the feeds


def damage(path: Path) -> str | None:
    """Why the SQLite file at ``path`` cannot be trusted, or None (a missing file is a fresh state)."""
    if not path.exists():
        return None
    wal = Path(f"{path}-wal")
    if path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size):
        return "the file is empty (0 bytes)"
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60)
        try:
            problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            db.close()
    except sqlite3.Error as exc:
        return str(exc)
    if problems != ["ok"]:
        return "; ".join(problems)
    if "articles" not in tables:  # a sound SQLite file, but not a state: it would pass for an empty one
        return "the file holds no state tables"
    return None


def backups(state: Path) -> list[Path]:
    """The backups of ``state``, newest first."""
    directory = state.parent / BACKUP_DIR
    return sorted(directory.glob(f"{state.stem}-*{state.suffix}"), reverse=True) if directory.is_dir() else []


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _taken_at(backup: Path) -> str:
    stamp = backup.stem.rsplit("-", 1)[-1]
    return datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC).isoformat()


@contextlib.contextmanager
def _locked(state: Path) -> Iterator[None]:
    """One process at a time checks, restores or backs up a state file (cron jobs start together)."""
    state.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{state}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def backup(db: sqlite3.Connection, state: Path, keep: int) -> Path | None:
    """Copy the open state ``db`` (file ``state``) to a new backup and drop all but the newest ``keep``."""
    if keep < 1:
        return None
    directory = state.parent / BACKUP_DIR
    directory.mkdir(exist_ok=True)
    target = directory / f"{state.stem}-{_stamp()}{state.suffix}"
    tmp = directory / f".{target.name}.tmp"
    with _locked(state):
        copy = sqlite3.connect(tmp)
        try:
            db.backup(copy)
        finally:
            copy.close()
        fsync_path(tmp)
        tmp.replace(target)
        fsync_path(directory)
        for old in backups(state)[keep:]:
            old.unlink(missing_ok=True)
    return target


def ensure_sound(state: Path) -> Restored | None:
    """Check ``state`` before it is opened; replace a damaged one by its newest sound backup.

    Returns what was restored (None when the file was sound or absent); raises StateDamaged when no
    backup can replace a damaged file.
    """
    if state in _sound:
        return None
    with _locked(state):
        problem = damage(state)
        if problem is None:
            _sound.add(state)
            return None
        aside = state.with_name(f"{state.name}.damaged-{_stamp()}")
        for candidate in backups(state):
            if damage(candidate) is not None:
                logger.warning("State backup %s is damaged too; trying an older one", candidate)
                continue
            for side in ("", *SIDE_FILES):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{state}{side}").replace(f"{aside}{side}")
            tmp = state.with_name(f".{state.name}.restoring")
            tmp.write_bytes(candidate.read_bytes())
            fsync_path(tmp)
            tmp.replace(state)
            fsync_path(state.parent)
            _sound.add(state)
            restored = Restored(aside, candidate, _taken_at(candidate))
            logger.warning(
                "State file %s was damaged (%s): set aside as %s and restored from the backup %s taken at %s. "
                "Articles emitted since then are re-read from the published feeds, so none is emitted twice.",
                state,
                problem,
                aside,
                candidate,
                restored.taken_at,
            )
            return restored
    raise StateDamaged(
        f"State file {state} is damaged ({problem}) and no sound backup is in {state.parent / BACKUP_DIR}. "
        f"Move it aside by hand to start a new state: the next run fetches and emits every article again "
        f"(same ids; the warehouse replaces the rows). See docs/operations.md, 'State backup and restore'."
    )
