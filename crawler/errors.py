"""The one exception the processing core raises for a page it cannot turn into an article."""

from __future__ import annotations


class PageError(Exception):
    """A page that yields no article; `reason` is a short stats key (e.g. ``empty_body``, ``blocked``) and
    `detail` an optional finer kind under it (``not_article`` pages: ``list``, ``homepage``, ``search``, ``error``)."""

    def __init__(self, reason: str, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"
