"""Persons: officials named right after their titles, bylines (记者/通讯员/摄/责编) and interviewees.

In this genre a name follows its title with no space (市委书记易先荣主持…), so the extractor finds title
heads (data/titles.tsv), reads the title back to the previous delimiter and the name forward from a known
surname (data/surnames.txt). A name is two or three characters; which one is decided by what follows it
(主持, 出席, 分别, a comma …) and never by jieba's person tags, which split names (巩/海滨) and call ordinary
words names (智能化, 二十大).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from crawler import rx
from crawler.entities.lexicon import DATA, HAN, is_han, read_tsv, read_words, trie_regex, word_freq, word_list, word_tag

# Words that may follow a name directly; multi-character ones are tried before single characters.
FOLLOWERS = word_list(
    "主持 出席 分别 讲话 率队 带队 宣读 一同 一起 一行 参加 指出 强调 表示 要求 调研 "
    "会见 会同 陪同 致辞 介绍 听取 来到 深入 召开 看望 慰问 代表 同志 先后 实地 专程 "
    "前往 应邀 发表 宣布 传达 通报 部署 作出 批示 签署 接受 回答 认为 希望 提出 总结 "
    "点评 察看 检查 督导 考察 走访 参观 见证 出任 担任 主讲 汇报 发言 回顾 解读 坦言 "
    "透露 说道 谈到 一直 今天 日前 近日 带领 率领 莅临 接见 会晤 颁发 揭牌 作报告 宣讲 "
    "授课 肯定 详细 认真 仔细 首先 最后 结合 围绕 针对 通过 安排 审议 感谢 欢迎 祝贺 "
    "寄语 号召 共同 一道 上午 下午 晚上 当天 随后 现场 亲自 对此 作为 主持召开"
)
SINGLE_FOLLOWERS = frozenset("说在作对与和及为到赴率等也就同向是的还则让将把从并带任兼又已曾于都均要会以用给被")
# Followers that end a name before any longer word is tried (廖健等参加: 廖健, not 廖健等; 张笑在讲话中).
FIRST_FOLLOWERS = frozenset("等在")
# Verbs of speech that end a three-character run after a two-character name (王凯说).
SPEECH_VERBS = frozenset("说称讲道问答")
NAME_SEPARATORS = {"list": "、", "byline": " \u3000、,，"}
MAX_TITLE = 16
MAX_TITLE_TAIL = 8  # characters between a body and the title head it opens (市委|常务副|书记)
# A name whose first two characters are a frequent ordinary word is not a name (项目, 全市, 高新, 马上).
WORD_LIMIT = 100
NAME_WORD_LIMIT = 1000
GIVEN_WORD_LIMIT = 500
LISTED_GIVEN_WORD_LIMIT = 5000
# Words that end the sentence before a title (比赛由|药剂科主任, 根据|书田泌尿科主任).
TITLE_LEAD_INS = word_list("根据 据 由 在 的 是 为 了 被 让 对 请 邀请 同 与")
TITLE_DELIMITERS = rx.compile(f"[^{HAN}]|、")
# Uyghur, Tibetan and foreign names are written with a middle dot (艾尔肯·吐尼亚孜).
DOTTED_NAME = rx.compile(rf"[{HAN}]{{2,6}}[·•]([{HAN}]{{2,8}})")
# A name with no title still counts at a sentence start when speech follows (张大山告诉记者, 王伟表示).
# ... and after 由 when the act follows (会议由王伟主持, 由张强宣读表彰决定).
SENTENCE_START_RE = rx.compile(r"(?:^|(?<=[。！？!?\n“由]))")
SPEAKING = word_list(
    "指出 强调 表示 认为 介绍 说 告诉记者 坦言 透露 出席 主持 参加 致辞 讲话 率队 带队 一行 宣布 会见 调研 莅临 "
    "宣读 作工作报告 作报告 汇报 发言 总结 点评 解读"
)
# Surnames that are far more often a preposition, conjunction or verb right after a title (记者向…, 专家和…,
# 书记谈落实).
FUNCTION_SURNAMES = frozenset("向和于及与同从对把被将为谈")
BYLINE_ROLES = frozenset({"reporter", "editor", "photographer"})
BYLINE_FILLERS = frozenset("-－—:：")
# Forms of address written where a name would be (曹先生, 徐女士): not names.
ADDRESS_WORDS = frozenset(word_list("先生 女士 小姐 同志 师傅 老师 大爷 大妈 阿姨 某某"))
# A name never ends in a character that ends the name of a body (纪工委书记 is a title, not 纪工委 + 书记).
BODY_END_CHARS = frozenset("委局厅署办处科部组院所区市县镇乡村省州旗盟队站")
# A list of names before 等 and a title (林玉桂、邱元勋等委员; 蒋剑、伍继承等县四大家领导): the title is
# looked for in the few characters after 等.
# Found from its end (、…等), which is rare, rather than tried at every character.
LIST_END_RE = rx.compile(rf"、[{HAN}·]{{2,8}}等")
NAMES_BEFORE_RE = rx.compile(rf"((?:[{HAN}·]{{2,8}}、)+[{HAN}·]{{2,8}})等\Z")
NAMES_LIST_SPAN = 160
TITLE_AFTER_LIST = 12
LIST_TITLE_WORDS = word_list("领导 同志 领导班子")
# Before a name written ahead of its title (在易先荣书记的带领下).
NAME_BEFORE_TITLE_LEADS = frozenset("在由对向和与及、，,。：:“\n")
PHOTO_RE = rx.compile(rf"((?:[{HAN}]{{2,4}}[ \u3000]+)*[{HAN}]{{2,4}})[ \u3000]*摄(?:影)?(?=[\s)）。]|$)")


@dataclass
class Person:
    name: str
    titles: list[str] = field(default_factory=list)
    role: str | None = None
    listed: bool = False  # seen in a list of names or a byline, which is evidence enough on its own

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "titles": self.titles, "role": self.role}


@cache
def title_roles() -> dict[str, str]:
    return {head: role for head, role in read_tsv(DATA / "titles.tsv")}


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    words = read_words("surnames.txt")
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


@cache
def _official_re() -> re.Pattern[str]:
    return trie_regex(h for h, role in title_roles().items() if role in ("official", "executive"))


@cache
def _byline_re() -> re.Pattern[str]:
    """Byline heads; one-character heads (文, 图, 摄) only count before a separator (文/张三, 摄:李四)."""
    heads = [h for h, role in title_roles().items() if role not in ("official", "executive")]
    long_heads = "|".join(sorted((re.escape(h) for h in heads if len(h) > 1), key=len, reverse=True))
    short_heads = "|".join(re.escape(h) for h in heads if len(h) == 1)
    return rx.compile(rf"(?:{long_heads})[:：/]?|(?:{short_heads})[:：/]")


def _is_common_word(name: str, surname: int = 1) -> bool:
    """项目, 全市, 高新 are words, not names; with a compound surname (欧阳泽华) the given name is checked."""
    for word in {name, name[:2] if surname == 1 else name[surname:]}:
        tag = word_tag(word)
        limit = NAME_WORD_LIMIT if tag.startswith("nr") else WORD_LIMIT
        if word_freq(word) > limit:
            return True
    return False


def title_head_after(text: str, pos: int) -> bool:
    """``pos`` starts the rest of a person's title (市委|副书记李某, 市政协|党组副书记、副主席…): a title head
    follows in the same phrase, then a name or another title."""
    window = text[pos : pos + MAX_TITLE_TAIL]
    m = _official_re().search(window)
    if not m or TITLE_DELIMITERS.search(window, 0, m.start()):
        return False
    after = pos + m.end()
    return text[after : after + 1] == "、" or read_name(text, after) is not None


def _followed(text: str, pos: int) -> bool:
    return text.startswith(FOLLOWERS, pos)


def _length_by_next_word(text: str, two: int, three: int, surname: int) -> int | None:
    """When no known word follows, the name ends where a dictionary word starts (张以民|表态, 王伟|表态)."""
    after_three = len(text[three : three + 2]) == 2 and word_freq(text[three : three + 2]) > 0
    after_two = word_freq(text[two : two + 2]) > 0
    if after_three and not after_two:
        return surname + 2
    if after_two and not after_three:
        return surname + 1
    return None


def read_name(text: str, pos: int) -> str | None:
    """The 2–3 character name starting at ``pos`` (one space skipped), or None if none is there."""
    if text[pos : pos + 1] in (" ", "\u3000"):
        pos += 1
    dotted = DOTTED_NAME.match(text, pos)
    if dotted:
        dot = dotted.start(1)
        ends = [i for i in range(dot + 2, dotted.end()) if _followed(text, i) or text[i] in SINGLE_FOLLOWERS]
        return text[pos : ends[0] if ends else dotted.end()]
    singles, compounds = _surnames()
    if text[pos : pos + 1] in FUNCTION_SURNAMES:
        # 记者向姚明, 专家和政协: the character is a preposition here, not the surname 向/和.
        return read_name(text, pos + 1) if pos + 1 < len(text) and text[pos + 1] in singles else None
    if text[pos : pos + 2] in compounds:
        surname = 2
    elif text[pos : pos + 1] in singles:
        surname = 1
    else:
        return None
    end = pos
    while end < len(text) and end - pos < 6 and is_han(text[end]):
        end += 1
    run = end - pos
    if run == surname + 2 and (text[pos + run - 1] in SPEECH_VERBS or text[pos + run - 1] in FIRST_FOLLOWERS):
        length = surname + 1  # 王凯说，万鼎等，
    elif run in (surname + 1, surname + 2):
        length = run
    elif run > surname + 2:
        two, three = pos + surname + 1, pos + surname + 2
        if text[two] in FIRST_FOLLOWERS or _followed(text, two):
            length = surname + 1
        elif _followed(text, three):
            length = surname + 2
        elif text[two] in SINGLE_FOLLOWERS:
            length = surname + 1
        elif text[three] in SINGLE_FOLLOWERS:
            length = surname + 2
        else:
            length = _length_by_next_word(text, two, three, surname)
            if length is None:
                return None
    else:
        return None
    name = text[pos : pos + length]
    if name[surname:] in ADDRESS_WORDS or _is_common_word(name, surname):
        return None
    if _official_re().match(name) or _official_re().match(name[1:]):
        return None
    return name


def _name_before(text: str, head_start: int) -> str | None:
    """A name right before a short title (易先荣书记), when a lead-in word or punctuation precedes it."""
    for length in (3, 2):
        start = head_start - length
        if start < 0 or (start > 0 and text[start - 1] not in NAME_BEFORE_TITLE_LEADS):
            continue
        candidate = text[start:head_start]
        if candidate[-1] not in BODY_END_CHARS and read_name(candidate + "，", 0) == candidate:
            return candidate
    return None


def _name_end(text: str, pos: int, name: str) -> int:
    return text.index(name, pos) + len(name)


def _title_before(text: str, head_start: int, head_end: int) -> str:
    start = head_start
    while start > 0 and head_end - start < MAX_TITLE and not TITLE_DELIMITERS.match(text[start - 1]):
        start -= 1
    title = text[start:head_end]
    cut = max(
        (title.rfind(w, 0, head_start - start) + len(w) for w in TITLE_LEAD_INS if w in title[: head_start - start]),
        default=0,
    )
    return title[cut:]


def _title_chain(text: str, title_start: int) -> list[str]:
    """Titles joined by 、 before this one (区委副书记、盐城环保科技城党工委书记 -> both)."""
    chain: list[str] = []
    pos = title_start
    while pos > 0 and text[pos - 1] == "、":
        end = pos - 1
        start = end
        while start > 0 and end - start < MAX_TITLE and not TITLE_DELIMITERS.match(text[start - 1]):
            start -= 1
        segment = text[start:end]
        m = _official_re().search(segment)
        if not segment or not (m and m.end() == len(segment)):
            break
        chain.insert(0, segment)
        pos = start
    return chain


def _names_after(text: str, pos: int, separators: str) -> list[tuple[str, int]]:
    """A name at ``pos`` and any further names joined by ``separators`` (董青平、张华忠、高文博)."""
    out = []
    name = read_name(text, pos)
    while name:
        end = _name_end(text, pos, name)
        out.append((name, end))
        if end >= len(text) or text[end] not in separators:
            break
        pos = end + 1
        if _official_re().match(text, pos) or _byline_re().match(text, pos):
            break
        name = read_name(text, pos)
    return out


def find_persons(text: str) -> list[dict[str, Any]]:
    people: dict[str, Person] = {}

    def add(name: str, titles: list[str], role: str, listed: bool = False) -> None:
        person = people.setdefault(name, Person(name, role=role))
        person.titles.extend(t for t in titles if t not in person.titles)
        person.listed = person.listed or listed

    roles = title_roles()
    officials = list(_official_re().finditer(text))  # read twice below: names after, then names before
    for m in officials:
        names = _names_after(text, m.end(), NAME_SEPARATORS["list"])
        if not names:
            continue
        title = _title_before(text, m.start(), m.end())
        titles = [*_title_chain(text, m.end() - len(title)), title]
        role = roles[m[0]]
        for name, end in names:
            interviewee = text[end : end + 1] in (":", "：")
            add(name, titles, "interviewee" if interviewee else role, listed=len(names) > 1)
    for m in officials:
        name = _name_before(text, m.start())
        if name:
            add(name, [m[0]], roles[m[0]])
    for m in SENTENCE_START_RE.finditer(text):
        name = read_name(text, m.end())
        if name and text.startswith(SPEAKING, m.end() + len(name)):
            add(name, [], "interviewee")
    for name, title in _names_before_title(text):
        add(name, [title], roles.get(title, "official"), listed=True)
    for m in _byline_re().finditer(text):
        head = m[0].rstrip(":：/")
        start = m.end()
        while text[start : start + 1] in BYLINE_FILLERS:
            start += 1  # 发布人：-郭尧
        names = _names_after(text, start, NAME_SEPARATORS["byline"])
        for name, _end in names:
            byline = roles[head] in BYLINE_ROLES or len(names) > 1
            add(name, [head] if len(head) > 1 else [], roles[head], listed=byline)
    if "摄" in text:  # a C scan first: the pattern backtracks through every run of Han characters
        for m in PHOTO_RE.finditer(text):
            for chunk in m[1].split():
                name = read_name(chunk, 0)
                if name == chunk:
                    add(name, [], "photographer", listed=True)
    return [p.as_dict() for p in people.values() if _plausible(p, text)]


def _names_before_title(text: str) -> list[tuple[str, str]]:
    """林玉桂、邱元勋、林剑芳等委员: every item of the list must be a name, and a title follow 等."""
    out = []
    for m in LIST_END_RE.finditer(text):
        m = NAMES_BEFORE_RE.search(text, max(0, m.start() - NAMES_LIST_SPAN), m.end())
        if m is None:
            continue
        after = text[m.end() : m.end() + TITLE_AFTER_LIST]
        title = _official_re().search(after)
        word = next((w for w in LIST_TITLE_WORDS if w in after), None)
        if not title and not word:
            continue
        items = m[1].split("、")
        # The first item may carry the end of the sentence before it (出席的有|张三); read its tail.
        first = next(
            (items[0][i:] for i in range(len(items[0]) - 1) if read_name(items[0][i:] + "，", 0) == items[0][i:]), None
        )
        names = [first, *(item for item in items[1:] if read_name(item + "，", 0) == item)]
        if first and len(names) == len(items):
            head = title[0] if title else word
            out.extend((name, head) for name in names if name)
    return out


def _plausible(person: Person, text: str) -> bool:
    """A given name that is a common word (谈落实) needs a second sighting (陈创业 … 陈创业指出) or a list of
    names around it (伍继承 in 蒋剑、伍继承、义洁等); a very common word (原中央) is never a given name."""
    given = person.name[1:]
    if len(given) < 2 or word_freq(given) <= GIVEN_WORD_LIMIT or word_tag(given).startswith("nr"):
        return True  # 明珠, 向东: jieba knows these words as given names
    if word_freq(given) > LISTED_GIVEN_WORD_LIMIT:
        return False
    return person.listed or text.count(person.name) > 1
