"""Organisations named by their own words: companies, media, associations, schools and research bodies.

Found three ways. By suffix (有限公司, 集团, 资本, 日报, 客户端, 协会, 大学, 研究中心 …): the name is the run of
name characters before the suffix (brackets included: 汇川(苏州)有限公司), read back word by word from the
suffix until a word that cannot be part of a name (a verb, a function word, a number: 现任|北京大学,
亿元|华润集团, 间|中国航天科技集团). In an enumeration of companies (华兰生物、正大航空等重点企业;
丰驰鞋业、汇龙海产等6家企业), where short names carry no suffix at all. And from the lines that name the
outlet: datelines (天门网讯, 人民网长沙1月26日电), source lines (来源:冷水江新闻网) and reporter credits
(大众日报记者).
"""

from __future__ import annotations

import re
from typing import Any

from crawler import rx
from crawler.entities.lexicon import HAN, dictionary_words, word_freq, word_list, word_tag, words_from_right
from crawler.entities.stems import CUT_CHARS, MIN_STEM, name_stem

SUFFIX_KINDS = {
    "股份有限公司": "company",
    "有限责任公司": "company",
    "集团有限公司": "company",
    "有限公司": "company",
    "集团公司": "company",
    "集团": "company",
    "公司": "company",
    "银行": "company",
    "资本": "company",
    "合作社": "company",
    "股份": "company",
    "酒厂": "company",
    "制造厂": "company",
    "日报社": "media",
    "日报": "media",
    "晚报": "media",
    "晨报": "media",
    "都市报": "media",
    "导报": "media",
    "时报": "media",
    "商报": "media",
    "报社": "media",
    "电视台": "media",
    "广播电视台": "media",
    "客户端": "media",
    "新闻网": "media",
    "融媒体中心": "media",
    "新闻中心": "media",
    "协会": "association",
    "商会": "association",
    "学会": "association",
    "联合会": "association",
    "研究会": "association",
    "促进会": "association",
    "基金会": "association",
    "产业联盟": "association",
    "研究院": "other",
    "研究所": "other",
    "研究中心": "other",
    "实验室": "other",
    "大学": "other",
    "学院": "other",
    "学校": "other",
    "公学": "other",
    "医院": "other",
    "福利院": "other",
    "交易中心": "other",
    "组委会": "other",
}
SUFFIX_RE = rx.compile("|".join(sorted(SUFFIX_KINDS, key=len, reverse=True)))
# Stems that make a generic phrase, not a name (该公司, 子公司, 国有企业集团).
GENERIC_STEMS = frozenset(
    word_list("该 本 各 子 母 分 全 这家 一家 两家 多家 国有 民营 上市 龙头 总 母公司 投资 保险 科技 贸易 社会 民间")
)
# Words that end like an organisation but are not one (中国人民政治协商会议, 协商会).
NOT_SUFFIX = ("公司法", "大学毕业", "学院派")
NOT_AFTER = ("协商会",)  # 协|商会: the suffix is the end of a word
# jieba tags of proper names: a stem made only of other dictionary words is a description (手机设计公司).
PROPER_TAGS = frozenset(word_list("nr nrt nrfg ns nt nz j eng"))
# A one-word stem with one of these tags is an action, not a name (增持公司, 上市公司).
ACTION_TAGS = frozenset(word_list("v vn vd d a ad m q r p c f t"))
# Suffixes that are ordinary words too: the name before them must hold no frequent word (IDG资本, 高瓴资本).
NAME_ONLY_SUFFIXES = frozenset({"资本", "股份"})
BARE_SUFFIXES = frozenset(
    {"公司", "集团", "银行", "日报", "晚报", "报社", "资本", "学校", "医院", "厂", "股份", "中学", "小学"}
)
ACTION_MIN_FREQ = 300
DESCRIPTION_FREQ = 50
# A stem ending in a category word describes a kind of company (几家上市公司, 另一合资公司).
GENERIC_ENDINGS = ("上市", "合资", "跨国", "国有", "民营", "外资", "独资", "型", "类", "性", "式", "子")
COMMON_STEM_FREQ = 2000

# Media named by the lines that credit them.
MEDIA_TAIL = r"(客户端|全媒体|新闻|日报|晚报|时报|网|报|台)"
DATELINE_RE = rx.compile(
    rf"(?:^|(?<=[\s(（【]))([{HAN}]{{2,10}}?{MEDIA_TAIL})(?:讯|[{HAN}]{{0,4}}\d{{1,2}}月\d{{1,2}}日[电讯])"
)
MEDIA_TAIL_RE = rx.compile(MEDIA_TAIL + r"\Z")
# A reporter credit: the outlet's name ends right before 记者 (浙江日报记者, 大众日报首席记者).
CREDIT_RE = rx.compile(rf"{MEDIA_TAIL}》?\s?(?:全媒体|融媒体|首席|特约|见习)?记者")
# An outlet written as a title: 《证券日报》, 《华夏酒报》.
TITLED_MEDIA_RE = rx.compile(rf"《([{HAN}]{{2,10}}(?:日报|晚报|时报|商报|导报|酒报|报|周刊|杂志))》")
SOURCE_RE = rx.compile(r"(?:来源|稿源|出处|发布人|发布者)[:：]\s*-?\s*([^\s|,，、。;；:：】\]）)]{2,20})")
# Source lines that name no outlet.
NOT_SOURCES = frozenset(word_list("互联网 网络 本站 本网 原创 综合 网友 未知 转载 佚名 本报 管理员 admin 网络整理"))
NAME_START = rx.compile(rf"[{HAN}A-Za-z]")
SOURCE_TRAILING_DOMAIN = rx.compile(r"\s*[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")

# Enumerations of companies: items joined by 、 and closed by 等 and a word for companies.
ENUMERATION_END_RE = rx.compile(
    rf"(?:等(?:[\d一二三四五六七八九十两]+(?:家|个|户)|一批)?|(?<=[{HAN}A-Za-z])[\d一二三四五六七八九十两]+(?:家|户))"
    rf"(?P<gap>[{HAN}]{{0,6}}?)(?:企业|公司|项目|龙头|客商|厂商|厂家|超市|商场|品牌|机构|车企|药企|房企)"
)
ENUMERATION_ITEMS_RE = rx.compile(r"(?:[^、,，。;；:：!！?？\s]{2,16}、)+[^、,，。;；:：!！?？\s]{2,16}?\Z")
ENUMERATION_SPAN = 200
# What may stand between 等 and the word for companies: qualifiers (重点, 规上 …) or a place (法国企业).
ENUMERATION_GAP = rx.compile(
    "(?:重点|龙头|知名|优质|骨干|规上|规模以上|大型|行业|产业|招商|签约|入驻|落户|重大|外资|内资|民营|上市|科技|高新)*"
)
# Items that are parks, projects or places, not companies.
NOT_COMPANY_ENDINGS = (
    "园",
    "区",
    "城",
    "港",
    "谷",
    "镇",
    "基地",
    "中心",
    "项目",
    "工程",
    "二期",
    "一期",
    "三期",
    "生产线",
    "小镇",
    "总部",
)
# Trade words a short company name ends in (汇龙|环保, 矽盛|电子, 丰驰|鞋业, 华兰|生物).
TRADE_WORDS = tuple(
    sorted(
        set(
            word_list(
                "环保 电子 高新 机械 鞋业 鞋服 海产 食品 电机 生物 航空 科技 医药 药业 制药 材料 新材 能源 新能源 化工 "
                "智能 装备 汽车 电器 电气 纺织 服饰 服装 光电 精密 重工 建材 实业 股份 控股 物流 电力 钢铁 铝业 铜业 "
                "矿业 水泥 玻璃 陶瓷 塑业 塑胶 橡胶 家居 家具 农业 牧业 乳业 酒业 啤酒 饮料 粮油 包装 印务 纸业 "
                "半导体 微电子 芯片 通信 软件 信息 网络 数据 云 健康 医疗 生物科技 新能 动力 储能 锂电 光伏 风电 "
                "环境 水务 燃气 置业 地产 建设 建工 路桥 交通 重装 机电 仪器 仪表 模具 五金 铸造 锻造 轴承 "
                "汽配 车业 船舶 航天 集成 精工 智造 工业 水产 果业 茶业"
            )
        ),
        key=len,
        reverse=True,
    )
)
# Words that describe a kind of firm or project, so never a brand (新能源汽车, 绿色食品).
DESCRIPTIVE_WORDS = frozenset(word_list("新能源 新材料 高新 智能 高端 绿色 数字 现代 传统 新型 特色 优质 生态 有机"))
BRAND_TAGS = frozenset(word_list("nz nt nr nrt nrfg j eng"))
BRAND_WORD_FREQ = 500
# A suffix followed by a character it forms a word with is not a suffix (17日报道, 工资本来, 银行业, 商会议).
SUFFIX_TAIL_FREQ = 100
MAX_BRAND = 4
MAX_BARE_BRAND = 3
COMPANY_ITEM = rx.compile(rf"^[{HAN}A-Za-z0-9]{{2,8}}$")


def _is_generic(stem: str, suffix: str) -> bool:
    """手机设计 / 行业咨询 / 几家上市 / 增持: ordinary words describing a kind of organisation, not a name.

    Behind a bare 公司/集团 (跨国公司, 合资公司) any single frequent ordinary word is a description too.
    """
    words = dictionary_words(stem)
    if words is None or any(word_tag(w) in PROPER_TAGS for w in words):
        return False
    if len(words) > 1:
        return all(word_freq(w) >= DESCRIPTION_FREQ for w in words)  # a rare word (酒业 in 河套酒业) names
    common = word_freq(words[0]) >= ACTION_MIN_FREQ
    return common and (word_tag(words[0]) in ACTION_TAGS or suffix in BARE_SUFFIXES)


def _plausible_stem(stem: str, suffix: str) -> bool:
    if suffix in NAME_ONLY_SUFFIXES and any(
        len(w) > 1 and word_freq(w) >= ACTION_MIN_FREQ for w in words_from_right(stem)
    ):
        return False  # 民间资本, 社会资本: the suffix is an ordinary word here, not a firm's name
    if len(stem) < MIN_STEM or stem in GENERIC_STEMS or stem.startswith(("该", "各", "本", "这", "那", "某")):
        return False
    if stem.endswith(GENERIC_ENDINGS) or _is_generic(stem, suffix):
        return False
    return not (len(stem) == MIN_STEM and word_freq(stem) > COMMON_STEM_FREQ and word_tag(stem) != "ns")


def find_by_suffix(text: str) -> list[dict[str, Any]]:
    """Companies, media, associations, schools and research bodies by their suffix."""
    out = []
    for m in SUFFIX_RE.finditer(text):
        if text.startswith(NOT_SUFFIX, m.start()) or text.startswith(NOT_AFTER, max(0, m.start() - 1)):
            continue
        if m.end() < len(text) and word_freq(text[m.end() - 1 : m.end() + 1]) > SUFFIX_TAIL_FREQ:
            continue
        stem = name_stem(text, m.start())
        if _plausible_stem(stem, m[0]):
            out.append({"name": stem + m[0], "kind": SUFFIX_KINDS[m[0]]})
    return out


def _company_item(item: str) -> str | None:
    """An item of an enumeration of companies that is a short company name (华兰生物, IDG资本), or None."""
    item = re.split(r"[《“(（]", item)[0]
    if (
        not COMPANY_ITEM.match(item)
        or item[0] in CUT_CHARS
        or item.endswith(NOT_COMPANY_ENDINGS)
        or SUFFIX_RE.search(item)
    ):
        return None
    words = dictionary_words(item)
    if words is not None and len(words) == 1 and word_tag(item) not in ("nz", "nt", "nr", "nrt", "eng"):
        return None  # 国企, 龙头, 外企: a kind of company
    return item


def _brand_and_trade(item: str, places: frozenset[str]) -> bool:
    """汇龙环保, 华兰生物, 北京同仁堂: a short name is a brand (a place name before it allowed) and a trade
    word, or a proper name alone; a brand that is an ordinary word (绿色食品, 生态农业) is a description."""
    for place in sorted((p for p in places if item.startswith(p) and len(item) > len(p) + 1), key=len)[-1:]:
        item = item[len(place) :]
    trade = next((w for w in TRADE_WORDS if item.endswith(w) and len(item) > len(w)), None)
    brand = item[: -len(trade)] if trade else item
    if not 2 <= len(brand) <= MAX_BRAND or brand.startswith(tuple(DESCRIPTIVE_WORDS)):
        return False
    if trade is None:
        unknown = word_freq(brand) == 0 and dictionary_words(brand) is None
        if word_tag(brand) in BRAND_TAGS or (unknown and len(brand) <= MAX_BARE_BRAND):
            return True
        words = dictionary_words(brand)  # 三菱|树脂, 横滨|轮胎: a name and the product
        return words is not None and len(words) > 1 and word_tag(words[0]) in BRAND_TAGS | {"ns"}
    return word_freq(brand) < BRAND_WORD_FREQ or word_tag(brand) in BRAND_TAGS


def find_enumerated(text: str, taken: set[str], places: frozenset[str]) -> list[dict[str, Any]]:
    """Short company names listed before 等…企业/项目 (汇龙环保、矽盛电子、百图高新等27个项目): an item
    counts when it is a brand and a trade word (or a known proper name), not a park, project or description."""
    out = []
    for m in ENUMERATION_END_RE.finditer(text):
        if not (ENUMERATION_GAP.fullmatch(m["gap"]) or m["gap"] in places or m["gap"][:2] in places):
            continue
        listed = ENUMERATION_ITEMS_RE.search(text, max(0, m.start() - ENUMERATION_SPAN), m.start())
        if listed is None:
            continue
        items = listed[0].split("、")
        first = re.split(rf"[^{HAN}A-Za-z0-9]", items[0])[-1]
        items[0] = first[len(first) - len(name_stem(first, len(first))) :]
        for raw in items:
            name = _company_item(raw)
            if name and _brand_and_trade(name, places) and not any(name in t for t in taken):
                out.append({"name": name, "kind": "company"})
    return out


def clean_source(source: str) -> str | None:
    """The outlet a source line names (高新院 achie.org -> 高新院), or None for 本站, 互联网 …."""
    name = SOURCE_TRAILING_DOMAIN.sub("", source.strip().strip("【】[]()（）")).strip()
    if len(name) < 2 or name in NOT_SOURCES or name.lower() in NOT_SOURCES or not NAME_START.match(name):
        return None
    return name


def find_media_credits(text: str) -> list[dict[str, Any]]:
    """Outlets named by datelines, reporter credits and source lines."""
    out = []
    ends = [m.end(1) for m in DATELINE_RE.finditer(text)]
    ends.extend(m.start() + len(m[1]) for m in CREDIT_RE.finditer(text))
    for end in ends:
        tail = MEDIA_TAIL_RE.search(text, max(0, end - 3), end)
        name = name_stem(text, tail.start()) + tail[0] if tail else ""
        if len(name) > len(tail[0]) + 1 and not SUFFIX_RE.fullmatch(name):
            out.append({"name": name, "kind": "media"})
    for m in SOURCE_RE.finditer(text):
        name = clean_source(m[1])
        if name and (not m[0].startswith("发布") or MEDIA_TAIL_RE.search(name)):
            out.append({"name": name, "kind": "media"})  # 发布人 names a person unless it names an outlet
    out.extend({"name": m[1], "kind": "media"} for m in TITLED_MEDIA_RE.finditer(text))
    return out
