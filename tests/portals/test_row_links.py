"""Which link of a list row is the row's own: its title link, not the 解读, 图解 or video links a policy row
carries beside or under it, and not a category label in front of it.

Each page is written for the test and reproduces a row structure of real government columns (named in each
test); the texts are our own.
"""

from __future__ import annotations

from datetime import date

from crawler.portals.reader import read_list

POLICIES = [
    "关于印发开发区高质量发展三年行动方案的通知",
    "关于支持高新区科技型企业融资的若干措施",
    "关于进一步优化工业园区营商环境的实施意见",
    "关于开展综合保税区发展绩效评估工作的通知",
    "关于加快经开区数字化转型的指导意见",
    "关于做好园区安全生产大检查工作的通知",
]
COLUMN = "http://www.example.gov.cn/zcwj/tz/index_1.html"
# The rows' own documents on the pages below that link /zcwj/2024/<i>.html.
DOCUMENTS = [f"http://www.example.gov.cn/zcwj/2024/{i}.html" for i in range(6)]


def urls(markup: str, url: str = COLUMN) -> list[str]:
    return [e.url for e in read_list(f"<html><body>{markup}</body></html>", url).entries]


def test_a_row_with_many_interpretations_in_a_pop_up_box_is_still_one_row() -> None:
    # TRS policy column: the title link, a script-written 解读 badge, a pop-up box headed 相关解读 listing up to
    # five interpretations (more links than one row normally has), then the date.
    rows = []
    for i, title in enumerate(POLICIES):
        related = "".join(
            f'<li><a href="../../jd/jd/202405/t2024051{i}_{900 + 10 * i + k}.html" target="_blank">'
            f"有关负责同志就《{title}》答记者问之{k + 1}</a></li>"
            for k in range(1 + i % 5)
        )
        rows.append(
            f'<li><a href="./202405/t2024050{i + 1}_{100 + i}.html" title="{title}">{title}</a>'
            '<script>document.write(\'<strong><img src="/images/jiedu.png" alt="解读"></strong>\');</script>'
            f'<div class="popbox"><div class="close" title="关闭"></div><h3>相关解读</h3><ul>{related}</ul></div>'
            f"<span>2024/05/0{i + 1}</span></li>"
        )
    page = read_list(
        f'<html><body><div class="list"><ul class="u-list">{"".join(rows)}</ul></div></body></html>', COLUMN
    )
    assert [e.url for e in page.entries] == [
        f"http://www.example.gov.cn/zcwj/tz/202405/t2024050{i + 1}_{100 + i}.html" for i in range(6)
    ]
    assert page.entries[4].date == date(2024, 5, 5) and page.entries[4].title == POLICIES[4]


def test_a_link_that_only_says_interpretation_is_secondary_even_with_a_longer_title_attribute() -> None:
    # The 解读 link sits beside the title; its title attribute (the interpretation's headline) is longer
    # than the document's own short title.
    rows = "".join(
        f'<li><a href="/zcwj/2024/{i}.html">第{i + 1}号公告</a> '
        f'<a class="jd" href="/zcjd/2024/{i}.html" title="一图读懂：{title}的背景、目标和主要举措">[解读]</a> '
        f'<a class="sp" href="/sp/2024/{i}.html"><img src="/images/video.png" alt="视频"></a>'
        f"<span>2024-04-0{6 - i}</span></li>"
        for i, title in enumerate(POLICIES)
    )
    assert urls(f"<ul class='list'>{rows}</ul>") == DOCUMENTS


def test_a_link_headed_by_a_related_label_inside_the_row_is_secondary() -> None:
    # No sub-list: the related links follow a 相关解读 heading (or an inline 解读： label) inside the row and
    # have longer titles than the row's own link.
    boxed = "".join(
        f'<div class="row"><a href="/zcwj/2024/{i}.html">{title}</a><div class="pop"><h4>相关解读</h4>'
        f'<a href="/zcjd/2024/{i}.html">国家有关部门负责同志就{title}答记者问并介绍主要内容</a></div>'
        f"<em>2024-03-1{6 - i}</em></div>"
        for i, title in enumerate(POLICIES)
    )
    assert urls(f"<div class='rows'>{boxed}</div>") == DOCUMENTS
    inline = "".join(
        f'<li><a href="/zcwj/2024/{i}.html">{title}</a> 解读：<a href="/zcjd/2024/{i}.html">'
        f"专家详解{title}的十大亮点与政策含金量</a> <span>2024-03-1{6 - i}</span></li>"
        for i, title in enumerate(POLICIES)
    )
    assert urls(f"<ul>{inline}</ul>") == DOCUMENTS


def test_a_column_of_interpretations_keeps_its_own_links() -> None:
    # A 政策解读 column: each row's only link is an interpretation (一图读懂…), which is the row's own; a
    # category label link in front of a title is no title either.
    only = "".join(
        f'<li><a href="/zcjd/art/2024/art_{i:032x}.html">一图读懂</a><span>2024-02-0{i + 1}</span></li>'
        for i in range(1, 6)
    )
    assert len(urls(f"<ul>{only}</ul>", "http://www.example.gov.cn/zcjd/")) == 5
    tagged = "".join(
        f'<li><a href="/col/xqdt/">[县区动态]</a><a href="/xqdt/2024/{i}.html">{title}</a>'
        f"<span>2024-02-0{i + 1}</span></li>"
        for i, title in enumerate(POLICIES)
    )
    assert urls(f"<ul>{tagged}</ul>", "http://www.example.gov.cn/xwzx/") == [
        f"http://www.example.gov.cn/xqdt/2024/{i}.html" for i in range(6)
    ]


def test_a_card_link_is_titled_by_its_heading_not_its_summary() -> None:
    # DedeCMS picture cards: the whole card is the link (picture, <h3> title, summary); no date is shown.
    cards = "".join(
        f'<a class="item" href="hyxw/2024/0{i + 1}10/{60 + i}.html" title="{title}">'
        f'<img src="/up/{i}.png" alt="{title}">'
        f'<h3>{title}</h3><div class="txt">本文介绍{title}的主要内容，共十条措施，自发布之日起施行……</div></a>'
        for i, title in enumerate(POLICIES[:5])
    )
    page = read_list(f'<html><body><div class="list">{cards}</div></body></html>', "http://www.example.com/a/news/")
    assert [e.title for e in page.entries] == POLICIES[:5]
    plain = "".join(
        f'<a class="item" href="hyxw/2024/0{i + 1}10/{60 + i}.html"><img src="/up/{i}.png">'
        f"<h3>{title}</h3><p>摘要：{title}正式印发。</p></a>"
        for i, title in enumerate(POLICIES[:5])
    )
    page = read_list(f'<html><body><div class="list">{plain}</div></body></html>', "http://www.example.com/a/news/")
    assert [e.title for e in page.entries] == POLICIES[:5]


def test_a_cut_title_takes_the_full_one_from_the_span_inside_the_link() -> None:
    # An ASP.NET grid: the link shows a title cut with "..." and its <span> carries the full one; a badge's
    # short title attribute at the start of a link is no title.
    grid = "".join(
        f'<tr class="gridItem"><td>{i + 1}.</td><td><a href="/Work/View.aspx?guid={i}a1b2c3d4e5f60718"><span '
        f'title="{title}">{title[:10]}...</span></a></td><td>2012/10/2{i}</td></tr>'
        for i, title in enumerate(POLICIES)
    )
    page = read_list(f"<html><body><table>{grid}</table></body></html>", "http://www.example.gov.cn/list.aspx")
    assert [e.title for e in page.entries] == POLICIES
    badged = "".join(
        f'<li><a href="/xw/2024/{i}.html"><em title="新">新</em>{title}</a><span>2024-01-0{i + 1}</span></li>'
        for i, title in enumerate(POLICIES)
    )
    page = read_list(f"<html><body><ul>{badged}</ul></body></html>", "http://www.example.gov.cn/xw/")
    assert [e.title.split()[-1] for e in page.entries] == POLICIES
