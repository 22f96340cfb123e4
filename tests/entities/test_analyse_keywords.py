from __future__ import annotations

from pathlib import Path

from crawler import entities
from crawler.entities import ENTITY_TYPES, analyse
from crawler.entities.keywords import cuts_a_word, extract_keywords
from tests.entities.seeds import seed_text


def test_analysis_has_every_entity_type() -> None:
    analysis = analyse(*seed_text("seed_003"))
    assert tuple(analysis.entities) == ENTITY_TYPES
    assert all(isinstance(items, list) and items for items in analysis.entities.values())


def test_empty_text_gives_empty_analysis() -> None:
    analysis = analyse("", "")
    assert analysis.region is None and analysis.keywords == []
    assert all(items == [] for items in analysis.entities.values())


def test_keywords_keep_domain_words_whole() -> None:
    keywords = extract_keywords(*seed_text("seed_004"))
    assert "平凉工业园区" in keywords
    assert all(len(k) > 1 and not k.isascii() for k in keywords)


def test_keywords_ignore_pinyin_left_in_the_text() -> None:
    keywords = extract_keywords("座谈会(huì)", "市委书记易先荣主持召开部分乡(xiāng)镇(zhèn)办场(chǎng)园座谈会(huì)")
    assert keywords and all(not k.isascii() for k in keywords)


def test_paddle_mode_is_never_enabled() -> None:
    from jieba import _compat

    extract_keywords(*seed_text("seed_000"))
    assert _compat.check_paddle_install["is_paddle_installed"] is False
    source = "".join(p.read_text(encoding="utf-8") for p in Path(entities.__file__).parent.glob("*.py"))
    call = "enable_" + "paddle("  # spelled in two parts so that repository-wide greps for the call stay clean
    assert call not in source


def test_a_figure_repeated_from_the_title_counts_once() -> None:
    analysis = analyse("地区生产总值突破300亿元,增长8.1%", "地区生产总值突破300亿元,同比增长8.1%;另有两个300亿元项目。")
    assert [m["value_yuan"] for m in analysis.entities["money"]] == [300e8, 300e8]
    assert [p["value"] for p in analysis.entities["percents"]] == [8.1]


def test_keywords_are_words_never_fragments() -> None:
    title = "区委书记主持召开部分乡镇办场园党工委书记座谈会"
    body = "以“三抓三促”行动为抓手,支持专精特新企业发展,部分乡镇办场园党工委书记发言。" * 2
    keywords = extract_keywords(title, body)
    assert {"办场", "园党", "抓三促", "特新"}.isdisjoint(keywords)
    assert {"三抓三促", "专精特新", "党工委书记"} <= set(keywords)


def test_a_word_cut_from_a_dictionary_word_is_no_keyword() -> None:
    assert cuts_a_word("支持抗生素研发,抗生素用量", "抗生")
    assert not cuts_a_word("支持抗生素研发", "抗生素")


def test_persons_names_are_keywords_whole() -> None:
    analysis = analyse("曾伯怡赴经开区调研", "冷水江市委书记曾伯怡率队赴经开区调研。曾伯怡强调,要加强统筹。")
    assert "曾伯怡" in analysis.keywords
