"""The run console: figures read from stats, plain progress lines off a terminal, the run table, and
``scrapy crawlall`` on the replayed portals ending in one short, right table with the log in files."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from crawler.console import PortalResult, RunConsole
from crawler.console.figures import blocked_text, error_text, progress_line, row, table_rows
from crawler.console.render import log_lines
from crawler.monitors import describe_failure
from tests.conftest import FIXTURES, ROOT, SCRAPY
from tests.ops.helpers import FAST

STATS = {
    "portal/list_pages": 3,
    "incremental/skipped": 7,
    "item_scraped_count": 4,
    "items/new": 3,
    "items/updated": 1,
    "items/duplicate": 1,
    "pages_dropped": 3,
    "pages_dropped/not_article": 2,
    "pages_dropped/schema_invalid": 1,
    "lists/empty": 1,
    "lists/empty/js_unknown_api": 1,
    "blocked/ruishu": 2,
    "blocked/ruishu/tianmen": 2,
    "blocked/cooloff_skipped": 5,
    "cooloff/www.tianmen.gov.cn/until": "2026-05-01T06:00:00+00:00",
    "cooloff/www.tianmen.gov.cn/strikes": 2,
    "errors/dns": 3,
    "errors/dns/a.example.cn": 2,
    "errors/dns/b.example.cn": 1,
    "errors/http_5xx": 1,
    "errors/http_5xx/a.example.cn": 1,
    "errors/new_cause": 4,  # a cause added later, with no host breakdown
    "downloader/response_count": 30,
}


def test_row_reads_every_figure_by_prefix() -> None:
    r = row("tianmen", STATS, "feeds/x.jsonl")
    assert (r.lists, r.known, r.articles, r.new, r.updated, r.duplicates) == (3, 7, 7, 3, 1, 1)
    assert r.dropped == "3 (not_article 2, schema_invalid 1)"
    assert r.empty_lists == "1 (js_unknown_api 1)"
    assert r.blocked == (
        "ruishu 2; www.tianmen.gov.cn cooling off until 05-01 06:00 (strike 2); 5 requests skipped in cool-off"
    )
    assert r.errors == (
        "new_cause 4; DNS failure for host a.example.cn 2; DNS failure for host b.example.cn 1; "
        "HTTP 5xx from a.example.cn 1"
    )


def test_totals_add_up_and_summarise_errors_by_cause() -> None:
    other = {"portal/list_pages": 2, "item_scraped_count": 1, "items/new": 1, "errors/dns": 1, "errors/dns/c.cn": 1}
    rows, total = table_rows([PortalResult("a", STATS), PortalResult("b", {**other, "feeds/published": ["f.jsonl"]})])
    assert [r.feed for r in rows] == ["no new articles", "f.jsonl"]
    assert (total.lists, total.articles, total.new) == (5, 8, 4)
    assert total.errors == "DNS failures 4 (3 hosts); new_cause 4; HTTP 5xx 1"  # largest first, ties by cause
    assert total.feed == "1 feed file"


def test_nothing_to_say_is_an_empty_cell() -> None:
    assert blocked_text({}) == "" and error_text({}) == ""


def test_progress_line() -> None:
    line = progress_line(STATS, elapsed=60.0)
    assert line == "30 pages · 3 lists · 3 new · 1 updated · 3 dropped · 2 blocked · 8 errors · 30 pages/min"


def test_a_run_with_a_plan_shows_articles_done_of_planned() -> None:
    planned = {**STATS, "reprocess/planned": 12}
    assert progress_line(planned, elapsed=60.0).startswith("7 of 12 articles · 30 pages · ")
    assert (row("reprocess", planned).planned, row("tianmen", STATS).planned) == (12, None)  # a crawl: no column


@pytest.mark.parametrize(
    ("monitor", "reason", "line"),
    [
        (
            "Error Count Monitor/test_stat_monitor",
            "Expecting 'log_count/ERROR' to be '<=' to '0.0'. Current value: '4.0'",
            "Error Count Monitor: log_count/ERROR = 4 (allowed <= 0)",
        ),
        (
            "Portal reachable/Should read at least MONITOR_MIN_LIST_PAGES list pages",
            "read 0 list pages, expected at least 1",
            "Portal reachable: read 0 list pages, expected at least 1",
        ),
        (
            "Field Coverage Monitor/x",
            "Article/title\n  expected 1.0, got 0.5\n",
            "Field Coverage Monitor: Article/title; expected 1.0, got 0.5",
        ),
    ],
)
def test_failed_monitor_is_one_line_with_its_figure(monitor: str, reason: str, line: str) -> None:
    assert describe_failure(monitor, reason) == line


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_plain_console_prints_progress_every_interval_then_the_table() -> None:
    out, clock = io.StringIO(), Clock()
    console = RunConsole(out, interval=30, live=False, clock=clock)
    console.start("tianmen")
    clock.now = 10
    console.update("tianmen", STATS)  # too early: nothing
    assert out.getvalue() == ""
    clock.now = 31
    console.update("tianmen", STATS)
    clock.now = 40
    console.update("tianmen", STATS)  # 9 s after the last line: nothing
    console.finish("tianmen", STATS)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("tianmen      30 pages · 3 lists")
    assert lines[1].startswith("tianmen      done in 40.0 s: 30 pages")
    failed = {**STATS, "monitors/failures": ["Portal reachable: read 0 list pages, expected at least 1"]}
    console.report([PortalResult("tianmen", failed)], logs=["logs/tianmen/x.log"])
    text = out.getvalue()
    assert "FAILED tianmen: Portal reachable: read 0 list pages, expected at least 1" in text
    assert "Full log (settings, every message, stats): logs/tianmen/x.log" in text
    assert all(line == line.rstrip() for line in text.splitlines())  # no rich padding in log files


def test_log_lines_name_one_pattern_for_a_run_of_many_portals() -> None:
    logs = ["logs/a/2026-05-01T02-00-00Z.log", "logs/b/2026-05-01T02-00-00Z.log"]
    assert log_lines(logs) == ["Full logs (settings, every message, stats): logs/<portal>/2026-05-01T02-00-00Z.log"]


def expected_portals() -> dict[str, dict[str, object]]:
    """What each replayed portal holds, read from its fixture cases: article pages, block pages by kind,
    and the rest (column, list, node and data-proxy pages) are list pages."""
    found: dict[str, dict[str, object]] = {}
    for seed in sorted((ROOT / "seeds").glob("*.yaml")):
        cases = [p.name for p in (FIXTURES / seed.stem).iterdir() if p.is_dir()]
        blocked = sorted(c.removeprefix("blocked_") for c in cases if c.startswith("blocked_"))
        articles = sum(c.startswith("article_") for c in cases)
        found[seed.stem] = {"articles": articles, "blocked": blocked, "lists": len(cases) - articles - len(blocked)}
    return found


NUMBERS = ("list pages", "known", "articles", "new", "updated", "duplicates")


def table_row(output: str, portal: str) -> dict[str, str]:
    """The portal's row of the run table (below the header; the progress lines above start with the name
    too): the six number columns, the text between them and the feed cell, and the feed cell."""
    table = output.split("\nportal ", 1)[1]
    (line,) = [line for line in table.splitlines() if line.startswith(f"{portal} ")]
    tokens = line.split()
    cells = dict(zip(NUMBERS, tokens[1:7], strict=True))
    feed = " ".join(tokens[-3:]) if tokens[-1] in ("articles", "files", "file") else tokens[-1]
    cells["feed"] = feed
    cells["middle"] = line.split(None, 7)[7].removesuffix(feed).strip() if len(tokens) > 7 else ""
    return cells


def crawlall(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    cmd = [SCRAPY, "crawlall", "-s", f"FEEDS_DIR={tmp_path / 'feeds'}", "-s", f"STATE_DIR={tmp_path / 'state'}"]
    cmd += ["-s", f"LOG_DIR={tmp_path / 'logs'}"]
    for setting in FAST:
        if not setting.startswith("LOG_LEVEL"):  # a log level on the command line brings the log back
            cmd += ["-s", setting]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_crawlall_console_is_a_short_table_and_the_log_goes_to_files(tmp_path: Path) -> None:
    portals = expected_portals()
    assert len(portals) == 8
    run = crawlall(tmp_path)
    out = run.stderr
    assert run.returncode == 0, out
    assert len(out.splitlines()) < 40, out
    assert "Traceback" not in out and "[scrapy" not in out and "Overridden settings" not in out
    assert run.stdout == ""  # stdout stays free for -O - feeds
    for name, want in portals.items():
        cells = table_row(out, name)
        assert cells["list pages"] == str(want["lists"]), (name, cells)
        # no errors or empty lists in the fixtures: the text columns hold the blocked kinds, and the block
        # pages that were article links are also dropped articles (blocked_<kind>): articles = new + dropped
        kinds = re.findall(r"(\w+) 1", cells["middle"])
        dropped = [k for k in kinds if k.startswith("blocked_")]
        assert cells["new"] == str(want["articles"]), (name, cells)
        assert int(cells["articles"]) == int(cells["new"]) + len(dropped), (name, cells)
        assert sorted(k for k in kinds if k not in dropped) == want["blocked"], (name, cells)
        assert {k.removeprefix("blocked_") for k in dropped} <= set(want["blocked"]), (name, cells)
        assert cells["feed"].startswith(str(tmp_path / "feeds" / name)), (name, cells)
    total = table_row(out, "total")
    assert total["new"] == str(sum(int(w["articles"]) for w in portals.values()))  # type: ignore[call-overload]
    assert total["feed"] == "8 feed files"
    assert "Monitors: all passed" in out
    (pattern,) = [line for line in out.splitlines() if line.startswith("Full logs")]
    stamp = pattern.rsplit("/", 1)[-1]
    for name in portals:
        log = (tmp_path / "logs" / name / stamp).read_text("utf-8")
        assert "Overridden settings" in log and "Dumping Scrapy stats" in log and "'item_scraped_count'" in log
        assert "Run summary: " + name in log
        stats = next((tmp_path / "feeds" / "_stats" / name).rglob("*.json"))  # dashboards still get their JSON
        assert json.loads(stats.read_text("utf-8"))["stats"]["log_file"].endswith(f"{name}/{stamp}")

    again = crawlall(tmp_path)  # incremental: every article is known, nothing new, no feed files
    assert again.returncode == 0, again.stderr
    for name, want in portals.items():
        cells = table_row(again.stderr, name)
        assert (cells["known"], cells["new"], cells["feed"]) == (str(want["articles"]), "0", "no new articles")


@pytest.mark.slow
def test_verbose_brings_scrapys_log_back_to_the_console(tmp_path: Path) -> None:
    cmd = [SCRAPY, "crawl", "tianmen", "--verbose", "-s", f"FEEDS_DIR={tmp_path / 'feeds'}"]
    cmd += ["-s", f"STATE_DIR={tmp_path / 'state'}", "-s", f"LOG_DIR={tmp_path / 'logs'}"]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    assert "Overridden settings" in run.stderr and "Dumping Scrapy stats" in run.stderr
    assert re.search(r"^tianmen\s+2\s", run.stderr, re.M)  # the table still ends the run
    (log,) = (tmp_path / "logs" / "tianmen").glob("*.log")
    assert "Dumping Scrapy stats" in log.read_text("utf-8")
