"""Recognise responses that are not the page asked for: anti-bot challenges, soft-404s, login walls.

Plain function over status, headers and bytes, so the downloader middleware (crawl) and ``screen()``
(extraction CLI) give one answer. Rules are data: a challenge is told by its status and its markers,
and only while the page is small, because real pages that passed a challenge still embed ``$_ts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler import rx

# Visible text below which a page is "tiny": no article or list fits in it.
TINY_TEXT = 40
# Challenge pages show (almost) no text; error and login pages some chrome. Past these, a page is content.
CHALLENGE_TEXT = 200
NOTICE_TEXT = 1000
# A run of text this long between two tags is a paragraph of prose, which no login or error page has.
PROSE_RUN = 80


@dataclass(frozen=True)
class Rule:
    kind: str
    statuses: frozenset[int]  # any of these statuses alone is enough
    markers: re.Pattern[str] | None  # or, on a page with at most max_text visible characters, these
    max_text: int = CHALLENGE_TEXT
    location: re.Pattern[str] | None = None  # or a redirect whose Location matches
    served_as_ok: bool = False  # markers count only on 2xx pages (a real 404 is not a soft one)
    # Markers count only where no text run (between tags) is this long: a page with a paragraph of prose
    # is an article that happens to carry a header login box or a "信息已删除" sidebar notice.
    max_run: int | None = None


RULES: tuple[Rule, ...] = (
    # 瑞数 (RiverSecurity): 412 with an inline $_ts / $_ss bootstrap and <meta … r="m">.
    Rule("ruishu", frozenset({412}), rx.compile(r"\$_ts\s*=|\$_ss\s*=|<(?:script|meta)[^>]*\br=[\"']?m\b")),
    # 加速乐 / 创宇云防御: 521 (some docs: 512) + document.cookie JS setting __jsl_clearance.
    Rule("jsl", frozenset({521}), rx.compile(r"__jsl_clearance|__jsluid")),
    # 网站卫士 WZWS: a redirect to /WZWSREL… or a page running the wzwschallenge.
    Rule(
        "wzws",
        frozenset(),
        rx.compile(r"wzwschallenge|WZWSREL|wzwsconfirm", re.I),
        location=rx.compile(r"/WZWSRE", re.I),
    ),
    # Generic WAF block pages (云锁, 安全狗, site WAFs).
    Rule("waf", frozenset(), rx.compile(r"yunsuo_session_verify|safedog|Block Event ID|访问被拦截|请求已被拦截")),
    # Captcha walls (site WAFs and rate limits): a short page asking for a verification code.
    Rule(
        "captcha",
        frozenset(),
        rx.compile(r"请输入(?:图片)?验证码|输入验证码后(?:继续)?访问|人机验证|滑动验证|captcha", re.I),
        max_text=NOTICE_TEXT,
        max_run=PROSE_RUN,
    ),
    # Login walls: a login redirect, or a short page with a password box.
    Rule(
        "login",
        frozenset({401}),
        rx.compile(r"<input[^>]+type=[\"']?password", re.I),
        location=rx.compile(r"/(?:login|signin|cas/login|passport)\b", re.I),
        max_text=NOTICE_TEXT,
        max_run=PROSE_RUN,
    ),
    # Soft-404s served with status 200.
    Rule(
        "soft404",
        frozenset(),
        rx.compile(
            r"页面不存在|页面未找到|找不到(?:该|您要访问的)?页面|文章不存在|信息已(?:删除|撤销)|页面已删除"
            r"|404 Not Found"
        ),
        max_text=NOTICE_TEXT,
        served_as_ok=True,
        max_run=PROSE_RUN,
    ),
)

# Markup that shows no text: whitespace, scripts, styles, inline SVG (icon sprites run to hundreds of KB
# before the article), comments, and tags themselves. Each element's body is read as runs of bytes other
# than "<" (or "-" in a comment), not one lazy step per byte: the same matches at a third of the cost.
HIDDEN_ELEMENT = rb"%s\b[^<]*(?:<(?!/%s\s*>)[^<]*)*</%s\s*>"
HIDDEN = rx.compile(
    rb"(?:\s+|<(?:%s|!--[^-]*(?:-(?!->)[^-]*)*-->|[^>]*>))+"
    % b"|".join(HIDDEN_ELEMENT % (name, name, name) for name in (b"script", b"style", b"svg")),
    re.I,
)
REFRESH = rx.compile(rb"http-equiv=[\"']?refresh", re.I)
SCRIPT_STYLE_TEXT = rx.compile(r"<(script|style|svg)\b.*?</\1\s*>", re.S | re.I)
TAG_TEXT = rx.compile(r"<[^>]+>")
MAX_CHAR_BYTES = 4  # a character is at most 4 bytes in any charset a page may use
# Block pages are small documents (challenges a few KB, error and login templates a few hundred with inline
# SVG); a bigger page is content, whatever its text. This also bounds the text scan of a 20 MB tag soup,
# which runs on the reactor thread.
BLOCK_PAGE_MAX = 2 * 1024 * 1024


@dataclass(frozen=True)
class Blocked:
    kind: str
    reason: str


def visible_text(body: bytes, enough: int | None = None) -> str:
    """The page's text without markup or whitespace, read through the whole page (not a byte prefix: an
    article may follow 250 KB of inline SVG or of blank lines). With ``enough``, reading stops once more
    than that many characters were found: the rules only ask whether a page is that small.
    Charset-tolerant: only the text's length and words matter."""
    parts: list[bytes] = []
    size, pos = 0, 0
    limit = None if enough is None else (enough + 1) * MAX_CHAR_BYTES
    for hidden in HIDDEN.finditer(body):
        chunk = body[pos : hidden.start()]  # a run of text between two runs of markup and whitespace
        pos = hidden.end()
        if chunk:
            parts.append(chunk)
            size += len(chunk)
            if limit is not None and size >= limit:
                break
    else:
        parts.append(body[pos:])
    text = b"".join(parts)
    for encoding in ("utf-8", "gb18030"):
        try:
            return text.decode(encoding)
        except UnicodeDecodeError:
            continue
    return text.decode("latin-1")


def longest_run(markup: str) -> int:
    """Length of the longest text between two tags (scripts, styles and SVG excluded), whitespace ignored."""
    text = SCRIPT_STYLE_TEXT.sub(" ", markup)
    return max((len("".join(run.split())) for run in TAG_TEXT.split(text)), default=0)


def _markup(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("gb18030", errors="replace")


def detect_blocked(
    status: int, headers: dict[str, str], body: bytes, page_kind: str | None = "article"
) -> Blocked | None:
    """What kind of non-page this response is, or None for a real page.

    ``page_kind`` is what was asked for: tiny HTML bodies count as soft-404s only for articles (a Hanweb
    dataproxy group, an e-paper redirect page or robots.txt is legitimately small); an empty body is
    not a soft-404 but an empty page, left to the caller.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    location = urlsplit(lowered.get("location", "")).path
    small = len(body) <= BLOCK_PAGE_MAX
    text = visible_text(body, enough=max(rule.max_text for rule in RULES)) if small else ""
    markup = ""
    for rule in RULES:
        if status in rule.statuses:
            return Blocked(rule.kind, f"HTTP {status}")
        if rule.location is not None and 300 <= status < 400 and rule.location.search(location):
            return Blocked(rule.kind, f"redirect to {location}")
        if rule.served_as_ok and not 200 <= status < 300:
            continue
        if rule.markers is not None and small and len(text) <= rule.max_text:
            markup = markup or _markup(body)  # decoded only for pages with little text
            match = rule.markers.search(markup)
            if match and (rule.max_run is None or longest_run(markup) < rule.max_run):
                return Blocked(rule.kind, f"{match[0][:40]!r} on a page with {len(text)} characters of text")
    is_html = "html" in lowered.get("content-type", "text/html")
    tiny = small and body.strip() and len(text) < TINY_TEXT and not REFRESH.search(body)
    if page_kind == "article" and status == 200 and is_html and tiny:
        return Blocked("soft404", f"tiny page ({len(text)} characters of text)")
    return None
