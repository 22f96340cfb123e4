"""Stage 1, parse: decoded HTML -> one lxml tree, its <head> metadata, the publication times scripts carry, and
the tree without the elements that never show text (scripts, styles, form controls, hidden blocks)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from crawler import rx
from crawler.content.render import drop_tree, squash, text_of
from crawler.content.words import words

# Elements that never carry article text.
DROP_TAGS = words(
    "script style noscript iframe frame frameset object embed applet select option textarea button input "
    "svg canvas map area template link meta audio video source track param head title base"
)
# visibility:hidden is not here: WeChat articles hide their body that way until a script reveals it.
_HIDDEN = rx.compile(r"display\s*:\s*none", re.I)
# A hidden block holding this much punctuated text may be the article a script reveals (kept).
KEEP_PUNCT = 12
_PUNCT = rx.compile(r"[，。；！？、,;!?]")

# var __$pubtime = '2021-01-05 16:59:00', publishdate = "…", "datePublished": "…" (JSON-LD).
SCRIPT_TIME = rx.compile(
    r"(?:[\w$]*pub(?:lish)?_?(?:time|date)[\w$]*|datepublished)[\"']?\s*[=:]\s*[\"']([^\"'\n]{8,40})[\"']", re.I
)
# What every SCRIPT_TIME match holds: a search for it is several times cheaper than SCRIPT_TIME, whose leading
# [\w$]* is tried at every position of a script, and most scripts with "pub" in them (public…) have none.
SCRIPT_TIME_CORE = rx.compile(r"pub(?:lish)?_?(?:time|date)|datepublished", re.I)

_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)


@dataclass
class Head:
    page_title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    base_url: str | None = None


@dataclass
class Parsed:
    """The page's tree (text-free elements removed), its <body> and what the <head> says."""

    root: etree._Element
    body: etree._Element
    head: Head
    script_times: list[str] = field(default_factory=list)


def parse_page(html: str) -> Parsed:
    root = parse(html)
    head = read_head(root)
    times = script_times(root)
    drop_non_text(root)
    body = root.find("body")
    return Parsed(root, root if body is None else body, head, times)


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


def read_head(root: etree._Element) -> Head:
    head = Head()
    title = root.find(".//title")
    if title is not None:
        head.page_title = squash(text_of(title)).strip()
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or el.get("concent") or "").strip()
        if key and value and key not in head.meta:
            head.meta[key] = value
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            head.canonical = el.get("href").strip()
            break
    base = root.find(".//base")
    if base is not None and base.get("href"):
        head.base_url = base.get("href").strip()
    return head


def script_times(root: etree._Element) -> list[str]:
    """Publication times written into scripts (read before scripts are dropped)."""
    out = []
    for el in root.iter("script"):
        text = el.text
        if text and ("pub" in text or "Pub" in text or "PUB" in text) and SCRIPT_TIME_CORE.search(text):
            out.extend(m.group(1) for m in SCRIPT_TIME.finditer(text))
    return out


# The elements with a hidden attribute, a style holding "none" or a class holding "hide", found by walking the
# attributes (half the cost of testing every element).
_HIDDEN_BLOCKS = etree.XPath("(//@hidden | //@style[contains(., 'none')] | //@class[contains(., 'hide')])/..")
HIDDEN_CLASSES = frozenset({"ng-hide", "hide", "hidden", "d-none", "display-none"})
PROBE = 24  # characters of a hidden block's text looked for elsewhere in the page


def is_hidden(el: etree._Element) -> bool:
    return (
        el.get("hidden") is not None
        or bool(_HIDDEN.search(el.get("style") or ""))
        or not HIDDEN_CLASSES.isdisjoint((el.get("class") or "").split())
    )


def drop_non_text(root: etree._Element) -> None:
    """Scripts, styles, form controls, hidden blocks: removed before anything reads text. The tags go in one
    libxml2 pass (``strip_elements``: each tail text stays where its element stood, as ``drop_tree`` keeps
    it); only the hidden-block test needs an XPath.

    A hidden block holding real text is kept only when it is the page's one copy of that text (an article a
    script reveals); a hidden duplicate of visible text (display:none, ng-hide copies) is never read."""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    hidden = [el for el in _HIDDEN_BLOCKS(root) if is_hidden(el)]
    texty = [el for el in hidden if len(_PUNCT.findall(text_of(el))) >= KEEP_PUNCT]
    page = "".join(text_of(root).split()) if texty else ""
    for el in hidden:
        if el in texty and not duplicated(el, page):
            continue
        drop_tree(el)


def duplicated(el: etree._Element, page: str) -> bool:
    """Whether all the text of ``el`` stands in ``page`` (the whole page's text) a second time: its start, middle
    and end are found twice. A hidden block holding more than the visible copy (the whole article a script
    pages through) is no duplicate."""
    text = "".join(text_of(el).split())
    if len(text) < 2 * PROBE:
        return False
    middle = len(text) // 2
    probes = (text[:PROBE], text[middle - PROBE // 2 : middle + PROBE // 2], text[-PROBE:])
    return all(page.count(probe) >= 2 for probe in probes)
