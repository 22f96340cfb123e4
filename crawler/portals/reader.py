"""Read one list page: its entries, its next pages, its page count, the API requests its list needs,
and, when it gave nothing, why.

``read_list`` is what the spider, the list CLI (``python -m crawler.lists``) and the site probe call.
It takes the decoded page (HTML, a Hanweb ``<datastore>`` answer, or a JSON list API answer) and, for an
API answer, the request that fetched it, so the next API page can be built from it.

Why a list gave nothing (``empty_reason``, counted by the spider as ``lists/empty/<why>``):

| why | what the reader saw |
|---|---|
| ``blocked`` | an anti-bot challenge, a login wall or a soft 404 instead of the page |
| ``js_unknown_api`` | a script-built list (filled by ``$.ajax``/``fetch``…) whose request could not be built |
| ``empty_column`` | the column says it has nothing (暂无信息, 共0条), or its first API answer has no rows |
| ``past_last_page`` | a later API page with no rows: the list ran out (a page count the answer did not state) |
| ``template_changed`` | a page with links but no list among them and no known article link |
| ``not_a_list`` | no links at all (an error page, a bare notice) |
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from parsel import Selector

from crawler import rx
from crawler.portals import embedded, hanweb, listapi
from crawler.portals.blocked import detect_blocked
from crawler.portals.links import detect_family
from crawler.portals.listapi import ListRequest
from crawler.portals.listing import Entries, ListEntry, data_entries, find_entries
from crawler.portals.markup import parsed
from crawler.portals.pagination import Pager, find_pager
from crawler.portals.records import visible_text

EMPTY_TEXTS = rx.compile(
    r"暂无(?:信息|数据|内容|记录|相关|文章|新闻)|没有(?:找到)?(?:相关)?(?:信息|数据|记录)|共\s*0\s*(?:条|篇|页)|无记录|no\s+records?",
    re.I,
)
SCRIPTED_LIST = rx.compile(
    r"\$\s*\.\s*(?:ajax|post|get|getJSON)\s*\(|axios|fetch\s*\(|XMLHttpRequest|\.jpage\s*\(|unitbuild", re.I
)


@dataclass
class ListPage:
    """What one list page gives the crawl."""

    entries: list[ListEntry]
    next_pages: list[str] = field(default_factory=list)
    page_count: int | None = None
    requests: list[ListRequest] = field(default_factory=list)
    family: str | None = None
    source: str | None = None  # where the entries were: dom, xml, comment, script, text, data, api, area, url_shapes
    selector: str | None = None  # the CSS path of the list's rows
    pager: str | None = None  # which pager gave the next page
    empty_reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "entries": [
                {"url": e.url, "title": e.title, "date": e.date.isoformat() if e.date else None} for e in self.entries
            ],
            "next_pages": self.next_pages,
            "page_count": self.page_count,
            "requests": [r.as_json() for r in self.requests],
            "family": self.family,
            "source": self.source,
            "selector": self.selector,
            "pager": self.pager,
            "empty_reason": self.empty_reason,
        }


def _api_answer(markup: str, url: str, request: ListRequest | None) -> ListPage | None:
    """A JSON list API answer: its rows and the request for its next page."""
    document = embedded.json_document(markup)
    if document is None:
        return None
    found = data_entries(document, url)
    following = listapi.next_request(request, document, len(found.entries)) if request else None
    return ListPage(
        entries=found.entries,
        requests=[following] if following else [],
        source=found.source or "api",
        selector=found.selector,
        pager="api" if following else None,
        empty_reason=None if found.entries else _empty_answer(request),
    )


def _empty_answer(request: ListRequest | None) -> str:
    """An API answer with no rows: the column is empty, or (a later page) the list ran out."""
    return "past_last_page" if request is not None and not request.same_page else "empty_column"


def _datastore_answer(markup: str, url: str, request: ListRequest | None) -> ListPage | None:
    """A Hanweb ``dataproxy.jsp`` XML answer fetched by a jpage POST: its records and the next group."""
    if request is None or request.kind != "hanweb_jpage" or "<datastore" not in markup[:2000].lower():
        return None
    root = parsed(markup).root
    found = find_entries(markup, root, url)
    total = hanweb.TOTAL_RECORD.search(markup)
    document = {"totalrecord": total[1]} if total else {}
    following = listapi.next_request(request, document, len(found.entries))
    return ListPage(
        entries=found.entries,
        requests=[following] if following else [],
        family="hanweb",
        source=found.source,
        selector=found.selector,
        pager="api" if following else None,
        empty_reason=None if found.entries else _empty_answer(request),
    )


def _why_empty(markup: str, root: etree._Element, requests: list[ListRequest]) -> str:
    if detect_blocked(200, {}, markup.encode("utf-8", "replace"), "list") is not None:
        return "blocked"
    links = sum(1 for _ in root.iter("a"))
    text = visible_text(root)
    if EMPTY_TEXTS.search(text):
        return "empty_column"
    if SCRIPTED_LIST.search(markup) and not requests:
        return "js_unknown_api"
    if links == 0:
        return "not_a_list"
    return "template_changed"


def read_list(
    markup: str,
    url: str,
    area: str | None = None,
    article_urls: Iterable[re.Pattern[str]] = (),
    family: str | None = None,
    request: ListRequest | None = None,
) -> ListPage:
    """Everything a list page gives: entries, next pages, page count, API requests, and why it is empty.

    ``area`` and ``article_urls`` come from the registry (a list block selector, the portal's own article
    URL patterns); ``family`` forces a CMS family (else detected); ``request`` is the API request that
    fetched this answer, when it is one."""
    answer = _api_answer(markup, url, request) or _datastore_answer(markup, url, request)
    if answer is not None:
        return answer
    root = parsed(markup).root if markup.strip() else Selector(text="<html></html>").root
    family = family or detect_family(markup, url)
    found: Entries = find_entries(markup, root, url, area, article_urls)
    pager: Pager = find_pager(markup, url, family, root)
    requests = listapi.page_requests(markup, root, url)
    if found.entries:
        # A page with rows of its own only needs the requests that continue it (the next record group).
        requests = [r for r in requests if not r.same_page]
    next_pages = pager.next_pages
    if pager.kind == "hanweb" and any(r.kind == "hanweb_jpage" for r in requests):
        next_pages = []  # the jpage call says how the page itself asks for its next group
    page = ListPage(
        entries=found.entries,
        next_pages=next_pages,
        page_count=pager.page_count or listapi.page_count(markup),
        requests=requests,
        family=family,
        source=found.source,
        selector=found.selector,
        pager=pager.kind if next_pages else None,
    )
    if not found.entries and not any(r.same_page for r in requests):
        page.empty_reason = _why_empty(markup, root, requests)
    return page
