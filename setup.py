"""Egg build for ``scrapyd-deploy`` (docs/operations.md): the crawler package with its JSON schema."""

from setuptools import find_packages, setup

setup(
    name="devzone-news",
    version="1.0.0",
    packages=find_packages(include=["crawler", "crawler.*"]),
    package_data={"crawler": ["schemas/*.json"]},
    entry_points={"scrapy": ["settings = crawler.settings"]},
    zip_safe=False,
)
