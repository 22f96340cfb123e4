"""A real scrapyd 1.6 on 127.0.0.1 with the shipped scrapyd.conf: it refuses to start without a real login;
with one, auth is required, and deploy, schedule and feed work."""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
T = TypeVar("T")
BIN = Path(sys.executable).parent
PROJECT_FILES = ("crawler", "seeds", "fixtures", "scrapy.cfg", "scrapyd.conf", "setup.py", "pyproject.toml")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(url: str, auth: tuple[str, str] | None, data: dict[str, str] | None = None) -> Any:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def wait_for(check: Callable[[], T], what: str, limit: float = 120) -> T:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def project_copy(tmp_path: Path) -> tuple[Path, int, dict[str, str]]:
    """The checkout as a deployment sees it, on a free port, with a per-user ~/.scrapyd.conf and no login."""
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, project / name)
    port = free_port()
    for name in ("scrapyd.conf", "scrapy.cfg"):
        path = project / name
        path.write_text(path.read_text("utf-8").replace("6800", str(port)), "utf-8")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".scrapyd.conf").write_text("[scrapyd]\npoll_interval = 0.2\n", "utf-8")  # the per-user override
    env = {**os.environ, "HOME": str(home)}
    for name in ("PYTHONPATH", "SCRAPYD_USERNAME", "SCRAPYD_PASSWORD"):
        env.pop(name, None)
    return project, port, env


GUARD = [sys.executable, "-m", "crawler.scrapyd_guard"]


@pytest.mark.parametrize(
    ("command", "login", "why"),
    [
        (GUARD, {}, "no login is set"),
        (GUARD, {"SCRAPYD_USERNAME": "ops", "SCRAPYD_PASSWORD": "change-me-set-SCRAPYD_PASSWORD"}, "placeholder"),
        (GUARD, {"SCRAPYD_USERNAME": "ops", "SCRAPYD_PASSWORD": "hunter2"}, "shorter than 12"),
        ([str(BIN / "scrapyd")], {}, "crawler"),  # plain scrapyd cannot even load the guarded application
    ],
    ids=["no-password", "placeholder", "short", "plain-scrapyd"],
)
def test_scrapyd_refuses_to_start_without_a_real_password(
    tmp_path: Path, command: list[str], login: dict[str, str], why: str
) -> None:
    project, port, env = project_copy(tmp_path)
    refused = subprocess.run(command, cwd=project, env={**env, **login}, capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert why in refused.stderr + refused.stdout
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing listens


def test_deploy_and_schedule_on_a_real_scrapyd(tmp_path: Path) -> None:
    project, port, env = project_copy(tmp_path)
    password = secrets.token_urlsafe(12)
    env = {**env, "SCRAPYD_USERNAME": "ops", "SCRAPYD_PASSWORD": password}
    base = f"http://127.0.0.1:{port}"
    auth = ("ops", password)

    daemon = subprocess.Popen(GUARD, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:

        def up() -> bool:
            try:
                return call(f"{base}/daemonstatus.json", auth)["status"] == "ok"
            except urllib.error.HTTPError as exc:
                exc.close()
                raise
            except (urllib.error.URLError, ConnectionError):
                return False

        wait_for(up, "scrapyd to listen")
        with pytest.raises(urllib.error.HTTPError) as refused:
            call(f"{base}/daemonstatus.json", None)
        refused.value.close()
        assert refused.value.code == 401

        deploy = subprocess.run(
            [BIN / "scrapyd-deploy"], cwd=project, env=env, capture_output=True, text=True, timeout=180
        )
        assert deploy.returncode == 0, deploy.stderr[-2000:]
        portals = len(list((project / "seeds").glob("*.yaml")))
        assert f'"spiders": {portals}' in deploy.stdout + deploy.stderr  # the egg lists every registry portal

        job = call(f"{base}/schedule.json", auth, {"project": "devzone_news", "spider": "tianmen"})["jobid"]

        def finished() -> dict[str, Any] | None:
            jobs = call(f"{base}/listjobs.json?project=devzone_news", auth)["finished"]
            return next((j for j in jobs if j["id"] == job), None)

        wait_for(finished, "the scheduled job to finish")
        (feed,) = (project / "feeds" / "tianmen").rglob("*.jsonl")
        rows = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
        assert rows and {r["spider"] for r in rows} == {"tianmen"}
        (log,) = (project / "logs" / "devzone_news" / "tianmen").glob(f"{job}.log")
        assert "monitors OK" in log.read_text("utf-8")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
