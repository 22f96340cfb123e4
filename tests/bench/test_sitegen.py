"""The crawl-scale bench's generated site is a valid replay site that a real crawl walks completely."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bench.crawl import crawl_site
from bench.sitegen import generate_site
from crawler.portals.reader import read_list
from crawler.portals.registry import load_registry
from crawler.replay_index import ReplayIndex, url_key


def test_every_article_is_reachable_from_the_registry_start_urls(tmp_path: Path) -> None:
    site = generate_site(tmp_path, 130)
    index = ReplayIndex(site.replay_dir)
    assert len(index) == site.articles + site.list_pages
    portals = load_registry(site.registry_dir)
    assert [p.name for p in portals] == sorted(site.spiders)
    reached: set[str] = set()
    for portal in portals:  # page through each column with the portal layer's own functions, as the spider does
        todo, pages = list(portal.start_urls), 0
        while todo:
            url = todo.pop()
            pages += 1
            saved = index.get(url)
            assert saved is not None
            markup = saved.body().decode(saved.headers["Content-Type"].split("charset=")[1])
            page = read_list(markup, url, family=portal.cms)
            reached.update(url_key(entry.url) for entry in page.entries)
            todo += page.next_pages
        assert pages <= portal.max_list_pages
    articles = {url_key(saved.url) for saved in index.saved() if saved.body_path.parent.name.startswith("a")}
    assert reached == articles


def test_articles_carry_realistic_text_and_chrome(tmp_path: Path) -> None:
    site = generate_site(tmp_path, 20)
    for saved in ReplayIndex(site.replay_dir).saved():
        if not saved.body_path.parent.name.startswith("a"):
            continue
        charset = saved.headers["Content-Type"].split("charset=")[1]
        html = saved.body().decode(charset)
        text = "".join(re.findall(r'<p style="text-indent:2em;">([^<]+)</p>', html))
        assert 800 <= len(text) <= 2400
        assert "ICP备" in html and "相关新闻" in html and "<script" in html
        assert len(saved.body()) > 3 * len(text)  # the chrome outweighs the text, as on real portals


def test_same_seed_same_site(tmp_path: Path) -> None:
    one, two = generate_site(tmp_path / "one", 6), generate_site(tmp_path / "two", 6)
    for path in sorted(one.replay_dir.rglob("body.html")):
        assert path.read_bytes() == (two.replay_dir / path.relative_to(one.replay_dir)).read_bytes()


def test_a_generated_site_crawls_end_to_end(tmp_path: Path) -> None:
    site = generate_site(tmp_path / "site", 40)
    result = crawl_site(site, sys.executable, tmp_path)
    assert result.article_pages == 40
    assert result.items + sum(result.dropped.values()) == 40
    assert result.items > 0
    assert result.peak_rss_mb > 0
    assert list((tmp_path / "feeds").glob("*.jsonl"))
