"""Keywords: TF-IDF over jieba's segmentation, with a domain dictionary built from the project's own tables.

The domain words (title heads, government bodies, place names, zone names and suffixes) are generated from
data/ — never typed per article — so 句容经开区 and 市发改委 stay one token instead of 句容/经开/区. They are
merged with jieba's bundled dictionary into the entity layer's word table (``lexicon.word_table``, kept in
the table cache with jieba's IDF weights), and segmented with jieba's dictionary-only algorithm
(``crawler.text.segmenter.cut``). ``jieba.analyse`` is not imported: it loads the part-of-speech tagger too,
which keywords do not need; jieba's global tokenizer is never initialised, and paddle mode never enabled.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter

from crawler import rx
from crawler.entities.bodies import body_words
from crawler.entities.lexicon import HAN, read_words, word_freq, word_list, word_table
from crawler.entities.persons import title_roles
from crawler.entities.places import place_words
from crawler.entities.zones import zone_words
from crawler.text.segmenter import cut

TOP_K = 10
# Keywords come from the title and the lead: news puts its subject first, and segmentation is the costliest
# step of the entity layer, so a long report is not segmented to its last line.
KEYWORD_TEXT_LIMIT = 600
# Frequency given to a domain word jieba does not know well: enough to keep it whole.
DOMAIN_FREQ = 2000
# A dictionary word this frequent across a keyword's edge makes the keyword a fragment (特新 in 专精特新).
FRAGMENT_FREQ = 100
# A keyword is a word of at least two characters with a Han character in it (no numbers, no stray pinyin).
KEYWORD = rx.compile(rf"^(?=.*[{HAN}]).{{2,}}$")
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


def tfidf(text: str, names: Iterable[str] = ()) -> list[tuple[str, float]]:
    """Words of two or more characters by TF-IDF weight, highest first (ties in order of appearance).

    Segmentation uses the dictionaries only (no HMM): jieba's HMM guesses new words from character statistics
    and produces fragments such as 办场, 园党 or 抓三促. Names the entity layer found in the text (persons, which
    no dictionary holds) are counted as words of their own."""
    table = word_table()
    idf = table.idf
    counts: dict[str, int] = {}
    for word in cut(table.dictionary, text):
        if len(word.strip()) >= 2:
            counts[word] = counts.get(word, 0) + 1
    for name in names:
        if name in text:
            counts[name] = counts.get(name, 0) + text.count(name)
    total = sum(counts.values()) or 1
    return sorted(((w, c * idf(w) / total) for w, c in counts.items()), key=itemgetter(1), reverse=True)


def cuts_a_word(text: str, word: str) -> bool:
    """Every occurrence of ``word`` starts or ends inside a longer dictionary word (特新 in 专精特新 when jieba
    knows 专精特新): the word is a fragment there, not a word of the text."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        straddles = any(
            word_freq(text[a:b]) >= FRAGMENT_FREQ
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
