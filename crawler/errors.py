"""The one exception the processing core raises for a page it cannot turn into an article."""

from __future__ import annotations


class PageError(Exception):
    """A page that yields no article; `reason` is a short stats key (e.g. ``empty_body``, ``blocked``)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"
