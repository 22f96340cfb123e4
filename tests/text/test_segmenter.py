"""The one-pass segmentation gives jieba's own dictionary-only words and scores, ties and odd runs included."""

from __future__ import annotations

import io
from math import log
from typing import Any

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.text.segmenter import best_route, cut


def small_tokenizer(lines: str, total: int | None = None) -> Any:
    """A jieba tokenizer over a dictionary of a few words (no table cache, no bundled dictionary)."""
    segmenter = jieba.Tokenizer()
    segmenter.FREQ, segmenter.total = segmenter.gen_pfdict(io.BytesIO(lines.encode("utf-8")))
    segmenter.total = total or segmenter.total
    segmenter.initialized = True
    return segmenter


# Every word has frequency 1 and the total is set to 1: each word scores log(1) - log(1) = 0, so every route
# of a text ties with every other, and only the tie-break (the longer word) decides.
TIED = small_tokenizer("经开 1\n经开区 1\n开区 1\n区管 1\n管委会 1\n委会 1\nab 1\n", total=1)
# Frequencies that make the longest word lose to two shorter ones.
WEIGHTED = small_tokenizer("高新 500\n高新区 2\n新区 300\n区 800\n高 40\n新 60\n园区 90\n工业园 70\n工业 600\n")
ALPHABET = "经开区管委会高新工业园ab12 \r\n，。-_.#%&+"


def jieba_route(segmenter: Any, text: str) -> tuple[list[float], list[int]]:
    route: dict[int, tuple[float, int]] = {}
    segmenter.calc(text, segmenter.get_DAG(text), route)
    return [route[i][0] for i in range(len(text) + 1)], [route[i][1] for i in range(len(text))]


def test_ties_go_to_the_longer_word_as_in_jieba() -> None:
    text = "经开区管委会"
    assert list(cut(TIED, text)) == list(TIED.cut(text, HMM=False)) == ["经开区", "管委会"]


def test_single_letters_and_digits_are_joined_and_separators_kept_as_in_jieba() -> None:
    text = "高新区2023年 a1b\r\n工业园区，AB-1.5%"
    words = list(cut(WEIGHTED, text))
    assert words == list(WEIGHTED.cut(text, HMM=False))
    assert "2023" in words and "\r\n" in words


def test_a_frequent_pair_beats_a_rare_whole_word_as_in_jieba() -> None:
    assert list(cut(WEIGHTED, "高新区")) == list(WEIGHTED.cut("高新区", HMM=False)) == ["高新", "区"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_text_segments_and_scores_exactly_as_jieba(text: str) -> None:
    for segmenter in (TIED, WEIGHTED):
        assert list(cut(segmenter, text)) == list(segmenter.cut(text, HMM=False))
        for run in text.split():
            score, last = best_route(run, segmenter.FREQ, log(segmenter.total))
            assert (score, last) == jieba_route(segmenter, run)
