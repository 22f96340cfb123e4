"""Rows are validated once, by the processing; a row a later pipeline changes is checked again by the last
pipeline, which drops it if the change made it invalid, and the run's monitors fail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.items import Article
from crawler.pipelines.rowcheck import RowCheckPipeline, changed_fields, stamp
from crawler.processing import WARM_UP_PAGE
from crawler.workers import process
from tests.ops.helpers import Workdir
from tests.ops.site import make_site


@pytest.fixture(scope="module")
def row() -> dict[str, Any]:
    outcome = process(WARM_UP_PAGE)
    assert outcome.article is not None
    return outcome.article


def stamped(row: dict[str, Any]) -> Article:
    article = Article(**json.loads(json.dumps(row)))  # its own nested lists and dicts
    stamp(article)
    return article


def test_an_unchanged_row_has_nothing_to_check(row: dict[str, Any]) -> None:
    assert changed_fields(stamped(row)) == {}


def test_a_field_set_or_changed_in_place_is_found(row: dict[str, Any]) -> None:
    article = stamped(row)
    article.duplicate_of = "0123456789abcdef0123"
    article.quality["flags"].append({"name": "late", "count": 1})  # in place: the same list object
    assert set(changed_fields(article)) == {"duplicate_of", "quality"}


def test_an_unstamped_row_is_checked_whole(row: dict[str, Any]) -> None:
    assert set(changed_fields(Article(**row))) == set(row)


def test_a_row_made_invalid_after_validation_is_dropped_and_counted(row: dict[str, Any]) -> None:
    crawler = get_crawler(settings_dict={})
    pipeline = RowCheckPipeline(crawler)
    valid = stamped(row)
    valid.duplicate_of = "0123456789abcdef0123"
    assert pipeline.process_item(valid) is valid
    invalid = stamped(row)
    invalid.keywords.append(7)  # type: ignore[arg-type]  # a pipeline's bug: not a string
    with pytest.raises(DropItem, match="schema_invalid: keywords/"):
        pipeline.process_item(invalid)
    stats = crawler.stats.get_stats()  # type: ignore[union-attr]
    assert stats["pages_dropped/schema_invalid/changed_after_validation"] == 1
    assert stats["pages_dropped/schema_invalid"] == stats["pages_dropped"] == 1


class BreakRows:
    """A pipeline after repost dedup with a bug: it sets ``duplicate_of`` of one article to a number."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article) and item.title == "新闻2":
            item.duplicate_of = 2  # type: ignore[assignment]
        return item


@pytest.mark.slow
def test_a_crawl_drops_a_row_a_later_pipeline_broke_and_fails(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    make_site(work.replay, "city", "www.city.gov.cn", 3, 300, registry=work.registry)
    pipelines = {
        "crawler.pipelines.steps.ProcessPipeline": 100,
        "crawler.pipelines.dedup.RepostPipeline": 500,
        f"{__name__}.BreakRows": 600,
        "crawler.pipelines.rowcheck.RowCheckPipeline": 800,
    }
    run = work.crawl("city", f"ITEM_PIPELINES={json.dumps(pipelines)}")
    assert run.returncode == 1, run.log[-3000:]
    assert sorted(r["title"] for r in run.rows) == ["新闻0", "新闻1"]  # 新闻2 never written
    assert run.summary["dropped"] == {"schema_invalid": 1}
    assert "a pipeline made the validated row invalid (duplicate_of)" in run.log
    assert "Schema-valid rows" in run.log and "monitors FAILED" in run.log
