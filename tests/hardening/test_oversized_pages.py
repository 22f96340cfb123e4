"""Pathological page shapes are screened before the parser in a real crawl: one element with 200,000
attributes, a tag soup past the element cap, a page of text past the text cap. Each article is emitted
from what was kept, flagged, and the run counts the pages it cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.screen import MAX_ELEMENTS, MAX_TEXT_BYTES
from tests.ops.helpers import Workdir
from tests.ops.site import Entry, make_site, story

pytestmark = pytest.mark.slow


def page(title: str, paragraphs: list[str], before: str = "", after: str = "", div: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{before}'
        f"<div class='article' {div}><h1>{title}</h1><div class='info'>发布时间：2024-06-01 09:30 来源：本网</div>"
        f"<div class='content'>{body}</div></div>{after}</body></html>"
    )


def test_oversized_shapes_are_cut_flagged_and_counted(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = make_site(work.replay, "huge", "www.huge.gov.cn", 1, 8000, registry=work.registry)
    pages = {
        301: page("属性", story(8301), div=" ".join(f'data-a{i}="{i}"' for i in range(200_000))),
        302: page("标签", story(8302), after="<span>字</span>" * (MAX_ELEMENTS + 5000)),
        303: page("文字", story(8303), after="<p>" + "统计数据" * (MAX_TEXT_BYTES // 12 + 20_000) + "</p>"),
    }
    for n, html in pages.items():
        url = f"https://{site.host}/xwzx/202406/t20240601_{n}.html"
        site._save(f"article_{n}", url, html)
        site.entries.append(Entry(url, f"新闻{n}", "2024-06-01"))
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
