"""Challenge pages from a local server: the host cools off across runs with growing delays (kept in the
state store), the block shows once per run in the table, nothing is emitted, a portal blocked N runs in
a row fails its monitor with one clear line, and the first ordinary answer lifts the cool-off. The same
server answers ``scrapy check-portals --live``."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.portals.registry import write_portal
from crawler.state.sqlite import SQLiteStore
from tests.conftest import ROOT, SCRAPY
from tests.hardening.faultserver import FaultServer, Reply, page, redirect
from tests.ops.helpers import Workdir

# Challenge pages written for these tests, with the structure of each product's first answer.
CHALLENGES = {
    # 瑞数: HTTP 412, a <meta r="m"> token and an inline $_ts bootstrap, no visible text.
    "ruishu": page(
        b"<html><head><meta content='k3Jf9aQ' r='m'><script r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
        b"$_ts.nsd=4711;</script><script src='/k3Jf9aQ/ts.js' r='m'></script></head><body></body></html>",
        status=412,
    ),
    # 加速乐: HTTP 521 and a script that sets the clearance cookie and reloads.
    "jsl": page(
        b"<html><body><script>document.cookie=('__jsl_clearance_s=1714000000.1|0|'+'abc');"
        b"location.href=location.pathname+location.search</script></body></html>",
        status=521,
    ),
    # WZWS: a 200 page that only runs the wzwschallenge script.
    "wzws": page(
        b'<html><head><script>var wzwschallenge="7f3a";var wzwschallengex="c2";'
        b"function go(){location.reload()}</script></head><body onload='go()'></body></html>"
    ),
    # A site WAF: a short block page with an event id.
    "waf": page(
        "<html><body><h2>您的请求已被拦截</h2><p>Block Event ID: 20240501-8812</p></body></html>".encode(),
        status=403,
    ),
}
BASE = 600  # seconds of the first cool-off
LIST = "/news/"
ARTICLE = "/news/202405/t20240501_1.html"


def good_routes() -> dict[str, list[Reply]]:
    listing = f'<html><body><ul class="list"><li><a href="{ARTICLE}">园区新闻</a><span>2024-05-01</span></li></ul>'
    sentence = "<p>开发区第{n}批重点项目集中签约，总投资{m}亿元，涉及新能源和智能制造等产业链。</p>"
    body = "".join(sentence.format(n=n, m=n * 11) for n in range(1, 8))
    article = (
        '<html><head><meta charset="utf-8"><title>开发区重点项目集中签约</title></head><body><div class="article">'
        "<h1>开发区重点项目集中签约</h1><div class='info'>发布时间：2024-05-01 09:00 来源：本网</div>"
        f"<div class='content'>{body}</div></div></body></html>"
    )
    return {LIST: [page(listing.encode() + b"</body></html>")], ARTICLE: [page(article.encode())]}


def deployment(tmp_path: Path, port: int) -> Workdir:
    work = Workdir(
        tmp_path,
        extra=(
            "REPLAY_ENABLED=False",
            "ADDRESS_GUARD_ALLOW=loopback",
            f"BLOCKED_COOLOFF_BASE={BASE}",
            "MONITOR_MAX_BLOCKED_RUNS=3",
        ),
    )
    entry = {
        "name": "guarded",
        "site_name": "示范开发区",
        "region": {"province": "湖北省", "city": None, "county": None},
        "allowed_domains": ["127.0.0.1"],
        "start_urls": [f"http://127.0.0.1:{port}{LIST}"],
        "cms": "trs",
    }
    write_portal(work.registry, entry)
    return work


def store(work: Workdir) -> SQLiteStore:
    return SQLiteStore(work.state / "state.sqlite3", "guarded")


def expire(work: Workdir) -> None:
    """Let time pass: the cool-off ends (what the next cron run a few hours later would find)."""
    db = store(work)
    entry = db.get_cooloff("127.0.0.1")
    assert entry is not None
    db.put_cooloff(replace(entry, until=(datetime.now(UTC) - timedelta(seconds=1)).isoformat()))
    db.close()


def seconds_left(work: Workdir, since: datetime) -> float:
    db = store(work)
    entry = db.get_cooloff("127.0.0.1")
    db.close()
    assert entry is not None
    return (datetime.fromisoformat(entry.until) - since).total_seconds()


@pytest.mark.slow
def test_cooloff_grows_across_runs_and_a_long_block_fails_the_monitor(tmp_path: Path) -> None:
    routes: dict[str, list[Reply]] = {LIST: [CHALLENGES["ruishu"]]}
    with FaultServer(routes, lifetime=200) as server:
        work = deployment(tmp_path, server.port)

        started = datetime.now(UTC)
        first = work.crawl("guarded")
        stats = first.stats["stats"]
        assert first.returncode == 0, first.log[-3000:]  # one blocked run is the cool-off's job, not an alert
        assert first.rows == [] and server.hits[LIST] == 1
        assert stats["blocked/ruishu"] == 1 and stats["cooloff/127.0.0.1/strikes"] == 1
        assert stats["portal/blocked_runs"] == 1
        assert BASE - 60 <= seconds_left(work, started) <= BASE + 60
        table = first.log.split("\nportal ", 1)[1]
        assert table.count("127.0.0.1 cooling off until") == 1 and "(strike 1)" in table

        second = work.crawl("guarded")  # still cooling off: the host is not asked at all
        stats = second.stats["stats"]
        assert second.returncode == 0, second.log[-3000:]
        assert server.hits[LIST] == 1
        assert stats["blocked/cooloff_skipped"] >= 1 and "blocked/ruishu" not in stats
        assert stats["portal/blocked_runs"] == 2
        assert "127.0.0.1 cooling off until" in second.log.split("\nportal ", 1)[1]

        expire(work)
        started = datetime.now(UTC)
        third = work.crawl("guarded")  # asked again, challenged again: a longer cool-off, third run in a row
        stats = third.stats["stats"]
        assert server.hits[LIST] == 2
        assert stats["cooloff/127.0.0.1/strikes"] == 2
        assert 2 * BASE - 60 <= seconds_left(work, started) <= 2 * BASE + 60
        assert third.returncode == 1
        assert "FAILED guarded: Blocked runs: blocked 3 runs in a row (limit 3)" in third.log
        assert third.rows == []

        routes.update(good_routes())  # the site lets us in again
        expire(work)
        fourth = work.crawl("guarded")
        stats = fourth.stats["stats"]
        assert fourth.returncode == 0, fourth.log[-3000:]
        assert [row["title"] for row in fourth.rows] == ["开发区重点项目集中签约"]
        assert stats["cooloff/lifted"] == 1 and stats.get("portal/blocked_runs", 0) == 0
        db = store(work)
        assert db.get_cooloff("127.0.0.1") is None and db.get_blocked_runs() == 0
        db.close()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["jsl", "wzws", "waf"])
def test_each_challenge_kind_sets_a_cooloff_and_is_never_emitted(tmp_path: Path, kind: str) -> None:
    with FaultServer({LIST: [CHALLENGES[kind]]}, lifetime=90) as server:
        work = deployment(tmp_path, server.port)
        run = work.crawl("guarded")
    assert run.returncode == 0, run.log[-3000:]
    assert run.rows == [] and run.stats["stats"][f"blocked/{kind}"] == 1
    db = store(work)
    entry = db.get_cooloff("127.0.0.1")
    db.close()
    assert entry is not None and (entry.kind, entry.strikes) == (kind, 1)


@pytest.mark.slow
def test_check_portals_live_names_each_problem_and_exits_for_cron(tmp_path: Path) -> None:
    registry = tmp_path / "seeds"
    server_routes: dict[str, list[Reply]] = {}  # filled once the port is known: the server reads it per request
    with FaultServer(server_routes, lifetime=90) as server:
        base = f"http://127.0.0.1:{server.port}"
        good = good_routes()[LIST]
        server_routes |= {
            "/ok/": good,
            "/blocked/": [CHALLENGES["ruishu"]],
            "/moved/": [redirect(f"http://localhost:{server.port}/elsewhere/")],
            "/elsewhere/": good,
            "/empty/": [page("<html><body><p>网站改版中，敬请期待。</p>".encode() + b"x" * 300 + b"</body></html>")],
        }
        for name, path in [
            ("ok_portal", "/ok/"),
            ("blocked_portal", "/blocked/"),
            ("moved_portal", "/moved/"),
            ("empty_portal", "/empty/"),
            ("down_portal", "/down/"),
        ]:
            write_portal(registry, {
                "name": name, "site_name": name, "region": {"province": None, "city": None, "county": None},
                "allowed_domains": ["127.0.0.1"], "start_urls": [base + path], "cms": "trs",
                "verified": name != "empty_portal",
            })  # fmt: skip
        (registry / "broken.yaml").write_text("name: broken\nstart_urls: [x]\n", "utf-8")
        cmd = [SCRAPY, "check-portals", "--live", "-s", f"PORTAL_REGISTRY_DIR={registry}"]
        cmd += ["-s", "ADDRESS_GUARD_ALLOW=loopback", "-s", f"LOG_DIR={tmp_path / 'logs'}"]
        cmd += ["-s", f"STATE_DIR={tmp_path / 'state'}", "-s", "ROBOTSTXT_OBEY=False"]
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
        only_ok = subprocess.run([*cmd, "ok_portal"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    lines = {line.split()[0]: line for line in out.splitlines() if line and not line.startswith(" ")}

    def status(portal: str) -> str:
        block = out.split(f"\n{portal} ", 1)[1].split("\n")
        return "\n".join(block[: next((i for i, s in enumerate(block[1:], 1) if not s.startswith(" ")), None)])

    assert "INVALID" in lines["broken"] and "site_name: required" in lines["broken"]
    assert "reachable" in status("ok_portal") and "1 article links (CMS trs), newest 2024-05-01" in status("ok_portal")
    assert "blocked" in status("blocked_portal") and "ruishu challenge" in status("blocked_portal")
    assert "redirected elsewhere" in status("moved_portal") and "localhost" in status("moved_portal")
    assert "no article links" in status("empty_portal") and "verified: false" in status("empty_portal")
    assert "unreachable" in status("down_portal") and "HTTP 404" in status("down_portal")
    assert "Traceback" not in run.stderr
    assert only_ok.returncode == 0, only_ok.stdout + only_ok.stderr
