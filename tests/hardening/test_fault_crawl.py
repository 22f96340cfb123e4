"""A real crawl against the fault server: every good page comes out exactly once, every failure is
counted by reason in stats, retries stay bounded, and private addresses are refused unless allowed."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import FIXTURES, run_crawl
from tests.hardening.faultserver import FaultServer, Reply, page, redirect

SEED = (FIXTURES / "tianmen" / "article_seed" / "body.html").read_bytes()


def story(n: int) -> bytes:
    """The seed article plus a paragraph of its own, so repost dedup sees every good page as distinct."""
    own = f"<p>第{n}次推进会上，园区新签约项目{n}个，计划总投资{n * 7}亿元，涉及新能源、新材料和高端装备制造。</p>"
    return SEED.replace(b"</p>", ("</p>" + own).encode(), 1)


RETRY_TIMES = 2
# The slow page answers one second later than this. Item processing runs on the reactor thread, so the
# first item (models loading, seconds on a busy machine) can time out requests in flight: every scripted
# transient fault below leaves one attempt spare for such a spurious timeout.
DOWNLOAD_TIMEOUT = 4
REDIRECT_MAX_TIMES = 5
MAX_SIZE = 1_000_000
ANTIBOT_412 = b"<html><head><meta content='x' r='m'></head><body><script r='m'>$_ts=window['$_ts']</script></body>"
ANTIBOT_521 = b"<html><body><script>document.cookie='__jsl_clearance_s=1';location.reload()</script></body></html>"
BOMB = gzip.compress(bytes(2 * MAX_SIZE))
GZIPPED = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
LINKS_ONLY = b"<html><body>" + b"".join(b'<a href="/x%d.html">link %d</a>' % (i, i) for i in range(50)) + b"</body>"

SETTINGS = (
    "REPLAY_ENABLED=False",
    "ADDRESS_GUARD_ALLOW=loopback",
    f"DOWNLOAD_TIMEOUT={DOWNLOAD_TIMEOUT}",
    f"RETRY_TIMES={RETRY_TIMES}",
    f"REDIRECT_MAX_TIMES={REDIRECT_MAX_TIMES}",
    f"DOWNLOAD_MAXSIZE={MAX_SIZE}",
    "DOWNLOAD_WARNSIZE=500000",
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "SPIDERMON_ENABLED=False",  # the monitors rightly fail a run with errors; this test is about the crawl
    # One host serves every fault here; a cool-off would leave it alone after its first challenge page.
    "BLOCKED_COOLOFF_ENABLED=False",
)


def article(n: int) -> str:
    return f"/news/202401/t20240101_{n}.html"


# A network fault on every attempt (slow, reset, truncated) can surface as any of these: a reactor stall turns
# an attempt into a timeout.
NETWORK = "download_timeout|download_failed|download_truncated"
# path -> (script of replies, expected outcome): "good" means exactly one item, anything else is the
# pages_dropped/<reason> the article URL must be counted under (one of several, split by "|").
CASES: dict[str, tuple[list[Reply], str]] = {
    article(1): ([page(story(1))], "good"),
    article(2): ([page(b"busy", status=503), page(story(2))], "good"),
    article(3): ([page(b"oops", status=500), page(story(3))], "good"),
    article(4): ([page(b"bad gateway", status=502), page(story(4))], "good"),
    article(5): ([Reply(action="reset"), page(story(5))], "good"),
    article(6): ([Reply(body=story(6), action="truncate"), page(story(6))], "good"),
    article(7): ([page(story(7), content_type="application/octet-stream")], "good"),
    article(8): ([page(gzip.compress(story(8)))], "good"),
    article(9): ([Reply(body=story(9), delay=DOWNLOAD_TIMEOUT + 1.0)], NETWORK),
    article(10): ([page(b"gone", status=404)], "http_404"),
    article(11): ([page(b"gone", status=410)], "http_410"),
    article(12): ([page(ANTIBOT_412, status=412)], "blocked_ruishu"),
    article(13): ([page(ANTIBOT_521, status=521)], "blocked_jsl"),
    article(14): ([page(story(14) + b"<!--" + b"x" * MAX_SIZE + b"-->")], "too_large"),
    article(15): ([page(b"%PDF-1.7\n" + bytes(range(256)) * 40)], "binary_content"),
    article(16): ([page(b"")], "empty_body"),
    article(17): ([page(LINKS_ONLY)], "not_article"),
    article(18): ([redirect("/hop/1")], "redirect_loop"),
    article(19): ([Reply(action="reset")], NETWORK),
    article(21): ([Reply(body=story(21), action="truncate")], NETWORK),
    # a compression bomb: 2 MB of zeros in 2 KB, cut by DOWNLOAD_MAXSIZE while decompressing
    article(22): ([Reply(body=BOMB, headers=GZIPPED)], "compression_bomb"),
    # a redirect loop of two pages: the second visit is refused by the duplicate filter, not the redirect limit
    article(23): ([redirect("/loop/b")], "redirect_loop"),
    "/loop/b": ([redirect(article(23))], "not linked"),
    # a deleted article that sends readers to the list page (read already)
    article(24): ([redirect("/news/")], "redirect_to_fetched_page"),
    # a moved article whose new address is linked too: one article, one item
    article(25): ([redirect(article(1))], "duplicate_in_run"),
}
LINKED = [path for path, (_, outcome) in CASES.items() if outcome != "not linked"]
HOPS = {f"/hop/{i}": [redirect(f"/hop/{i + 1}")] for i in range(1, 3 * REDIRECT_MAX_TIMES)}


def list_page(port: int) -> bytes:
    links = [f'<a href="{path}">article</a>' for path in [*LINKED, article(20)]]
    # Another host on the same server, and a different port: offsite, never fetched.
    links.append(f'<a href="http://127.0.0.2:{port}{article(90)}">elsewhere</a>')
    links.append(f'<a href="http://localhost:{port}{article(91)}">elsewhere</a>')
    return ("<html><body>" + "\n".join(links) + "</body></html>").encode()


def write_registry(directory: Path, port: int, host: str = "127.0.0.1", userinfo: str = "") -> Path:
    directory.mkdir()
    (directory / "faulty.yaml").write_text(
        "name: faulty\n"
        "site_name: 故障门户\n"
        "region: {province: 湖北省, city: 天门市, county: null}\n"
        f"allowed_domains: [{host}]\n"
        f"start_urls: ['http://{userinfo}{host}:{port}/news/']\n"
        "cms: trs\n",
        encoding="utf-8",
    )
    return directory


def stats_from_log(log: str) -> dict[str, int]:
    """The integer stats Scrapy dumps at INFO when the spider closes."""
    dump = log.split("Dumping Scrapy stats:", 1)[-1]
    return {key: int(value) for key, value in re.findall(r"'([^']+)': (\d+)[,}]", dump)}


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("faultcrawl")
    routes: dict[str, list[Reply]] = {path: script for path, (script, _) in CASES.items()}
    routes.update(HOPS)
    with FaultServer(routes, lifetime=90) as server:
        routes["/news/"] = [page(list_page(server.port))]
        # a redirect off the portal (another loopback address): the offsite filter stops it
        routes[article(20)] = [redirect(f"http://127.0.0.2:{server.port}{article(92)}")]
        registry = write_registry(tmp / "seeds", server.port)
        result = run_crawl("faulty", tmp, f"PORTAL_REGISTRY_DIR={registry}", *SETTINGS, timeout=120)
        result["hits"] = dict(server.hits)
    result["stats"] = stats_from_log(result["log"])
    return result


pytestmark = pytest.mark.slow


def test_crawl_finishes_cleanly(fault_crawl: dict[str, Any]) -> None:
    assert fault_crawl["returncode"] == 0, fault_crawl["log"][-3000:]
    assert "finish_reason': 'finished'" in fault_crawl["log"]


def test_every_good_page_is_emitted_exactly_once(fault_crawl: dict[str, Any]) -> None:
    paths = sorted(urlsplit(item["url"]).path for item in fault_crawl["items"])
    assert paths == sorted(path for path, (_, outcome) in CASES.items() if outcome == "good")


def test_gzip_saved_as_html_is_decompressed_and_flagged(fault_crawl: dict[str, Any]) -> None:
    [row] = [item for item in fault_crawl["items"] if item["url"].endswith(article(8))]
    assert {"name": "gzip_decompressed", "count": 1} in row["quality"]["flags"]


def test_pages_refused_by_screening_are_counted_by_reason(fault_crawl: dict[str, Any]) -> None:
    stats = fault_crawl["stats"]
    for reason in ("binary_content", "empty_body"):
        assert stats.get(f"pages_dropped/{reason}") == 1, reason
    # a page of links only is not an article: refused as a list page, counted with its kind below the reason
    assert stats.get("pages_dropped/not_article") == stats.get("pages_dropped/not_article/list") == 1


def test_http_errors_are_counted_by_status(fault_crawl: dict[str, Any]) -> None:
    stats = fault_crawl["stats"]
    for status in (404, 410):
        assert stats.get(f"httperror/response_ignored_status_count/{status}") == 1, status
    # anti-bot answers: ignored as HTTP errors, or counted as blocked pages where a detector claims them
    ignored = sum(stats.get(f"httperror/response_ignored_status_count/{status}", 0) for status in (412, 521))
    blocked = sum(v for k, v in stats.items() if k.startswith("blocked/") and k.count("/") == 1)
    assert ignored + blocked == 2, stats


def test_network_failures_are_counted_and_retries_bounded(fault_crawl: dict[str, Any]) -> None:
    stats, hits = fault_crawl["stats"], fault_crawl["hits"]
    # the always-slow, always-resetting and always-truncated pages; exact per-type counts are not asserted
    # because a reactor stall can turn any attempt into a timeout (see DOWNLOAD_TIMEOUT)
    assert stats.get("retry/max_reached") == 3
    for kind in ("DownloadTimeoutError", "DownloadFailedError", "ResponseDataLossError"):
        assert stats.get(f"downloader/exception_type_count/scrapy.exceptions.{kind}", 0) >= 1, kind
    assert stats["downloader/exception_count"] == sum(
        v for k, v in stats.items() if k.startswith("downloader/exception_type_count/")
    )
    for reason in ("500 Internal Server Error", "502 Bad Gateway", "503 Service Unavailable"):
        assert stats.get(f"retry/reason_count/{reason}") == 1, reason
    assert all(count <= RETRY_TIMES + 1 for count in hits.values()), hits
    assert all(hits[article(n)] >= 1 for n in (9, 19, 21)), hits
    # 404/410/412/521 are not worth a retry: asked once each
    assert [hits[article(n)] for n in (10, 11, 12, 13)] == [1, 1, 1, 1]


def test_oversized_body_is_cancelled_and_counted(fault_crawl: dict[str, Any]) -> None:
    stats = fault_crawl["stats"]
    assert stats.get("downloader/exception_type_count/scrapy.exceptions.DownloadCancelledError") == 1
    assert fault_crawl["hits"][article(14)] == 1  # a size refusal is final: not retried


def test_redirect_loop_is_cut_and_counted(fault_crawl: dict[str, Any]) -> None:
    stats, hits = fault_crawl["stats"], fault_crawl["hits"]
    assert stats.get("redirect/refused/max_redirections_reached") == 1
    assert len([path for path in hits if path.startswith("/hop/")]) == REDIRECT_MAX_TIMES, hits


def test_every_article_url_without_an_item_is_counted_under_exactly_one_reason(fault_crawl: dict[str, Any]) -> None:
    stats = fault_crawl["stats"]
    dropped = {k.split("/", 1)[1]: v for k, v in stats.items() if k.startswith("pages_dropped/") and k.count("/") == 1}
    assert stats["articles/requested"] == len(LINKED) + 1  # and the redirect off the portal
    assert stats["articles/requested"] == stats["item_scraped_count"] + stats["pages_dropped"]
    assert stats["pages_dropped"] == sum(dropped.values())
    expected = Counter(o for _, o in CASES.values() if o not in ("good", "not linked")) + Counter(["offsite_redirect"])
    for outcome, count in expected.items():
        assert sum(dropped.get(reason, 0) for reason in outcome.split("|")) == count, (outcome, dropped)
    assert set(dropped) <= {reason for outcome in expected for reason in outcome.split("|")}, dropped


def test_links_to_other_hosts_are_never_followed(fault_crawl: dict[str, Any]) -> None:
    assert fault_crawl["stats"].get("offsite/filtered") == 1  # the redirect; off-site links are never requested
    assert article(90) not in fault_crawl["hits"] and article(91) not in fault_crawl["hits"]


def test_hosts_resolving_to_loopback_are_refused_by_default_and_secrets_stay_out_of_the_log(tmp_path: Path) -> None:
    with FaultServer({"/news/": [page(LINKS_ONLY)]}, lifetime=60) as server:
        # credentials in a URL end up in log lines (here: the guard's refusal); they must be masked
        registry = write_registry(tmp_path / "seeds", server.port, host="localhost", userinfo="crawler:hunter2@")
        settings = [s for s in SETTINGS if not s.startswith("ADDRESS_GUARD_ALLOW")]
        result = run_crawl("faulty", tmp_path, f"PORTAL_REGISTRY_DIR={registry}", *settings, timeout=60)
        hits = dict(server.hits)
    stats, port = stats_from_log(result["log"]), server.port
    assert result["returncode"] == 0, result["log"][-3000:]
    assert hits == {}
    assert stats.get("address_guard/refused/loopback") == 2  # robots.txt and the start page
    assert "hunter2" not in result["log"]
    assert f"http://***@localhost:{port}/news/" in result["log"]
