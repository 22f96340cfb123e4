"""Stage 3, drop chrome blocks: remove site chrome (share bars, print/font bars,
QR-code boxes, breadcrumbs, menus, footers, pagers, related-article lists) by tag and by class/id tokens."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from crawler import rx
from crawler.content.render import drop_tree, tag_of, text_of
from crawler.content.words import words

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
    "contentbox article_content con neirong zhengwen wenzhang printarea printonly printcontent print_content"
)
_TOKEN = rx.compile(r"[A-Za-z0-9]+")
_CAMEL = rx.compile(r"(?<=[a-z])(?=[A-Z])")
# A chrome-classed block holding this much punctuated text is article text after all (kept).
KEEP_PUNCT = 12
KEEP_CHARS = 400  # … or this many characters, of which links are less than KEEP_MAX_LINKS
KEEP_MAX_LINKS = 0.3
_PUNCT = rx.compile(r"[，。；！？、,;!?]")


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


def holds_text(el: etree._Element) -> bool:
    """A chrome-classed block that holds real text: punctuated sentences, or (a data table has no punctuation)
    a long run of text that is not links."""
    text = text_of(el)
    if len(_PUNCT.findall(text)) >= KEEP_PUNCT:
        return True
    chars = len("".join(text.split()))
    if chars < KEEP_CHARS:
        return False
    linked = sum(len("".join(text_of(a).split())) for a in el.iter("a"))
    return linked < chars * KEEP_MAX_LINKS


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
            if kind == "strong" or (kind == "weak" and not holds_text(el)):
                doomed.append(el)
                continue
        stack.extend(el)
    for el in doomed:
        drop_tree(el)
    return len(doomed)
