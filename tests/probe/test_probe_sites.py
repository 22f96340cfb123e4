"""``scrapy probe`` end to end on real saved sites of four CMS families served from 127.0.0.1 (see
sites/README.md), then ``scrapy crawlall`` of the entries it wrote, unedited, against the same servers; and
probes of pages that are no portal, which say so and exit 1.

Subprocesses are the cost here: each site is probed once (the probes run side by side, each with its own
registry and state store), the written entries are crawled in one ``scrapy crawlall``, and every test reads
the shared results (module-scoped fixture)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.hardening.faultserver import FaultServer, Reply
from tests.probe.run import SITES, Crawled, Probed, crawl, probe
from tests.probe.siteserver import serve

pytestmark = pytest.mark.slow

# Portal name -> (saved site, the page probed). Each probe writes seeds/<name>.yaml when the page is a portal.
PROBED = {
    "bjsdws": ("dedecms_bjsdws", "/"),
    "cyol": ("founder_cyol", "/pc/layout/202609/16/node_06.html"),
    "ndrc": ("trs_ndrc", "/xxgk/zcfb/fzggwl/index_1.html"),
    "miit": ("hanweb_miit", "/zwgk/index.html"),
    "samr": ("hanweb_samr", "/zw/zfxxgk/fdzdgknr/index.html"),
}
# The e-paper entry's start URL is dated: the crawl visits the issue of this day (and only it).
ISSUE_DAY = "2026-09-16"
PARALLEL_PROBES = 2


@dataclass
class Sites:
    servers: dict[str, FaultServer]
    probed: dict[str, Probed]
    seeds: dict[str, Path]  # each probe's own registry directory
    run: Crawled  # one crawlall of every written entry

    def url(self, name: str, path: str) -> str:
        return self.servers[name].url(path)

    def report(self, name: str) -> dict[str, Any]:
        result = self.probed[name]
        assert result.returncode == 0, result.out + result.log[-3000:]
        return result.report

    def written(self, name: str) -> dict[str, Any]:
        return yaml.safe_load((self.seeds[name] / f"{name}.yaml").read_text("utf-8"))

    def items(self, name: str) -> list[dict[str, Any]]:
        assert self.run.returncode == 0, self.run.log[-3000:]
        return self.run.items[name]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    tmp = tmp_path_factory.mktemp("probe_sites")
    with ExitStack() as stack:
        servers = {name: stack.enter_context(serve(SITES / site)) for name, (site, _) in PROBED.items()}

        def one(name: str) -> Probed:
            return probe(servers[name].url(PROBED[name][1]), tmp / name, "--write", name, "--json")

        with ThreadPoolExecutor(PARALLEL_PROBES) as pool:
            probed = dict(zip(PROBED, pool.map(one, PROBED), strict=True))
        seeds = {name: tmp / name / "seeds" for name in PROBED}
        # The crawl's registry holds the written entries as they are (copied, never edited).
        registry = tmp / "crawl" / "seeds"
        registry.mkdir(parents=True)
        written = [name for name in PROBED if (seeds[name] / f"{name}.yaml").exists()]
        for name in written:
            shutil.copy(seeds[name] / f"{name}.yaml", registry)
        run = crawl(written, tmp / "crawl", args=(f"until={ISSUE_DAY}",))
        yield Sites(servers, probed, seeds, run)


def paths(items: list[dict[str, Any]]) -> set[str]:
    return {item["url"].split("/", 3)[3] for item in items}


def test_dedecms_homepage_to_crawl(sites: Sites) -> None:
    report = sites.report("bjsdws")
    assert report["kind"] == "homepage" and report["family"] == "dedecms"
    assert report["site_name"] == "时代卫士（北京）环境科技有限公司"
    [news] = [c for c in report["columns"] if c["usable"]]
    assert news["label"] == "新闻动态" and news["url"] == sites.url("bjsdws", "/a/news/index.html")
    assert news["next_page"] == sites.url("bjsdws", "/a/news/list_10_2.html") and news["pager_ok"]
    assert {s["problem"] for s in news["samples"]} == {None, "HTTP 404"}  # two articles the mirror lacks
    [hyxw] = [c for c in report["columns"] if c["label"] == "行业新闻"]
    assert hyxw["problem"] == "HTTP 404"  # a column page the mirror lacks: reported, not written
    entry = sites.written("bjsdws")
    assert entry["start_urls"] == [sites.url("bjsdws", "/a/news/index.html")]
    assert entry["cms"] == "dedecms" and entry["verified"] is False
    assert entry["region"]["province"] == "北京市"
    items = sites.items("bjsdws")
    assert paths(items) == {"a/news/hyxw/2019/0515/63.html", "a/news/hyxw/2019/0516/76.html"}
    assert {i["title"] for i in items} == {"时代卫士杀虫公司讲述蟑螂的那些事", "家里如何灭鼠及注意事项"}


def test_founder_layout_page_to_dated_crawl(sites: Sites) -> None:
    report = sites.report("cyol")
    assert report["kind"] == "column" and report["family"] == "founder" and report["site_name"] == "中国青年报"
    [paper] = report["columns"]
    assert [s["published_date"] for s in paper["samples"]] == [ISSUE_DAY] * 3
    assert sites.written("cyol")["start_urls"] == [sites.url("cyol", "/pc/layout/{date:%Y%m/%d}/node_06.html")]
    assert any("later layout page" in n for n in report["notes"])  # node_01 is not saved
    assert paths(sites.items("cyol")) == {f"pc/content/202609/16/content_43078{i}.html" for i in (2, 3, 4)}


def test_trs_column_to_crawl(sites: Sites) -> None:
    report = sites.report("ndrc")
    assert report["kind"] == "column" and report["family"] == "trs"
    [column] = report["columns"]
    assert column["label"] == "发展改革委令"
    assert column["next_page"] == sites.url("ndrc", "/xxgk/zcfb/fzggwl/index_2.html")
    assert any("is page 2 of its list" in n for n in report["notes"])
    entry = sites.written("ndrc")
    assert entry["start_urls"] == [sites.url("ndrc", "/xxgk/zcfb/fzggwl/index_1.html")] and entry["cms"] == "trs"
    # The column's own documents, not the 解读 each row lists in its pop-up box (jd_1382914 is saved too).
    assert paths(sites.items("ndrc")) == {
        "xxgk/zcfb/fzggwl/202405/t20240510_1377245.html",
        "xxgk/zcfb/fzggwl/202405/t20240506_1366319.html",
    }


def test_hanweb_page_to_crawl(sites: Sites) -> None:
    report = sites.report("miit")
    assert report["family"] == "hanweb" and report["site_name"] == "中华人民共和国工业和信息化部"
    entry = sites.written("miit")
    assert entry["start_urls"] == [sites.url("miit", "/zwgk/index.html")] and entry["cms"] == "hanweb"
    # The page's document list (文件发布), not its 一图读懂 picture slider, whose first slide is saved too.
    assert paths(sites.items("miit")) == {
        "zwgk/zcwj/wjfb/tz/art/2026/art_8f71008b422b4a96bc5c6255de671820.html",
        "zwgk/zcwj/wjfb/tz/art/2026/art_277a824ef0ae478faf7dc2d4f14b5db6.html",
    }


def test_a_js_rendered_list_is_no_portal_page_to_write(sites: Sites) -> None:
    result = sites.probed["samr"]
    assert result.returncode == 1
    assert result.report["kind"] == "no_news" and "scripts fetch the rows" in result.report["reason"]
    assert result.report["family"] == "hanweb"  # its JPaaS unit scripts say so, whatever its URL looks like
    assert not (sites.seeds["samr"] / "samr.yaml").exists()


def test_replay_probes_an_article_offline_and_it_names_the_column_to_probe(tmp_path: Path) -> None:
    # --replay serves the fixtures layout by the pages' own URLs: no server, no network.
    article = "http://www.bjsdws.com/a/news/hyxw/2019/0515/63.html"
    result = probe(article, tmp_path, "--replay", str(SITES / "dedecms_bjsdws"))
    assert result.returncode == 1
    assert "ARTICLE: an article page" in result.out
    assert "names the column 行业新闻: probe http://www.bjsdws.com/a/news/hyxw/index.html" in result.out
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
