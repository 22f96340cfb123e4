"""Government, party, congress and judicial bodies, bodies known by their own name, and congress sessions.

A local body is written after a prefix: a place (湖南省商务厅, 义乌发改局, 大理州人民政府, 阿荣旗人民政府), a level
word opening a phrase (市发改委, 自治区政府, 州工信委), either of them after 中共 (中共大理州委). What follows the
prefix is a body from data/bodies.tsv, or any short run ending in 局/厅/分局 (市住房和城乡建设局) unless that
run ends in an ordinary word (区域发展新格局, 市民服务大厅). A body with a bare level (市委, 区政府) is
resolved to the article's locality, and left out when every mention of it is part of a person's title
(区委书记张笑): the article then names a person, not the body. Bodies known by their own name (国务院,
国家发展改革委, 世界贸易组织, 新华社, data/national_bodies.tsv and data/media.txt) count wherever they are
written; congress and CPPCC sessions (十四届全国人大二次会议, 政协莆田市第五届委员会) are found by their pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from crawler import rx
from crawler.entities.lexicon import DATA, HAN, is_han, read_tsv, read_words, trie_regex, word_freq, word_list
from crawler.entities.persons import title_head_after
from crawler.entities.places import Mention

# Level words a body is written after, longest first (自治区发改委 before 区…).
LEVEL_WORDS = ("自治区", "自治州", "自治县", "自治旗", "街道", "省", "市", "区", "县", "州", "旗", "盟", "镇", "乡")
LEVEL_RE = rx.compile("|".join(LEVEL_WORDS))
# A level word is a prefix only at a phrase start: after a non-Han character or one of these words.
LEVEL_LEAD_INS = frozenset("和与及同由在经对向把被将是为到赴了的等、中共原")
# ... and not as the end of an ordinary word (城市委员会, 上市公司, 社区政府 …).
LEVEL_WORD_FREQ = 200
GENERIC_BODY_RE = rx.compile(r"[^\W\d的等之在了是_]{1,10}?(?:分局|局|厅)(?![长])")
# Words ending in 局/厅 that are not bodies: the run before them is a phrase, not a body's name.
NOT_BODY_ENDINGS = frozenset(
    word_list(
        "布局 格局 大局 全局 结局 当局 开局 僵局 时局 骗局 棋局 饭局 赌局 残局 终局 变局 新局 破局 定局 败局 "
        "出局 入局 乱局 困局 客厅 餐厅 大厅 展厅 舞厅 歌厅 门厅 前厅 饭厅 部署"
    )
)
# A liaison office in another city: 驻汉办 (in 武汉), 驻京办事处.
LIAISON_OFFICE_RE = rx.compile(rf"驻[{HAN}]{{1,3}}?办(?:事处)?")
# A body followed by a character it forms a word with is not that body (市委托第三方: 委托).
BODY_TAIL_FREQ = 100
COMMUNIST_PARTY = "中共"
NATIONAL_GENERIC_RE = rx.compile(rf"国家[{HAN}]{{2,8}}?(?:总局|局|委员会|署)")
CN_NUM = "一二三四五六七八九十"
SESSION_TAIL = rf"(?:第[{CN_NUM}]+次(?:全体)?会议)?"
NATIONAL_SESSION_RE = rx.compile(
    rf"第?[{CN_NUM}]+届全国(?P<kind>人大|人民代表大会|政协)(?:常委会)?第?[{CN_NUM}]+次(?:全体)?会议"
)
PARTY_CONGRESS_RE = rx.compile(rf"(?:中国共产党|中共)[{HAN}]{{2,10}}?第[{CN_NUM}]+次(?:党员)?代表大会")
CPPCC_SESSION_RE = rx.compile(rf"(?:政协|中国人民政治协商会议)[{HAN}]{{2,10}}?第[{CN_NUM}]+届委员会{SESSION_TAIL}")
LOCAL_SESSION_RE = rx.compile(rf"第[{CN_NUM}]+届(?P<kind>人民代表大会|人大|政协)(?:常委会)?{SESSION_TAIL}")
SESSION_KINDS = {"人大": "congress", "人民代表大会": "congress", "政协": "cppcc"}


@cache
def body_kinds() -> dict[str, str]:
    return {body: kind for body, kind in read_tsv(DATA / "bodies.tsv")}


@cache
def _body_re() -> re.Pattern[str]:
    return trie_regex(body_kinds())


@cache
def body_start_re() -> re.Pattern[str]:
    """Bodies of two characters or more (发改局, 人民政府), which confirm the short place name before them."""
    return trie_regex(body for body in body_kinds() if len(body) > 1)


@cache
def known_kinds() -> dict[str, str]:
    """Bodies known by their own name -> kind: national organs, associations, international bodies, media."""
    kinds = {name: kind for name, kind in read_tsv(DATA / "national_bodies.tsv")}
    kinds.update((name, "media") for name in read_words("media.txt"))
    kinds.update((name, "company") for name in read_words("companies.txt"))
    return kinds


@cache
def _known_re() -> re.Pattern[str]:
    return trie_regex(known_kinds())


def body_words() -> Iterable[str]:
    """市发改委, 区人大常委会 …: every level + body, for the keyword dictionary."""
    return (level + body for level in "省市区县州" for body in body_kinds())


def _ends_in_word(text: str, end: int) -> bool:
    """The last character before ``end`` forms an ordinary word with the next one (委|托, 局|面)."""
    return end < len(text) and is_han(text[end]) and word_freq(text[end - 1 : end + 1]) > BODY_TAIL_FREQ


def _cut_from_words(text: str, start: int, end: int) -> bool:
    """A short name whose first character ends a word before it or whose last begins a word after it."""
    before = start > 0 and is_han(text[start - 1]) and word_freq(text[start - 1 : start + 1]) > BODY_TAIL_FREQ
    return before or _ends_in_word(text, end)


def _body_at(text: str, pos: int) -> tuple[int, str] | None:
    """(end, kind) of the body written at ``pos``: a known body, else a run ending in 局/厅."""
    m = _body_re().match(text, pos)
    if m and not _ends_in_word(text, m.end()):
        return m.end(), body_kinds()[m[0]]
    m = GENERIC_BODY_RE.match(text, pos)
    if m and text[m.end() - 2 : m.end()] not in NOT_BODY_ENDINGS and not _ends_in_word(text, m.end()):
        return m.end(), "government"  # not 区域发展新格局, not 西部局地
    m = LIAISON_OFFICE_RE.match(text, pos)
    if m:
        return m.end(), "government"
    return None


def _level_opens_phrase(text: str, start: int, level: str) -> bool:
    if start == 0 or not is_han(text[start - 1]) or text[start - 1] in LEVEL_LEAD_INS:
        return True
    return word_freq(text[start - 1] + level[0]) <= LEVEL_WORD_FREQ


def _prefixes(text: str, places: list[Mention]) -> dict[int, tuple[int, Mention | None]]:
    """Where a body may start -> (start of its name, the place it names or None for a bare level)."""
    out: dict[int, tuple[int, Mention | None]] = {}
    for place in places:
        if place.division is None:
            continue
        out[place.end] = (place.start, place)
        level = LEVEL_RE.match(text, place.end)
        if level and not place.full:
            out[level.end()] = (place.start, place)  # 大理州, 义乌市: a short name and its level
    inside = {i for place in places for i in range(place.start, place.end)}
    for m in LEVEL_RE.finditer(text):
        if m.end() not in out and m.start() not in inside and _level_opens_phrase(text, m.start(), m[0]):
            out[m.end()] = (m.start(), None)
    return out


def _resolve(level: str, locality: dict[str, str | None] | None) -> str | None:
    """The locality a bare level word means: 市 -> 天门市, 区 -> 亭湖区, 自治区 -> 广西壮族自治区."""
    for key in ("county", "city", "province"):
        name = (locality or {}).get(key)
        if name and name.endswith(level):
            return name
    return None


def find_local_bodies(text: str, places: list[Mention], locality: dict[str, str | None] | None) -> list[dict[str, Any]]:
    """Bodies after a place or a level word, each mention; ``in_title`` marks a mention inside a title."""
    out = []
    for pos, (start, place) in sorted(_prefixes(text, places).items()):
        found = _body_at(text, pos)
        if found is None:
            continue
        end, kind = found
        if place is not None and not place.full and pos == place.end and end - pos < 2:
            continue  # a short place name and a one-character body (天门委) is not a body's name
        if text[max(0, start - 2) : start] == COMMUNIST_PARTY:
            start -= 2
        name = text[start:end]
        item = {"name": name, "kind": kind, "resolved": name if place else None, "in_title": False}
        if place is None:
            level = text[start:pos].removeprefix(COMMUNIST_PARTY)
            prefix = _resolve(level, locality)
            item["resolved"] = prefix + text[pos:end] if prefix else None
            item["in_title"] = title_head_after(text, end)
        out.append(item)
    return out


def find_known(text: str) -> list[dict[str, Any]]:
    """国务院, 国家发展改革委, 世界贸易组织, 新华网, 华为 …: bodies known by their own name, and 国家…局 bodies."""
    kinds = known_kinds()
    out = []
    for m in _known_re().finditer(text):
        if m[0].endswith("网") and _ends_in_word(text, m.end()):
            continue  # 中国青年网络: not the outlet
        if len(m[0]) == 2 and _cut_from_words(text, m.start(), m.end()):
            continue  # 集中通过 does not name 中通
        out.append({"name": m[0], "kind": kinds[m[0]]})
    for m in NATIONAL_GENERIC_RE.finditer(text):
        if (
            text[m.end() - 2 : m.end()] not in NOT_BODY_ENDINGS
            and m[0] not in kinds
            and not _ends_in_word(text, m.end())
        ):
            out.append({"name": m[0], "kind": "government"})
    return out


def find_sessions(text: str, places: list[Mention]) -> list[dict[str, Any]]:
    """十四届全国人大二次会议, 政协莆田市第五届委员会第三次会议, 莆田市第十届人民代表大会第一次会议."""
    if "届" not in text and "代表大会" not in text:
        return []
    out = [{"name": m[0], "kind": SESSION_KINDS[m["kind"]]} for m in NATIONAL_SESSION_RE.finditer(text)]
    out.extend({"name": m[0], "kind": "cppcc"} for m in CPPCC_SESSION_RE.finditer(text))
    out.extend({"name": m[0], "kind": "party"} for m in PARTY_CONGRESS_RE.finditer(text))
    for place in places:
        m = LOCAL_SESSION_RE.match(text, place.end)
        if m and place.division is not None:
            out.append({"name": text[place.start : m.end()], "kind": SESSION_KINDS[m["kind"]]})
    return out
