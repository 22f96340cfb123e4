"""The registry entry a probe writes (crawler/probe/entry.py) and the report (crawler/probe/report.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crawler.portals.listing import ListEntry
from crawler.portals.registry import load_registry, write_portal
from crawler.probe.entry import dated_template, page_number, registry_entry, site_domains
from crawler.probe.findings import Column, Probe, Sample
from crawler.probe.pages import COLUMN, HOMEPAGE, Verdict
from crawler.probe.report import as_json, render


def sample(url: str, ok: bool = True, region: dict | None = None) -> Sample:
    s = Sample(url, "标题", "2024-05-10")
    if ok:
        s.processed(
            {
                "title": "园区召开全体干部大会",
                "published_date": "2024-05-10",
                "published_at": None,
                "quality": {"score": 0.9, "flags": [{"name": "date_only"}]},
                "body": "正文" * 100,
                "region": region or {"province": None, "city": None, "county": None},
            }
        )
    else:
        s.problem = "HTTP 404"
    return s


def column(url: str, family: str | None, urls: list[str], samples: list[Sample], label: str = "园区动态") -> Column:
    c = Column(url, label, score=1.0, how="name", family=family)
    c.entries = [ListEntry(u, "标题", date(2024, 5, 10)) for u in urls]
    c.samples = samples
    return c


def homepage_probe() -> Probe:
    probe = Probe(url="http://www.kfq.example.gov.cn/", final_url="http://www.kfq.example.gov.cn/")
    probe.verdict = Verdict(HOMEPAGE, "a portal homepage")
    probe.site_name = "袁州区人民政府"
    news = [f"http://www.kfq.example.gov.cn/xwzx/yqdt/202405/t20240510_{i}.html" for i in range(4)]
    probe.columns = [
        column("http://www.kfq.example.gov.cn/xwzx/yqdt/", "trs", news, [sample(news[0]), sample(news[1], ok=False)]),
        # a list whose samples all failed is no start URL
        column("http://www.kfq.example.gov.cn/tzgg/", "trs", news, [sample(news[2], ok=False)], "通知公告"),
        # articles on another subdomain of the portal
        column(
            "http://gxq.kfq.example.gov.cn/col/col12/index.html",
            "hanweb",
            ["http://gxq.kfq.example.gov.cn/art/2024/5/10/art_12_1.html"] * 3,
            [sample("http://gxq.kfq.example.gov.cn/art/2024/5/10/art_12_1.html")],
            "工作动态",
        ),
    ]
    return probe


def test_only_usable_columns_start_the_crawl_and_the_entry_is_unverified(tmp_path: Path) -> None:
    entry = registry_entry(homepage_probe(), "yuanzhou")
    assert entry.data["start_urls"] == [
        "http://www.kfq.example.gov.cn/xwzx/yqdt/",
        "http://gxq.kfq.example.gov.cn/col/col12/index.html",
    ]
    assert entry.data["allowed_domains"] == ["kfq.example.gov.cn"]
    assert entry.data["verified"] is False
    assert "cms" not in entry.data  # two families: each page detects its own
    assert entry.data["region"] == {"province": "江西省", "city": "宜春市", "county": "袁州区"}
    written = write_portal(tmp_path, entry.data)  # the registry's own validation
    [loaded] = load_registry(tmp_path)
    assert loaded.name == written.name == "yuanzhou" and loaded.verified is False


def test_region_from_the_samples_when_the_name_has_none() -> None:
    probe = homepage_probe()
    probe.site_name = "某某经济开发区"
    hubei = {"province": "湖北省", "city": "天门市", "county": None}
    probe.columns[0].samples = [sample("http://www.kfq.example.gov.cn/a.html", region=hubei)]
    probe.columns[2].samples = [sample("http://gxq.kfq.example.gov.cn/b.html", region=hubei)]
    entry = registry_entry(probe, "kfq")
    assert entry.data["region"] == hubei and any("2 of 2 sample articles" in n for n in entry.notes)


def test_an_e_paper_starts_at_its_dated_layout_page() -> None:
    url = "http://paper.example.cn/pc/layout/202609/16/node_01.html"
    assert dated_template(url, date(2026, 9, 16)) == "http://paper.example.cn/pc/layout/{date:%Y%m/%d}/node_01.html"
    assert dated_template(url, date(2026, 9, 17)) is None
    probe = Probe(url="http://paper.example.cn/pc/layout/202609/16/node_06.html")
    probe.verdict = Verdict(COLUMN, "a news column")
    probe.site_name = "某某日报"
    articles = [f"http://paper.example.cn/pc/content/202609/16/content_{i}.html" for i in range(3)]
    paper = column(probe.url, "founder", articles, [sample(articles[0])], "06版")
    paper.entries = [ListEntry(u, "标题", date(2026, 9, 16)) for u in articles]
    paper.next_page, paper.next_entries = url, 5  # node_01 was read: the front page starts the crawl
    probe.columns = [paper]
    entry = registry_entry(probe, "paper")
    assert entry.data["start_urls"] == ["http://paper.example.cn/pc/layout/{date:%Y%m/%d}/node_01.html"]
    assert entry.data["cms"] == "founder" and any("e-paper" in n for n in entry.notes)
    paper.next_entries = None  # node_01 not confirmed: the probed layout page, and a note saying so
    entry = registry_entry(probe, "paper")
    assert entry.data["start_urls"] == ["http://paper.example.cn/pc/layout/{date:%Y%m/%d}/node_06.html"]
    assert any("later layout page" in n for n in entry.notes)


def test_a_later_list_page_is_named() -> None:
    assert page_number("http://x.gov.cn/xxgk/index_1.html") == 2  # TRS: index.html is the first
    assert page_number("http://x.com/a/news/list_10_3.html") == 3
    assert page_number("http://x.gov.cn/list?page=4") == 4
    assert page_number("http://x.gov.cn/xxgk/index.html") == 1


def test_site_domains() -> None:
    assert site_domains(["www.mof.gov.cn", "kjs.mof.gov.cn", "www.mof.gov.cn"]) == ["mof.gov.cn"]
    assert site_domains(["www.a.cn", "www.b.cn"]) == ["a.cn", "b.cn"]


def test_report() -> None:
    probe = homepage_probe()
    entry = registry_entry(probe, "yuanzhou")
    text = render(probe, entry)
    assert "HOMEPAGE" in text and "2 usable of 3 lists" in text
    assert "2024-05-10  园区召开全体干部大会" in text  # a date without a time is shown as a date
    assert "✗ 标题  — HTTP 404" in text and "(--write NAME saves it)" in text
    data = as_json(probe, entry)
    assert data["ok"] and data["entry"]["verified"] is False
    assert [c["usable"] for c in data["columns"]] == [True, False, True]
