"""The packed dictionary is jieba's, and the one-pass segmentation gives jieba's own dictionary-only words and
scores, ties, boosted words and odd runs included."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.text import segmenter
from crawler.text.segmenter import BOOSTED, FREQ_SHIFT, Dictionary, best_route, cut, pack


def segmentation_frequencies(dictionary: Dictionary) -> dict[str, int]:
    """The table as jieba's prefix table holds it: word or prefix -> the frequency it segments with."""
    boosted, shift = dictionary.boosted, FREQ_SHIFT
    return {w: boosted[w] if code & BOOSTED else code >> shift for w, code in dictionary.codes.items()}


def jieba_tokenizer(words: dict[str, tuple[int, str]], boost: dict[str, int] | None = None) -> Any:
    """jieba's own tokenizer over the same entries (the reference)."""
    merged = {w: f for w, (f, _) in words.items()} | (boost or {})
    segmenter = jieba.Tokenizer()
    lines = "".join(f"{w} {f}\n" for w, f in merged.items()).encode("utf-8")
    segmenter.FREQ, segmenter.total = segmenter.gen_pfdict(io.BytesIO(lines))
    segmenter.initialized = True
    return segmenter


def pair(
    words: dict[str, tuple[int, str]],
    boost: dict[str, int] | None = None,
    total: int = 0,
    weights: dict[str, float] | None = None,
) -> tuple[Any, Dictionary]:
    reference, ours = jieba_tokenizer(words, boost), pack(words, boost, weights=weights)
    if total:
        reference.total, ours = total, dataclasses.replace(ours, total=total)
    return reference, ours


def entries(spaced: str, tag: str = "n") -> dict[str, tuple[int, str]]:
    return {word: (int(freq), tag) for word, freq in (item.split(":") for item in spaced.split())}


# Every word has frequency 1 and the total is set to 1: each word scores log(1) - log(1) = 0, so every route
# of a text ties with every other, and only the tie-break (the longer word) decides.
TIED = pair(entries("经开:1 经开区:1 开区:1 区管:1 管委会:1 委会:1 ab:1"), total=1)
# Frequencies that make the longest word lose to two shorter ones.
WEIGHTED = pair(entries("高新:500 高新区:2 新区:300 区:800 高:40 新:60 园区:90 工业园:70 工业:600"))
# Domain words: one jieba does not list, one it lists with a low frequency.
BOOSTED_WORDS = pair(
    entries("平凉:300 工业园区:800 园区:3 工业:600 开发:700 开发区:50"), {"平凉工业园区": 2000, "开发区": 2000}
)
# IDF weights packed into the same codes: for words, for a prefix that is no word (平凉工), for words only the
# IDF file has (管委会, 平凉发), and values shared by several words.
IDF = {"平凉": 7.5, "开发区": 3.25, "平凉工": 7.5, "管委会": 9.0, "平凉发": 0.1, "工业": 3.25}
WEIGHTED_WORDS = pair(
    entries("平凉:300 工业园区:800 园区:3 工业:600 开发:700 开发区:50"),
    {"平凉工业园区": 2000, "开发区": 2000},
    weights=IDF,
)
ALPHABET = "经开区管委会高新工业园平凉发ab12 \r\n，。-_.#%&+"


def jieba_route(segmenter: Any, text: str) -> tuple[list[float], list[int]]:
    route: dict[int, tuple[float, int]] = {}
    segmenter.calc(text, segmenter.get_DAG(text), route)
    return [route[i][0] for i in range(len(text) + 1)], [route[i][1] for i in range(len(text))]


def test_the_packed_table_is_jiebas_prefix_table_and_answers_lookups_as_jiebas_dictionary() -> None:
    reference, ours = BOOSTED_WORDS
    assert segmentation_frequencies(ours) == reference.FREQ and ours.total == reference.total
    assert "平凉工业园" in ours.codes, "prefixes are in the table"
    assert (ours.frequency("平凉工业园区"), ours.tag("平凉工业园区")) == (0, ""), "a domain word jieba does not list"
    assert (ours.frequency("开发区"), ours.tag("开发区")) == (50, "n"), "jieba's own figure, not the boost"
    assert (ours.frequency("平凉工"), ours.tag("平凉工")) == (0, ""), "a prefix is no word"
    assert (ours.frequency("平凉"), ours.tag("平凉")) == (300, "n")


def test_weights_share_the_codes_and_change_no_lookup_and_no_segmentation() -> None:
    (_, plain), (_, weighted) = BOOSTED_WORDS, WEIGHTED_WORDS
    assert {word: weighted.weight(word, -1.0) for word in IDF} == IDF
    assert weighted.weight("园区", -1.0) == -1.0 and weighted.weight("不在", 2.5) == 2.5, "no weight: the default"
    for word in [*plain.codes, *IDF]:
        assert (weighted.frequency(word), weighted.tag(word)) == (plain.frequency(word), plain.tag(word))
    assert list(cut(weighted, "平凉发管委会平凉工业园区开发区")) == list(cut(plain, "平凉发管委会平凉工业园区开发区"))


def cut_as_jieba(dictionaries: tuple[Any, Dictionary], text: str) -> list[str]:
    """Our words of ``text``, once they are checked to be jieba's own."""
    reference, ours = dictionaries
    words = list(cut(ours, text))
    assert words == list(reference.cut(text, HMM=False))
    return words


def test_ties_go_to_the_longer_word_as_in_jieba() -> None:
    assert cut_as_jieba(TIED, "经开区管委会") == ["经开区", "管委会"]


def test_single_letters_and_digits_are_joined_and_separators_kept_as_in_jieba() -> None:
    words = cut_as_jieba(WEIGHTED, "高新区2023年 a1b\r\n工业园区，AB-1.5%")
    assert "2023" in words and "\r\n" in words


def test_a_frequent_pair_beats_a_rare_whole_word_as_in_jieba() -> None:
    assert cut_as_jieba(WEIGHTED, "高新区") == ["高新", "区"]


def test_boosted_words_segment_with_their_boost_as_in_jieba() -> None:
    assert cut_as_jieba(BOOSTED_WORDS, "平凉工业园区开发区") == ["平凉工业园区", "开发区"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_text_segments_and_scores_exactly_as_jieba(text: str) -> None:
    for dictionaries in (TIED, WEIGHTED, BOOSTED_WORDS, WEIGHTED_WORDS):
        cut_as_jieba(dictionaries, text)
        reference, ours = dictionaries
        for run in text.split():
            assert best_route(run, ours) == jieba_route(reference, run)


def test_remembered_fragment_scores_stay_bounded_and_change_no_route(monkeypatch: Any) -> None:
    reference, ours = WEIGHTED
    fresh = dataclasses.replace(ours)  # its own, empty memory of fragments
    monkeypatch.setattr(segmenter, "SCORES_KEPT", 5)
    for text in ("高新区工业园", "园区高新工业", "新区高工业园区"):
        assert best_route(text, fresh) == jieba_route(reference, text)
        assert len(fresh.scores) <= 5
