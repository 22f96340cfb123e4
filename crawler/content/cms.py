"""CMS knowledge as data: where known publishing systems put the article body, and the per-site selector
syntax (CSS or XPath) accepted from the portal registry."""

from __future__ import annotations

from functools import cache

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from crawler.content.render import squash, text_of

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


def _matcher(selector: str) -> tuple[str, str, str]:
    """'#id' / '.class' / 'tag' / '[attr=value]' -> (attribute, value, kind) for a one-pass scan."""
    if selector.startswith("#"):
        return "id", selector[1:], "eq"
    if selector.startswith("."):
        return "class", selector[1:], "token"
    if selector.startswith("["):
        attr, _, value = selector.strip("[]").partition("=")
        return attr, value, "eq"
    return "", selector.lower(), "tag"


CONTAINER_MATCHERS = tuple(_matcher(sel) for _, sel in BODY_CONTAINERS)


_IDS = frozenset(v for a, v, k in CONTAINER_MATCHERS if a == "id")
_CLASSES = frozenset(v for a, v, k in CONTAINER_MATCHERS if k == "token")
_TAGS = frozenset(v for a, v, k in CONTAINER_MATCHERS if k == "tag")
_ATTRS = frozenset(a for a, v, k in CONTAINER_MATCHERS if k == "eq" and a != "id")


def container_rank(el: etree._Element) -> int | None:
    """Index in BODY_CONTAINERS of the first rule ``el`` matches (lower is more specific), or None."""
    if not (
        el.get("id") in _IDS
        or el.tag in _TAGS
        or _CLASSES.intersection((el.get("class") or "").split())
        or any(el.get(a) for a in _ATTRS)
    ):
        return None
    for rank, (attr, value, kind) in enumerate(CONTAINER_MATCHERS):
        if kind == "tag":
            if el.tag == value:
                return rank
        elif kind == "token":
            if value in (el.get("class") or "").split():
                return rank
        elif el.get(attr) == value:
            return rank
    return None


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


def selected_text(root: etree._Element, selector: str | None) -> tuple[str, etree._Element | None] | None:
    """Text (and element) a portal's selector points at, or None when it has none or matches nothing."""
    if not selector:
        return None
    for hit in select_all(root, selector):
        if isinstance(hit, etree._Element):
            text = squash(text_of(hit)).strip()
            if text:
                return text, hit
        elif isinstance(hit, str) and hit.strip():
            return squash(hit).strip(), None
    return None
