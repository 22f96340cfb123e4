"""The table cache lives in a per-user directory no other local user can plant tables in, and a cache that
cannot be used costs a rebuild: never a failed run, never a warning."""

from __future__ import annotations

import marshal
import tempfile
from pathlib import Path

import pytest

from crawler.tablecache import cache_dir, cached_table
from tests.ops.helpers import Workdir
from tests.ops.site import make_site


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DEVZONE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_the_default_is_per_user(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_dir() == home / ".cache" / "devzone-news"
    assert (home / ".cache" / "devzone-news").stat().st_mode & 0o077 == 0  # created private
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "devzone-news"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")  # the XDG spec says to ignore it
    assert cache_dir() == home / ".cache" / "devzone-news"
    assert cache_dir() != Path(tempfile.gettempdir()) / "devzone-news"


def test_a_cache_others_can_write_to_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # e.g. /tmp/devzone-news made by whoever ran first
    monkeypatch.setenv("DEVZONE_CACHE_DIR", str(shared))
    source = tmp_path / "source.txt"
    source.write_text("a 1\n")
    info = source.stat()
    planted = shared / f"words-{info.st_size}-{info.st_mtime_ns}.marshal"
    planted.write_bytes(marshal.dumps({"a": "planted"}))
    assert cache_dir() is None
    assert cached_table("words", source, lambda: {"a": "built"}) == {"a": "built"}


@pytest.mark.slow
def test_a_crawl_with_an_unusable_cache_succeeds_without_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    work = Workdir(tmp_path)
    make_site(work.replay, "cacheless", "www.cacheless.gov.cn", 3, 9000, registry=work.registry)
    env = {**work.env(), "DEVZONE_CACHE_DIR": str(blocker / "cache")}
    work.env = lambda: env  # type: ignore[method-assign]
    run = work.crawl("cacheless")
    assert run.returncode == 0, run.log[-3000:]
    assert len(run.rows) == 3
    assert run.summary["warnings"] == 0 and "monitors OK" in run.log
    assert "rebuilt in every process" in run.log
