"""jieba's dictionaries packed into one table each and kept in the project's table cache, and jieba's
dictionary-only segmentation in one pass.

jieba keeps its own cache of a dictionary's prefix table, but reads it with ``marshal.load()`` on a file
object: 0.45 s for the bundled dictionary and 0.6 s with the domain words, in every process, and the
entity layer needs a word -> (frequency, tag) table beside it. jieba still builds the prefix table
(``Tokenizer.gen_pfdict``), once; ``Dictionary`` packs both tables into one, which ``crawler.tablecache``
loads in a fraction of that.

``cut`` gives exactly the words of ``Tokenizer.cut(text, HMM=False)`` at about twice its speed: jieba builds
the graph of dictionary words (``get_DAG``), then scores it in a second pass with a generator per character
(``calc``); here each position is scored as its words are found, right to left, in one loop.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import threading
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from math import log
from pathlib import Path
from typing import Any

from crawler import rx
from crawler.tablecache import cached_table

_IMPORT_LOCK = threading.Lock()


def _jieba() -> Any:
    """jieba, imported without pkg_resources when nothing has loaded it yet. jieba imports it only to open
    its bundled dictionary, which the project reads by path, and falls back to ``open()`` when the import
    fails; importing pkg_resources costs ~0.09 s per process and is deprecated by setuptools. (Another
    thread importing pkg_resources during this import would fail; the crawler and the CLI are single-threaded.)"""
    with _IMPORT_LOCK:
        if "jieba" in sys.modules or "pkg_resources" in sys.modules:
            import jieba
        else:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
            try:
                import jieba
            finally:
                if sys.modules.get("pkg_resources", 0) is None:
                    del sys.modules["pkg_resources"]
    return jieba


def jieba_file(name: str) -> Path:
    """A data file bundled with jieba (``dict.txt``, ``analyse/idf.txt``), found without importing jieba:
    a process whose tables come from the cache never needs jieba's code (its import, HMM tables included,
    costs 0.03 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).parent / name


# A word's code: frequency << FREQ_SHIFT | weight index << WEIGHT_SHIFT | tag index << 1 | BOOSTED.
FREQ_SHIFT = 19
WEIGHT_SHIFT, WEIGHT_MASK = 7, 0xFFF
TAG_MASK = 0x3F
BOOSTED = 1
TABLE_FORMAT = "codes3"  # part of the cached tables' names: a change of the code layout rebuilds them


@dataclass(frozen=True)
class Dictionary:
    """jieba's dictionary packed into one dict that serves segmentation and word lookups alike.

    ``codes`` holds every word and every prefix of a word (jieba's prefix table: the scan for longer words
    stops at the first string that is in no word), each as one int: jieba's frequency, its tag's index in
    ``tags``, BOOSTED when the word segments with another frequency than jieba's (a domain word, found in
    ``boosted``), and the index of its weight in ``weights`` (jieba's IDF, 0 for none; a few thousand
    distinct values serve 270k words). A prefix that is no word has no frequency; a word only the domain
    list or the IDF file has is there with frequency 0, so ``frequency`` and ``tag`` answer as jieba's own
    dictionary does. One table instead of a prefix table, a word table and an IDF table: 0.66 s of loading
    became 0.2 s."""

    codes: dict[str, int]
    boosted: dict[str, int]
    total: int  # the sum of the segmentation frequencies (jieba's ``total``)
    tags: tuple[str, ...]
    weights: tuple[float, ...] = (0.0,)
    # fragment -> its term in a route's score (log(frequency) - log(total)), None for a prefix that is no
    # word, NOT_IN_TABLE: filled as ``best_route`` meets fragments, emptied when it reaches SCORES_KEPT
    scores: dict[str, float | bool | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    def frequency(self, word: str) -> int:
        """jieba's frequency of ``word``; 0 when jieba does not list it."""
        return self.codes.get(word, 0) >> FREQ_SHIFT

    def tag(self, word: str) -> str:
        """jieba's part-of-speech tag of ``word``; empty when jieba does not list it."""
        code = self.codes.get(word, 0)
        return self.tags[code >> 1 & TAG_MASK] if code >> FREQ_SHIFT else ""

    def weight(self, word: str, default: float) -> float:
        """The weight packed for ``word`` (jieba's IDF), ``default`` when it has none."""
        index = self.codes.get(word, 0) >> WEIGHT_SHIFT & WEIGHT_MASK
        return self.weights[index] if index else default

    def parts(self) -> tuple[Any, ...]:
        """The fields as plain values for the table cache, the words as one string and the codes as one
        array of 64-bit ints: ``from_parts`` builds the dict from them in four fifths of the time
        unmarshalling the dict itself takes (a word holds no line break: jieba reads its files by lines)."""
        words = "\n".join(self.codes)
        if len(self.codes) != words.count("\n") + 1:
            raise ValueError("a word with a line break cannot be packed")
        return words, array("q", self.codes.values()).tobytes(), self.boosted, self.total, self.tags, self.weights

    @classmethod
    def from_parts(cls, words: str, codes: bytes, *fields: Any) -> Dictionary:
        return cls(dict(zip(words.split("\n"), memoryview(codes).cast("q"), strict=True)), *fields)


def read_jieba_words(path: Path) -> dict[str, tuple[int, str]]:
    """A dictionary file in jieba's format (``word freq [tag]`` lines) as word -> (frequency, tag)."""
    table: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                table[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return table


def pack(
    words: dict[str, tuple[int, str]],
    boost: dict[str, int] | None = None,
    text: bytes = b"",
    weights: dict[str, float] | None = None,
) -> Dictionary:
    """``words`` (jieba's entries) with ``boost`` (word -> the frequency it segments with, for words added
    or reweighted) and ``weights`` (word -> IDF), in one table. jieba builds the prefix table itself
    (``Tokenizer.gen_pfdict``) from one line per word, or from ``text``, the dictionary file ``words`` was
    read from, exactly as jieba reads its own (its total then counts the few words the file lists twice twice)."""
    if text and boost:
        raise ValueError("a dictionary file is packed as jieba reads it, without boosts")
    frequencies = {word: freq for word, (freq, _) in words.items()} | (boost or {})
    lines = text or "".join(f"{word} {freq}\n" for word, freq in frequencies.items()).encode("utf-8")
    prefixes, total = _jieba().Tokenizer().gen_pfdict(io.BytesIO(lines))
    tags = tuple(sorted({tag for _, tag in words.values()}))
    if len(tags) > TAG_MASK + 1:
        raise ValueError(f"{len(tags)} part-of-speech tags do not fit in a code")
    index = {tag: i for i, tag in enumerate(tags)}
    codes: dict[str, int] = {}
    boosted: dict[str, int] = {}
    for word, freq in prefixes.items():
        entry = words.get(word)
        code = 0 if entry is None else entry[0] << FREQ_SHIFT | index[entry[1]] << 1
        if freq and (entry is None or freq != entry[0]):
            code |= BOOSTED
            boosted[word] = freq
        codes[word] = code
    weights = weights or {}
    values = sorted(set(weights.values()))
    if len(values) > WEIGHT_MASK:
        raise ValueError(f"{len(values)} distinct weights do not fit in a code")
    slot = {value: i for i, value in enumerate(values, 1)}
    for word, value in weights.items():
        codes[word] = codes.get(word, 0) | slot[value] << WEIGHT_SHIFT
    return Dictionary(codes, boosted, total, tags, (0.0, *values))


@cache
def bundled_dictionary() -> Dictionary:
    """jieba's bundled dictionary alone (no domain words), from the table cache."""
    source = jieba_file("dict.txt")

    def build() -> tuple[Any, ...]:
        return pack(read_jieba_words(source), text=source.read_bytes()).parts()

    return Dictionary.from_parts(*cached_table("jieba-bundled", source, build, key=TABLE_FORMAT))


# jieba's own definitions (jieba/__init__.py): the runs it segments, the separators it keeps, and the
# single Latin letters and digits it joins back into one token.
SEGMENTED_RUN = rx.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
SEPARATOR = rx.compile(r"(\r\n|\s)")
ALNUM = rx.compile("[a-zA-Z0-9]")


NOT_IN_TABLE = False  # a fragment no word starts with: the scan for longer words stops
UNSEEN = object()
SCORES_KEPT = 100_000  # fragments remembered per dictionary (~15 MB; a page brings ~300 new ones, most reused)


def _fragment_score(dictionary: Dictionary, fragment: str) -> float | bool | None:
    """``fragment``'s term in a route's score, computed as jieba does (``log(freq) - logtotal``), and kept."""
    code = dictionary.codes.get(fragment)
    if code is None:
        term: float | bool | None = NOT_IN_TABLE
    else:
        freq = dictionary.boosted[fragment] if code & BOOSTED else code >> FREQ_SHIFT
        term = log(freq) - log(dictionary.total) if freq else None
    scores = dictionary.scores
    if len(scores) >= SCORES_KEPT:
        scores.clear()
    scores[fragment] = term
    return term


def best_route(run: str, dictionary: Dictionary) -> tuple[list[float], list[int]]:
    """For each position of ``run``: the log-probability of the best segmentation of the rest, and where
    the first word of that segmentation ends (inclusive). The same floating-point operations as jieba's
    ``calc`` over ``get_DAG``, so scores and ties come out identical (a tie goes to the longer word): a
    word's term ``log(freq) - logtotal`` is computed once per process and added to the rest's score as
    jieba adds it."""
    alone = log(1) - log(dictionary.total)  # an unknown character scores as a word of frequency 1 (``or 1``)
    known = dictionary.scores.get
    n = len(run)
    score = [0.0] * (n + 1)
    last = [0] * n
    for k in range(n - 1, -1, -1):
        best, end = None, k
        j = k + 1
        frag = run[k]
        while True:  # every prefix of a word is in the table (term None when it is no word)
            term = known(frag, UNSEEN)
            if term is UNSEEN:
                term = _fragment_score(dictionary, frag)
            if term is NOT_IN_TABLE:
                break
            if term is not None:
                candidate = term + score[j]
                if best is None or candidate >= best:
                    best, end = candidate, j - 1
            if j == n:
                break
            j += 1
            frag = run[k:j]
        score[k] = alone + score[k + 1] if best is None else best
        last[k] = end
    return score, last


def _route_words(run: str, dictionary: Dictionary) -> Iterator[str]:
    _, last = best_route(run, dictionary)
    x, joined = 0, ""
    while x < len(run):
        y = last[x] + 1
        word = run[x:y]
        if y - x == 1 and ALNUM.match(word):
            joined += word
        else:
            if joined:
                yield joined
                joined = ""
            yield word
        x = y
    if joined:
        yield joined


def cut(dictionary: Dictionary, text: str) -> Iterator[str]:
    """The words of jieba's ``Tokenizer.cut(text, HMM=False)`` over the same dictionary, in the same order."""
    for block in SEGMENTED_RUN.split(text):
        if not block:
            continue
        if SEGMENTED_RUN.match(block):
            yield from _route_words(block, dictionary)
        else:
            for piece in SEPARATOR.split(block):
                if SEPARATOR.match(piece):
                    yield piece
                else:
                    yield from piece
