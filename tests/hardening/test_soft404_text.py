"""Soft-404s are judged on the page's text, not on a byte prefix: an article that follows a 250 KB inline SVG
sprite or 210 KB of blank lines is emitted; a "page not found" page behind the same sprite is still blocked.
A real crawl of a replayed portal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ops.helpers import Workdir
from tests.ops.site import Entry, make_site, story

pytestmark = pytest.mark.slow

# An icon sprite as templates inline it at the top of <body>: symbols of path data, no text.
SPRITE = (
    "<svg style='display:none'>"
    + "".join(
        f"<symbol id='i{n}' viewBox='0 0 24 24'><path d='M{n % 24} 0L24 {n % 24}L0 24Z'/></symbol>" for n in range(3600)
    )
    + "</svg>"
)
BLANK_LINES = "\n" * 210_000


def page(title: str, before: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{before}'
        f'<div class="article"><h1>{title}</h1><div class="info">发布时间：2024-06-01 09:30 来源：本网</div>'
        f'<div class="content">{body}</div></div></body></html>'
    )


def test_text_after_a_large_sprite_or_blank_lines_is_read_whole(tmp_path: Path) -> None:
    assert len(SPRITE) > 250_000
    work = Workdir(tmp_path)
    site = make_site(work.replay, "sprite", "www.sprite.gov.cn", 1, 6000, registry=work.registry)
    cases = {
        101: page("园区新闻101", SPRITE, story(6101)),
        102: page("园区新闻102", BLANK_LINES, story(6102)),
        103: page("页面不存在", SPRITE, ["对不起，您访问的页面不存在或已被删除。"]),
    }
    for n, html in cases.items():
        url = f"https://{site.host}/xwzx/202406/t20240601_{n}.html"
        site._save(f"article_{n}", url, html)
        site.entries.append(Entry(url, f"新闻{n}", "2024-06-01"))
    site.lists()

    run = work.crawl("sprite")
    stats = run.stats["stats"]
    emitted = sorted(row["url"].rsplit("_", 1)[1] for row in run.rows)
    assert emitted == ["0.html", "101.html", "102.html"], run.log[-3000:]
    assert stats.get("blocked/soft404") == 1
    assert stats.get("pages_dropped/blocked_soft404") == 1
