"""Property-based tests (hypothesis) over screening, the text layer's public API and the extraction CLI:
any bytes in, valid JSON out; repairs are idempotent and leave undamaged text alone."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import opencc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.errors import PageError
from crawler.extract import extract_one
from crawler.schema import schema_errors
from crawler.screen import screen_body
from crawler.text import decode_document, detect_encoding, tidy_text
from tests.conftest import ROOT
from tests.hardening.badinputs import PARAGRAPHS, TITLE

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Simplified characters that t2s leaves alone, from our own article text: "clean" text is built from these.
_T2S = opencc.OpenCC("t2s")
CLEAN_CHARS = "".join(
    sorted({c for c in TITLE + "".join(PARAGRAPHS) if "\u4e00" <= c <= "\u9fff" and _T2S.convert(c) == c})
)
clean_line = st.text(alphabet=CLEAN_CHARS + "0123456789", min_size=1, max_size=40).map(lambda s: "经" + s + "。")
clean_text = st.lists(clean_line, min_size=1, max_size=8).map("\n".join)

# Markup-shaped bytes find more parser paths than uniform noise does.
markup_piece = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<span>",
        "<br>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<!DOCTYPE x [",
        "]>",
        '<!ENTITY a "aaaa">',
        "&a;",
        "&#0;",
        "&#xD800;",
        "<script>",
        "</script>",
        "<meta charset=gbk>",
        "<meta charset=utf-16>",
        "<html>",
        "<body>",
        "<title>",
        "\x00",
        "\ufeff",
        "经开区",
        "經開區",
        "é",
        " ",
        "\n",
        "\r",
    ]
)
markup = st.lists(st.one_of(markup_piece, st.text(max_size=20)), max_size=60).map("".join)
encodings = st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "latin-1", "utf-32"])
markup_bytes = st.tuples(markup, encodings).map(lambda m: m[0].encode(m[1], errors="replace"))
any_body = st.one_of(st.binary(max_size=4000), markup_bytes)
content_types = st.one_of(
    st.none(),
    st.sampled_from(["text/html", "text/html; charset=gbk", "text/html; charset=utf-8", "application/octet-stream"]),
    st.text(max_size=40),
)


@FAST
@given(body=any_body)
def test_screen_refuses_with_a_reason_or_returns_safe_bytes(body: bytes) -> None:
    flags: Counter[str] = Counter()
    try:
        out = screen_body(body, flags)
    except PageError as exc:
        assert exc.reason and exc.message
        return
    assert b"\x00" not in out
    assert b"<!ENTITY" not in out.upper()
    assert all(count > 0 for count in flags.values())


@FAST
@given(body=any_body)
def test_screen_is_idempotent(body: bytes) -> None:
    try:
        once = screen_body(body, Counter())
    except PageError:
        return
    flags: Counter[str] = Counter()
    assert screen_body(once, flags) == once
    assert not flags


@FAST
@given(text=clean_text)
def test_screen_leaves_clean_pages_untouched(text: str) -> None:
    body = f"<html><head><meta charset=utf-8></head><body><div><p>{text}</p></div></body></html>".encode()
    flags: Counter[str] = Counter()
    assert screen_body(body, flags) == body
    assert not flags


@FAST
@given(body=any_body, content_type=content_types)
def test_detect_encoding_names_a_codec(body: bytes, content_type: str | None) -> None:
    name = detect_encoding(body, content_type)
    assert isinstance(name, str) and name
    codecs.lookup(name)  # a codec Python knows


@FAST
@given(body=any_body, content_type=content_types)
def test_decode_document_always_gives_encodable_text(body: bytes, content_type: str | None) -> None:
    doc = decode_document(body, content_type)
    doc.html.encode("utf-8")  # no lone surrogates: it must be writable as UTF-8
    assert all(count > 0 for count in doc.flags.values())


@FAST
@given(text=clean_text)
def test_decode_document_leaves_clean_simplified_text_unchanged(text: str) -> None:
    body = f"<html><head><meta charset=utf-8></head><body><p>{text}</p></body></html>".encode()
    doc = decode_document(body, "text/html; charset=utf-8")
    assert text in doc.html
    assert doc.script == "simplified"


@FAST
@given(text=st.text(max_size=300))
def test_tidy_text_is_idempotent(text: str) -> None:
    once, _ = tidy_text(text)
    assert tidy_text(once)[0] == once


@FAST
@given(text=clean_text)
def test_tidy_text_leaves_clean_text_unchanged(text: str) -> None:
    tidied, flags = tidy_text(text)
    assert tidied == text
    assert not +flags


def _check_row(row: dict, name: str) -> None:
    json.dumps(row, ensure_ascii=False, allow_nan=False).encode("utf-8")
    if "error" in row:
        assert row["input"] == name and isinstance(row["reason"], str) and row["reason"]
    else:
        assert schema_errors(row) == []


@SLOW
@given(body=any_body)
def test_any_bytes_give_one_valid_row(body: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(body)
        _check_row(extract_one(str(path)), str(path))


@settings(max_examples=4, deadline=None)
@given(bodies=st.lists(any_body, min_size=1, max_size=12))
def test_cli_prints_one_valid_json_line_per_input(bodies: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i, body in enumerate(bodies):
            path = Path(tmp) / f"{i}.html"
            path.write_bytes(body)
            names.append(str(path))
        proc = subprocess.run(
            [sys.executable, "-m", "crawler.extract", *names], cwd=ROOT, capture_output=True, check=False
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(names)
    for name, line in zip(names, lines, strict=True):
        _check_row(json.loads(line), name)
