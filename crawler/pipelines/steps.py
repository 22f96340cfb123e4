"""Pipelines that run the processing core's steps (crawler/processing.py), one concern each.

Spiders yield ``Page`` items (raw bytes); these pipelines turn them into ``Article`` items. A page that
yields no article is dropped with its reason counted under ``pages_dropped/<reason>``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.exceptions import DropItem

from crawler.errors import PageError
from crawler.items import Article
from crawler.page import Page
from crawler.processing import Work, analyse_entities, assemble, decode, extract, screen, validate, warm_up

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class StepPipeline:
    steps: ClassVar[tuple[Callable[[Work], None], ...]] = ()

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StepPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Page):
            item = Work(item)
        if not isinstance(item, Work):
            return item
        try:
            for step in self.steps:
                step(item)
        except PageError as exc:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("pages_dropped")
            self.crawler.stats.inc_value(f"pages_dropped/{exc.reason}")
            if exc.detail:  # a breakdown below the reason (not_article/list, not_article/search …)
                self.crawler.stats.inc_value(f"pages_dropped/{exc.reason}/{exc.detail}")
            raise DropItem(f"{item.page.url}: {exc}") from exc
        return self.finish(item)

    def finish(self, work: Work) -> Any:
        return work


class DecodePipeline(StepPipeline):
    steps = (screen, decode)

    def open_spider(self) -> None:
        warm_up()

    def finish(self, work: Work) -> Any:
        assert self.crawler.stats is not None and work.doc is not None
        self.crawler.stats.inc_value(f"text/encoding/{work.doc.encoding}")
        for name, count in work.doc.flags.items():
            self.crawler.stats.inc_value(f"text/flags/{name}", count)
        return work


class ExtractPipeline(StepPipeline):
    steps = (extract,)


class EntityPipeline(StepPipeline):
    steps = (analyse_entities,)


class AssemblePipeline(StepPipeline):
    steps = (assemble, validate)

    def finish(self, work: Work) -> Article:
        assert work.article is not None
        return Article(**work.article)
