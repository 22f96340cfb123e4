"""Benchmarks: per-page throughput against trafilatura and GNE, and crawl scale (see BENCHMARKS.md).

Stdlib only, so the same scripts drive the project's venv and the separate benchmark venv (.venv-bench).
"""
