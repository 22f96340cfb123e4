"""Project commands: ``scrapy crawlall`` (every registry portal) and ``scrapy extract``."""
