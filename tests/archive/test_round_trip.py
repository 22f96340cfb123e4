"""Crawl -> WARC -> ``scrapy reprocess``: the same items, in the same order, whatever -j is."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from crawler.archive.records import load
from crawler.commands.reprocess import IN_FLIGHT_MAX, REPROCESS_SETTINGS, china_time
from crawler.replay_index import save_response
from tests.archive.helpers import archived, dumps, reprocess, without
from tests.ops.helpers import Workdir
from tests.ops.site import Entry, Site, make_site, story

pytestmark = pytest.mark.slow

GBK_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="gbk"><title>句容经开区新签约项目</title></head><body>'
    '<div class="article"><h1>句容经开区新签约项目</h1><div class="info">发布时间：2024-06-01 09:30 来源：本网</div>'
    '<div class="content"><p>江苏句容经济开发区今年新签约项目十二个，总投资五十六亿元，涵盖新能源和智能制造领域。</p>'
    "<p>管委会主任表示，园区将持续优化营商环境，推动项目早开工、早投产。</p></div></div></body></html>"
)


def build_site(work: Workdir) -> tuple[Site, str, bytes]:
    site = make_site(work.replay, "city", "www.city.gov.cn", 12, 300)
    site.article(20, "新闻3（转载）", story(303), "2024-06-01")  # same site, same body: duplicate_in_run
    site.article(21, "新闻21", ["请输入验证码后继续访问。"], "2024-06-01")  # a captcha page: blocked
    links = "".join(f'<li><a href="/xwzx/202406/t2024060{i}_{i}.html">第{i}条通知的标题</a></li>' for i in range(1, 9))
    site.page(22, f"<html><head><title>通知公告</title></head><body>{links}</body></html>")  # not_article/list
    # GBK behind a lying utf-8 header, sent gzip-encoded: the archive keeps the gzip bytes as sent
    url = "https://www.city.gov.cn/xwzx/202406/t20240601_30.html"
    sent = gzip.compress(GBK_PAGE.encode("gbk"))
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
    save_response(work.replay / "city" / "article_30", url, sent, 200, headers)
    site.entries.append(Entry(url, "句容经开区新签约项目", "2024-06-01"))
    site.lists(per_page=5)
    site.register(work.registry)
    return site, url, sent


def test_reprocessing_the_archive_gives_the_crawls_items(tmp_path: Path) -> None:
    work = Workdir(tmp_path, extra=("ARCHIVE_MAX_BYTES=30000",))  # small files: rotation is exercised
    _, gzip_url, sent = build_site(work)
    crawl = work.crawl("city")
    assert crawl.returncode == 0, crawl.log[-3000:]
    assert len(crawl.rows) == 13 and crawl.stats["stats"]["pages_dropped/duplicate_in_run"] == 1

    records = archived(tmp_path / "archive")
    assert len({ref.path for ref in records}) > 1  # rotated
    (gz,) = [ref for ref in records if ref.url == gzip_url]
    assert load(gz.path, gz.offset).raw_body == sent  # as received, before decompression
    fetched = {ref.url: ref.date for ref in records}

    again = reprocess(work, tmp_path / "archive", jobs=2)
    assert again.returncode == 0, again.log[-3000:]
    assert dumps(without(again.rows, "crawled_at")) == dumps(without(crawl.rows, "crawled_at"))
    assert all(row["crawled_at"] == china_time(fetched[row["url"]]) for row in again.rows)
    for key in ("pages_dropped/duplicate_in_run", "blocked/captcha", "text/encoding/utf-8", "text/encoding/gb18030"):
        assert again.stats.get(key) == crawl.stats["stats"].get(key), key
    dropped = {k: v for k, v in crawl.stats["stats"].items() if k.startswith("pages_dropped")}
    assert {k: v for k, v in again.stats.items() if k.startswith("pages_dropped")} == dropped  # each for its reason
    assert again.stats["reprocess/planned"] == 16 and again.stats["reprocess/skipped/not_article"] == 4

    # processed in the crawl process, read one page at a time
    serial = reprocess(work, tmp_path / "archive", jobs=1, name="serial", settings=("REPROCESS_PAGES_AHEAD=1",))
    assert serial.returncode == 0, serial.log[-3000:]
    assert (again.stats["processing/workers"], serial.stats["processing/workers"]) == (2, 0)
    assert again.stats[IN_FLIGHT_MAX] <= 2 * REPROCESS_SETTINGS["REPROCESS_PAGES_AHEAD"]
    assert serial.stats[IN_FLIGHT_MAX] == 1
    assert dumps(serial.rows) == dumps(again.rows)  # output order does not depend on -j
    assert outcome_stats(serial.stats) == outcome_stats(again.stats)
    assert {k for k in outcome_stats(again.stats) if k.startswith("pages_dropped/")} >= {
        "pages_dropped/duplicate_in_run",
        "pages_dropped/not_article",
        "pages_dropped/not_article/list",
    }


def outcome_stats(stats: dict[str, int]) -> dict[str, int]:
    """What processing tells the crawl besides rows: decoding, drops by reason and detail, reposts, log lines."""
    prefixes = ("text/", "pages_dropped", "items/", "dedup/", "item_scraped_count", "log_count/WARNING")
    return {k: v for k, v in stats.items() if k.startswith(prefixes) or k == "log_count/ERROR"}


def test_reprocessing_saved_pages_gives_the_crawls_items(tmp_path: Path) -> None:
    """A directory in the fixtures layout: the portal's article URLs are processed, list pages are not."""
    work = Workdir(tmp_path, extra=("ARCHIVE_ENABLED=False",))
    make_site(work.replay, "town", "www.town.gov.cn", 6, 600, registry=work.registry, per_page=4)
    crawl = work.crawl("town")
    assert crawl.returncode == 0, crawl.log[-3000:]
    saved = reprocess(work, work.replay)
    assert saved.returncode == 0, saved.log[-3000:]
    by_id = {row["id"]: row for row in without(saved.rows, "crawled_at")}
    assert by_id == {row["id"]: row for row in without(crawl.rows, "crawled_at")}
    assert saved.stats["reprocess/skipped/not_article"] == 2  # the two list pages


def test_reprocess_shows_progress_and_the_run_table(tmp_path: Path) -> None:
    work = Workdir(tmp_path, extra=("ARCHIVE_ENABLED=False",))
    site = make_site(work.replay, "town", "www.town.gov.cn", 6, 600, per_page=4)
    site.article(7, "新闻5（转载）", story(605), "2024-06-01")  # same site, same body: duplicate_in_run
    site.lists(per_page=4)
    site.register(work.registry)
    shown = reprocess(work, work.replay, jobs=1, console=True)
    assert shown.returncode == 0, shown.log
    assert "[scrapy" not in shown.log and "Dumping Scrapy stats" not in shown.log  # the log went to its file
    assert re.search(r"^reprocess +done in [\d.]+ s: 7 of 7 articles · 7 pages", shown.log, re.M), shown.log
    header = next(line for line in shown.log.splitlines() if line.startswith("portal "))
    assert header.split()[:8] == ["portal", "list", "pages", "known", "planned", "articles", "new", "updated"]
    (line,) = [line for line in shown.log.splitlines() if line.startswith("reprocess ")][-1:]
    # list pages, known, planned, articles (processed), new, updated, duplicates; one dropped: a repost
    assert line.split()[1:9] == ["0", "0", "7", "7", "6", "0", "0", "1"], line
    assert "duplicate_in_run 1" in line
    assert "Monitors: all passed" in shown.log
    (log,) = (tmp_path / "out-logs" / "reprocess").glob("*.log")
    assert "Dumping Scrapy stats" in log.read_text("utf-8")


def test_a_record_of_an_unknown_spider_is_skipped_with_a_warning(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    make_site(work.replay, "gone", "www.gone.gov.cn", 2, 700, registry=work.registry)
    assert work.crawl("gone").returncode == 0
    (work.registry / "gone.yaml").unlink()
    make_site(work.replay, "other", "www.other.gov.cn", 1, 701, registry=work.registry)
    result = reprocess(work, tmp_path / "archive")
    assert result.rows == [] and result.stats["reprocess/skipped/unknown_spider"] == 2
    assert "spiders not in the registry (gone)" in result.log
    assert result.returncode == 1  # the warning fails the monitors: output that silently lost pages is worse
