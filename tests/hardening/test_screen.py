"""Input screening, check by check: each refusal has its reason, each repair its flag, nothing else changes."""

from __future__ import annotations

import codecs
import gzip
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.errors import PageError
from crawler.screen import (
    MAX_ATTRIBUTES,
    MAX_BODY_BYTES,
    MAX_DEPTH,
    MAX_ELEMENTS,
    MAX_TEXT_BYTES,
    TAG_RE,
    keep_content_after_body,
    nesting_bound,
    screen_body,
)

PAGE = "<html><head><meta charset=utf-8><title>经开区</title></head><body><div><p>高新区新闻。</p></div></body></html>"


def screened(body: bytes) -> tuple[bytes, Counter[str]]:
    flags: Counter[str] = Counter()
    return screen_body(body, flags), flags


def reason(body: bytes) -> str:
    with pytest.raises(PageError) as info:
        screened(body)
    return info.value.reason


def test_a_clean_page_passes_untouched() -> None:
    assert screened(PAGE.encode()) == (PAGE.encode(), Counter())
    assert screened(PAGE.encode("gb18030")) == (PAGE.encode("gb18030"), Counter())


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"", "empty_body"),
        (b"\r\n \t\x00\x0c", "empty_body"),
        (b"\xff\xfe", "empty_body"),  # a UTF-16 BOM and nothing else
        (b"<!DOCTYPE x [<!ENTITY a 'b'>]>", "empty_body"),  # nothing left once the DTD is gone
        (b"%PDF-1.5\n...", "binary_content"),
        (b"\x89PNG\r\n\x1a\n....", "binary_content"),
        (b"\x00\x00\x00\x18ftypmp42", "binary_content"),
        (bytes(range(1, 32)) * 100, "binary_content"),
        (b"\x1f\x8b\x08\x00garbage-that-is-not-deflate", "corrupt_gzip"),
        (gzip.compress(gzip.compress(PAGE.encode())), "binary_content"),
    ],
)
def test_refusals_name_their_reason(body: bytes, expected: str) -> None:
    assert reason(body) == expected


def test_size_cap_is_checked_on_the_raw_body_and_after_gunzip() -> None:
    assert reason(b" " * (MAX_BODY_BYTES + 1)) == "too_large"
    assert reason(gzip.compress(b"<p>" + b"a" * MAX_BODY_BYTES)) == "too_large"


def test_gzip_is_decompressed_including_concatenated_members() -> None:
    half = len(PAGE) // 2
    body, flags = screened(gzip.compress(PAGE[:half].encode()) + gzip.compress(PAGE[half:].encode()))
    assert body == PAGE.encode()
    assert flags == Counter(gzip_decompressed=1)


def test_truncated_gzip_keeps_what_was_recovered_and_says_so() -> None:
    packed = gzip.compress((PAGE * 50).encode())
    body, flags = screened(packed[: len(packed) // 2])
    assert body and PAGE.encode().startswith(body[:50])
    assert flags["gzip_truncated"] == 1


@pytest.mark.parametrize(
    ("raw", "flag"),
    [
        (codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), "transcoded_from_utf-16-le"),
        (codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), "transcoded_from_utf-16-be"),
        (PAGE.encode("utf-16-le"), "transcoded_from_utf-16-le"),  # no BOM: found by the NUL pattern
        (PAGE.encode("utf-32"), "transcoded_from_utf-32-le"),
    ],
)
def test_wide_encodings_become_utf8_behind_a_bom(raw: bytes, flag: str) -> None:
    body, flags = screened(raw)
    assert body == codecs.BOM_UTF8 + PAGE.encode()
    assert flags == Counter({flag: 1})


def test_stray_nul_bytes_are_removed_and_counted() -> None:
    body, flags = screened(PAGE.replace("新闻", "新\x00闻\x00").encode())
    assert body == PAGE.encode()
    assert flags == Counter(nul_bytes_removed=2)


def test_dtd_subsets_and_entity_declarations_are_removed() -> None:
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    body, flags = screened((laughs + PAGE).encode())
    assert body == PAGE.encode()
    assert flags == Counter(dtd_removed=1)
    body, flags = screened(('<!ENTITY xxe SYSTEM "file:///etc/passwd">' + PAGE).encode())
    assert body == PAGE.encode()
    assert flags == Counter(entity_declarations_removed=1)


def test_an_unterminated_dtd_subset_ends_at_the_next_tag_end_as_in_an_html_parser() -> None:
    body, flags = screened(("<!DOCTYPE x [ <!ENTITY a 'b'>\n" + PAGE).encode())
    assert body == ("\n" + PAGE).encode()
    assert flags == Counter(dtd_removed=1)


def test_plain_doctypes_are_kept() -> None:
    xhtml = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">'
    assert screened((xhtml + PAGE).encode()) == ((xhtml + PAGE).encode(), Counter())


def test_long_inline_base64_is_replaced() -> None:
    image = "data:image/png;base64," + "QUJD" * 1000
    body, flags = screened(PAGE.replace("<p>", f'<img src="{image}"><p>').encode())
    assert body == PAGE.replace("<p>", '<img src="data:,"><p>').encode()
    assert flags == Counter(inline_data_removed=1)


def max_depth(body: bytes) -> int:
    depth = deepest = 0
    for match in TAG_RE.finditer(body):
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


def test_deep_nesting_is_flattened_keeping_the_text() -> None:
    levels = 300_000
    body, flags = screened(("<div>" * levels + "经开区" + "</div>" * levels).encode())
    assert max_depth(body) == MAX_DEPTH
    assert "经开区".encode() in body
    assert flags == Counter(deep_nesting_flattened=2 * (levels - MAX_DEPTH))


# Tag soup in any letter case: nesting and flat tags, stray end tags, self-closing ones.
soup = st.lists(
    st.sampled_from(["<div>", "</div>", "<SPAN class=x>", "</Span>", "<Br>", "<P>", "</p>", "<td>", "<a/>", "x"])
).map("".join)


@settings(max_examples=300, deadline=None)
@given(soup)
def test_nesting_bound_is_never_below_the_depth(page: str) -> None:
    """The cheap pre-check may only overestimate: below MAX_DEPTH it lets a page skip the flattening pass."""
    assert nesting_bound(page.encode()) >= max_depth(page.encode())


def test_nesting_bound_ignores_flat_tags_in_any_spelling() -> None:
    assert nesting_bound(b"<DIV><Br><IMG src=x><li><P><div>" + b"</Div>" * 3 + b"<div>") == 2
    # a page of thousands of distinct made-up tag names is still measured (and cannot grow the memo unbounded)
    names = [f"x{i}" for i in range(10_000)]
    assert nesting_bound("".join(f"<{n}>" for n in names).encode()) == len(names)


def test_many_unclosed_paragraphs_are_not_deep() -> None:
    page = ("<div>" + "<p>段落<br>" * 5000 + "<li><td><tr>" * 5000 + "</div>").encode()
    assert screened(page) == (page, Counter())


def test_long_runs_of_line_breaks_collapse_and_text_stays() -> None:
    body, flags = screened(PAGE.replace("<p>", "<p>" + "<br />\n" * 100_000 + "正文").encode())
    assert body == PAGE.replace("<p>", "<p><br><br>正文").encode()
    assert flags == Counter(break_runs_collapsed=1)
    short = PAGE.replace("<p>", "<p>" + "<br>" * 63).encode()
    assert screened(short) == (short, Counter())
    shouted = PAGE.replace("<p>", "<p>" + "<BR><Hr/> " * 40 + "正文").encode()
    assert screened(shouted) == (PAGE.replace("<p>", "<p><br><br>正文").encode(), Counter(break_runs_collapsed=1))


def test_other_control_bytes_go_and_line_break_controls_become_newlines() -> None:
    body, flags = screened(PAGE.replace("新闻", "新\x0b闻\x0c\x01\x1f").encode())
    assert body == PAGE.replace("新闻", "新\n闻\n").encode()
    assert flags == Counter(control_chars_removed=4)


def test_iso2022_keeps_its_escape_bytes() -> None:
    page = PAGE.replace("高新区新闻", "\x1b$A\x0e经开\x0f").encode()
    assert screened(page) == (page, Counter())


def test_content_after_the_body_end_tag_is_kept_inside_the_body() -> None:
    body, flags = screened(PAGE.replace("</body>", "</body>访问量").encode())
    assert body == PAGE.replace("</body></html>", "访问量").encode()
    assert flags == Counter(content_after_body_kept=1)
    trailing_space = (PAGE + "\r\n").encode()
    assert screened(trailing_space) == (trailing_space, Counter())


def test_concatenated_documents_are_kept_in_one_round() -> None:
    """Nine documents pasted together carry nine </body> tags; all go at once, nothing is refused."""
    page = b"".join(b"<html><body><p>part %d</p></body></html>" % i for i in range(9))
    flags: Counter[str] = Counter()
    out = keep_content_after_body(page, flags)
    assert b"</body>" not in out
    assert all(b"part %d" % i in out for i in range(9))
    assert keep_content_after_body(out, Counter()) == out


ARTICLE = "<div class='article'><h1>园区新闻</h1><p>" + "天门高新园新签约项目12个，总投资56.8亿元。" * 20 + "</p></div>"


def test_an_element_with_too_many_attributes_keeps_the_first_ones() -> None:
    attributes = " ".join(f'data-a{i}="{i}"' for i in range(MAX_ATTRIBUTES + 5000))
    body, flags = screened(f"<html><body><div {attributes} class='x'>{ARTICLE}</div></body></html>".encode())
    assert flags == Counter(attributes_removed=5001)
    assert b'data-a0="0"' in body and f"data-a{MAX_ATTRIBUTES - 1}=".encode() in body
    assert f"data-a{MAX_ATTRIBUTES}=".encode() not in body and ARTICLE.encode() in body
    assert screened(body) == (body, Counter())


def test_a_tag_soup_is_cut_after_the_article() -> None:
    soup = "<span>字</span>" * (MAX_ELEMENTS + 1000)
    body, flags = screened(f"<html><body>{ARTICLE}{soup}</body></html>".encode())
    assert flags == Counter(page_cut_elements=1)
    assert ARTICLE.encode() in body and body.count(b"<span>") == MAX_ELEMENTS - 5  # html, body, div, h1, p
    assert screened(body) == (body, Counter())


def test_text_past_the_cap_is_cut_between_characters() -> None:
    text = "数" * (MAX_TEXT_BYTES // 3 + 1000)  # one paragraph of 3-byte characters, no tag to cut at
    body, flags = screened(f"<html><body>{ARTICLE}<p>{text}</p></body></html>".encode())
    assert flags == Counter(page_cut_text=1)
    assert ARTICLE.encode() in body and len(body) <= MAX_TEXT_BYTES + len(ARTICLE.encode()) + 100
    body.decode("utf-8")  # no character split
    assert screened(body) == (body, Counter())


def test_a_page_of_lines_each_ending_in_a_break_is_cut_not_collapsed() -> None:
    lines = "".join(f"第{i}行<br>" for i in range(MAX_ELEMENTS + 10))
    body, flags = screened(f"<html><body>{ARTICLE}{lines}</body></html>".encode())
    assert flags == Counter(page_cut_elements=1)
    assert body.startswith(f"<html><body>{ARTICLE}第0行<br>".encode())
