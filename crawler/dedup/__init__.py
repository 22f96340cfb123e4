"""Content fingerprints for repost detection across portals. No Scrapy imports."""
