"""The date a reader sees, on whole pages: info lines and gov tables beat metas and script variables that CMSes
write when a page is (re)generated; the time is kept when the page gives one, never invented."""

from __future__ import annotations

from crawler.content import extract_article

PARAS = (
    "<p>3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，区四套班子领导出席会议。</p>"
    "<p>李东成指出，区域发展，实体为基、项目为王、招商为要，必须强势推进，快速突破，久久为功。</p>"
    "<p>会议还下发了《关于大力推进智能制造发展的实施意见》及相关政策文件，并为星级工业企业颁发了奖牌。</p>"
)


def page(info: str, head: str = "", scripts: str = "") -> str:
    return (
        f"<html><head><title>全区工业发展大会召开_亭湖区人民政府</title>{head}</head><body>{scripts}"
        f"<div class='nav'><a href='/'>首页</a> <a href='/xw/'>新闻</a></div>"
        f"<h1>全区工业发展大会召开</h1>{info}<div class='TRS_Editor'>{PARAS}</div></body></html>"
    )


def test_info_line_beats_a_republished_pubdate_meta_and_is_flagged() -> None:
    html = page(
        "<div class='info'>发布日期：2022-05-06 15:16　来源：亭湖区工信局　访问量：1234</div>",
        head="<meta name='PubDate' content='2023-04-18 15:24:29'>",
    )
    art = extract_article(html)
    assert (art.published_date, art.published_at) == ("2022-05-06", "2022-05-06T15:16:00+08:00")
    assert art.flags["date_conflict"] == 1


def test_agreeing_meta_is_no_conflict_and_adds_no_time_the_page_does_not_show() -> None:
    html = page("<div class='info'>时间：2022-05-06</div>", head="<meta name='PubDate' content='2022-05-06 08:30'>")
    art = extract_article(html)
    assert (art.published_date, art.published_at) == ("2022-05-06", None)
    assert art.flags["date_conflict"] == 0


def test_script_time_when_nothing_visible() -> None:
    script = "<script>var __$pubtime='2021-01-05 16:59:00'; var __$title='x';</script>"
    art = extract_article(page("", scripts=script))
    assert (art.published_date, art.published_at) == ("2021-01-05", "2021-01-05T16:59:00+08:00")


def test_date_only_page_has_no_invented_time() -> None:
    art = extract_article(
        page("<p>发布日期：2022年05月06日</p>", head="<meta name='PubDate' content='2022-05-06 00:00'>")
    )
    assert (art.published_date, art.published_at) == ("2022-05-06", None)


def test_gov_table_publication_date_beats_the_written_date() -> None:
    table = (
        "<table class='xxgk'><tr><td>索 引 号：</td><td>11320902MB1234567X/2022-00012</td>"
        "<td>成文日期：</td><td>2022年01月27日</td></tr><tr><td>发文机关：</td><td>亭湖区人民政府</td>"
        "<td>发布日期：</td><td>2022年01月28日</td></tr></table>"
    )
    art = extract_article(page(table, head="<meta name='PubDate' content='2023-03-01 10:00'>"))
    assert art.published_date == "2022-01-28"
    assert art.flags["date_conflict"] == 1


def test_forum_posting_line() -> None:
    art = extract_article(page("<div>本贴由 李东成 于2006年3月2日09:15:07 发表</div>"))
    assert art.published_at == "2006-03-02T09:15:07+08:00"


def test_us_order_with_afternoon_time() -> None:
    art = extract_article(page("<div>作者：李明　发布时间：7/18/2006 3:05:41 PM</div>"))
    assert art.published_at == "2006-07-18T15:05:41+08:00"


def test_date_alone_in_a_byline_line() -> None:
    art = extract_article(page("<div>本报记者 王强 李明　2004-6-3　江城晚报</div>"))
    assert art.published_date == "2004-06-03"
    assert art.authors == ["王强", "李明"]


def test_clause_with_a_date_stays_in_the_body() -> None:
    first = "<p>经2020年2月18日区委常委会研究，决定：</p>"
    html = page("").replace("<div class='TRS_Editor'>", f"<div class='TRS_Editor'>{first}")
    art = extract_article(html)
    assert art.body.startswith("经2020年2月18日区委常委会研究，决定：")
