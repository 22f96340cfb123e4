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
    assert region == {"province": "江苏省", "city": "盐城市", "county": "亭湖区", "adcode": "320902", "basis": "body"}
    region = analyse("镇江市项目攻坚大会召开", "镇江市委、镇江新区、镇江高新区,丹阳市作交流发言。").region
    assert region == {"province": "江苏省", "city": "镇江市", "county": None, "adcode": "321100", "basis": "zone"}


def test_hint_decides_when_the_text_is_silent() -> None:
    hint = {"province": "湖北省", "city": "天门市", "county": None}
    assert analyse("召开座谈会", "市委书记主持会议。", hint).region == {**hint, "adcode": "429006", "basis": "portal"}
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


def region_of(title: str, body: str) -> tuple | None:
    region = analyse(title, body).region
    return region and (region["province"], region["city"], region["basis"])


def test_the_dateline_and_the_outlet_name_the_locality() -> None:
    assert region_of("集中签约活动举行", "新华社重庆4月6日电(记者李平)签约活动6日举行,来自北京的客商参加。") == (
        "重庆市",
        "重庆市",
        "dateline",
    )
    assert region_of("座谈会召开", "天门网讯(记者王帅)市委书记主持召开座谈会,与会人员赴武汉考察。") == (
        "湖北省",
        "天门市",
        "dateline",
    )


def test_a_zone_decides_over_passing_mentions() -> None:
    body = "梅州综保区通过验收。已获批的湛江综保区、珠海高栏港综保区也将进入验收环节。全省综保区进出口增长。"
    assert region_of("广东首个内陆型综保区投运", body) == ("广东省", "梅州市", "zone")


def test_passing_mentions_never_win() -> None:
    body = "阿荣旗组织招商团赴北京、上海、广州、天津、深圳等地招商,在阿荣旗建设基地。杭州亚运会期间签约。"
    assert region_of("招商签约仪式举行", body)[:2] == ("内蒙古自治区", "呼伦贝尔市")


def test_officials_name_their_locality() -> None:
    body = "签约仪式在产业园举行。江华县委书记段建华宣布开工,来自深圳的企业代表出席。"
    region = analyse("重大项目集中开工", body).region
    assert (region["city"], region["county"]) == ("永州市", "江华瑶族自治县")


def test_a_province_wide_story_has_no_city() -> None:
    body = "浙江进行全省重大项目签约,项目主要来自宁波、舟山、绍兴和金华。全省共签约34个项目。"
    assert region_of("浙洽会重大项目签约", body) == ("浙江省", None, "body")


def test_a_national_story_has_no_region() -> None:
    body = (
        "商务部公布国家级经开区综合发展水平考核结果。苏州工业园区、广州经开区、天津经开区、北京经开区、"
        "昆山经开区位列前五,江苏、浙江、山东、广东各有多家经开区进入前三十。"
    )
    assert analyse("国家级经开区考核结果公布", body).region is None


def test_short_names_inside_words_and_person_names_are_not_places() -> None:
    assert names("一行莅临高新区,金水产业孵化园,中山大学教授,大同小异") == []
    found = analyse("", "区领导夏开封、王锐参加活动。江华高新区、江华县委").entities["places"]
    assert [p["name"] for p in found] == ["江华"]


def test_places_only_inside_zone_or_facility_names_are_not_the_articles_places() -> None:
    found = analyse("", "海口江东新区建设提速,项目邻近美兰机场。海口市委书记出席。").entities["places"]
    assert [p["name"] for p in found] == ["海口市"]  # named by its first full-name mention
