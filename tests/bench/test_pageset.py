"""The page-set bench's measuring, data preparation and report code, on the project's own fixtures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.crawl import crawl_stats
from bench.measure import environ_with_path, parse_rate, run_measured
from bench.pageset import Tally, fixture_set, report, subset
from tests.conftest import FIXTURES, ROOT


def test_rate_lines_of_every_runner_parse() -> None:
    assert parse_rate("trafilatura: 323 pages in 12.16s = 26.6 pages/s") == (323, 12.16)
    assert parse_rate("323 pages in 8.62s = 37.5 pages/s (whole process)") == (323, 8.62)
    assert parse_rate("warn\nours: 7 pages in 0.50s = 14.0 pages/s\n") == (7, 0.5)
    with pytest.raises(ValueError, match="no 'N pages"):
        parse_rate("Traceback: boom")


def test_peak_memory_is_the_childs() -> None:
    m = run_measured([sys.executable, "-c", "b = bytearray(80 * 1024 * 1024); print('ok'); raise SystemExit(3)"])
    assert m.returncode == 3
    assert m.stdout.strip() == "ok"
    assert m.peak_rss_mb > 70


def test_fixture_set_is_a_labelled_set_the_inloop_runner_reads(tmp_path: Path) -> None:
    data = fixture_set(FIXTURES, tmp_path)
    rows = [json.loads(line) for line in (data / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 6 and all((data / r["html_file"]).exists() for r in rows)
    labels = json.loads((data / rows[0]["html_file"]).with_suffix(".json").read_text(encoding="utf-8"))
    assert labels["id"] == rows[0]["id"]
    small = subset(data, tmp_path, 3)
    kept = (small / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(kept) == len(rows[::3])
    pred = tmp_path / "pred.jsonl"
    cmd = [sys.executable, "-m", "bench.inloop", "--data", str(small), "--out", str(pred)]
    m = run_measured(cmd, cwd=ROOT, env=environ_with_path(ROOT))
    assert m.returncode == 0, m.stderr
    assert parse_rate(m.stderr)[0] == len(kept)
    assert [json.loads(line)["id"] for line in pred.read_text(encoding="utf-8").splitlines()] == [
        json.loads(r)["id"] for r in kept
    ]


def test_report_shows_ratios_and_only_the_quality_columns_measured() -> None:
    ours = Tally(whole=[40.0, 50.0, 60.0], loop=[60.0], rss_whole=[90.0], rss_loop=[80.0], cpu_whole=[50.0])
    ours.quality = {"ALL": {"body_f1": 0.9}, "cwced": {"body_f1": 0.8, "date_acc": 0.5}}
    peer = Tally(whole=[25.0], loop=[30.0], rss_whole=[130.0], rss_loop=[130.0], cpu_whole=[20.0])
    peer.quality = {"ALL": {"body_f1": 0.85}, "cwced": {"body_f1": 0.7}}
    text = report({"ours": ours, "trafilatura": peer}, "dev", 3, 3, {"cpu": "test"})
    line = next(row for row in text.splitlines() if row.startswith("| trafilatura | 25.0"))
    assert "| 2.00× | 2.00× | 2.50× |" in line
    assert "cwced date_acc" in text and "daniel" not in text
    assert "| trafilatura | 0.850 | 0.700 | — |" in text


def test_stats_dumps_of_all_spiders_are_summed() -> None:
    log = (
        "2026 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n{'elapsed_time_seconds': 2.5,\n"
        " 'item_scraped_count': 10,\n 'pages_dropped/no_article_text': 2,\n 'charset/redecoded/utf-8->gbk': 1,\n"
        " 'finish_time': datetime.datetime(2026, 1, 1, 0, 0)}\n2026 INFO: Spider closed (finished)\n"
        "2026 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n{'elapsed_time_seconds': 3.0,\n"
        " 'item_scraped_count': 5}\n"
    )
    stats = crawl_stats(log)
    assert stats["item_scraped_count"] == 15
    assert stats["elapsed_time_seconds"] == 5.5  # crawlall runs portals one after another
    assert stats["pages_dropped/no_article_text"] == 2
    assert stats["charset/redecoded/utf-8->gbk"] == 1
