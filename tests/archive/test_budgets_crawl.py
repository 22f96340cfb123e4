"""A live crawl (local server) whose pages are processed in worker processes under budgets.

The reactor keeps serving downloads while a page is being processed: the "stall" page's processing is
made to wait until the server has served list page 2 and every article on it, and the server holds list
page 2 back until that processing has started. If processing blocked the reactor, page 2 would never be
read and the stall page would end cut by the time budget. A page over the time budget and one over the
memory budget are dropped with their reasons; the crawl goes on and every other article comes out, in
the order the pages arrived.
"""

from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.archive.pages import RELEASE_ENV, STARTED_ENV
from tests.conftest import FIXTURES, run_crawl
from tests.hardening.test_fault_crawl import stats_from_log, write_registry

pytestmark = pytest.mark.slow

SEED = (FIXTURES / "tianmen" / "article_seed" / "body.html").read_bytes()
NORMAL = [f"/news/202401/t20240105_{n}.html" for n in range(1, 9)]
STALL = "/stall/202401/t20240101_90.html"
HANG = "/hang/202401/t20240102_91.html"
GREEDY = "/greedy/202401/t20240103_92.html"
BUDGET = 6


def story(n: int) -> bytes:
    own = f"<p>第{n}次推进会上，园区新签约项目{n}个，计划总投资{n * 7}亿元，涉及新能源和高端装备制造。</p>"
    return SEED.replace(b"</p>", ("</p>" + own).encode(), 1)


def listing(links: list[str], next_page: str | None) -> bytes:
    anchors = "".join(f'<li><a href="{href}">新闻{i}</a><span>2024-01-05</span></li>' for i, href in enumerate(links))
    pager = f'<a href="{next_page}">下一页</a>' if next_page else ""
    return f"<html><body><ul>{anchors}</ul>{pager}</body></html>".encode()


class Portal(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, signals: Path) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.signals = signals
        self.served: list[str] = []
        self.lock = threading.Lock()
        self.pages: dict[str, bytes] = {
            "/news/": listing([STALL], "/news/index_1.html"),
            "/news/index_1.html": listing([HANG, GREEDY, *NORMAL], None),
            STALL: story(90),
            HANG: story(91),
            GREEDY: story(92),
            **{path: story(n) for n, path in enumerate(NORMAL, 1)},
        }


class Handler(BaseHTTPRequestHandler):
    server: Portal

    def do_GET(self) -> None:
        if self.path == "/news/index_1.html":  # held back until the stall page is being processed
            deadline = time.monotonic() + 60
            while not (self.server.signals / "started").exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        body = self.server.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")
        with self.server.lock:
            self.server.served.append(self.path)
            if all(p in self.server.served for p in NORMAL):
                (self.server.signals / "release").touch()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def budget_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("budgets")
    signals = tmp / "signals"
    signals.mkdir()
    server = Portal(signals)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    env = {STARTED_ENV: str(signals / "started"), RELEASE_ENV: str(signals / "release")}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        registry = write_registry(tmp / "seeds", server.server_address[1])
        result = run_crawl(
            "faulty",
            tmp,
            f"PORTAL_REGISTRY_DIR={registry}",
            "REPLAY_ENABLED=False",
            "ADDRESS_GUARD_ALLOW=loopback",
            "ROBOTSTXT_OBEY=False",
            "DOWNLOAD_DELAY=0",
            "AUTOTHROTTLE_ENABLED=False",
            "PROCESS_WORKERS=2",
            f"PROCESS_TIME_BUDGET={BUDGET}",
            "PROCESS_FUNCTION=tests.archive.pages.by_path",
            timeout=180,
        )
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        server.shutdown()
        server.server_close()
    result["served"] = list(server.served)
    result["stats"] = stats_from_log(result["log"])
    return result


def paths(items: list[dict[str, Any]]) -> list[str]:
    return [urlsplit(item["url"]).path for item in items]


def test_the_reactor_kept_downloading_while_a_page_was_processed(budget_crawl: dict[str, Any]) -> None:
    assert budget_crawl["returncode"] == 0, budget_crawl["log"][-3000:]
    served = budget_crawl["served"]
    assert served.index(STALL) < served.index("/news/index_1.html") < min(map(served.index, NORMAL))
    assert STALL in paths(budget_crawl["items"])  # finished, after everything on page 2 was downloaded


def test_pages_over_a_budget_are_dropped_with_their_reason(budget_crawl: dict[str, Any]) -> None:
    stats = budget_crawl["stats"]
    assert stats["pages_dropped/budget_time"] == 1 and stats["pages_dropped/budget_memory"] == 1
    assert stats["pages_dropped"] == 2 and stats["workers/replaced"] == 2
    assert sorted(paths(budget_crawl["items"])) == sorted([STALL, *NORMAL])
    assert f"{HANG}: budget_time" in budget_crawl["log"] and f"{GREEDY}: budget_memory" in budget_crawl["log"]


def test_items_leave_in_the_order_their_pages_arrived(budget_crawl: dict[str, Any]) -> None:
    """The stall page finished last but arrived first: it is the feed's first line."""
    (feed,) = budget_crawl["feeds"].rglob("*.jsonl")
    first = json.loads(feed.read_text("utf-8").splitlines()[0])
    assert urlsplit(first["url"]).path == STALL
