"""Crawl-wide components: incremental state, run summary and stats file, offline public-suffix list."""
