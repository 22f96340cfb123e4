from __future__ import annotations

from pathlib import Path

from crawler.entities import analyse
from crawler.entities.zones import Gazetteer, load_zones, zone_files

TIANMEN = {"province": "湖北省", "city": "天门市", "county": None}


def zones(text: str, hint: dict | None = None) -> list[tuple]:
    return [(z["name"], z["canonical"], z["level"]) for z in analyse("", text, hint).entities["zones"]]


def orgs(text: str, hint: dict | None = None) -> dict[str, dict]:
    return {o["name"]: o for o in analyse("", text, hint).entities["organizations"]}


def test_short_forms_resolve_to_the_catalogue() -> None:
    assert zones("会上,大全集团、丹阳市、句容经开区作交流发言。镇江市经开区") == [
        ("句容经开区", "江苏句容经济开发区", "provincial"),
        ("镇江市经开区", "镇江经济技术开发区", "national"),
    ]


def test_place_extended_names_without_catalogue_entry() -> None:
    assert zones("天门高新园、天门工业园;区委副书记、盐城环保科技城党工委书记") == [
        ("天门高新园", None, None),
        ("天门工业园", None, None),
        ("盐城环保科技城", None, None),
    ]


def test_bare_zone_resolves_to_the_locality() -> None:
    found = analyse("曾伯怡赴经开区调研", "冷水江市委书记曾伯怡率队。经开区现有企业71家。").entities["zones"]
    assert [(z["name"], z["canonical"], z["code"]) for z in found] == [("经开区", "湖南冷水江经济开发区", "S437067")]


def test_generic_mentions_and_second_names_are_not_zones() -> None:
    assert zones("奋力争创国家级经济开发区;省级及以上开发区;全市开发区") == []
    assert zones("平凉工业园区(高新区)党工委书记") == [("平凉工业园区", "甘肃平凉工业园区", "provincial")]


def test_loader_accepts_additional_zone_files(tmp_path: Path) -> None:
    extra = tmp_path / "zones.after2018.tsv"
    extra.write_text(
        "# added by hand\n天门高新技术产业开发区\t\tprovincial\thitech\t湖北省\t天门\t2021.01\t天门高新园\n",
        encoding="utf-8",
    )
    gazetteer = Gazetteer(load_zones([*zone_files(), extra]))
    zone = gazetteer.lookup("天门高新园")
    assert zone is not None and (zone.name, zone.level) == ("天门高新技术产业开发区", "provincial")
    assert gazetteer.lookup("句容经开区").code == "S327095"


def test_government_bodies_with_kinds_and_resolution() -> None:
    found = orgs("市委、市政府高度重视。市发改委、市经信局、区人大常委会、市中级法院、市检察院", TIANMEN)
    assert {n: o["kind"] for n, o in found.items()} == {
        "市委": "party",
        "市政府": "government",
        "市发改委": "government",
        "市经信局": "government",
        "区人大常委会": "congress",
        "市中级法院": "court",
        "市检察院": "procuratorate",
    }
    assert found["市委"]["resolved"] == "天门市委"
    assert orgs("冷水江市委书记曾伯怡")["冷水江市委"]["kind"] == "party"


def test_companies_media_and_zone_administrations() -> None:
    found = orgs(
        "金山网讯 曾伯怡一行先后来到三A新材料科技有限公司、湖南润众新材料科技有限公司。"
        "湖南日报·新湖南客户端。盐城环保科技城党工委。2010年五粮液集团;试图提高公司"
    )
    assert {n: o["kind"] for n, o in found.items()} == {
        "金山网": "media",
        "三A新材料科技有限公司": "company",
        "湖南润众新材料科技有限公司": "company",
        "湖南日报": "media",
        "新湖南客户端": "media",
        "盐城环保科技城党工委": "zone_admin",
        "五粮液集团": "company",
    }


def test_national_bodies_and_unlisted_bureaus() -> None:
    found = orgs("国家发展改革委、商务部联合发文。新华社北京电 、省工业和信息化厅、市住房和城乡建设局、市财政局局长")
    assert {n: o["kind"] for n, o in found.items()} == {
        "国家发展改革委": "government",
        "商务部": "government",
        "新华社": "media",
        "省工业和信息化厅": "government",
        "市住房和城乡建设局": "government",
        "市财政局": "government",
    }


def test_descriptions_are_not_company_names() -> None:
    assert orgs("推动手机设计公司和跨国公司合作,几家上市公司") == {}


def test_level_words_inside_a_name_and_catalogue_province_as_region_prior() -> None:
    analysis = analyse("常州高新区举办座谈会 常州国家高新区", "常州高新区举办座谈会。")
    assert [z["canonical"] for z in analysis.entities["zones"]] == ["常州高新技术产业开发区"]
    region = analyse("句容经开区获评省级生态工业园区", "句容经开区近日获评。").region
    assert region == {"province": "江苏省", "city": "镇江市", "county": "句容市", "adcode": "321183"}
