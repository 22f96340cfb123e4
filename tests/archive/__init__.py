"""WARC archives, replay from them, reprocessing, and page processing in worker processes under budgets."""
