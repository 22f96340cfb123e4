"""Shared machinery for the entity extractors: data-file reading, trie regexes over word lists, jieba's table.

Every extractor matches against lists of thousands of names (divisions, zones, titles). A plain ``a|b|c``
alternation makes Python's regex engine try each branch at each position; a regex shaped like a trie
branches on one character at a time, which keeps matching at regex speed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from crawler import rx
from crawler.tablecache import cached_table
from crawler.text.segmenter import TABLE_FORMAT, Dictionary, jieba_file, pack, read_jieba_words

DATA = Path(__file__).with_name("data")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = rx.compile(f"[{HAN}]")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def word_list(spaced: str) -> tuple[str, ...]:
    """A table of words written on one line, separated by spaces (keeps long phrase lists readable)."""
    return tuple(spaced.split())


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated data file; lines starting with ``#`` are its header and provenance."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def write_tsv(path: Path, header: Iterable[str], rows: Iterable[list[str]]) -> int:
    """Write a data file in the format ``read_tsv`` reads: ``#`` header lines, then tab-separated rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.writelines(f"# {line}\n" for line in header)
        for row in rows:
            fh.write("\t".join(row) + "\n")
            count += 1
    return count


def read_words(name: str) -> tuple[str, ...]:
    """A one-word-per-line list from data/ (``#`` comments and blank lines ignored)."""
    return tuple(row[0] for row in read_tsv(DATA / name))


def _trie_pattern(words: list[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


def trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``words``, longest alternative first at each position."""
    unique = sorted({w for w in words if w})
    if not unique:
        return rx.compile(r"(?!)")
    return rx.compile(_trie_pattern(unique))


def anchored_windows(anchors: re.Pattern[str], text: str, before: int, after: int) -> list[tuple[int, int]]:
    """Merged spans around every match of ``anchors`` (a unit such as % or 元 that every match of a costlier
    pattern must contain): the costly pattern then runs over these spans only, not over the whole text."""
    spans: list[tuple[int, int]] = []
    for m in anchors.finditer(text):
        lo, hi = max(0, m.start() - before), min(len(text), m.end() + after)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


class LongestMatch:
    """Leftmost-longest matching of a large word list by dictionary lookups.

    For thousands of names this is about 5x faster than even a trie-shaped regex, because Python's regex
    engine tries the branches of an alternation one after another.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        lengths: dict[str, set[int]] = {}
        for word in self.words:
            lengths.setdefault(word[0], set()).add(len(word))
        self.lengths = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}
        # The regex engine skips, in C, every character no word starts with.
        self.starts = rx.compile("[" + "".join(re.escape(ch) for ch in sorted(self.lengths)) + "]")

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        words, lengths, pos = self.words, self.lengths, 0
        for m in self.starts.finditer(text):
            i = m.start()
            if i < pos:
                continue
            for length in lengths[text[i]]:
                if text[i : i + length] in words:
                    yield i, i + length, text[i : i + length]
                    pos = i + length
                    break


class WordTable(NamedTuple):
    """jieba's dictionary with the domain words (segmentation and word lookups) and jieba's IDF weights."""

    dictionary: Dictionary
    idf_median: float  # the weight of a word jieba has no IDF for

    def idf(self, word: str) -> float:
        return self.dictionary.weight(word, self.idf_median)


@cache
def word_table() -> WordTable:
    """The table every extractor and the keywords consult, from the table cache: one file, one dict.

    Its name carries a digest of the domain words and their frequency, and the IDF file's stamp, so a
    change of any rebuilds it. The domain words come from the extractors' own tables, and the extractors
    consult this table: hence the import here, at first use, not at the top."""
    from crawler.entities.keywords import DOMAIN_FREQ, domain_words

    source, idf_source = jieba_file("dict.txt"), jieba_file("analyse/idf.txt")
    domain = sorted(w for w in set(domain_words()) if len(w) > 1)
    stat = idf_source.stat()
    digest = hashlib.sha1("\n".join([str(DOMAIN_FREQ), *domain]).encode("utf-8")).hexdigest()[:16]

    def build() -> tuple[Any, ...]:
        words = read_jieba_words(source)
        boost = {word: max(words.get(word, (0, ""))[0], DOMAIN_FREQ) for word in domain}
        with idf_source.open(encoding="utf-8") as fh:
            idf = {word: float(idf) for word, idf in (line.split(" ") for line in fh if line.strip())}
        return (*pack(words, boost, weights=idf).parts(), sorted(idf.values())[len(idf) // 2])

    key = f"{digest}-{stat.st_size}-{stat.st_mtime_ns}-{TABLE_FORMAT}"
    *parts, median = cached_table("jieba-words", source, build, key=key)
    return WordTable(Dictionary.from_parts(*parts), median)


MAX_WORD_LENGTH = 6
MAX_SPLIT_WORD = 4


def words_from_right(run: str) -> Iterator[str]:
    """The words of ``run`` from its end, by reverse maximum matching on jieba's dictionary (an unknown
    character is a word of its own). Cheap enough to run on every candidate name, unlike a full segmenter;
    a generator, since a name is usually read back only a word or two."""
    dictionary = word_table().dictionary
    end = len(run)
    while end > 0:
        for length in range(min(MAX_WORD_LENGTH, end), 0, -1):
            word = run[end - length : end]
            if length == 1 or dictionary.frequency(word):
                yield word
                end -= length
                break


def dictionary_words(stem: str) -> list[str] | None:
    """Greedy longest-first split of ``stem`` into jieba words of 2+ characters; None if a part is unknown."""
    words, i = [], 0
    while i < len(stem):
        for length in range(min(MAX_SPLIT_WORD, len(stem) - i), 1, -1):
            word = stem[i : i + length]
            if word_freq(word) > 0:
                words.append(word)
                i += length
                break
        else:
            return None
    return words


def word_freq(word: str) -> int:
    """jieba's frequency of ``word`` (0: not a word jieba lists; domain words keep jieba's figure)."""
    return word_table().dictionary.frequency(word)


def word_tag(word: str) -> str:
    return word_table().dictionary.tag(word)
