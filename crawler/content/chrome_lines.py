"""Line-level chrome: phrases that survive DOM cleaning (print/font bars, QR-code footers, share bars,
prev/next links, copyright and ICP lines, click counters). Phrases are data; ``clean_lines`` applies them."""

from __future__ import annotations

import re

from crawler import rx

# A line that matches one of these (anywhere) and is short is chrome as a whole.
CHROME_LINE_PATTERNS: tuple[str, ...] = (
    r"打印本页|【\s*打印\s*】|\[\s*打印\s*\]|打印此文|打印文章|打印页面|打印\s*关闭",
    r"关闭窗口|【\s*关闭\s*】|\[\s*关闭\s*\]",
    r"(?:字号|字体|文字)\s*[:：]?\s*[【\[(（]?\s*(?:大\s*中\s*小|放大|缩小|默认|超大|小\s*中\s*大)",
    r"调整字体|【\s*字体|\[\s*字体",
    r"分享到|分享至|一键分享|微信扫一扫|扫一扫|扫描二维码|二维码|在您的设备上浏览本页|手机版|在手机上打开",
    r"^\s*[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|返回顶部|返回首页|返回列表|收藏本页|我要纠错|网站纠错)",
    r"^\s*(?:字体|字号|打印)\s*[:：]?\s*(?:T\s*\|\s*T)?\s*$",
    r"^\s*打\s*[印?？\ufffd]?\s*[?？\ufffd。.]*\s*$",  # a print button, also byte-damaged (打?。?)
    r"第\s*\d+\s*页\s*[/／]?\s*共\s*\d+\s*页|<<\s*上一页|下一页\s*>>",
    # a pager line: [1] [2] [3] 下一页
    r"^(?:\s*(?:\[\s*\d{1,2}\s*\]|\d{1,2}|上一页|下一页|首页|末页|尾页|[<>›»]+)\s*){2,}$",
    r"\d*\s*人参与|\d*\s*条评论|点击进入|了解更多\s*$|>>\s*$",
    r"(?:span|div|img|a)\s+(?:id|class|href|src|style)\s*=",  # markup leaked into text
    # a footer menu: two or more site-info link words on one short line
    r"(?:网站简介|关于我们|广告服务|法律声明|建议投诉|标识说明|联系方式|隐私政策|网站声明)"
    r".*(?:网站简介|关于我们|广告服务|法律声明|建议投诉|标识说明|联系方式|隐私政策|网站声明)",
    r"版权所有|版权声明|Copyright|©|ICP[备证]|公网安备|网站标识码|网站地图|联系我们|无障碍",
    r"(?:主办|承办|技术支持|运行维护|维护)(?:单位)?\s*[:：].*(?:主办|承办|技术支持|维护|版权|ICP|标识码|电话|邮编)",
    r"(?:浏览|点击|阅读|访问)(?:次数|量|数)\s*[:：]|(?:浏览|点击|阅读|访问)\s*[:：]\s*\d+|(?:阅读|浏览)\s*\d+\s*次",
    r"当前位置\s*[:：]|您的位置\s*[:：]|你的位置\s*[:：]|所在位置\s*[:：]",
    r"^\s*(?:相关阅读|相关链接|相关新闻|相关文章|相关稿件|相关报道|相关专题|延伸阅读|推荐阅读|热点推荐|热门推荐|猜你喜欢|更多精彩)",
    r"^\s*(?:【?\s*(?:我要评论|发表评论|网友评论|已有\d+人参与)\s*】?)",
    r"^\s*(?:来源|信息来源|稿件来源)\s*[:：]\s*\S{0,30}\s*$",
    r"^\s*(?:附件|相关附件)\s*[:：]?\s*$",
    r"^\s*(?:点击图片|点击查看)",
    r"^\s*(?:用微信扫描|长按识别)|公众号\s*$",
    r"^\s*(?:本文|本网)(?:内容)?(?:转载|版权)",
    # a public account's calls to action under the text: 1、回复【福利】查看…, 点击菜单栏…, 点【在看】
    r"^\s*\d{1,2}\s*[、.．]\s*回复\s*[【\[]|点击菜单栏|点[个亮]?\s*[【\[]?在看|(?:长按|扫码|点击)[^，。]{0,8}关注",
    r"(?:转载|转发)请注明(?:出处|来源)|未经(?:书面)?(?:许可|授权)[，,]?\s*(?:不得|禁止)",
    r"^\s*(?:标签|关键词|Tags?)\s*[:：]",
)
CHROME_LINE = rx.compile("|".join(f"(?:{p})" for p in CHROME_LINE_PATTERNS), re.I)
# Phrases that are chrome even inside a punctuated sentence-like line (footers join clauses with commas).
STRONG_CHROME = rx.compile(
    r"打印本页|关闭窗口|在您的设备上浏览本页|版权所有|ICP[备证]|公网安备|网站标识码|欢迎(?:扫描|扫码|关注)|(?:字号|字体)\s*[:：]\s*[【\[(（]?\s*大",
    re.I,
)
# A line with sentence punctuation is prose: "扫一扫" or "二维码" inside it are words, not a share bar.
SENTENCE = rx.compile(r"[。！？]|，.*，")
MIN_SENTENCE_LINE = 20
# Lines longer than this are article text even when they contain a chrome phrase.
MAX_CHROME_LINE = 60
# After one of these, the rest of the body is navigation or related-article lists.
CUT_AFTER = rx.compile(
    r"^\s*[【\[]?\s*(?:相关阅读|相关链接|相关新闻|相关文章|相关稿件|相关报道|延伸阅读|推荐阅读|热点推荐|上一篇|下一篇|"
    r"延伸\s*[·・•]?\s*推荐|相关推荐|为[你您]推荐|猜你喜欢|更多推荐)"
)
# A cut only happens in the last part of the body (fraction of lines), so a first-line menu cannot eat it.
CUT_REGION = 0.5
CUT_AFTER_CHARS = 300
LIST_PROBE = 4  # lines after an early marker that must all be short for it to start a list
_ONLY_PUNCT = rx.compile(r"^[\s\W_|｜·•]*$")


# Prev/next navigation is chrome at any length (both titles are on one line).
PREV_NEXT = rx.compile(r"^\s*[【\[]?\s*(?:上一篇|下一篇|上一条|下一条)\s*[:：]")


# Tag text that leaked into a line (its '<' sometimes eaten by a broken decoder as '?'): judged without it.
MARKUP_REMNANT = rx.compile(r"[<?]?/?(?:span|div|img|font|a|p)\s+(?:id|class|href|src|style)\s*=[^>\n]*>?", re.I)


def is_chrome_line(line: str) -> bool:
    cleaned = MARKUP_REMNANT.sub("", line) if "=" in line else line  # a remnant has its attribute's "="
    line = cleaned.strip() or line
    if len(line) > MAX_CHROME_LINE:
        return bool(PREV_NEXT.match(line))
    if len(line) >= MIN_SENTENCE_LINE and SENTENCE.search(line):
        return bool(STRONG_CHROME.search(line))
    return bool(CHROME_LINE.search(line)) or bool(_ONLY_PUNCT.match(line))


def cut_tail(lines: list[str]) -> list[str]:
    """Drop everything from a 'related reading' / prev-next marker on, when a list (short lines, not
    paragraphs) follows it and it sits in the last part of the body or after a substantial article."""
    start = int(len(lines) * CUT_REGION)
    seen = 0
    for i, line in enumerate(lines):
        if i >= 1 and len(line) <= MAX_CHROME_LINE and CUT_AFTER.search(line):
            listed = all(len(x) <= MAX_CHROME_LINE for x in lines[i + 1 : i + 1 + LIST_PROBE])
            if listed and (i >= start or seen >= CUT_AFTER_CHARS):
                return lines[:i]
        seen += len(line)
    return lines
