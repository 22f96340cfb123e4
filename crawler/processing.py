"""The processing core: one downloaded page -> one Article row, as a fixed sequence of steps.

The crawl's item pipelines run these steps one per pipeline; the extraction CLI runs them all in a row.
Sharing the step functions is what guarantees the CLI does exactly what a crawl does.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from copy import deepcopy
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

from crawler.content import ExtractedArticle, extract_article
from crawler.entities import Analysis, analyse
from crawler.entities.bylines import merge_metadata
from crawler.errors import PageError
from crawler.items import Article
from crawler.page import Page, flag_list
from crawler.portals.blocked import detect_blocked
from crawler.quality import quality_score
from crawler.schema import schema_errors
from crawler.screen import refuse_status, screen_body
from crawler.text import DecodedDocument, decode_document, tidy_text
from crawler.tracking import strip_tracking


@dataclass
class Work:
    """A page on its way through the steps; each step fills one slot."""

    page: Page
    doc: DecodedDocument | None = field(default=None, repr=False)
    more_pages: list[tuple[str, str]] = field(default_factory=list, repr=False)  # continuations: (url, html)
    extracted: ExtractedArticle | None = field(default=None, repr=False)
    analysis: Analysis | None = field(default=None, repr=False)
    article: dict[str, Any] | None = field(default=None, repr=False)
    flags: Counter[str] = field(default_factory=Counter, repr=False)


def screen(work: Work) -> None:
    """Refuse responses that cannot hold an article, and defuse hostile bodies, before any parser sees them."""
    page = work.page
    if page.status < 400:  # error pages keep their raw body for the blocked-page detector
        page.body = screen_body(page.body, work.flags)
    if blocked := detect_blocked(page.status, page.headers, page.body):
        raise PageError(f"blocked_{blocked.kind}", blocked.reason)
    refuse_status(page.status)


def decode(work: Work) -> None:
    work.doc = decode_document(work.page.body, work.page.content_type)
    work.flags.update(work.doc.flags)
    for part in work.page.continuations:
        try:  # screened like the first page; one that cannot be read leaves the article without it
            refuse_status(part.status)
            body = screen_body(part.body, work.flags)
        except PageError:
            work.flags["page_missing"] += 1
            continue
        work.more_pages.append((part.url, decode_document(body, part.content_type).html))


def extract(work: Work) -> None:
    assert work.doc is not None
    portal = work.page.portal
    work.extracted = extract_article(work.doc.html, work.page.url, portal.selectors, portal.site_name, work.more_pages)
    work.flags.update(work.extracted.flags)
    body, body_flags = tidy_text(work.extracted.body)
    work.extracted.body = body
    work.flags.update(body_flags)
    if not body:
        raise PageError("no_article_text", "no article text left after cleaning")


def analyse_entities(work: Work) -> None:
    assert work.extracted is not None
    ex = work.extracted
    work.analysis = merge_metadata(
        analyse(ex.title, ex.body, work.page.portal.region), ex.authors, ex.editors, ex.photographers, ex.source
    )


def canonical_url(url: str, declared: str | None) -> str:
    """The page's own canonical link when it stays on the same host, else the normalised URL; without
    tracking parameters either way (a shared or tagged link is the same article, with the same id)."""
    if declared and urlsplit(declared).netloc == urlsplit(url).netloc:
        url = declared
    return canonicalize_url(strip_tracking(url))


def article_id(canonical: str) -> str:
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:20]


def content_hash(body: str) -> str:
    """Hash of the body with all whitespace removed, so re-wrapped text hashes the same."""
    return hashlib.sha1("".join(body.split()).encode("utf-8")).hexdigest()


def assemble(work: Work) -> None:
    page, doc, ex, an = work.page, work.doc, work.extracted, work.analysis
    assert doc is not None and ex is not None and an is not None
    canonical = canonical_url(page.url, ex.canonical_url)
    article = Article(
        id=article_id(canonical),
        url=page.url,
        canonical_url=canonical,
        site=urlsplit(page.url).netloc,
        site_name=page.portal.site_name,
        spider=page.portal.spider,
        crawled_at=page.crawled_at,
        title=ex.title,
        subtitle=ex.subtitle,
        published_date=ex.published_date,
        published_at=ex.published_at,
        updated_date=ex.updated_date,
        updated_at=ex.updated_at,
        source=ex.source,
        authors=ex.authors,
        editors=ex.editors,
        photographers=ex.photographers,
        column=ex.column,
        body=ex.body,
        images=ex.images,
        attachments=ex.attachments,
        gov=ex.gov,
        entities=an.entities,
        region=an.region,
        keywords=an.keywords,
        content_hash=content_hash(ex.body),
        quality={
            "score": quality_score(ex, work.flags),
            "encoding": doc.encoding,
            "script": doc.script,
            "flags": flag_list(work.flags),
        },
    )
    work.article = {f.name: plain(getattr(article, f.name)) for f in fields(article)}


def plain(value: Any) -> Any:
    """A deep copy of a row's value, as ``dataclasses.asdict`` makes it, at a fraction of its cost: asdict
    deep-copies every string and number through ``copy.deepcopy``; these are immutable and kept as they are."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return deepcopy(value)
    if is_dataclass(value):
        return asdict(value)
    return value


def validate(work: Work) -> None:
    assert work.article is not None
    errors = schema_errors(work.article)
    if errors:
        raise PageError("schema_invalid", "; ".join(errors[:5]))


STEPS: tuple[Callable[[Work], None], ...] = (screen, decode, extract, analyse_entities, assemble, validate)


def process_page(page: Page) -> dict[str, Any]:
    """Run every step; raises PageError for a page that yields no article."""
    work = Work(page)
    for step in STEPS:
        step(work)
    assert work.article is not None
    return work.article


WARM_UP_PAGE = Page(
    url="https://warm-up.invalid/xwzx/202401/t20240102_1.html",
    body=(
        "<html><head><title>园区动态</title></head><body><h1>天门高新园新签约项目12个</h1>"
        "<p>发布时间：2024-01-02 09:00 来源：天门网</p><div class='TRS_Editor'><p>天门网讯（记者 王帅）"
        "市委书记易先荣出席签约仪式。天门高新园新签约项目12个，总投资56.8亿元，同比增长17.2%。"
        "项目涵盖新材料、智能制造和生物医药等领域。</p></div></body></html>"
    ).encode(),
)


def warm_up() -> None:
    """Load every lazily built table (OpenCC, pinyin readings, gazetteers, jieba) before the crawl starts:
    the first page would otherwise stall the reactor for seconds while requests are in flight."""
    process_page(WARM_UP_PAGE)
