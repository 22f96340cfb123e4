"""Portal knowledge: the registry in seeds/, CMS URL patterns, pagination and blocked-page detection.

No Scrapy imports: spiders adapt these functions to requests and responses.
"""
