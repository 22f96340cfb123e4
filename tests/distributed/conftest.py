"""A real redis-server for the distributed tests (session-wide, password-protected, no persistence),
and helpers that start crawl workers as subprocesses."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import redis

from tests.conftest import ROOT, SCRAPY
from tests.distributed.site import PORTAL, Site

# Contains URL-reserved characters on purpose ("@", "/", "#" split it where a URL parser would): masking must
# catch raw and %-encoded spellings, and no piece of it may reach a log.
PASSWORD = f"pw-{secrets.token_hex(4)}@{secrets.token_hex(4)}/{secrets.token_hex(4)}#+!"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://:<password>@127.0.0.1:<port>`` of a private redis-server, stopped after the session."""
    binary = shutil.which("redis-server", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/bin")
    if binary is None:
        pytest.skip("redis-server binary not found (install redis-server; .ci/run does)")
    port, workdir = _free_port(), tmp_path_factory.mktemp("redis")
    cmd = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    cmd += ["--dir", str(workdir), "--requirepass", PASSWORD]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    client = redis.Redis(host="127.0.0.1", port=port, password=PASSWORD)
    try:
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    pytest.fail(f"redis-server exited with {proc.returncode}")
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not answer PING")
        yield f"redis://:{quote(PASSWORD, safe='')}@127.0.0.1:{port}"
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    """Database 0 of the session server, emptied before each test."""
    url = f"{redis_server}/0"
    client = redis.Redis.from_url(url)
    client.flushall()
    yield url
    client.close()


def start_worker(site: Site, redis_url: str, out: Path, worker: str, *settings: str) -> subprocess.Popen[str]:
    """One fleet worker: ``scrapy crawl`` over the replayed site, feeds under ``out/feeds``, log in ``out``."""
    cmd = [SCRAPY, "crawl", PORTAL, "-s", "LOG_LEVEL=INFO"]
    for setting in (
        f"REDIS_URL={redis_url}",
        f"REPLAY_DIR={site.replay_dir}",
        f"PORTAL_REGISTRY_DIR={site.registry_dir}",
        f"FEEDS_DIR={out / 'feeds'}",
        f"DISTRIBUTED_WORKER_ID={worker}",
        "DISTRIBUTED_RUN_ID=test-run",
        "MAX_IDLE_TIME_BEFORE_CLOSE=2",
        "DISTRIBUTED_WORKER_TIMEOUT=4",
        "ROBOTSTXT_OBEY=False",
        "AUTOTHROTTLE_ENABLED=False",
        "DOWNLOAD_DELAY=0",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        *settings,
    ):
        cmd += ["-s", setting]
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with (out / f"{worker}.log").open("w", encoding="utf-8") as log:  # the child keeps its own descriptor
        return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True, env=env)


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[str]]]:
    """Add started workers here: any still running when the test ends (a failed assertion) is killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


def feed_rows(out: Path) -> list[dict]:
    """Rows of every feed file below ``out``, including ``.part`` files a killed worker left unpublished
    when a crash-safe feed storage is configured (their lines are complete: one write per line)."""
    paths = sorted([*out.rglob("*.jsonl"), *out.rglob("*.jsonl.part")])
    return [json.loads(line) for path in paths for line in path.read_text("utf-8").splitlines()]
