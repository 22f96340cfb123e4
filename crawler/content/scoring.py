"""DOM scoring: find the element that holds the article when no CMS container or site selector does.

One pass over the tree gathers, per block element, its own inline text, punctuation and link text; paragraphs
then vote for their container (and half for the container's parent), readability-style, and the votes are
weighed by the container's link density. Punctuation is the strongest signal on Chinese pages: menus, lists
and footers have almost none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from crawler import rx
from crawler.content.chrome_blocks import CONTENT_TOKENS, tokens
from crawler.content.render import BLOCK_TAGS, tag_of

PUNCT = rx.compile(r"[，。；：！？、“”,.;!?]")
# Paragraph-like tags vote for their parent; a div/td holding text directly is its own container.
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "pre", "blockquote", "th"})
MIN_PARAGRAPH_CHARS = 8
CONTENT_BONUS = 0.25  # relative bonus for containers whose class/id says "content"
LINKY = 0.5  # containers with more link text than this (reply lists, streams)…
LINKY_FACTOR = 0.5  # …weigh half again


@dataclass
class Stats:
    """Per-element text statistics from one pass (subtree totals and own inline text)."""

    total: dict = field(default_factory=dict)  # element -> non-space chars in subtree
    links: dict = field(default_factory=dict)  # element -> chars inside <a> in subtree
    punct: dict = field(default_factory=dict)  # element -> punctuation marks in subtree
    scores: dict = field(default_factory=dict)  # container -> paragraph votes
    elements: list = field(default_factory=list)  # keeps lxml proxies alive so dict keys stay valid

    def link_density(self, el: etree._Element) -> float:
        total = self.total.get(el, 0)
        return self.links.get(el, 0) / total if total else 1.0


def gather(root: etree._Element) -> Stats:
    st = Stats()
    owner: dict = {}  # element -> its block ancestor-or-self
    in_link: dict = {}
    own_len: dict = {}
    own_link: dict = {}
    own_punct: dict = {}
    elements = list(root.iter())
    st.elements = elements
    marks = PUNCT.findall
    for el in elements:
        parent = el.getparent()
        tag = el.tag
        if not isinstance(tag, str):
            tag = ""
        block = el if (tag in BLOCK_TAGS or parent is None) else owner.get(parent, el)
        owner[el] = block
        linked = tag == "a" or (parent is not None and in_link.get(parent, False))
        in_link[el] = linked
        text = el.text
        n = len("".join(text.split())) if text else 0  # non-space characters (split: 3x cheaper than a regex)
        # the tail belongs to the parent's inline run
        tail = el.tail
        if tail and parent is not None:
            tn = len("".join(tail.split()))
            if tn:
                pb = owner[parent]
                own_len[pb] = own_len.get(pb, 0) + tn
                own_punct[pb] = own_punct.get(pb, 0) + len(marks(tail))
                if in_link.get(parent, False):
                    own_link[pb] = own_link.get(pb, 0) + tn
        if n:
            own_len[block] = own_len.get(block, 0) + n
            own_punct[block] = own_punct.get(block, 0) + len(marks(text))
            if linked:
                own_link[block] = own_link.get(block, 0) + n
    total, links, punct = st.total, st.links, st.punct
    for el in reversed(elements):  # children before parents
        total[el] = total.get(el, 0) + own_len.get(el, 0)
        links[el] = links.get(el, 0) + own_link.get(el, 0)
        punct[el] = punct.get(el, 0) + own_punct.get(el, 0)
        parent = el.getparent()
        if parent is not None:
            total[parent] = total.get(parent, 0) + total[el]
            links[parent] = links.get(parent, 0) + links[el]
            punct[parent] = punct.get(parent, 0) + punct[el]
    scores = st.scores
    for block, n in own_len.items():
        if n < MIN_PARAGRAPH_CHARS or own_link.get(block, 0) > n * 0.5:
            continue
        vote = 1.0 + own_punct.get(block, 0) + min(n / 40.0, 4.0)
        container = block.getparent() if tag_of(block) in PARAGRAPH_TAGS else block
        if container is None:
            container = block
        scores[container] = scores.get(container, 0.0) + vote
        grand = container.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + vote / 2
            great = grand.getparent()
            if great is not None and tag_of(container) in ("tr", "tbody"):
                scores[great] = scores.get(great, 0.0) + vote / 3
    return st


def final_score(st: Stats, el: etree._Element) -> float:
    density = st.link_density(el)
    score = st.scores.get(el, 0.0) * (1.0 - density) ** 2
    if density > LINKY:
        score *= LINKY_FACTOR
    if tokens(el) & CONTENT_TOKENS:
        score *= 1.0 + CONTENT_BONUS
    return score


def best_container(st: Stats, placement: Callable[[etree._Element], float] | None = None) -> etree._Element | None:
    """The highest-scoring container; ``placement`` (element -> factor) weighs where it sits, e.g. after the title."""
    best, best_score = None, 0.0
    for el in st.scores:
        s = final_score(st, el)
        if placement is not None and s > best_score * 0.2:
            s *= placement(el)
        if s > best_score:
            best, best_score = el, s
    return best


def siblings_to_join(st: Stats, top: etree._Element) -> list[etree._Element]:
    """``top`` plus siblings that continue the article (split bodies), in document order."""
    parent = top.getparent()
    if parent is None:
        return [top]
    top_score = final_score(st, top)
    threshold = max(10.0, top_score * 0.2)
    out = []
    for sib in parent:
        if sib is top:
            out.append(sib)
            continue
        if not isinstance(sib.tag, str):
            continue
        n = st.total.get(sib, 0)
        if n == 0:
            continue
        ld = st.link_density(sib)
        if (final_score(st, sib) >= threshold and ld < 0.3) or (
            tag_of(sib) == "p" and ld < 0.2 and (n > 60 or (st.punct.get(sib, 0) and n > 10 and ld == 0))
        ):
            out.append(sib)
    return with_pictures_between(out, parent)


def with_pictures_between(chosen: list[etree._Element], parent: etree._Element) -> list[etree._Element]:
    """Pictures (with their captions) standing between two joined blocks belong to the article too."""
    if len(chosen) < 2:
        return chosen
    first, last = parent.index(chosen[0]), parent.index(chosen[-1])
    keep = set(chosen)
    return [
        el
        for el in parent[first : last + 1]
        if el in keep
        or (isinstance(el.tag, str) and el.find(".//a") is None and (el.tag == "img" or el.find(".//img") is not None))
    ]
