"""Keywords: TF-IDF over jieba's segmentation, with a domain dictionary built from the project's own tables.

The dictionary (title heads, government bodies, place names, zone names and suffixes) is generated from
data/ — never typed per article — so 句容经开区 and 市发改委 stay one token instead of 句容/经开/区. It is
merged with jieba's bundled dictionary, and the tokenizer's prefix table is kept in the table cache
(``crawler.text.segmenter``), so every later process loads it in a fraction of a second. The tokenizer is a
private ``jieba.Tokenizer`` (jieba's global one is left alone); the IDF weights are jieba's, read once and cached.
``jieba.analyse`` is not imported: it loads the part-of-speech tagger too, which keywords do not need.
Paddle mode is never enabled.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from operator import itemgetter
from typing import Any

from crawler.entities.bodies import body_words
from crawler.entities.lexicon import HAN, jieba_word_table, read_words, word_list
from crawler.entities.persons import title_roles
from crawler.entities.places import place_words
from crawler.entities.zones import zone_words
from crawler.tablecache import cached_table
from crawler.text.segmenter import cut, jieba_file, tokenizer

TOP_K = 10
# Keywords come from the title and the lead: news puts its subject first, and segmentation is the costliest
# step of the entity layer, so a long report is not segmented to its last line.
KEYWORD_TEXT_LIMIT = 600
# Frequency given to a domain word jieba does not know well: enough to keep it whole.
DOMAIN_FREQ = 2000
# A dictionary word this frequent across a keyword's edge makes the keyword a fragment (特新 in 专精特新).
FRAGMENT_FREQ = 100
# A keyword is a word of at least two characters with a Han character in it (no numbers, no stray pinyin).
KEYWORD = re.compile(rf"^(?=.*[{HAN}]).{{2,}}$")
# Frequent in every article of this genre, so never a useful keyword.
GENRE_STOPWORDS = frozenset(
    word_list(
        "工作 进一步 全面 推动 推进 加快 加强 坚持 实现 提升 一批 "
        "同时 相关 要求 强调 指出 发展 建设 全市 全区 全县 网讯"
    )
)


# Zone administrations and the titles built on level bodies, kept whole (党工委书记, not 园党/工委).
ZONE_BODIES = word_list("党工委 管委会 党工委书记 党工委副书记 管委会主任 管委会副主任")
LEVEL_TITLES = word_list("委书记 委副书记 委常委 长 副长")


def domain_words() -> Iterable[str]:
    yield from read_words("domain_terms.txt")
    yield from title_roles()
    yield from ZONE_BODIES
    for level in "省市区县":
        yield from (level + title for title in LEVEL_TITLES)
    yield from body_words()
    yield from place_words()
    yield from zone_words()


def merged_dictionary(domain: list[str]) -> bytes:
    """jieba's dictionary with the domain words added (a domain word keeps at least DOMAIN_FREQ)."""
    table = dict(jieba_word_table())
    for word in domain:
        freq, tag = table.get(word, (0, ""))
        table[word] = (max(freq, DOMAIN_FREQ), tag or "nz")
    return "".join(f"{w} {f} {t}\n" for w, (f, t) in table.items()).encode("utf-8")


@cache
def _tokenizer() -> Any:
    """The keyword tokenizer; its cached prefix table is named by a digest of the domain words and their
    frequency, so a change of either rebuilds it."""
    domain = sorted(w for w in set(domain_words()) if len(w) > 1)
    digest = hashlib.sha1("\n".join([str(DOMAIN_FREQ), *domain]).encode("utf-8")).hexdigest()[:16]
    return tokenizer("jieba-prefix-domain", lambda: merged_dictionary(domain), key=digest)


@cache
def idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF weights and their median (the weight of a word jieba has no IDF for), cached together:
    sorting 270,000 weights cost every process 0.05 s."""
    source = jieba_file("analyse/idf.txt")

    def build() -> tuple[dict[str, float], float]:
        with source.open(encoding="utf-8") as fh:
            idf = {word: float(idf) for word, idf in (line.split(" ") for line in fh if line.strip())}
        return idf, sorted(idf.values())[len(idf) // 2]

    idf, median = cached_table("jieba-idf", source, build, key="withmedian")
    return idf, median


def tfidf(text: str, names: Iterable[str] = ()) -> list[tuple[str, float]]:
    """Words of two or more characters by TF-IDF weight, highest first (ties in order of appearance).

    Segmentation uses the dictionaries only (no HMM): jieba's HMM guesses new words from character statistics
    and produces fragments such as 办场, 园党 or 抓三促. Names the entity layer found in the text (persons, which
    no dictionary holds) are counted as words of their own."""
    idf, median = idf_table()
    counts: dict[str, int] = {}
    for word in cut(_tokenizer(), text):
        if len(word.strip()) >= 2:
            counts[word] = counts.get(word, 0) + 1
    for name in names:
        if name in text:
            counts[name] = counts.get(name, 0) + text.count(name)
    total = sum(counts.values()) or 1
    return sorted(((w, c * idf.get(w, median) / total) for w, c in counts.items()), key=itemgetter(1), reverse=True)


def cuts_a_word(text: str, word: str) -> bool:
    """Every occurrence of ``word`` starts or ends inside a longer dictionary word (特新 in 专精特新 when jieba
    knows 专精特新): the word is a fragment there, not a word of the text."""
    table = jieba_word_table()
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        straddles = any(
            text[a:b] in table and table[text[a:b]][0] >= FRAGMENT_FREQ
            for a, b in (
                *((start - i, start + j) for i in (1, 2) for j in (1, 2)),
                *((end - j, end + i) for i in (1, 2) for j in (1, 2)),
            )
            if a >= 0 and b <= len(text)
        )
        if not straddles:
            return False
        start = text.find(word, start + 1)
    return True


def extract_keywords(title: str, body: str, names: Iterable[str] = (), top_k: int = TOP_K) -> list[str]:
    """The article's top TF-IDF words (the title counted twice, since it states the subject); ``names`` are
    entity names found in the article (persons), which segmentation alone would cut apart."""
    text = f"{title}\n{title}\n{body[:KEYWORD_TEXT_LIMIT]}"
    keywords: list[str] = []
    for word, _weight in tfidf(text, names):
        if KEYWORD.match(word) and word not in GENRE_STOPWORDS and not cuts_a_word(text, word):
            keywords.append(word)
            if len(keywords) == top_k:
                break
    return keywords
