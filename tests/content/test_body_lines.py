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


ARTICLE = [
    "3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，区四套班子领导出席会议。",
    "李东成指出，区域发展，实体为基、项目为王、招商为要，必须强势推进，快速突破，久久为功。",
    "会议还下发了《关于大力推进智能制造发展的实施意见》及相关政策文件，并为星级工业企业颁发了奖牌。",
]


def article_page(inner: str) -> str:
    return (
        "<html><head><title>全区工业发展大会召开_亭湖区</title></head><body><h1>全区工业发展大会召开</h1>"
        f"{inner}</body></html>"
    )


def test_hidden_duplicate_copies_are_never_read() -> None:
    text = "".join(f"<p>{p}</p>" for p in ARTICLE)
    for hidden in (f"<div style='display:none' id='sharecontent'>{text}</div>", f"<div class='ng-hide'>{text}</div>"):
        art = extract_article(article_page(f"{hidden}<div class='TRS_Editor'>{text}</div>"))
        assert art.body.split("\n") == ARTICLE


def test_the_only_copy_a_script_reveals_is_kept() -> None:
    text = "".join(f"<p>{p}</p>" for p in ARTICLE)
    art = extract_article(article_page(f"<div class='content' style='display:none'>{text}</div>"))
    assert art.body.split("\n") == ARTICLE


def test_a_badge_in_the_heading_is_not_the_headline() -> None:
    html = article_page("").replace(
        "<h1>全区工业发展大会召开</h1>", "<h2 class='title'><span>原创</span>全区工业发展大会召开</h2>"
    )
    html = html.replace("</body>", "".join(f"<p>{p}</p>" for p in ARTICLE) + "</body>")
    assert extract_article(html.replace("_亭湖区", "")).title == "全区工业发展大会召开"


def test_related_headlines_inside_the_content_container_leave_the_body() -> None:
    text = "".join(f"<p>{p}</p>" for p in ARTICLE)
    related = "".join(f"<li><a href='/a/{i}.html'>亭湖区第{i}批重点项目集中开工</a></li>" for i in range(1, 6))
    for block in (f"<ul class='list'>{related}</ul>", f"<p>相关新闻：</p><ul>{related}</ul>"):
        art = extract_article(article_page(f"<div class='TRS_Editor'>{text}{block}</div>"))
        assert art.body.split("\n") == ARTICLE, block
