"""A corpus of bad inputs for the extraction CLI, generated on the fly (deterministic, no files committed).

Each case is a name, the bytes to write, and what the CLI must say: ``item`` (a validated article whose
body contains ``text`` when given), an error ``reason``, or ``any`` (one valid line, either kind: the case
is there to prove the CLI survives it). ``python -m tests.hardening.badinputs DIR`` writes the corpus to
DIR for manual runs (``python -m crawler.extract DIR/*``).
"""

from __future__ import annotations

import base64
import codecs
import gzip
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import opencc

TITLE = "天门高新园召开项目建设推进会"
KEY = "董青平、张华忠、高文博出席会议"
PARAGRAPHS = (
    "7月7日下午，市委书记易先荣主持召开部分乡镇办场园党（工）委书记座谈会。" + KEY + "。",
    "会上，天门高新园、天门工业园、岳口镇、小板镇、皂市镇、九真镇等6个乡镇办场园党（工）委书记围绕"
    "上半年工作情况、存在的问题及建议、下一步工作打算作了发言。",
    "易先荣强调，要坚持项目为王，全力以赴抓招商、上项目、优环境，奋力争创国家级经济开发区。",
)
MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One bad input; ``make`` builds its bytes only when the corpus is written (some are 20 MB)."""

    name: str
    make: Callable[[], bytes] = field(repr=False)
    expect: str  # "item", "any", or the error reason
    text: str | None = None  # for "item": a phrase the article body must contain


def article_html(charset: str = "utf-8", extra_head: str = "", extra_body: str = "", paragraphs: int = 1) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS * paragraphs)
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>{TITLE}_天门网</title>{extra_head}</head>\n'
        f'<body><div class="nav"><a href="/">首页</a> <a href="/xw/">新闻</a></div>\n'
        f'<div class="article"><h1>{TITLE}</h1>\n{paras}\n{extra_body}</div>\n'
        f'<div class="footer">主办：天门市人民政府办公室</div></body></html>\n'
    )


def nested(tag: str, depth: int, inner: str) -> str:
    return f"<{tag}>" * depth + inner + f"</{tag}>" * depth


def buried_article(depth: int) -> str:
    """The article container ``depth`` levels down: flattening must keep its text."""
    return (
        article_html()
        .replace('<div class="article">', "<div>" * depth + '<div class="article">')
        .replace('<div class="footer">', "</div>" * depth + '<div class="footer">')
    )


def billion_laughs() -> bytes:
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(levels) + "\n]>\n<lolz><p>&lol9;</p></lolz>\n"
    ).encode()


def xxe_article() -> bytes:
    dtd = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>'
    html = article_html(extra_body="<p>&xxe;&net;</p>").replace("<!DOCTYPE html>", dtd)
    return html.encode()


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (the sloppy variant browsers use) and saved again as UTF-8."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def traditional(text: str) -> str:
    return opencc.OpenCC("s2t").convert(text)


RND_SEED = 20240101


def rnd_bytes(n: int) -> bytes:
    return random.Random(RND_SEED + n).randbytes(n)


def good() -> bytes:
    return article_html().encode()


SPRITE = "<svg style='display:none'>" + "<symbol viewBox='0 0 24 24'><path d='M0 0L24 24Z'/></symbol>" * 4000 + "</svg>"


def many_attributes(count: int) -> bytes:
    attributes = " ".join(f'data-a{i}="{i}"' for i in range(count))
    return article_html().replace('<div class="article">', f'<div class="article" {attributes}>').encode()


def gzipped_good() -> bytes:
    return gzip.compress(good())


CASES: tuple[Case, ...] = (
    Case("empty.html", lambda: b"", "empty_body"),
    Case("whitespace.html", lambda: b" \r\n\t  \n" * 100, "empty_body"),
    Case("nul_only.html", lambda: b"\x00" * 100_000, "empty_body"),
    Case("random.html", lambda: rnd_bytes(200_000), "binary_content"),
    Case("png.html", lambda: b"\x89PNG\r\n\x1a\n" + rnd_bytes(5000), "binary_content"),
    Case("pdf.html", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + rnd_bytes(5000), "binary_content"),
    Case("docx.html", lambda: b"PK\x03\x04" + rnd_bytes(5000), "binary_content"),
    Case("gzip.html", gzipped_good, "item", KEY),
    Case("gzip_bomb.html", lambda: gzip.compress(b"\x00" * (64 * MB)), "too_large"),
    Case("gzip_truncated.html", lambda: gzipped_good()[: len(gzipped_good()) // 2], "any"),
    Case("gzip_corrupt.html", lambda: b"\x1f\x8b\x08\x00" + rnd_bytes(3000), "corrupt_gzip"),
    Case("utf16_bom.html", lambda: codecs.BOM_UTF16_LE + article_html("utf-16").encode("utf-16-le"), "item", KEY),
    Case("utf16be_bom.html", lambda: codecs.BOM_UTF16_BE + article_html("utf-16").encode("utf-16-be"), "item", KEY),
    Case("utf16_nobom.html", lambda: article_html("gbk").encode("utf-16-le"), "item", KEY),
    Case("utf32.html", lambda: article_html("utf-32").encode("utf-32"), "item", KEY),
    Case("nul_studded.html", lambda: good().replace("，".encode(), "，".encode() + b"\x00"), "item", KEY),
    Case("truncated.html", lambda: good()[: good().index("易先荣强调".encode())], "item", KEY),
    Case("truncated_midchar.html", lambda: good()[: good().index("出席会议".encode()) + 10], "any"),
    Case("gbk_meta.html", lambda: article_html("gb2312").encode("gbk"), "item", KEY),
    Case("gbk_no_meta.html", lambda: article_html().replace('<meta charset="utf-8">', "").encode("gbk"), "item", KEY),
    Case("gbk_lying_meta.html", lambda: article_html("utf-8").encode("gbk"), "item", KEY),
    Case("big5.html", lambda: traditional(article_html("big5")).encode("big5", errors="replace"), "item", KEY),
    Case("mojibake.html", lambda: article_html().replace(PARAGRAPHS[0], mojibake(PARAGRAPHS[0])).encode(), "item", KEY),
    Case("invalid_utf8.html", lambda: good().replace("。".encode(), b"\xed\xa0\x80\xff\xc3"), "any"),
    Case("cr_only.html", lambda: good().replace(b"\n", b"\r"), "item", KEY),
    Case("only_scripts.html", lambda: b"<html><head>" + b"<script>var a=1;</script>" * 5000 + b"</head></html>", "any"),
    Case("only_links.html", lambda: b"<html><body>" + b'<a href="/a">link</a>\n' * 20000 + b"</body></html>", "any"),
    Case("no_markup.txt", lambda: ("".join(PARAGRAPHS) * 2000).encode(), "any"),
    Case("billion_laughs.xml", billion_laughs, "any"),
    Case("xxe.html", xxe_article, "item", KEY),
    Case("deep_divs.html", lambda: buried_article(300_000).encode(), "item", KEY),
    Case("deep_spans.html", lambda: article_html(extra_body=nested("span", 300_000, "x")).encode(), "item", KEY),
    Case("deep_unclosed.html", lambda: ("<div><font><b>" * 200_000 + KEY).encode(), "any"),
    Case("deep_tables.html", lambda: nested("table", 50_000, "<tr><td>" + KEY + "</td></tr>").encode(), "any"),
    Case("many_brs.html", lambda: article_html(extra_body="<br>" * 1_000_000).encode(), "item", KEY),
    Case("open_comments.html", lambda: article_html(extra_body="<!--" * 100_000).encode(), "any"),
    Case(
        "huge_attribute.html",
        lambda: article_html(extra_head=f'<meta name="x" content="{"a" * 5 * MB}">').encode(),
        "item",
        KEY,
    ),
    Case(
        "inline_images.html",
        lambda: article_html(
            extra_body=f'<img src="data:image/png;base64,{base64.b64encode(rnd_bytes(14 * MB)).decode()}">'
        ).encode(),
        "item",
        KEY,
    ),
    Case("long_article.html", lambda: article_html(paragraphs=6_000).encode(), "item", KEY),
    Case("too_large.html", lambda: article_html(extra_body="<!--" + "x" * 25 * MB + "-->").encode(), "too_large"),
    Case("text_after_body.html", lambda: article_html().replace("</body>", "</body>访问量12345").encode(), "item", KEY),
    Case("cdata.xml", lambda: ("<data><record><![CDATA[" + article_html() + "]]></record></data>").encode(), "any"),
    # shapes that cost the parser minutes and gigabytes before screening capped them
    Case("many_attributes.html", lambda: many_attributes(200_000), "item", KEY),
    Case("text_and_brs.html", lambda: article_html(extra_body="统计数据第一行<br>" * 800_000).encode(), "item", KEY),
    Case("tag_soup.html", lambda: article_html(extra_body="<span>字</span>" * 1_000_000).encode(), "item", KEY),
    # charset damage: one bad byte in UTF-8, a BOM that lies
    Case(
        "utf8_cut_char.html",
        lambda: good().replace("出席".encode(), "出".encode() + "席".encode()[:1], 1),
        "item",
        "天门高新园",
    ),
    Case("bom_before_gbk.html", lambda: codecs.BOM_UTF8 + article_html("").encode("gbk"), "item", KEY),
    # an article after a long stretch without text: not a soft-404
    Case(
        "svg_sprite_first.html",
        lambda: article_html(extra_head="", extra_body="").replace("<body>", "<body>" + SPRITE).encode(),
        "item",
        KEY,
    ),
    Case(
        "blank_lines_first.html",
        lambda: article_html().replace("<body>", "<body>" + "\n" * 210_000).encode(),
        "item",
        KEY,
    ),
)


def write_corpus(directory: Path) -> list[tuple[Path, Case]]:
    """Write every case under ``directory``; returns (path, case) in order."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for case in CASES:
        path = directory / case.name
        path.write_bytes(case.make())
        written.append((path, case))
    return written


if __name__ == "__main__":
    for path, case in write_corpus(Path(sys.argv[1])):
        print(f"{path}\t{case.expect}")
