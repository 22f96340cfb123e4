from __future__ import annotations

from crawler.entities import analyse
from crawler.entities.places import find_divisions, find_towns


def names(text: str) -> list[str]:
    return [m.surface for m in find_divisions(text)]


def test_full_names_and_short_aliases_get_codes() -> None:
    (tianmen,) = find_divisions("天门经济社会高质量发展")
    assert (tianmen.division.adcode, tianmen.division.level, tianmen.division.province) == ("429006", "city", "湖北省")
    assert names("镇江市丹阳市") == ["镇江市", "丹阳市"]


def test_words_that_look_like_places_are_not() -> None:
    assert names("探索合作共建;政企同心、携手并进;全力以赴惠民生;维护长治久安;有前进") == []
    assert names("湖北省会同有关部门把握大方向,培育朝阳产业") == ["湖北省"]


def test_county_alias_needs_the_articles_province() -> None:
    assert names("镇江市委召开会议,金山网讯") == ["镇江市"]
    assert "句容" in names("镇江市会上,句容经开区作交流发言")


def test_towns_after_a_delimiter() -> None:
    towns = [m.surface for m in find_towns("天门高新园、岳口镇、小板镇、皂市镇等6个乡镇办场园,第二故乡")]
    assert towns == ["岳口镇", "小板镇", "皂市镇"]


def test_region_votes_and_county_share() -> None:
    region = analyse("全区工业发展大会召开", "推动亭湖高质量发展,亭湖工业,盐城亭湖区。").region
    assert region == {"province": "江苏省", "city": "盐城市", "county": "亭湖区", "adcode": "320902"}
    region = analyse("镇江市项目攻坚大会召开", "镇江市委、镇江新区、镇江高新区,丹阳市作交流发言。").region
    assert region == {"province": "江苏省", "city": "镇江市", "county": None, "adcode": "321100"}


def test_hint_decides_when_the_text_is_silent() -> None:
    hint = {"province": "湖北省", "city": "天门市", "county": None}
    assert analyse("召开座谈会", "市委书记主持会议。", hint).region == {**hint, "adcode": "429006"}
    assert analyse("召开座谈会", "市委书记主持会议。").region is None


def test_places_output_has_levels_and_towns_take_the_region() -> None:
    places = analyse("", "天门市岳口镇举行签约仪式").entities["places"]
    assert places[0] == {
        "name": "天门市",
        "level": "city",
        "adcode": "429006",
        "province": "湖北省",
        "city": "天门市",
        "county": None,
    }
    assert places[1]["name"] == "岳口镇" and places[1]["level"] == "town" and places[1]["city"] == "天门市"
