"""Pathological page shapes are screened before the parser in a real crawl: one element with 200,000
attributes, a tag soup past the element cap, a page of text past the text cap. Each article is emitted
from what was kept, flagged, and the run counts the pages it cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.screen import MAX_ELEMENTS, MAX_TEXT_BYTES
from tests.ops.helpers import Workdir
from tests.ops.site import article_html, make_site, story

pytestmark = pytest.mark.slow


def test_oversized_shapes_are_cut_flagged_and_counted(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = make_site(work.replay, "huge", "www.huge.gov.cn", 1, 8000, registry=work.registry)
    pages = {
        301: article_html("属性", story(8301), attributes=" ".join(f'data-a{i}="{i}"' for i in range(200_000))),
        302: article_html("标签", story(8302), after="<span>字</span>" * (MAX_ELEMENTS + 5000)),
        303: article_html("文字", story(8303), after="<p>" + "统计数据" * (MAX_TEXT_BYTES // 12 + 20_000) + "</p>"),
    }
    for n, html in pages.items():
        site.page(n, html)
    site.lists()

    run = work.crawl("huge")
    stats = run.stats["stats"]
    rows = {row["url"].rsplit("_", 1)[1]: row for row in run.rows}
    assert sorted(rows) == ["0.html", "301.html", "302.html", "303.html"], run.log[-3000:]
    flags = {n: {f["name"] for f in rows[f"{n}.html"]["quality"]["flags"]} for n in pages}
    assert "attributes_removed" in flags[301] and "page_cut_elements" in flags[302] and "page_cut_text" in flags[303]
    for n in pages:
        assert story(8000 + n)[0][:12] in rows[f"{n}.html"]["body"]  # the article above the cut is kept
    assert rows["302.html"]["quality"]["score"] <= 0.8 and rows["303.html"]["quality"]["score"] <= 0.8
    assert stats["pages_cut"] == 3
    for flag in ("attributes_removed", "page_cut_elements", "page_cut_text"):
        assert stats[f"pages_cut/{flag}"] == 1
