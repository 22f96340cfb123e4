"""Bylines and credit lines: authors (记者, 全媒体记者, 通讯员, 作者, 文/图, bracketed bylines), editors
(责任编辑, 责编, 编辑), photographers (摄, 摄影), and the source (来源, 信息来源, 发布者). Patterns are data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler import rx
from crawler.content.names import NOT_NAMES, is_person_name
from crawler.content.words import words

_REPORTER = (
    r"(?:(?:本报|本台|本网|本刊|新华社|央视|中新社|人民网)?(?:首席|特派|驻[\u4e00-\u9fff]{1,6})?"
    r"(?:全媒体|融媒体|融媒|见习|实习|特约|本报|本台|本网)?记者|(?:本报|特约|本台)?通讯员|实习生|作者|撰文|撰稿|"
    r"文字|文\s*[/／|｜]\s*图|图\s*[/／|｜]\s*文|文(?=\s*[/／|｜:：]))"
)
AUTHOR_LABEL = rx.compile(_REPORTER + r"\s*[:：/／|｜]?\s*")
EXPLICIT_AUTHOR = rx.compile(r"^(?:作者|撰文|撰稿|文)\s*[:：]")  # a label that vouches for whatever name follows
COLON = rx.compile(r"[:：|｜/／]")  # a label set apart like this vouches for the name after it
PEN_NAME = rx.compile(r"^(?!.*(?:整理|编辑|责任|综合|转载|来源|网络|本站|小编|网友|管理员|系统))[\u4e00-\u9fff]{2,5}$")
EDITOR_LABEL = rx.compile(r"(?:责任编辑|责编|网络编辑|值班编辑|编辑|审核|审校|校对|终审)\s*[:：/／|｜]?\s*")
PHOTO_LABEL = rx.compile(r"(?:摄影报道|摄影|图片|摄)\s*[:：/／|｜]\s*")
PHOTO_SUFFIX = rx.compile(r"(?:记者|通讯员)?\s*((?:[\u4e00-\u9fff·]{2,5}[\s、，,]*){1,4})\s*摄(?![影像])")
SOURCE_LABEL = rx.compile(  # not 资料来源/图片来源/数据来源: those credit material, not the article
    r"(?<!资料)(?<!图片)(?<!数据)(?<!视频)(?:信息来源|稿件来源|文章来源|新闻来源|来源于|来源|发布者|发布机构|发布单位|发文机关|出处)\s*[:：]\s*"
)
CREDIT_LABEL = rx.compile(f"{AUTHOR_LABEL.pattern}|{EDITOR_LABEL.pattern}|{PHOTO_LABEL.pattern}")
# Where a run of names ends.
_STOP = rx.compile(r"[）)】\]」>。；;！!？?\d\n]|(?:报道|摄影|摄|讯|电|等|发自|编辑|责编|审核|来源|发布|时间|日期)")
_SPLIT = rx.compile(r"[\s、，,/／|｜]+")
_SOURCE_END = rx.compile(
    r"\s{2,}|\s(?=[\u4e00-\u9fff]{2,5}\s*[:：])|[|｜【\[（(]|\d{4}\s*[-/.年]|"
    r"(?:作者|时间|日期|发布|浏览|点击|编辑|记者|字号|字体|打印)"
)
_SOURCE_BAD = rx.compile(r"^[\d\s\-:：/.]+$")
NAME_THEN_ROLE = rx.compile(r"^\s*([\u4e00-\u9fff·\s、]{2,20}?)\s*(编辑|报道)\s*$")  # (曹文明 编辑)
BRACKET_BYLINE = rx.compile(r"[（(【\[]([^（()）【\]]{2,80})[）)】\]]")
END_BRACKET = rx.compile(r"[（(【\[]\s*([^（()）【\]]{2,40}?)\s*[）)】\]]\s*$")
NAME_BRACKET = rx.compile(r"[\[【（(]\s*([^\[\]【】（）()]{2,12}?)\s*[\]】）)]")


MAX_BYLINE = 40  # a line this short naming a reporter is read for names even when it stays in the body


@dataclass
class Credits:
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    source: str | None = None
    source_shown: bool = False  # the page prints a 来源 label, even an empty one: no meta may stand in for it


def names_after(text: str, start: int, pen_names: bool = False) -> list[str]:
    """Person names from ``text[start:]`` up to the first stop (punctuation, digit, closing bracket, verb).

    ``pen_names`` (after an explicit 作者：/文： label) also accepts names without a known surname."""
    window = text[start : start + 60]
    stop = _STOP.search(window)
    if stop:
        window = window[: stop.start()]
    out = []
    for part in _SPLIT.split(window):
        part = part.strip("：:")
        if is_person_name(part) or (pen_names and PEN_NAME.match(part) and part not in NOT_NAMES):
            out.append(part)
        elif part:
            break
    return out


def add_names(target: list[str], names: list[str]) -> None:
    for n in names:
        if n not in target:
            target.append(n)


def photo_credits(text: str, credits: Credits) -> None:
    """Photographers named in a text (摄影：李强, 马镇丹 谢道韫 摄); a caption's other names are not credits."""
    for m in PHOTO_LABEL.finditer(text):
        add_names(credits.photographers, names_after(text, m.end()))
    if "摄" not in text:  # every suffix credit ends in 摄; the pattern backtracks through every Han run
        return
    for m in PHOTO_SUFFIX.finditer(text):
        add_names(credits.photographers, [n for n in _SPLIT.split(m.group(1).strip()) if is_person_name(n)])


def credits_in(text: str, credits: Credits) -> None:
    """Harvest credits from one line / short text into ``credits`` (first source wins; names accumulate)."""
    for m in EDITOR_LABEL.finditer(text):
        add_names(credits.editors, names_after(text, m.end(), pen_names=bool(COLON.search(m.group(0)))))
    photo_credits(text, credits)
    for m in AUTHOR_LABEL.finditer(text):
        if text[max(0, m.start() - 2) : m.start()].endswith(("责任", "网络", "值班")):
            continue
        pen_names = bool(EXPLICIT_AUTHOR.match(m.group(0)))
        names = [n for n in names_after(text, m.end(), pen_names) if n not in credits.photographers]
        add_names(credits.authors, names)
    if credits.source is None:
        m = SOURCE_LABEL.search(text)
        if m:
            credits.source_shown = True
            source = clean_source(text[m.end() : m.end() + 50])
            if source and FULL_NAMES.match(source) and not ORG_END.search(source) and only_names(source):
                add_names(credits.authors, only_names(source))  # 来源：张三 names a person, not an outlet
            else:
                credits.source = source


NEXT_FIELD = rx.compile(r"^\s*[\u4e00-\u9fff]{2,5}\s*[:：]")
# Values of 来源 that name no outlet.
NO_OUTLET = words("本站原创 本站 原创 本网 本网原创 网络 互联网 网络转载 转载 转载文章 未知 佚名 综合 其他 不详")
# 来源：张三 李四: three-character names (two characters are too often words: 商讯, 公益) name people, not an outlet.
ORG_END = rx.compile(r"[报网社台端闻息道志刊技经媒线号院局委办部厅会处所站署府心司团校学馆队组室科区县市省村镇街厂行]$")
FULL_NAMES = rx.compile(r"^[\u4e00-\u9fff]{3}(?:[\s、，,]+[\u4e00-\u9fff]{2,3})*$")
_ASCII_TOKEN = rx.compile(r"^[A-Za-z0-9.\-_/:]+$")
# Unlabelled sources: a name beside the info line's date and time (发布时间：2023-01-29 08:23 金山网 www.jsw.com.cn,
# 2019年11月25日 18:57 参考消息, 华夏人文 2020-03-09 18:14:21, 原创 南方都市报 2019-09-09), or the wire credit
# opening the body (金山网讯 / 湖南日报·新湖南客户端2月16日讯).
_MEDIA = r"([\u4e00-\u9fff·]{1,12}?(?:网|日报|晚报|报|电视台|广播电视台|台|客户端|新闻))"
_DATE_TIME = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_NAME = r"([\u4e00-\u9fff][\u4e00-\u9fff·A-Za-z0-9]{1,15}|[A-Za-z][A-Za-z0-9]{1,15})"
NAME_AFTER_DATE = rx.compile(_DATE_TIME + r"\s+" + _NAME + r"(?=\s|$)")
NAME_BEFORE_DATE = rx.compile(r"^(?:原创\s*)?" + _NAME + r"\s+" + _DATE_TIME)
WIRE_SOURCE = rx.compile(r"^" + _MEDIA + r"(?:\d{1,2}月\d{1,2}日)?讯")
_HOUSE = ("本报", "本网", "本台", "本刊")
# Words that stand beside a date without naming an outlet.
NOT_OUTLET_WORDS = words(
    "星期一 星期二 星期三 星期四 星期五 星期六 星期日 星期天 周一 周二 周三 周四 周五 周六 周日 今天 昨天 前天 "
    "来源 作者 编辑 阅读 评论 分享 收藏 字号 字体 打印 原创 发布 更新 浏览 点击 关注 举报 首页 正文 上午 下午"
)


OUTLET_SUFFIX = rx.compile(r"(?:报|网|社|台|客户端|新闻|消息|频道|杂志|周刊|科技|财经|传媒|在线|APP|号)$")
NOT_LATIN_OUTLET = words("am pm AM PM by By BY via HKT CST GMT UTC BJT")


def outlet_name(token: str) -> bool:
    """A name beside a date that reads as an outlet: ends like one (…报, …网, …新闻, …消息, …科技) or is a Latin
    brand name; never a weekday, label, house credit or a count (阅读10544次)."""
    if token in NOT_OUTLET_WORDS or token.startswith(_HOUSE) or any(c.isdigit() for c in token):
        return False
    if token.isascii():
        return len(token) >= 3 and token not in NOT_LATIN_OUTLET
    return bool(OUTLET_SUFFIX.search(token))


def unlabelled_source(info_lines: list[str], opening_lines: list[str]) -> str | None:
    """The publisher when no 来源 label names it: a name beside the date on an info line, else the wire credit
    in one of the body's opening lines (a subtitle may come first)."""
    for line in info_lines:
        for pattern in (NAME_AFTER_DATE, NAME_BEFORE_DATE):
            m = pattern.search(line)
            if m and outlet_name(m.group(1)):
                return m.group(1)
    for line in opening_lines:
        m = WIRE_SOURCE.match(line)
        if m and not m.group(1).startswith(_HOUSE):
            return m.group(1).split("·")[0]
    return None


def clean_source(raw: str) -> str | None:
    """The publisher name after a 来源 label: its first word, plus a following domain (高新院 achie.org).
    An empty label (the next field follows: 来源： 访问量：120) and words that name no outlet give None."""
    if NEXT_FIELD.match(raw):
        return None
    end = _SOURCE_END.search(raw)
    words = (raw[: end.start()] if end else raw).split()
    if not words:
        return None
    kept = [words[0]]
    kept += [w for w in words[1:2] if _ASCII_TOKEN.match(w)]
    value = " ".join(kept).strip(" :：,，;；。()（）【】[]")
    if not value or _SOURCE_BAD.match(value) or len(value) > 30 or value in NO_OUTLET:
        return None
    return value


def bracket_bylines(text: str) -> list[str]:
    """Bracketed credit groups in an article's opening (本报讯（记者 张三 通讯员 李四）)."""
    return [m.group(1) for m in BRACKET_BYLINE.finditer(text) if AUTHOR_LABEL.search(m.group(1)) or "摄" in m.group(1)]


META_LINE = rx.compile(
    r"^\s*[【\[(（]?\s*(?:发布时间|发表时间|发布日期|发表日期|时间|日期|来源于|来源|信息来源|稿件来源|文章来源|作者|"
    r"责任编辑|责编|编辑|记者|通讯员|发布者|发布机构|浏览次数|点击数|阅读次数|审核|校对|摄影)\s*[:：]"
)
MAX_META_LINE = 90
# A field line holds no sentence: 记者：你们的市场在哪？ is an interview question, kept in the body, and so is
# 记者：…，… (the reporter speaking in a Q&A).
SENTENCE_MARKS = rx.compile(r"[。？！?!；]")
QUESTION_LINE = rx.compile(r"^\s*(?:本报|本台)?记者\s*[:：][^，,]*[，,]")  # the reporter speaking, not a byline


def is_meta_line(line: str) -> bool:
    """A short line made of metadata fields (harvested, then kept out of the body); not a sentence."""
    return (
        len(line) <= MAX_META_LINE
        and bool(META_LINE.match(line))
        and not SENTENCE_MARKS.search(line.rstrip("。"))
        and not QUESTION_LINE.match(line)
    )


def only_names(text: str) -> list[str]:
    """The names when ``text`` is nothing but 1–4 Chinese person names (a bare byline), else [].

    Latin user names need a label: a bare (xinlang-xinwen) is an account handle, not a byline."""
    parts = [p for p in _SPLIT.split(text.strip(" ：:")) if p]
    if 1 <= len(parts) <= 4 and all(is_person_name(p) and not p.isascii() for p in parts):
        return parts
    return []


def closing_byline(line: str, credits: Credits) -> bool:
    """A bracket closing the article's last lines: （记者 张三）, （总台记者 张倩）, （常书香 马丹阳）."""
    m = END_BRACKET.search(line)
    if not m:
        return False
    group = m.group(1)
    if AUTHOR_LABEL.search(group) or EDITOR_LABEL.search(group) or "摄" in group:
        credits_in(group, credits)
        return True
    m = NAME_THEN_ROLE.match(group)
    if m:
        add_names(credits.editors if m.group(2) == "编辑" else credits.authors, only_names(m.group(1)))
        return True
    names = only_names(group)
    if names:
        add_names(credits.authors, names)
        return True
    return False


def info_line_names(line: str, credits: Credits) -> None:
    """Portal info lines that bracket the author beside date and source: 2004年7月16日08:19 [ 黄宇 ] 来源：…"""
    if not SOURCE_LABEL.search(line) and not re.search(r"\d{4}", line):
        return
    for m in NAME_BRACKET.finditer(line):
        add_names(credits.authors, only_names(m.group(1)))
