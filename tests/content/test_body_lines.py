"""Body boundaries: interview questions stay in the body, a closing paragraph wrapped with a pager stays,
info lines go."""

from __future__ import annotations

from crawler.content import extract_article

QA = [
    "记者：首先欢迎你接受我们的采访，请问园区今年的招商情况怎样？",
    "李金泽：今年园区新签约项目12个，总投资56.8亿元，同比增长17.2%。",
    "记者：你们的农机大市场在哪？",
    "李金泽：就在县城东边，辐射周边许多地区。",
    "记者：下一步有什么打算？",
    "李金泽：我们将继续优化服务，让企业安心发展，为全县经济作出更大贡献。",
]


def page(inner: str) -> str:
    return (
        "<html><head><title>专访园区负责人李金泽_江城网</title></head><body><h1>专访园区负责人李金泽</h1>"
        "<div class='info'>发布时间：2024-03-03 09:00 来源：江城网</div>"
        f"<div id='Content'>{inner}</div></body></html>"
    )


def test_interview_questions_are_body_text_not_bylines() -> None:
    art = extract_article(page("".join(f"<p>{line}</p>" for line in QA) + "<p>记者：王强</p>"))
    assert art.body.split("\n") == QA
    assert art.authors == ["王强"]


def test_closing_paragraph_wrapped_together_with_the_pager_stays() -> None:
    last = (
        "我们的目标是搭建一个服务农民的平台，让农民买到称心如意的农机产品，也让企业安心发展，为全县经济作出更大贡献。"
    )
    pager = "".join(f"<a href='/a_{i}.htm'>[{i}]</a> " for i in range(1, 7))
    html = page(
        "".join(f"<p>{line}</p>" for line in QA)
        + f"<p><span><font>{last}<p class='pagelink'>{pager}</p></font></span></p>"
    )
    body = extract_article(html).body.split("\n")
    assert body[-1] == last
    assert not any("[2]" in line for line in body)
