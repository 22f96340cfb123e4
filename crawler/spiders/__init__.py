"""Spiders: thin request logic. Page understanding lives in crawler/portals and the processing core."""
