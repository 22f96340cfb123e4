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
    found = [(z["name"], z["canonical"]) for z in analysis.entities["zones"]]
    assert found == [("常州高新区", "常州高新技术产业开发区"), ("常州国家高新区", "常州高新技术产业开发区")]
    region = analyse("句容经开区获评省级生态工业园区", "句容经开区近日获评。").region
    assert region == {"province": "江苏省", "city": "镇江市", "county": "句容市", "adcode": "321183", "basis": "zone"}


def test_departments_in_every_written_form() -> None:
    found = orgs(
        "湖南省商务厅、省文旅厅、上海市生态环境局会同自治区发改委、自治区政府,州工信委、州招商局等部门负责人陪同。"
        "《中共怀化州委、怀化州人民政府关于园区建设的意见》;阿荣旗人民政府与企业签约;区公安分局、区发改局参加。"
    )
    assert set(found) == {
        "湖南省商务厅",
        "省文旅厅",
        "上海市生态环境局",
        "自治区发改委",
        "自治区政府",
        "州工信委",
        "州招商局",
        "中共怀化州委",
        "怀化州人民政府",
        "阿荣旗人民政府",
        "区公安分局",
        "区发改局",
    }


def test_words_ending_like_bodies_are_not_bodies() -> None:
    assert orgs("形成区域发展新格局,西部局地有雨,市民服务大厅,城市委员会,确保重大决策部署落实") == {}


def test_a_bare_body_named_only_in_titles_is_left_out() -> None:
    assert orgs("区委书记张笑致辞,区委副书记、区长颜复主持", TIANMEN) == {}
    assert set(orgs("在市委、市政府的领导下,市委书记易先荣", TIANMEN)) == {"市委", "市政府"}
    # A body followed by 负责人 is named, not a person's title.
    assert "省经合办" in orgs("据省经合办负责人介绍")


def test_national_international_bodies_and_sessions() -> None:
    found = orgs(
        "国家市场监督管理总局、国家发展改革委和国家数据局联合发文;俄罗斯加入世界贸易组织。"
        "十四届全国人大二次会议期间,政协莆田市第五届委员会第三次会议召开,莆田市第十届人民代表大会第一次会议"
    )
    assert {n: o["kind"] for n, o in found.items()} == {
        "国家市场监督管理总局": "government",
        "国家发展改革委": "government",
        "国家数据局": "government",
        "世界贸易组织": "international",
        "十四届全国人大二次会议": "congress",
        "政协莆田市第五届委员会第三次会议": "cppcc",
        "莆田市第十届人民代表大会第一次会议": "congress",
    }


def test_company_names_with_brackets_and_clean_left_edges() -> None:
    found = orgs(
        "汇川技术(苏州)有限公司、江苏恒瑞(集团)股份有限公司签约。他任职期间中国航天科技集团来访,"
        "现任北京大学教授,总投资20亿元华润集团项目,投资方是南京丰盛产业控股集团有限公司,而茅台集团则"
    )
    assert set(found) == {
        "汇川技术(苏州)有限公司",
        "江苏恒瑞(集团)股份有限公司",
        "中国航天科技集团",
        "北京大学",
        "华润集团",
        "南京丰盛产业控股集团有限公司",
        "茅台集团",
    }


def test_suffixes_inside_words_are_not_names() -> None:
    assert orgs("1月17日报道,工资本来就低,银行业金融机构,召开重点提案办理协商会") == {}


def test_short_company_names_in_an_enumeration() -> None:
    found = orgs(
        "新(扩)建汇川环保、宏盛电子、北京同德堂等27个项目实现达产;考察了翔宇鞋业、海丰食品等6家企业。"
        "国企、民企、外企等各类企业;生态观光农业、全域治理等项目;新材料、智能制造等领域"
    )
    assert set(found) == {"汇川环保", "宏盛电子", "北京同德堂", "翔宇鞋业", "海丰食品"}


def test_outlets_from_datelines_credits_and_sources() -> None:
    found = orgs(
        "人民网长沙1月26日电 项目签约。(浙江日报记者 白丽娟)来源:高新院 achie.org 据澎湃新闻报道,"
        "新华社重庆4月6日电。【来源:本站】"
    )
    assert set(found) == {"人民网", "浙江日报", "高新院", "澎湃新闻", "新华社"}
    assert all(o["kind"] == "media" for o in found.values())


def test_named_parks_new_areas_and_resorts() -> None:
    found = zones("先后到华兰生物、氢能产业园、新飞智家科技产业园;在翠亨新区主会场;投资80亿元的湖州度假区项目")
    assert [name for name, _c, _l in found] == ["氢能产业园", "新飞智家科技产业园", "翠亨新区", "湖州度假区"]


def test_descriptions_of_parks_are_not_zones() -> None:
    assert zones("打造现代产业园,建设特色园区,全省首个内陆型综保区,凉州区不断加快工业园区建设") == []
    # A province and a bare development-zone suffix is a designation; a province's free trade zone is one zone.
    assert zones("是“河南省经济开发区”;广东自贸区南沙片区") == [("广东自贸区", None, None)]


def test_every_written_form_of_a_zone_is_kept() -> None:
    found = zones("盐城经开区集中开工。盐城经济技术开发区举行活动;上海自由贸易试验区临港新片区")
    assert [(name, canonical) for name, canonical, _l in found] == [
        ("盐城经开区", "盐城经济技术开发区"),
        ("盐城经济技术开发区", "盐城经济技术开发区"),
        ("上海自由贸易试验区", None),
        ("临港新片区", None),
    ]


def test_a_body_after_a_short_county_name_confirms_the_place() -> None:
    analysis = analyse("", "义乌发改局、义乌商务局联合发文。")
    assert set(orgs("义乌发改局、义乌商务局联合发文。")) == {"义乌发改局", "义乌商务局"}
    assert (analysis.region["city"], analysis.region["county"]) == ("金华市", "义乌市")


def test_long_pilot_zone_names_from_a_place_or_region() -> None:
    found = zones("国务院批复设立皖江城市带承接产业转移示范区;推进长株潭城市群两型社会建设综合配套改革试验区")
    assert [name for name, _c, _l in found] == [
        "皖江城市带承接产业转移示范区",
        "长株潭城市群两型社会建设综合配套改革试验区",
    ]
    # Without a place or region the phrase is a title, and a sentence is never a name.
    assert zones("创建全省营商环境示范区;河南多个玉米高产示范区;海南设立了国家生态文明试验区") == []


def test_zone_names_with_a_bracketed_place_and_more_suffixes() -> None:
    found = zones(
        "国务院批准设立中国(上海)自由贸易试验区;建设海南自由贸易港;八里台工业区、黄石临空经济区、岳麓软件园;"
        "国家网络安全产业园区落户"
    )
    assert [name for name, _c, _l in found] == [
        "中国(上海)自由贸易试验区",
        "海南自由贸易港",
        "八里台工业区",
        "黄石临空经济区",
        "岳麓软件园",
        "国家网络安全产业园区",
    ]
    # A short place name that ends inside a suffix: 阳新|片区 is not a 新片区; 国家级经开区 is a category.
    assert zones("预计阳新片区新老项目可实现税收;创新提升国家级经开区") == []


def test_more_organisation_forms() -> None:
    found = orgs(
        "玄峰集团与河套酒业集团签约;诚信电缆、诚信机具两户企业;拓维信息、科创信息等一批上市企业;"
        "实创股份;南方财经全媒体 见习记者王一鸣;据《华夏酒报》报道;临港新城管委会主任;黄石市驻汉办;"
        "中国共产党长沙市第十四次代表大会;自治区党委;持有全资子公司股份"
    )
    assert {
        "河套酒业集团",
        "诚信电缆",
        "诚信机具",
        "拓维信息",
        "科创信息",
        "实创股份",
        "南方财经全媒体",
        "华夏酒报",
        "临港新城管委会",
        "黄石市驻汉办",
        "中国共产党长沙市第十四次代表大会",
        "自治区党委",
    } <= set(found)
    assert not any("子公司" in name for name in found)


def test_companies_known_by_their_brand() -> None:
    found = orgs("华为、腾讯等企业入驻,中联重科拟在江阴建设基地;集中通过审议;国新办举行发布会,深交所上市")
    assert {n: o["kind"] for n, o in found.items()} == {
        "华为": "company",
        "腾讯": "company",
        "中联重科": "company",
        "国新办": "government",
        "深交所": "other",
    }
