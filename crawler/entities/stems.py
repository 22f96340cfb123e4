"""Names read back from their suffix: 三A新材料科技|有限公司, 盐城环保|科技城, 湄国投|经开区.

A name is the run of name characters before its suffix (a bracketed place or 集团 inside it included:
汇川(苏州)有限公司), read back word by word from the suffix until a word that cannot be part of a name: a
verb, a preposition, a function word, a number (现任|北京大学, 亿元|华润集团, 间|中国航天科技集团). Words
are found by reverse maximum matching on jieba's dictionary, which is cheap enough for every candidate.
"""

from __future__ import annotations

from crawler import rx
from crawler.entities.lexicon import HAN, word_freq, word_list, word_tag, words_from_right
from crawler.entities.places import place_names

NAME_CHARS = rx.compile(rf"[{HAN}A-Za-z0-9]")
# Words after which a name starts (曾伯怡一行先后来到|三A新材料科技有限公司). Verbs, prepositions and
# function words are also recognised by their jieba tag; these are the ones tags miss or mislabel (jieba
# tags 预计, 分析 as verb-nouns, which company names also hold: 旅游公司, 运输公司).
CUT_WORDS = frozenset(
    word_list(
        "来到 走进 深入 先后 前往 参观 考察 调研 视察 走访 察看 签约 落户 引进 入驻 其中 包括 以及 据悉 会上 "
        "发布者 联系 成立 联合 负责人 尝试 专门 创办 组建 收购 旗下 指出 认为 表示 现身 委托 直指 哪怕 所以 "
        "如果 昔日 涉事 起诉 状告 携手 牵头 主办 承办 协办 支持 代表 介绍 现任 曾任 原任 担任 兼任 出任 任职 "
        "就职 毕业于 来自 位于 投资方 合作方 摘牌 巨头 龙头 分别 以上 以下 左右 亿元 万元 元 不含 不包括 含 "
        "预计 计划 力争 确保 推进 加快 推动 实施 打造 启动 完成 开展 举办 举行 召开 参加 出席 分析 曝光"
    )
)
# One-character words that end the text before a name (是|南京丰盛产业控股集团, 当|中国集邮总公司).
CUT_CHARS = frozenset(
    "的了是在和与及或并对向由为将把被从到赴给于当系间以自经同跟让请等之其该此这那各每某有也都又还就仅即已曾要会建"
    "而但据如去来进送转找看像归诉见往至且若虽因凡令使叫比较朝沿随替按凭靠离距连近不后"
)
# jieba tags of words that are not part of a name, for words of two or more characters.
CUT_TAGS = frozenset(word_list("v vd p c r d t m q f u ul uj y"))
# Position words that start names (东方电气, 南方电网) although jieba tags them as positions.
NAME_START_WORDS = frozenset(
    word_list("东方 南方 西方 北方 东部 西部 南部 北部 中部 东南 西南 东北 西北 中央 华东 华南")
)
CUT_TAG_MIN_FREQ = 10
# Verbs and adverbs that are part of company names (鲁信投资控股集团, 润众新材料科技开发有限公司).
BUSINESS_WORDS = frozenset(
    word_list(
        "投资 控股 发展 建设 开发 制造 贸易 经营 管理 服务 咨询 工程 生产 运营 实业 科技 物流 销售 营销 设计 "
        "研发 置业 租赁 担保 保险 传媒 出版 印刷 创新 智能 电子 信息 网络 环保 能源 新能源 农业 建材 装备 "
        "交通 航空 高新 国际 联合 集团 股份 实验 示范 产业 综合"
    )
)
# Dates and counts before a name are not part of it (2010年五粮液集团).
LEADING_NUMBER = rx.compile(r"^.*\d+[年月日个家倍名位]?")
MAX_RUN = 24
MIN_STEM = 2
BRACKET_RE = rx.compile(rf"[(（]([{HAN}]{{1,6}})[)）]\Z")
# What a bracket inside a company name holds: a place (汇川(苏州)有限公司) or one of these words.
BRACKET_WORDS = frozenset(word_list("集团 控股 股份 中国 国际"))


def _run_before(text: str, end: int) -> str:
    """The name characters before ``end`` (bracketed groups such as (苏州) or (集团) included)."""
    start = end
    while start > 0 and end - start < MAX_RUN:
        if NAME_CHARS.match(text[start - 1]):
            start -= 1
            continue
        bracket = BRACKET_RE.search(text, max(0, start - 8), start)
        if bracket and (bracket[1] in BRACKET_WORDS or bracket[1] in place_names()):
            start = bracket.start()
            continue
        break
    return text[start:end]


def is_cut_word(word: str) -> bool:
    if word in CUT_WORDS:
        return True
    if len(word) == 1:
        return word in CUT_CHARS
    if word in BUSINESS_WORDS or word in NAME_START_WORDS:
        return False
    if word_tag(word) in CUT_TAGS and word_freq(word) >= CUT_TAG_MIN_FREQ:
        return True
    return len(word) > 2 and is_cut_word(word[-2:])  # 任职期间: a compound ending in a cut word


def name_stem(text: str, end: int) -> str:
    """The part of the name before a suffix ending at ``end``, read back word by word to the first cut word."""
    run = _run_before(text, end)
    kept = 0
    for word in words_from_right(run):
        if is_cut_word(word):
            break
        kept += len(word)
    return LEADING_NUMBER.sub("", run[len(run) - kept :])
