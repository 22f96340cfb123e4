"""政务公开 pages: the metadata table becomes the gov object and leaves the body (every copy of it); attachments
are listed; a Word-exported data table is the article, one line per row."""

from __future__ import annotations

from crawler.content import extract_article

NOTICE = [
    "各镇（街道）、区直各部门：",
    "现将《亭湖区促进园区高质量发展若干措施》印发给你们，请认真贯彻执行。",
    "亭湖区人民政府",
    "2023年5月11日",
]


def gov_table(colon: bool = True) -> str:
    c = "：" if colon else ""
    rows = [
        ("索 引 号", "11320902MB1234567X/2023-00126", "主题分类", "城乡建设、环境保护;通知"),
        ("发文机关", "亭湖区人民政府", "成文日期", "二〇二三年五月十一日"),
        ("发文字号", "亭政发〔2023〕12号", "发布日期", "2023-05-12"),
        ("有 效 性", "有效", "标 题", "关于印发促进园区高质量发展若干措施的通知"),
    ]
    cells = "".join(f"<tr><th>{a}{c}</th><td>{b}</td><th>{x}{c}</th><td>{y}</td></tr>" for a, b, x, y in rows)
    return f"<table class='xxgk'>{cells}</table>"


def page(inner: str, head: str = "") -> str:
    return (
        f"<html><head><title>关于印发促进园区高质量发展若干措施的通知_亭湖区人民政府</title>{head}</head><body>"
        "<h1>关于印发促进园区高质量发展若干措施的通知</h1>"
        f"<div class='TRS_Editor'>{inner}</div></body></html>"
    )


WANT_GOV = {
    "index_no": "11320902MB1234567X/2023-00126",
    "topic": "城乡建设、环境保护;通知",
    "issuer": "亭湖区人民政府",
    "written_date": "2023-05-11",
    "doc_no": "亭政发〔2023〕12号",
    "published_date": "2023-05-12",
    "validity": "有效",
}


def test_table_becomes_the_gov_object_and_leaves_the_body() -> None:
    mobile_copy = gov_table().replace("class='xxgk'", "class='xxgk-m'")
    html = page(gov_table() + mobile_copy + "".join(f"<p>{line}</p>" for line in NOTICE))
    art = extract_article(html)
    assert art.gov == WANT_GOV
    assert art.body.split("\n") == NOTICE
    assert art.published_date == "2023-05-12"


def test_header_cells_without_colons() -> None:
    art = extract_article(page(gov_table(colon=False) + "".join(f"<p>{line}</p>" for line in NOTICE)))
    assert art.gov == WANT_GOV
    assert art.body.split("\n") == NOTICE


def test_written_date_is_not_the_publication_date() -> None:
    table = gov_table().replace(
        "<tr><th>发文字号：</th><td>亭政发〔2023〕12号</td><th>发布日期：</th><td>2023-05-12</td></tr>", ""
    )
    art = extract_article(
        page(table + "".join(f"<p>{line}</p>" for line in NOTICE), "<meta name='PubDate' content='2023-05-15 09:00'>")
    )
    assert art.gov is not None and "published_date" not in art.gov
    assert art.published_at == "2023-05-15T09:00:00+08:00"  # the meta outranks a 成文日期


def test_attachments_are_listed_and_stay_in_the_body() -> None:
    files = (
        "<p>附件：</p><p><a href='/files/P020230512.pdf'>1.亭湖区促进园区高质量发展若干措施.pdf</a></p>"
        "<p><a href='/files/P020230512.xlsx'>2.重点项目清单</a></p><p><a href='/xw/'>返回</a></p>"
    )
    art = extract_article(
        page("".join(f"<p>{line}</p>" for line in NOTICE[:2]) + files),
        url="https://www.tinghu.gov.cn/zwgk/202305/t20230512_1.html",
    )
    assert art.attachments == [
        {
            "name": "1.亭湖区促进园区高质量发展若干措施.pdf",
            "url": "https://www.tinghu.gov.cn/files/P020230512.pdf",
            "type": "pdf",
        },
        {"name": "2.重点项目清单", "url": "https://www.tinghu.gov.cn/files/P020230512.xlsx", "type": "xlsx"},
    ]
    assert "1.亭湖区促进园区高质量发展若干措施.pdf" in art.body


def test_word_table_article_keeps_every_row() -> None:
    rows = [("序号", "企业名称", "处罚事由", "处罚结果")] + [
        (str(i), f"亭湖区第{i}机械厂", "未按规定设置安全警示标志", f"罚款{i}万元") for i in range(1, 7)
    ]
    table = (
        "<table class='MsoNormalTable'>"
        + "".join("<tr>" + "".join(f"<td><p><span>{cell}</span></p></td>" for cell in row) + "</tr>" for row in rows)
        + "</table>"
    )
    html = (
        "<html><head><title>亭湖区行政处罚信息公开表_亭湖区人民政府</title></head><body>"
        + "".join(f"<li><a href='/c{i}/'>栏目{i}</a></li>" for i in range(12))
        + f"<h1>亭湖区行政处罚信息公开表</h1><p>发布时间：2023-05-12</p><div class='printonly'>{table}</div>"
        "</body></html>"
    )
    art = extract_article(html)
    assert art.body.split("\n") == [" ".join(row) for row in rows]
