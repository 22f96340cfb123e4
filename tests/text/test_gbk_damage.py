"""GBK annotator damage, rebuilt with the converter's own mechanism (tests/text/converter.py)."""

from __future__ import annotations

import pytest

from crawler.text.gbk_damage import drop_split_annotations, repair_damaged_text
from tests.text.converter import annotate_bytes, portal_decode

SEED_2 = {"堅": "jiān", "龍": "lóng", "講": "jiǎng", "話": "huà", "馬": "mǎ"}
SEED_4 = {"經": "jīng", "涼": "liáng", "業": "yè", "園": "yuán", "區": "qū", "濟": "jì"}


def damaged(text: str, table: dict[str, str]) -> str:
    return portal_decode(annotate_bytes(text, table))


def test_converter_reproduces_the_seed_damage() -> None:
    assert damaged("馬明龍在講話中\n", SEED_2) == "馬(mǎ)明龍(lóng)?jiān)谥v(jiǎng)話(huà)中\n"
    assert damaged("平涼工業園區\n", SEED_4).startswith("平?jīng)龉I(yè)園(yuán)區(qū)")


@pytest.mark.parametrize(
    ("original", "table", "restored"),
    [
        ("馬明龍在講話中強調\n", SEED_2, "龍(lóng)在講(jiǎng)話"),
        ("第一要務，必須\n", {"務": "wù", "獎": "jiǎng"}, "第一要務(wù)"),  # table order as on the portal
        ("一串串數字，系統\n", {"數": "shù", "當": "dāng"}, "一串串數(shù)字"),
    ],
)
def test_deterministic_sites_are_restored_exactly(original: str, table: dict[str, str], restored: str) -> None:
    text, flags = repair_damaged_text(damaged(original, table))
    assert restored in text
    assert "?" not in text
    assert flags["gbk_damage_repaired"] >= 1
    assert flags["repair_guessed"] == 0 and flags["text_damaged"] == 0


def test_seed_phrase_from_the_fixture_is_restored() -> None:
    text, flags = repair_damaged_text("平?jīng)龉I(yè)園(yuán)區(qū)(高新區(qū))\n")
    assert text.startswith("平涼工業(yè)園(yuán)區(qū)")
    # 工 was lost with a dropped user-defined pair: restored, but as a scored guess.
    assert flags["dropped_pair_restored"] == 1 and flags["repair_guessed"] == 1


def test_full_width_bracket_after_a_site_comes_back() -> None:
    text, _ = repair_damaged_text(damaged("為平涼（經濟）高質量發展\n", SEED_4))
    assert text.startswith("為平涼（經(jīng)濟(jì))高質量")


def test_lost_lead_byte_is_guessed_and_flagged() -> None:
    raw = "鹽城環(huán)保科技城黨(dǎng)工委書記\n".encode("gb18030")
    cut = raw.index("保".encode("gb18030"))
    text, flags = repair_damaged_text(portal_decode(raw[:cut] + raw[cut + 1 :]))
    assert "環(huán)保科技城黨(dǎng)工委" in text
    assert flags["lost_byte_restored"] == 1 and flags["repair_guessed"] == 1


def test_unrecoverable_site_is_kept_and_flagged() -> None:
    damaged_text = "黨(dǎng)的發(fā)展路徑?偭坎淮、存量不優(yōu)\n"
    text, flags = repair_damaged_text(damaged_text)
    assert text == damaged_text
    assert flags["text_damaged"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "为什么?我们要问(wèn)",  # a real question mark in a page that has annotations
        "见 https://example.gov.cn/a?b=1 详情",
        "正确的文本没有任何问题。",
        "<script>var x = b?a):c;</script><p>鄉(xiāng)</p>",  # ?a) after ASCII is no site
    ],
)
def test_correct_text_is_never_touched(text: str) -> None:
    assert repair_damaged_text(text) == (text, {})


def test_byte_level_repair_needs_no_guessing() -> None:
    raw = annotate_bytes("<p>平涼工業園區，馬明龍在講話</p>", SEED_4 | SEED_2)
    fixed, sites = drop_split_annotations(raw)
    assert sites == 2  # 經 inside 平涼, 堅 inside 龍在
    # Genuine annotations stay for the annotation stripper (涼's was never made: its bytes were split).
    assert fixed.decode("gb18030") == "<p>平涼工業(yè)園(yuán)區(qū)，馬(mǎ)明龍(lóng)在講(jiǎng)話(huà)</p>"


def test_byte_level_repair_keeps_genuine_annotations() -> None:
    raw = annotate_bytes("鄉鎮", {"鄉": "xiāng", "鎮": "zhèn"})
    assert drop_split_annotations(raw) == (raw, 0)


def test_genuine_annotation_after_a_decoder_out_of_step_realigns_backwards() -> None:
    # Seed 002: bytes were lost before 袑 (the decoder is out of step), but 實(shí) is a genuine annotation
    # and 舉做優 after it decoded fine. (8C, X) read shí is 寔 or 實; the page annotates 實 elsewhere.
    # 招 is re-paired backwards from 實; one byte stays lost.
    text, flags = repair_damaged_text("落實(shí)。\n嬲袑?shí)舉做優(yōu)服務(wù)\n")
    assert text == "落實(shí)。\n\ufffd招實(shí)舉做優(yōu)服務(wù)\n"
    assert flags["gbk_damage_repaired"] == 1 and flags["text_damaged"] == 1
