"""CMS knowledge as data: where known publishing systems put the article body, and the per-site selector
syntax (CSS or XPath) accepted from the portal registry."""

from __future__ import annotations

from functools import cache

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

# Body containers of known CMSes, most specific first. A match is used when it holds enough text.
BODY_CONTAINERS: tuple[tuple[str, str], ...] = (
    ("trs", ".TRS_Editor"),  # TRS WCM
    ("trs", ".TRS_UEDITOR"),
    ("trs", ".trs_paper_default"),
    ("founder", "#ozoom"),  # Founder (方正) e-paper
    ("founder", "founder-content"),
    ("hanweb", "#zoom"),  # Hanweb JCMS (大汉) and UCAP
    ("ucap", "#UCAP-CONTENT"),
    ("ucap", "ucapcontent"),
    ("nfcms", ".news_cont_d_wrap"),  # Guangdong NFCMS
    ("generic", "#artibody"),  # sina-style portals
    ("generic", "#article_content"),
    ("generic", "#articleContent"),
    ("generic", ".article-content"),
    ("generic", ".article_content"),
    ("generic", ".articleContent"),
    ("generic", "#content_text"),
    ("generic", ".content_text"),
    ("generic", "[itemprop=articleBody]"),
)
# A CMS container must hold at least this many non-space characters to be trusted over DOM scoring.
MIN_CONTAINER_CHARS = 30


def is_xpath(selector: str) -> bool:
    return selector.lstrip().startswith(("/", "(", "./"))


@cache
def compile_selector(selector: str) -> etree.XPath | None:
    """CSS or XPath -> compiled XPath; None for a selector that does not compile (logged as a flag by callers)."""
    try:
        if is_xpath(selector):
            return etree.XPath(selector)
        return etree.XPath(CSSSelector(selector).path)
    except (SelectorError, etree.XPathError, ValueError):
        return None


def select_all(root: etree._Element, selector: str) -> list:
    compiled = compile_selector(selector)
    if compiled is None:
        return []
    try:
        found = compiled(root)
    except etree.XPathError:
        return []
    return found if isinstance(found, list) else [found]
