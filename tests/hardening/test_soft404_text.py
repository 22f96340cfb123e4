"""Soft-404s are judged on the page's text, not on a byte prefix: an article that follows a 250 KB inline SVG
sprite or 210 KB of blank lines is emitted; a "page not found" page behind the same sprite is still blocked.
A real crawl of a replayed portal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ops.helpers import Workdir
from tests.ops.site import article_html, make_site, story

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


def test_text_after_a_large_sprite_or_blank_lines_is_read_whole(tmp_path: Path) -> None:
    assert len(SPRITE) > 250_000
    work = Workdir(tmp_path)
    site = make_site(work.replay, "sprite", "www.sprite.gov.cn", 1, 6000, registry=work.registry)
    cases = {
        101: article_html("园区新闻101", story(6101), before=SPRITE),
        102: article_html("园区新闻102", story(6102), before=BLANK_LINES),
        103: article_html("页面不存在", ["对不起，您访问的页面不存在或已被删除。"], before=SPRITE),
    }
    for n, html in cases.items():
        site.page(n, html)
    site.lists()

    run = work.crawl("sprite")
    stats = run.stats["stats"]
    emitted = sorted(row["url"].rsplit("_", 1)[1] for row in run.rows)
    assert emitted == ["0.html", "101.html", "102.html"], run.log[-3000:]
    assert stats.get("blocked/soft404") == 1
    assert stats.get("pages_dropped/blocked_soft404") == 1
