"""The warm-up page that loads every table before a crawl is itself a valid article."""

from __future__ import annotations

from crawler.processing import WARM_UP_PAGE, process_page
from crawler.schema import schema_errors


def test_warm_up_page_goes_through_every_step() -> None:
    article = process_page(WARM_UP_PAGE)
    assert schema_errors(article) == []
    assert article["entities"]["zones"], "the entity tables (gazetteer) were exercised"
    assert article["published_at"] == "2024-01-02T09:00:00+08:00"
