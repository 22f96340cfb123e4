"""Repost marking across portals, in-run exact duplicates, monitors and the exit status."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SCRAPY
from tests.ops.helpers import Workdir
from tests.ops.site import Site, make_site, story

pytestmark = pytest.mark.slow


def test_repost_on_another_portal_is_marked_and_exact_duplicate_in_run_dropped(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    make_site(work.replay, "city", "www.city.gov.cn", 3, 300, registry=work.registry)
    county = Site(work.replay, "county", "www.county.gov.cn")
    # the county re-publishes the city's story 1 with its own title, source and editor line
    county.article(7, "转发：新闻1", ["来源：市政府网站", *story(301), "（责任编辑：周敏）"], "2024-06-02")
    county.article(8, "县新闻8", story(308), "2024-06-02")
    county.article(9, "县新闻8（转载）", story(308), "2024-06-02")  # same site, same body, another URL
    county.lists()
    county.register(work.registry)

    city_run = work.crawl("city")
    assert city_run.returncode == 0, city_run.log[-3000:]
    original = next(r for r in city_run.rows if r["title"] == "新闻1")

    county_run = work.crawl("county")
    assert county_run.returncode == 0, county_run.log[-3000:]
    rows = {r["title"]: r for r in county_run.rows}
    assert len(rows) == 2
    assert rows["转发：新闻1"]["duplicate_of"] == original["id"]
    assert next(v for k, v in rows.items() if k.startswith("县新闻8"))["duplicate_of"] is None
    summary = county_run.summary
    assert summary["items"]["duplicate"] == 1
    assert summary["dropped"] == {"duplicate_in_run": 1}


def test_run_that_reads_no_list_page_fails_with_exit_status_1(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = Site(work.replay, "gone", "www.gone.gov.cn")
    site.register(work.registry)  # registered, but the portal answers nothing (404)
    run = work.crawl("gone")
    assert run.returncode == 1
    assert "Monitors failed: Portal reachable" in run.log
    assert run.summary["monitors_failed"] == 1
    assert "monitors FAILED (1)" in run.log


def test_blocked_rate_monitor_fails_a_portal_serving_captchas(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = Site(work.replay, "waf", "www.waf.gov.cn")
    for n in range(3):
        site.article(n, f"新闻{n}", ["请输入验证码后继续访问。"], "2024-06-01")  # a WAF captcha page
    site.article(5, "新闻5", story(5), "2024-06-01")
    site.lists()
    site.register(work.registry)
    run = work.crawl("waf")
    assert run.returncode == 1
    assert run.summary["blocked"] == {"total": 3, "captcha": 3}
    assert "Monitors failed: Blocked pages" in run.log  # and nothing else failed


def test_crawlall_exit_status_reports_one_broken_portal(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    make_site(work.replay, "good", "www.good.gov.cn", 1, 1, registry=work.registry)
    Site(work.replay, "broken", "www.broken.gov.cn").register(work.registry)
    cmd = [SCRAPY, "crawlall"]
    for s in work.command("good")[3:]:
        cmd.append(s)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240, env=work.env())
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Run summary: good" in proc.stderr and "Run summary: broken" in proc.stderr
    # "broken" ran first and logged its failure at ERROR: that must not count against "good"
    (good_stats,) = (work.feeds / "_stats" / "good").rglob("*.json")
    assert json.loads(good_stats.read_text("utf-8"))["summary"]["monitors_failed"] == 0


def test_offline_crawl_with_cookies_logs_no_warning(tmp_path: Path) -> None:
    """Cookies make Scrapy ask tldextract for the public suffix list; offline that must stay silent."""
    work = Workdir(tmp_path)
    make_site(work.replay, "cookies", "www.cookies.gov.cn", 1, 1, registry=work.registry)
    info = work.replay / "cookies" / "list_0" / "info.json"
    saved = json.loads(info.read_text("utf-8"))
    saved["headers"]["Set-Cookie"] = "JSESSIONID=abc123; Path=/"
    info.write_text(json.dumps(saved), "utf-8")
    # a cold tldextract cache, and (for the control run) a suffix-list URL that fails on loopback
    env = {**work.env(), "TLDEXTRACT_CACHE": str(tmp_path / "tld"), "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}

    def crawl(*settings: str) -> subprocess.CompletedProcess[str]:
        failing = {**env, "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "http://127.0.0.1:9/public_suffix_list.dat"}
        return subprocess.run(
            work.command("cookies", "INCREMENTAL_RESET=True", *settings),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
            env=failing,
        )

    fixed = crawl()
    assert fixed.returncode == 0, fixed.stderr[-3000:]
    assert not re.search(r"\] WARNING: |'log_count/WARNING': \d", fixed.stderr)
    control = crawl("TLDEXTRACT_OFFLINE=False")
    assert re.search(r"'log_count/WARNING': \d", control.stderr)  # without the fix the fetch is attempted
    assert control.returncode == 1  # and the warning monitor turns it into an alert
