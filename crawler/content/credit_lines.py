"""Credit lines at the body's edges: a byline opening the text (澎湃新闻记者 段彦超 廖艳, 采写：南都记者 余毅菁,
文/王强, 石佳/中国青年报), a credit block closing it (本文来源：X 责任编辑：Y_NF4425, 编辑|X, （袁源）,
（松花江网编辑 孙桂芳）, （实习生X对此文亦有贡献）, 《光明日报》（2022年02月13日 02版）), and lines restating the
headline (（原标题：…）).

Such a line is read into credits and kept out of the body only when nothing but credits is in it: roles,
names, outlets, staff codes. A line with a sentence in it stays body text.
"""

from __future__ import annotations

import re

from crawler import rx
from crawler.content import bylines
from crawler.content.bylines import Credits
from crawler.content.names import is_person_name
from crawler.content.words import words

MAX_CREDIT_LINE = 70
# Roles, longest first; "source" roles take any short value (an outlet or a list of them).
SOURCE_ROLES = words("本文来源 文章来源 稿件来源 信息来源 资料来源 图片来源 新闻来源 内容来源 来源 出处")
PERSON_ROLES = words(
    "责任编辑 网络编辑 值班编辑 特约编辑 编辑 责编 作者 采写 采访 执笔 撰文 撰稿 文字 摄影 摄像 编译 整理 校对 "
    "审核 审校 终审 初审 复审 监制 统筹 策划 出品 制图 设计 视频 记者 通讯员 实习生 供图 供稿"
)
PROVIDER_ROLES = words("供稿 供图")
# 文 / 图 / 摄 are roles only standing apart from other Han characters (文/图, 王强/文, 摄 李强), never inside a name.
SHORT_ROLES = "文图摄"
# Roles after which any short token is a name (pen names, user names), not only a known surname.
EXPLICIT_ROLES = words("作者 执笔 撰文 撰稿 采写 文 编辑 责编 责任编辑 编译 整理 统筹 监制")
_ROLES = sorted(SOURCE_ROLES | PERSON_ROLES, key=lambda r: (-len(r), r))
ROLE = rx.compile(
    r"(" + "|".join(_ROLES) + rf"|(?<![\u4e00-\u9fff])[{SHORT_ROLES}](?![\u4e00-\u9fff]))(?:\s*[:：|｜/／]\s*)?"
)
# An outlet glued to a reporter role: 光明日报记者, 顶端新闻·河南商报记者, 南都见习记者.
OUTLET_ROLE = rx.compile(r"[\u4e00-\u9fff·《》]{1,16}?(?:全媒体|融媒体|见习|实习|特约|首席)?(?:记者|通讯员)")
STAFF_CODE = rx.compile(r"_?[A-Z]{1,4}\d{3,6}\b")  # 杨倩_NF4425, NB12556
# Non-person tokens a credit may hold: a provider (受访者供图), a dateline place (台北报导), an outlet.
PROVIDER = rx.compile(r"^[\u4e00-\u9fff]{0,10}(?:供图|供稿|提供|报导|报道)$|^(?:受访者|受访单位|网络|资料|视觉中国)$")
MEDIA = rx.compile(r"(?:报|网|社|台|客户端|新闻|频道|专栏|杂志|周刊|晚报|日报|APP|》)$")
TOKEN_SPLIT = rx.compile(r"[\s、，,&＆/／|｜:：·]+")
SENTENCE = rx.compile(r"[。！？；!?;]")
HAN_NAME = rx.compile(r"^[\u4e00-\u9fff·]{2,12}$")
PEN_NAME = rx.compile(r"^[\u4e00-\u9fff]{2,6}$|^[A-Za-z][A-Za-z0-9_.\-]{1,15}$")
BRACKETS = "（()）【】[] \u3000□■●◆▲△★☆※*"
# Whole-line notes that only credit the text (a table: add phrases here).
CREDIT_NOTES = rx.compile(
    r"对(?:此|本)文(?:亦|也)?有(?:所)?贡献|^本文来自|^(?:内容|文章|本文)?(?:综合|整理)(?:整理)?自|"
    r"^(?:图片|图文|配图|素材)(?:均|皆)?(?:来自|来源于|源自)(?:网络|互联网)|^信息来源于网络|"
    r"^《[^》]{2,16}》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}\s*版\s*[）)]$"
)
RESTATED_HEADLINE = rx.compile(r"^[（(【\[]?\s*(?:原标题|原题为?|本文原标题|原文标题)\s*[:：为]?")
KICKER = rx.compile(r"^【[^】]{2,12}】$")  # a column rubric above the text: 【新春走基层】


def _tokens_are_credits(segment: str, role: str | None, separated: bool = False) -> bool:
    """Whether a value after ``role`` (or before any role) holds nothing but credits; pen names count only after
    an explicit role set apart by a separator (作者：叨叨姐, not 编辑部…)."""
    for token in TOKEN_SPLIT.split(segment):
        token = token.strip(BRACKETS)
        if not token:
            continue
        if role in SOURCE_ROLES:
            if len(token) > 16:
                return False
        elif not (
            is_person_name(token)
            or PROVIDER.match(token)
            or MEDIA.search(token)
            or (role in EXPLICIT_ROLES and separated and PEN_NAME.match(token))
        ):
            return False
    return True


def credits_only(line: str) -> bool:
    """True when ``line`` is made of credits alone (roles, names, outlets, staff codes), with at least one role."""
    text = line.strip().strip(BRACKETS)
    if not text or len(text) > MAX_CREDIT_LINE or SENTENCE.search(text.rstrip("。")):
        return False
    text = STAFF_CODE.sub(" ", text)
    text = OUTLET_ROLE.sub(" 记者 ", text)
    found = list(ROLE.finditer(text))
    if not found:
        return False
    # (role, separated, value) for the text before the first role and after each one
    parts: list[tuple[str | None, bool, str]] = [(None, False, text[: found[0].start()])]
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        separated = m.end() > m.end(1) or m.end() == len(text) or text[m.end()].isspace()
        parts.append((m.group(1), separated, text[m.end() : end]))
    for k, (role, separated, value) in enumerate(parts):
        if k + 1 < len(parts) and parts[k + 1][0] in PROVIDER_ROLES:
            role = "来源"  # a provider names itself before its role: 药剂科供稿 (read like a source)
        if not _tokens_are_credits(value, role, separated):
            return False
    return True


def names_in_brackets(line: str) -> list[str]:
    """（袁源） / （常书香 马丹阳）: a line that is only a bracketed list of names."""
    text = line.strip()
    if not (text[:1] in "（(" and text[-1:] in "）)"):
        return []
    return bylines.only_names(text.strip(BRACKETS))


def name_slash_outlet(line: str, credits: Credits) -> bool:
    """石佳/中国青年报 or 王强/文: a name and an outlet (or a role) split by a slash."""
    parts = [p.strip() for p in re.split(r"[/／|｜]", line)]
    if len(parts) != 2 or not all(parts) or SENTENCE.search(line):
        return False
    name, other = (parts[0], parts[1]) if is_person_name(parts[0]) else (parts[1], parts[0])
    if not (is_person_name(name) and HAN_NAME.match(name)) or len(other) > 12:
        return False
    if other in ("文", "图", "文图", "摄"):
        bylines.add_names(credits.photographers if other in ("图", "摄") else credits.authors, [name])
        return True
    if MEDIA.search(other):
        bylines.add_names(credits.authors, [name])
        if credits.source is None:
            credits.source = other
        return True
    return False


def head_byline(line: str, credits: Credits) -> bool:
    """A line opening the body that only credits it: its people are read, and True says drop it."""
    if RESTATED_HEADLINE.match(line) or KICKER.match(line):
        return True
    names = bylines.only_names(line) if len(line) <= 20 else []
    if names:  # a bare name line under the headline
        bylines.add_names(credits.authors, names)
        return True
    if name_slash_outlet(line, credits):
        return True
    if credits_only(line):
        bylines.credits_in(_for_harvest(line), credits)
        return True
    if len(line) <= bylines.MAX_BYLINE and bylines.AUTHOR_LABEL.search(line):
        bylines.credits_in(line, credits)  # a byline with more in it: the names are read, the line stays
    return False


def tail_credit(line: str, credits: Credits) -> bool:
    """A line closing the body that only credits it: read, and True says drop it."""
    if RESTATED_HEADLINE.match(line):
        return True
    if len(line) <= MAX_CREDIT_LINE * 2 and CREDIT_NOTES.search(line.strip(BRACKETS)):
        return True
    names = names_in_brackets(line)
    if names:
        bylines.add_names(credits.authors, names)
        return True
    if credits_only(line):
        if not bylines.closing_byline(line, credits):
            bylines.credits_in(_for_harvest(line), credits)
        return True
    if (
        not bylines.closing_byline(line, credits)
        and len(line) <= bylines.MAX_BYLINE
        and bylines.CREDIT_LABEL.search(line)
    ):
        bylines.credits_in(line, credits)  # a credit with more in it: the names are read, the line stays
    return False


def _for_harvest(line: str) -> str:
    """Staff codes off the names (杨倩_NF4425 -> 杨倩) before the credit reader sees them."""
    return STAFF_CODE.sub(" ", line)


def trim_editor_credit(line: str) -> str:
    """……稳中有进。（责任编辑：刘敏）: the editor's bracket closing the last paragraph is a credit, not text
    (closing_byline has read it). A reporter's bracket (（记者 陈志奎）) stays, as papers print it with the text."""
    m = bylines.END_BRACKET.search(line)
    group = m.group(1) if m else ""
    if (
        m
        and line[: m.start()].rstrip()
        and bylines.EDITOR_LABEL.search(group)
        and not bylines.AUTHOR_LABEL.search(group)
    ):
        return line[: m.start()].rstrip()
    return line
