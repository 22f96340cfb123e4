"""Keywords: jieba TF-IDF over the article, with a domain dictionary built from the project's own tables.

The dictionary (title heads, government bodies, place names, zone names and suffixes) is generated at first
use from data/ — never typed per article — so 句容经开区 and 市发改委 stay one token instead of 句容/经开/区.
The tokenizer is a private ``jieba.Tokenizer`` (jieba's global one is left alone), loaded once per process on
first use, with its cache file in a writable cache directory. Paddle mode is never enabled.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import tempfile
import warnings
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from crawler.entities.lexicon import HAN, word_freq, word_list
from crawler.entities.organizations import body_words
from crawler.entities.persons import title_roles
from crawler.entities.places import place_words
from crawler.entities.zones import zone_words

TOP_K = 10
# Keywords come from the title and the lead: news puts its subject first, and segmentation is the costliest
# step of the entity layer, so a long report is not segmented to its last line.
KEYWORD_TEXT_LIMIT = 1500
CACHE_ENV = "DEVZONE_CACHE_DIR"
# Frequency given to a domain word jieba does not know well: enough to keep it whole.
DOMAIN_FREQ = 2000
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


def cache_dir() -> Path:
    """Where jieba keeps its prefix-dictionary cache: $DEVZONE_CACHE_DIR, else the system temp dir."""
    path = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "devzone-news")
    path.mkdir(parents=True, exist_ok=True)
    return path


def domain_words() -> Iterable[str]:
    yield from title_roles()
    yield from ZONE_BODIES
    for level in "省市区县":
        yield from (level + title for title in LEVEL_TITLES)
    yield from body_words()
    yield from place_words()
    yield from zone_words()


@cache
def _extractor() -> Any:
    import jieba

    with warnings.catch_warnings():
        # jieba reads its IDF table with open(...).read() and never closes the file.
        warnings.simplefilter("ignore", ResourceWarning)
        import jieba.analyse

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.initialize()
    for word in set(domain_words()):
        if len(word) > 1:
            tokenizer.add_word(word, freq=max(word_freq(word), DOMAIN_FREQ))
    # A copy of jieba's default extractor shares its IDF table (loading another costs 0.7 s) but not its tokenizer.
    tfidf = copy.copy(jieba.analyse.default_tfidf)
    tfidf.tokenizer = tokenizer
    return tfidf


def extract_keywords(title: str, body: str, top_k: int = TOP_K) -> list[str]:
    """The article's top TF-IDF words (the title counted twice, since it states the subject)."""
    tags = _extractor().extract_tags(f"{title}\n{title}\n{body[:KEYWORD_TEXT_LIMIT]}", topK=top_k * 2)
    return [t for t in tags if KEYWORD.match(t) and t not in GENRE_STOPWORDS][:top_k]
