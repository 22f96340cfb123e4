"""Blocked and broken responses are recognised by kind; real pages never are."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.errors import PageError
from crawler.page import Page
from crawler.portals.blocked import detect_blocked, visible_text
from crawler.processing import Work, screen
from tests.conftest import FIXTURES
from tests.portals.helpers import BLOCKED_FIXTURES, fixture


@pytest.mark.parametrize(("kind", "portal"), BLOCKED_FIXTURES.items())
def test_each_blocked_fixture_is_recognised(kind: str, portal: str) -> None:
    page = fixture(portal, f"blocked_{kind}")
    found = detect_blocked(page.status, page.headers, page.body())
    assert found is not None and found.kind == kind


def test_ruishu_challenge_saved_and_served_as_200_is_still_a_challenge() -> None:
    body = fixture("demo_trs", "blocked_ruishu").body()
    assert detect_blocked(200, {}, body).kind == "ruishu"  # type: ignore[union-attr]


def test_ruishu_ss_variant_and_bare_412() -> None:
    ss = b"<html><head><script r='m'>$_ss=window['$_ss'];</script></head><body></body></html>"
    assert detect_blocked(200, {}, ss).kind == "ruishu"  # type: ignore[union-attr]
    assert detect_blocked(412, {}, b"").kind == "ruishu"  # type: ignore[union-attr]


def test_jsl_challenge_served_as_200() -> None:
    body = b"<script>document.cookie='__jsl_clearance=1713400000.417|0|abc';location.href=location.pathname</script>"
    assert detect_blocked(200, {}, body).kind == "jsl"  # type: ignore[union-attr]


def test_login_redirect_and_tiny_article() -> None:
    assert detect_blocked(302, {"Location": "https://x.gov.cn/cas/login?service=a"}, b"").kind == "login"  # type: ignore[union-attr]
    assert detect_blocked(200, {"Content-Type": "text/html"}, b"<html><body>ok</body></html>").kind == "soft404"  # type: ignore[union-attr]


def test_a_real_page_that_passed_a_challenge_keeps_its_ts_script() -> None:
    article = fixture("demo_trs", "article_tr1").body()
    with_ts = article.replace(b"</head>", b"<script r='m'>$_ts=window['$_ts'];$_ts.cd='x';</script></head>")
    assert detect_blocked(200, {}, with_ts) is None


REAL_PAGES = sorted(p for p in FIXTURES.glob("*/*/info.json") if not p.parent.name.startswith("blocked_"))


@pytest.mark.parametrize("info", REAL_PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_no_real_fixture_page_is_blocked(info) -> None:
    page = fixture(info.parent.parent.name, info.parent.name)
    kind = "list" if not info.parent.name.startswith(("article", "seed")) else "article"
    assert detect_blocked(page.status, page.headers, page.body(), kind) is None


def test_small_non_article_answers_are_not_soft_404s() -> None:
    xml = fixture("demo_hanweb", "dataproxy_2")
    assert detect_blocked(200, xml.headers, b"<datastore><recordset></recordset></datastore>", "list") is None
    assert detect_blocked(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:", None) is None
    refresh = b'<META HTTP-EQUIV="REFRESH" CONTENT="0; URL=html/2024-05/12/node_1.htm">'
    assert detect_blocked(200, {}, refresh) is None
    assert detect_blocked(200, {}, b"") is None  # empty is reported as empty, not as a soft-404


def test_a_hard_404_is_not_a_soft_one() -> None:
    assert detect_blocked(404, {}, "<h1>404 Not Found</h1><p>页面不存在</p>".encode()) is None


def test_screen_reports_the_blocked_kind() -> None:
    page = fixture("demo_trs", "blocked_ruishu")
    with pytest.raises(PageError) as caught:
        screen(Work(Page(url=page.url, body=page.body(), status=page.status, headers=page.headers)))
    assert caught.value.reason == "blocked_ruishu"


def test_article_with_a_header_login_box_is_not_a_login_wall() -> None:
    prose = (
        "园区今年新签约项目十二个，总投资五十六亿元，其中十亿元以上项目三个，涉及新材料、智能制造和生物医药等领域，" * 2
    )
    page = (
        '<html><body><form><input name="user"><input type="password" name="pw"><button>登录</button></form>'
        f"<h1>园区新闻</h1><p>{prose}</p></body></html>"
    ).encode()
    assert detect_blocked(200, {"content-type": "text/html"}, page) is None
    wall = '<html><body><form>用户名<input name="u"><input type="password"></form></body></html>'.encode()
    assert detect_blocked(200, {"content-type": "text/html"}, wall).kind == "login"


def test_captcha_wall_is_blocked_but_an_article_mentioning_captchas_is_not() -> None:
    wall = '<html><body><form><img src="/code.jpg">请输入验证码后继续访问<input name="c"></form></body></html>'
    assert detect_blocked(200, {"content-type": "text/html"}, wall.encode()).kind == "captcha"
    prose = "为方便群众办事，政务服务网取消了登录时请输入验证码的环节，企业开办全程网办时间压缩到一个工作日以内，" * 2
    article = f"<html><body><h1>政务服务再提速</h1><p>{prose}</p></body></html>"
    assert detect_blocked(200, {"content-type": "text/html"}, article.encode()) is None


# The obvious spelling of "markup that shows no text": one lazy step per byte through each hidden element.
LAZY_HIDDEN = re.compile(rb"(?:<(script|style|svg)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|\s)+", re.S | re.I)
markup_bits = st.lists(
    st.sampled_from(
        [
            "<script>", "</script>", "</SCRIPT >", "</scripts>", "<Style type=x>", "</style>", "<svg>", "</svg >",
            "<!--", "-->", "--->", "-", "<!-->", "<", ">", "<p>", "</p>", " ", "\n", "正文", "a<b", "if(a<b)",
        ]
    )
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(markup_bits)
def test_visible_text_reads_markup_as_the_lazy_pattern_does(page: str) -> None:
    body = page.encode()
    expected = b"".join(LAZY_HIDDEN.split(body)[::2]).decode()  # text between the hidden runs
    assert visible_text(body) == expected
