"""WARC archives of what a crawl fetched: the record format, the rotating writer, and the readers that let
replay and ``scrapy reprocess`` serve archived responses again (docs/archive.md). No Scrapy imports."""
