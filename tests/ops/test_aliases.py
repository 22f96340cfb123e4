"""Every URL an article is known by is recorded against it: a tracking-parameter variant, a redirect to the
article with an added query, a redirect to a page already fetched. The next run fetches none of them.

A real crawl of a local HTTP portal (the fault server), twice, sharing one state directory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.processing import article_id, canonical_url
from crawler.tracking import strip_tracking
from tests.hardening.faultserver import FaultServer, Reply, page, redirect
from tests.ops.helpers import Workdir
from tests.ops.site import story

pytestmark = pytest.mark.slow


def article(n: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in story(4000 + n))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>园区新闻{n}</title></head><body>'
        f"<h1>园区新闻{n}</h1><div class='info'>发布时间：2024-06-0{n} 09:30 来源：本网</div>"
        f"<div class='content'>{body}</div></body></html>"
    ).encode()


LINKS = [
    "/show.php?id=1",
    "/show.php?id=1&from=timeline&utm_source=wechat",  # the same article, shared from WeChat
    "/old.php?id=2",  # moved: redirects to the article with a tracking query added
    "/show.php?id=2",
    "/show.php?id=3",
    "/old.php?id=3",  # moved: redirects to an article this run fetches anyway
]
ROUTES: dict[str, list[Reply]] = {
    "/show.php?id=1": [page(article(1))],
    "/show.php?id=1&from=timeline&utm_source=wechat": [page(article(1))],
    "/old.php?id=2": [redirect("/show.php?id=2&spm=a2c4g.11186623")],
    "/show.php?id=2&spm=a2c4g.11186623": [page(article(2))],
    "/show.php?id=2": [page(article(2))],
    "/show.php?id=3": [page(article(3))],
    "/old.php?id=3": [redirect("/show.php?id=3")],
    "/news/": [page(("<html><body>" + "".join(f'<a href="{u}">新闻</a>' for u in LINKS) + "</body></html>").encode())],
}


def write_portal(registry: Path, port: int) -> None:
    registry.mkdir(parents=True)
    (registry / "moved.yaml").write_text(
        "name: moved\nsite_name: 搬迁门户\nregion: {province: 湖北省, city: null, county: null}\n"
        f"allowed_domains: [127.0.0.1]\nstart_urls: ['http://127.0.0.1:{port}/news/']\n"
        "article_urls: ['/(?:show|old)\\.php\\?id=\\d+']\n",
        encoding="utf-8",
    )


def test_aliases_of_an_article_are_never_fetched_or_emitted_again(tmp_path: Path) -> None:
    work = Workdir(tmp_path, extra=("REPLAY_ENABLED=False", "ADDRESS_GUARD_ALLOW=loopback"))
    with FaultServer(ROUTES, lifetime=120) as server:
        write_portal(work.registry, server.port)
        first = work.crawl("moved")
        assert first.returncode == 0, first.log[-3000:]
        base = f"http://127.0.0.1:{server.port}"
        expected = {article_id(canonical_url(f"{base}/show.php?id={n}", None)) for n in (1, 2, 3)}
        assert sorted(r["id"] for r in first.rows) == sorted(expected)
        assert all("utm_" not in r["canonical_url"] and "spm" not in r["canonical_url"] for r in first.rows)
        hits_after_first = sum(server.hits[u] for u in LINKS)

        second = work.crawl("moved")
        assert second.returncode == 0, second.log[-3000:]
        assert second.rows == []
        assert second.stats["stats"]["incremental/skipped"] == len(LINKS)
        assert sum(server.hits[u] for u in LINKS) == hits_after_first  # no article link asked for again


@pytest.mark.parametrize(
    ("url", "stripped"),
    [
        ("https://x.gov.cn/a.html?utm_source=wx&utm_medium=social", "https://x.gov.cn/a.html"),
        ("https://x.gov.cn/show.php?id=7&from=groupmessage&isappinstalled=0", "https://x.gov.cn/show.php?id=7"),
        ("https://x.gov.cn/show.php?SPM=a.b&id=7&page=2", "https://x.gov.cn/show.php?id=7&page=2"),
        ("https://x.gov.cn/show.php?id=7&fromid=3", "https://x.gov.cn/show.php?id=7&fromid=3"),  # not a tracking name
    ],
)
def test_tracking_parameters_leave_canonical_urls_and_nothing_else_does(url: str, stripped: str) -> None:
    assert canonical_url(url, None) == canonical_url(stripped, None)
    assert strip_tracking(url) == stripped
