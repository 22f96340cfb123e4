"""Downloader middlewares: thin adapters between Scrapy and the processing core."""
