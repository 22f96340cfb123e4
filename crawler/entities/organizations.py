"""Organisations: government and party bodies, companies, media, associations and zone administrations.

Government bodies are a level character or place name plus a known body (data/bodies.tsv): 市发改委,
区人大常委会, 冷水江市委. A bare 市委/区政府 is resolved to the article's locality (天门市委). Companies,
media and associations are found by suffix (有限公司, 集团, 日报, 客户端, 协会 …); their name is the run of
characters before the suffix, cut after the last verb or function word (来到三A新材料科技有限公司).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from crawler.entities.lexicon import DATA, HAN, read_tsv, trie_regex, word_freq, word_list, word_tag
from crawler.entities.places import Mention

LEVEL_CHARS = "省市区县州镇乡"
SUFFIX_KINDS = {
    "股份有限公司": "company",
    "有限责任公司": "company",
    "集团有限公司": "company",
    "有限公司": "company",
    "集团公司": "company",
    "集团": "company",
    "公司": "company",
    "银行": "company",
    "合作社": "company",
    "日报社": "media",
    "日报": "media",
    "晚报": "media",
    "都市报": "media",
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
    "大学": "other",
    "学院": "other",
}
SUFFIX_RE = re.compile("|".join(sorted(SUFFIX_KINDS, key=len, reverse=True)))
NAME_CHARS = re.compile(rf"[{HAN}A-Za-z0-9·]")
# The name of a company starts after the last of these (曾伯怡一行先后来到|三A新材料科技有限公司).
CUT_AFTER = word_list(
    "来到 走进 深入 先后 前往 参观 考察 调研 视察 走访 察看 签约 落户 引进 入驻 其中 "
    "包括 以及 据悉 会上 发布者 与 和 同 对 向 由 为 是 将 及 等 了 的 在 赴 到 "
    "如 有 据 经 · 联系 成立 联合 负责人 尝试 专门 创办 组建 收购 旗下 指出 认为 "
    "表示 而 让 称 被 从 给 把 于 现身 出 去 归 但 着 另一 哪 们 后 委托 直指 又 "
    "并 就 哪怕 所以 如果 昔日 涉事 起诉 状告 携手 牵头 主办 承办 协办 支持 代表 介绍"
)
# Words in the run whose jieba tag is one of these end the text before a name (试图提高|公司, 兼任|柯达公司).
CUT_TAGS = frozenset({"v", "c", "p", "r", "t", "vd"})
CUT_TAG_MIN_FREQ = 200
# Verbs that are part of company names (鲁信投资控股集团, 润众新材料科技开发有限公司).
BUSINESS_WORDS = frozenset(
    {"投资", "控股", "发展", "建设", "开发", "制造", "贸易", "经营", "管理", "服务", "咨询", "工程", "生产", "运营"}
    | {"实业", "科技", "物流", "销售", "营销", "设计", "研发", "置业", "租赁", "担保", "保险", "传媒", "出版", "印刷"}
)
# Dates and counts before a name are not part of it (2010年五粮液集团).
LEADING_NUMBER = re.compile(r"^.*\d+[年月日个家倍名位]?")
# Stems that make a generic phrase, not a name (该公司, 子公司, 国有企业集团).
GENERIC_STEMS = frozenset(
    word_list("该 本 各 子 母 分 全 这家 一家 两家 多家 国有 民营 上市 龙头 总 母公司 投资 保险 科技 贸易")
)
# Words that end like an organisation but are not one (中国人民政治协商会议).
NOT_SUFFIX = ("商会议", "学会议", "协会议", "公司法", "大学生", "大学毕业")
# jieba tags of proper names: a stem made only of other dictionary words is a description (手机设计公司).
PROPER_TAGS = frozenset(word_list("nr nrt nrfg ns nt nz j eng"))
# A one-word stem with one of these tags is an action, not a name (增持公司, 上市公司).
ACTION_TAGS = frozenset(word_list("v vn vd d a ad m q r p c f t"))
MAX_WORD = 4
BARE_SUFFIXES = frozenset({"公司", "集团", "银行", "日报", "晚报", "报社"})
ACTION_MIN_FREQ = 300
# A stem ending in a category word describes a kind of company (几家上市公司, 另一合资公司).
GENERIC_ENDINGS = ("上市", "合资", "跨国", "国有", "民营", "外资", "独资")
MIN_STEM = 2
COMMON_STEM_FREQ = 2000
# Media words that name an outlet only with a dateline (天门网讯) or a source line (来源:冷水江新闻网).
DATELINE_RE = re.compile(rf"([{HAN}]{{2,10}}?(?:网|报|台|客户端))讯")
SOURCE_RE = re.compile(r"来源[:：]\s*([^\s|,，、。;；:：]{2,20})")
ZONE_ADMIN_RE = re.compile(r"(?:[(（][^)）]{1,10}[)）])?(党工委|管委会|管理委员会)")
MAX_RUN = 24
# A body not in bodies.tsv: level character at a phrase start, then up to ten characters and 局/厅.
GENERIC_BODY_RE = re.compile(rf"(?:(?<=[^{HAN}])|^)[省市区县][{HAN}]{{1,10}}?[局厅](?!长)")


@cache
def body_kinds() -> dict[str, str]:
    return {body: kind for body, kind in read_tsv(DATA / "bodies.tsv")}


@cache
def _body_re() -> re.Pattern[str]:
    return trie_regex(level + body for level in LEVEL_CHARS for body in body_kinds())


@cache
def national_kinds() -> dict[str, str]:
    return {name: kind for name, kind in read_tsv(DATA / "national_bodies.tsv")}


@cache
def _national_re() -> re.Pattern[str]:
    return trie_regex(national_kinds())


def find_national(text: str) -> list[dict[str, Any]]:
    """国务院, 国家发展改革委, 新华社 …: bodies known by their own name."""
    kinds = national_kinds()
    return [{"name": m[0], "kind": kinds[m[0]]} for m in _national_re().finditer(text)]


def find_generic_bodies(text: str) -> list[dict[str, Any]]:
    """省工业和信息化厅, 市住房和城乡建设局: a level character, a few characters and 局/厅, standing alone."""
    return [{"name": m[0], "kind": "government"} for m in GENERIC_BODY_RE.finditer(text)]


def body_words() -> Iterable[str]:
    """市发改委, 区人大常委会 …: every level + body, for the keyword dictionary."""
    return (level + body for level in "省市区县" for body in body_kinds())


def _resolve(level: str, locality: dict[str, str | None] | None) -> str | None:
    """The locality a bare level character means: 市 -> 天门市, 区 -> 亭湖区, 省 -> 湖北省."""
    if not locality:
        return None
    for key in ("county", "city", "province"):
        name = locality.get(key)
        if name and name.endswith(level):
            return name
    return None


def _cut_run(text: str, end: int) -> str:
    start = end
    while start > 0 and end - start < MAX_RUN and NAME_CHARS.match(text[start - 1]):
        start -= 1
    run = text[start:end]
    cut = max((run.rfind(w) + len(w) for w in CUT_AFTER if w in run), default=0)
    for i in range(cut, len(run) - 1):
        for length in (3, 2):
            word = run[i : i + length]
            if (
                len(word) == length
                and word_tag(word) in CUT_TAGS
                and word_freq(word) >= CUT_TAG_MIN_FREQ
                and word not in BUSINESS_WORDS
            ):
                cut = max(cut, i + length)
    return LEADING_NUMBER.sub("", run[cut:])


def find_bodies(text: str, places: list[Mention], locality: dict[str, str | None] | None) -> list[dict[str, Any]]:
    kinds = body_kinds()
    place_ends = {p.end: p for p in places if p.full}
    out = []
    for m in _body_re().finditer(text):
        level, body = m[0][0], m[0][1:]
        place = place_ends.get(m.start() + 1)
        if place and place.surface.endswith(level):
            name = text[place.start : m.end()]
            out.append({"name": name, "kind": kinds[body], "resolved": name})
            continue
        prefix = _resolve(level, locality)
        out.append({"name": m[0], "kind": kinds[body], "resolved": prefix + body if prefix else None})
    return out


def _dictionary_words(stem: str) -> list[str] | None:
    """Greedy longest-first split of ``stem`` into jieba words of 2+ characters; None if a part is unknown."""
    words, i = [], 0
    while i < len(stem):
        for length in range(min(MAX_WORD, len(stem) - i), 1, -1):
            word = stem[i : i + length]
            if length > 1 and word_freq(word) > 0:
                words.append(word)
                i += length
                break
        else:
            return None
    return words


def _is_generic(stem: str, suffix: str) -> bool:
    """手机设计 / 行业咨询 / 几家上市 / 增持: ordinary words describing a kind of organisation, not a name.

    Behind a bare 公司/集团 (跨国公司, 合资公司) any single frequent ordinary word is a description too.
    """
    words = _dictionary_words(stem)
    if words is None or any(word_tag(w) in PROPER_TAGS for w in words):
        return False
    if len(words) > 1:
        return True
    common = word_freq(words[0]) >= ACTION_MIN_FREQ
    return common and (word_tag(words[0]) in ACTION_TAGS or suffix in BARE_SUFFIXES)


def find_named(text: str) -> list[dict[str, Any]]:
    """Companies, media and associations by suffix."""
    out = []
    for m in SUFFIX_RE.finditer(text):
        if text.startswith(NOT_SUFFIX, m.start()):
            continue
        stem = _cut_run(text, m.start())
        if (
            len(stem) < MIN_STEM
            or stem in GENERIC_STEMS
            or stem.startswith(("该", "各", "本", "这", "那", "某"))
            or stem.endswith(GENERIC_ENDINGS)
            or _is_generic(stem, m[0])
        ):
            continue
        if len(stem) == MIN_STEM and word_freq(stem) > COMMON_STEM_FREQ and word_tag(stem) != "ns":
            continue
        out.append({"name": stem + m[0], "kind": SUFFIX_KINDS[m[0]]})
    for regex in (DATELINE_RE, SOURCE_RE):
        for m in regex.finditer(text):
            name = m[1]
            if not SUFFIX_RE.search(name):
                out.append({"name": name, "kind": "media"})
    return out


def find_zone_admins(text: str, zone_spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    out = []
    for start, end in zone_spans:
        m = ZONE_ADMIN_RE.match(text, end)
        if m:
            out.append({"name": text[start : m.end()], "kind": "zone_admin"})
    return out


def find_organizations(
    text: str, places: list[Mention], locality: dict[str, str | None] | None, zone_spans: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """Every organisation once, first mention first."""
    found = [
        *find_bodies(text, places, locality),
        *find_national(text),
        *find_generic_bodies(text),
        *find_named(text),
        *find_zone_admins(text, zone_spans),
    ]
    unique: dict[str, dict[str, Any]] = {}
    names: set[str] = set()
    for org in found:
        key = org.get("resolved") or org["name"]
        if key not in unique and org["name"] not in names:
            unique[key] = org
            names.add(org["name"])
    return list(unique.values())
