"""Items leave the pipelines in the order their pages arrived, though worker processes finish them out of order.

Order decides results: repost dedup keeps the first copy of a story it sees and marks the later ones, and a
reprocessed archive must give its feed lines in archive order. So each page that enters processing takes a
ticket; once processed it waits until the page before it has *left* (scraped, dropped or failed: Scrapy
sends exactly one of those signals per item, after the feed exporter wrote its line). Only one ticketed
item is ever past the gate, so the signal that closes it is recognised by identity: the page that entered,
or the item the gate let out. Pipelines after the gate must return the object they were given (or drop it),
as every pipeline of this project does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred, succeed

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


@dataclass(eq=False)
class Ticket:
    entered: Any
    previous_left: Deferred[None]
    left: Deferred[None] = field(default_factory=Deferred)
    output: Any = None


class ArrivalOrder:
    def __init__(self, crawler: Crawler) -> None:
        self._last_left: Deferred[None] = succeed(None)
        self._through: Ticket | None = None  # the one ticketed item past the gate, until it leaves
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_left, signal)

    def ticket(self, item: Any) -> Ticket:
        """Called when ``item`` enters processing, in arrival order."""
        ticket = Ticket(item, self._last_left)
        self._last_left = ticket.left
        return ticket

    async def through(self, ticket: Ticket) -> None:
        """Wait until every earlier item has left; then ``ticket`` is the one item past the gate."""
        await maybe_deferred_to_future(ticket.previous_left)
        self._through = ticket

    def _item_left(self, item: Any) -> None:
        ticket = self._through
        if ticket is not None and (item is ticket.entered or item is ticket.output):
            self._through = None
            ticket.left.callback(None)
