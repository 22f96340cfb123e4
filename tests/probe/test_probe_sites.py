"""``scrapy probe`` end to end on real saved sites of four CMS families served from 127.0.0.1 (see
sites/README.md), then ``scrapy crawl`` of the entry it wrote, unedited, against the same server; and
probes of pages that are no portal, which say so and exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.hardening.faultserver import FaultServer, Reply
from tests.probe.run import SITES, Probed, crawl, probe
from tests.probe.siteserver import serve

pytestmark = pytest.mark.slow


def written(tmp_path: Path, name: str) -> dict[str, Any]:
    return yaml.safe_load((tmp_path / "seeds" / f"{name}.yaml").read_text("utf-8"))


def ok(result: Probed) -> dict[str, Any]:
    assert result.returncode == 0, result.out + result.log[-3000:]
    return result.report


def paths(items: list[dict[str, Any]]) -> set[str]:
    return {item["url"].split("/", 3)[3] for item in items}


def test_dedecms_homepage_to_crawl(tmp_path: Path) -> None:
    with serve(SITES / "dedecms_bjsdws") as server:
        report = ok(probe(server.url("/"), tmp_path, "--write", "bjsdws", "--json"))
        assert report["kind"] == "homepage" and report["family"] == "dedecms"
        assert report["site_name"] == "时代卫士（北京）环境科技有限公司"
        [news] = [c for c in report["columns"] if c["usable"]]
        assert news["label"] == "新闻动态" and news["url"] == server.url("/a/news/index.html")
        assert news["next_page"] == server.url("/a/news/list_10_2.html") and news["pager_ok"]
        assert {s["problem"] for s in news["samples"]} == {None, "HTTP 404"}  # two articles the mirror lacks
        [hyxw] = [c for c in report["columns"] if c["label"] == "行业新闻"]
        assert hyxw["problem"] == "HTTP 404"  # a column page the mirror lacks: reported, not written
        entry = written(tmp_path, "bjsdws")
        assert entry["start_urls"] == [server.url("/a/news/index.html")]
        assert entry["cms"] == "dedecms" and entry["verified"] is False
        assert entry["region"]["province"] == "北京市"
        run = crawl("bjsdws", tmp_path)
    assert run["returncode"] == 0, run["log"][-3000:]
    assert paths(run["items"]) == {"a/news/hyxw/2019/0515/63.html", "a/news/hyxw/2019/0516/76.html"}
    assert {i["title"] for i in run["items"]} == {"时代卫士杀虫公司讲述蟑螂的那些事", "家里如何灭鼠及注意事项"}


def test_founder_layout_page_to_dated_crawl(tmp_path: Path) -> None:
    with serve(SITES / "founder_cyol") as server:
        report = ok(probe(server.url("/pc/layout/202609/16/node_06.html"), tmp_path, "--write", "cyol", "--json"))
        assert report["kind"] == "column" and report["family"] == "founder" and report["site_name"] == "中国青年报"
        [paper] = report["columns"]
        assert [s["published_at"][:10] for s in paper["samples"]] == ["2026-09-16"] * 3
        entry = written(tmp_path, "cyol")
        assert entry["start_urls"] == [server.url("/pc/layout/{date:%Y%m/%d}/node_06.html")]
        assert any("later layout page" in n for n in report["notes"])  # node_01 is not saved
        run = crawl("cyol", tmp_path, args=("since=2026-09-16", "until=2026-09-16"))
    assert run["returncode"] == 0, run["log"][-3000:]
    assert paths(run["items"]) == {f"pc/content/202609/16/content_43078{i}.html" for i in (2, 3, 4)}


def test_trs_column_to_crawl(tmp_path: Path) -> None:
    with serve(SITES / "trs_ndrc") as server:
        report = ok(probe(server.url("/xxgk/zcfb/fzggwl/index_1.html"), tmp_path, "--write", "ndrc", "--json"))
        assert report["kind"] == "column" and report["family"] == "trs"
        [column] = report["columns"]
        assert column["label"] == "发展改革委令" and column["next_page"] == server.url("/xxgk/zcfb/fzggwl/index_2.html")
        assert any("is page 2 of its list" in n for n in report["notes"])
        entry = written(tmp_path, "ndrc")
        assert entry["start_urls"] == [server.url("/xxgk/zcfb/fzggwl/index_1.html")] and entry["cms"] == "trs"
        run = crawl("ndrc", tmp_path)
    assert run["returncode"] == 0, run["log"][-3000:]
    assert {
        "xxgk/zcfb/fzggwl/202405/t20240510_1377245.html",
        "xxgk/zcfb/fzggwl/202405/t20240506_1366319.html",
    } <= paths(run["items"])


def test_hanweb_page_to_crawl(tmp_path: Path) -> None:
    with serve(SITES / "hanweb_miit") as server:
        report = ok(probe(server.url("/zwgk/index.html"), tmp_path, "--write", "miit", "--json"))
        assert report["family"] == "hanweb" and report["site_name"] == "中华人民共和国工业和信息化部"
        entry = written(tmp_path, "miit")
        assert entry["start_urls"] == [server.url("/zwgk/index.html")] and entry["cms"] == "hanweb"
        run = crawl("miit", tmp_path)
    assert run["returncode"] == 0, run["log"][-3000:]
    assert "zwgk/zcwj/wjfb/tz/art/2026/art_8f71008b422b4a96bc5c6255de671820.html" in paths(run["items"])


def test_a_js_rendered_list_is_no_portal_page_to_write(tmp_path: Path) -> None:
    with serve(SITES / "hanweb_samr") as server:
        result = probe(server.url("/zw/zfxxgk/fdzdgknr/index.html"), tmp_path, "--write", "samr", "--json")
    assert result.returncode == 1
    assert result.report["kind"] == "no_news" and "scripts fetch the rows" in result.report["reason"]
    assert not (tmp_path / "seeds" / "samr.yaml").exists()


def test_an_article_names_the_column_to_probe(tmp_path: Path) -> None:
    with serve(SITES / "dedecms_bjsdws") as server:
        result = probe(server.url("/a/news/hyxw/2019/0515/63.html"), tmp_path)
        assert result.returncode == 1
        assert "ARTICLE: an article page" in result.out
        assert f"names the column 行业新闻: probe {server.url('/a/news/hyxw/index.html')}" in result.out
        assert "not a portal page: nothing to write" in result.out


def test_error_and_challenge_pages_are_no_portal(tmp_path: Path) -> None:
    challenge = b'<html><head><meta r="m"><script>$_ts=window["$_ts"];</script></head><body></body></html>'
    routes = {"/": [Reply(status=412, body=challenge)], "/robots.txt": [Reply(status=404, body=b"")]}
    with FaultServer(routes) as server:
        blocked = probe(server.url("/"), tmp_path, "--json")
        # the challenge set the crawl's cool-off for the host (same state store): the next probe keeps away
        again = probe(server.url("/gone/"), tmp_path, "--json")
        missing = probe(server.url("/gone/"), tmp_path / "elsewhere", "--json")
        hits = server.hits["/gone/"]
    assert blocked.returncode == 1 and blocked.report["kind"] == "blocked"
    assert "ruishu" in blocked.report["reason"] and blocked.report["blocked"] == {"ruishu": 1}
    assert again.returncode == 1 and again.report["kind"] == "blocked" and "cooling off" in again.report["reason"]
    assert hits == 1  # only the probe with its own state store asked
    assert missing.returncode == 1 and missing.report["kind"] == "error" and "HTTP 404" in missing.report["reason"]


def test_replay_probes_saved_pages_offline(tmp_path: Path) -> None:
    # --replay serves the fixtures layout by the pages' own URLs: no server, no network.
    result = probe("http://www.bjsdws.com/", tmp_path, "--replay", str(SITES / "dedecms_bjsdws"), "--json")
    report = ok(result)
    assert report["family"] == "dedecms"
    assert [c["url"] for c in report["columns"] if c["usable"]] == ["http://www.bjsdws.com/a/news/index.html"]
