"""DOM-level cleaning: parse once, drop non-text elements, then drop site chrome (share bars, print/font bars,
QR-code boxes, breadcrumbs, menus, footers, pagers, related-article lists) by tag and by class/id tokens."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from crawler.content.render import tag_of, text_of
from crawler.content.words import words

# Elements that never carry article text.
DROP_TAGS = words(
    "script style noscript iframe frame frameset object embed applet select option textarea button input "
    "svg canvas map area template link meta audio video source track param head title base"
)
# HTML5 chrome elements (an <article> page's own <header> holds title/date, harvested before this runs).
CHROME_TAGS = frozenset({"nav", "footer", "aside", "header"})

# class/id tokens that mark chrome. Matched against whole tokens (split on non-alphanumerics, camelCase kept
# lower-cased) and against token prefixes in CHROME_PREFIXES.
CHROME_TOKENS = words(
    "share bdshare bdsharebuttonbox jiathis social print printer dayin close guanbi fontsize font zihao "
    "ziti qrcode qr ewm erweima code2d scan breadcrumb breadcrumbs crumb crumbs position location weizhi "
    "dqwz nav navbar navigation menu submenu footer foot copyright banquan bottom_info comment comments "
    "pinglun related relate xgxw xgwz recommend tuijian pager pagination fenye prev next prevnext "
    "shangxia sxp toolbar tools sidebar aside sider advert advertisement ad ads guanggao login search "
    "sousuo hot hotnews rank paihang tags keyword keywords subscribe wechat weixin weibo jiucuo "
    "disclaimer statement"
)
# Chrome so specific that a block carrying it goes even when it holds punctuated text (comment threads,
# recommendation streams), unless it contains the article's title.
STRONG_CHROME_TOKENS = words(
    "comment comments pinglun reply replies recommend recommended tuijian related relate xgxw xgwz "
    "hotnews footer copyright"
)
CHROME_PREFIXES = (
    "share",
    "bdshare",
    "breadcrumb",
    "crumb",
    "footer",
    "copyright",
    "comment",
    "related",
    "pager",
    "pagination",
    "sidebar",
    "advert",
    "qrcode",
    "erweima",
    "print",
    "fontsize",
)
# Tokens that say "this is the article": never drop such an element as chrome.
CONTENT_TOKENS = words(
    "content article body text zoom ozoom detail main news story post entry artibody trs_editor "
    "contentbox article_content con neirong zhengwen wenzhang"
)
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# visibility:hidden is not here: WeChat articles hide their body that way until a script reveals it.
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
# A chrome-classed block holding this much punctuated text is article text after all (kept).
KEEP_PUNCT = 12
_PUNCT = re.compile(r"[，。；！？、,;!?]")


_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)


def parse(html: str) -> etree._Element:
    """Parse once into a plain lxml tree (no HtmlElement class lookup: it costs a Python call per node).

    Bytes go in, so an XML encoding declaration inside the string cannot make lxml refuse it."""
    data = html.replace("\x00", "").encode("utf-8", "surrogatepass")
    root = None
    if data.strip():
        try:
            root = etree.fromstring(data, _PARSER)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            root = None
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", _PARSER)
    merge_stray_roots(root)
    return root


def merge_stray_roots(root: etree._Element) -> None:
    """A second <html> in a page (stitched templates) becomes a sibling of the root; move its content into the
    root's <head>/<body> so every later step, which walks the root, sees the whole page."""
    before = list(root.itersiblings(preceding=True))[::-1]
    after = list(root.itersiblings())
    if not before and not after:
        return
    head, body = root.find("head"), root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    for position, stray in [(0, el) for el in reversed(before)] + [(None, el) for el in after]:
        if not isinstance(stray.tag, str):
            continue
        for child in list(stray):
            if child.tag == "head":
                head.extend(list(child))
            elif child.tag == "body":
                moved = list(child)
                if position == 0:
                    body[0:0] = moved
                else:
                    body.extend(moved)
            elif position == 0:
                body.insert(0, child)
            else:
                body.append(child)


def tokens(el: etree._Element) -> frozenset[str]:
    """Lower-case class/id tokens, camelCase split ("shareBox" -> share, box) and kept whole."""
    return _tokens(el.get("class") or "", el.get("id") or "")


@lru_cache(maxsize=8192)
def _tokens(classes: str, ident: str) -> frozenset[str]:
    # Cached by attribute values: a page repeats a few dozen class names over hundreds of elements.
    raw = f"{classes} {ident}"
    if not raw.strip():
        return frozenset()
    out = {t.lower() for t in _TOKEN.findall(raw)}
    out |= {t.lower() for t in _TOKEN.findall(_CAMEL.sub(" ", raw))}
    return frozenset(out | {w.lower() for w in raw.split()})


def chrome_kind(el: etree._Element) -> str | None:
    """ "strong", "weak" or None: how sure the class/id tokens are that this block is site chrome."""
    return _chrome_kind(el.get("class") or "", el.get("id") or "")


@lru_cache(maxsize=8192)
def _chrome_kind(classes: str, ident: str) -> str | None:
    toks = _tokens(classes, ident)
    if not toks:
        return None
    if toks & STRONG_CHROME_TOKENS:
        return "strong"
    if toks & CONTENT_TOKENS:
        return None
    if toks & CHROME_TOKENS or any(t.startswith(CHROME_PREFIXES) for t in toks):
        return "weak"
    return None


def drop_tree(el: etree._Element) -> None:
    """Remove an element but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


_HIDDEN_BLOCKS = etree.XPath("//*[@hidden or contains(@style, 'none')]")


def drop_non_text(root: etree._Element) -> None:
    """Scripts, styles, form controls, hidden blocks: removed before anything reads text. Tags are found
    by lxml's own tag filter (C speed); only the hidden-block test needs an XPath."""
    for el in list(root.iter(*DROP_TAGS)):
        drop_tree(el)
    for el in _HIDDEN_BLOCKS(root):
        if not (el.get("hidden") is not None or _HIDDEN.search(el.get("style") or "")):
            continue
        if len(_PUNCT.findall(text_of(el))) >= KEEP_PUNCT:
            continue
        drop_tree(el)


def drop_chrome(root: etree._Element, keep: frozenset | set = frozenset()) -> int:
    """Remove chrome blocks, outermost first (their insides are not visited); elements in ``keep`` and their
    ancestors survive. Returns how many blocks were removed."""
    protected: set = set()
    for el in keep:
        protected.update(el.iterancestors())
        protected.add(el)
    doomed = []
    stack = [root]
    while stack:
        el = stack.pop()
        tag = tag_of(el)
        if el not in protected and tag not in ("body", "html"):
            kind = "weak" if tag in CHROME_TAGS else chrome_kind(el)
            if kind == "strong" or (kind == "weak" and len(_PUNCT.findall(text_of(el))) < KEEP_PUNCT):
                doomed.append(el)
                continue
        stack.extend(el)
    for el in doomed:
        drop_tree(el)
    return len(doomed)
