"""Optional: push every item to a Redis list as JSON, for a loader process that BLPOPs it.

scrapy-redis' RedisPipeline does the same but takes the deprecated ``spider`` argument and defers to a
thread; this one is synchronous (one RPUSH) and encodes like the feed exporter (UTF-8, no escaping).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured
from scrapy.utils.serialize import ScrapyJSONEncoder
from scrapy_redis.connection import get_redis_from_settings

from crawler.distributed.config import enabled

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class RedisItemsPipeline:
    def __init__(self, crawler: Crawler, key_template: str) -> None:
        self.crawler = crawler
        self.key_template = key_template
        self.server = get_redis_from_settings(crawler.settings)
        self.encoder = ScrapyJSONEncoder(ensure_ascii=False)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisItemsPipeline:
        key = crawler.settings.get("DISTRIBUTED_ITEMS_KEY")
        if not (enabled(crawler.settings) and key):
            raise NotConfigured("DISTRIBUTED_ITEMS_KEY not set")
        return cls(crawler, key)

    def process_item(self, item: Any) -> Any:
        assert self.crawler.spider is not None and self.crawler.stats is not None
        key = self.key_template % {"spider": self.crawler.spider.name}
        self.server.rpush(key, self.encoder.encode(ItemAdapter(item).asdict()))
        self.crawler.stats.inc_value("distributed/items_pushed")
        return item
