"""Which links of a portal page are candidate news columns (crawler/probe/columns.py), on written pages."""

from __future__ import annotations

from crawler.probe.columns import column_weight, find_columns, same_site

URL = "http://www.kfq.example.gov.cn/"

HOMEPAGE = """<html><body>
<div class="nav"><ul>
  <li><a href="/">首页</a></li>
  <li><a href="/xwzx/">新闻中心</a></li>
  <li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/bsfw/">办事服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/spxw/">视频新闻</a></li>
  <li><a href="https://www.other.gov.cn/xwdt/">新闻动态</a></li>
</ul></div>
<div class="row">
  <div class="box"><div class="hd"><h3>园区动态</h3><a href="/xwzx/yqdt/" class="more">更多&gt;&gt;</a></div>
    <ul><li><a href="/xwzx/yqdt/202405/t20240510_1.html">园区召开一季度经济运行分析会议</a></li></ul></div>
  <div class="box"><div class="hd"><a href="/xwzx/tzgg/">更多</a><h3>通知公告</h3></div>
    <ul><li><a href="/xwzx/tzgg/202405/t20240511_2.html">关于开展安全生产大检查的通知</a></li></ul></div>
  <div class="box"><div class="hd"><span>招商引资</span><a href="/zsyz/" title="更多招商引资">more</a></div></div>
</div>
<div class="links"><a href="/col/col1229/index.html">工作动态</a><a href="/list_12_1.html">园区风采</a>
  <a href="/files/report.pdf">年度报告</a><a href="javascript:void(0)">动态</a></div>
</body></html>"""


def test_names_and_more_links_of_titled_boxes_are_candidates() -> None:
    found = {c.url.removeprefix(URL.rstrip("/")): c for c in find_columns(HOMEPAGE, URL)}
    assert found["/xwzx/"].label == "新闻中心" and found["/xwzx/"].how == "name"
    assert found["/xwzx/yqdt/"].label == "园区动态" and found["/xwzx/yqdt/"].how == "more"  # title before 更多
    assert found["/xwzx/tzgg/"].label == "通知公告"  # the header's title after its 更多 link
    assert found["/zsyz/"].label == "招商引资"  # the link's own title attribute
    assert found["/col/col1229/index.html"].score > found["/xwzx/"].score  # a Hanweb list URL counts more
    assert found["/list_12_1.html"].how == "shape"  # a DedeCMS list URL with a short name


def test_never_candidates() -> None:
    urls = {c.url for c in find_columns(HOMEPAGE, URL)}
    for path in ("/", "/bsfw/", "/hdjl/", "/spxw/", "/files/report.pdf", "/xwzx/yqdt/202405/t20240510_1.html"):
        assert URL.rstrip("/") + path not in urls  # the page, services, video, files, articles
    assert not any("other.gov.cn" in u for u in urls)  # another site


def test_ranked_by_how_surely_the_name_lists_news() -> None:
    ranked = [c.label for c in find_columns(HOMEPAGE, URL)]
    assert ranked.index("园区动态") < ranked.index("通知公告") < ranked.index("政务公开")


def test_column_words() -> None:
    assert column_weight("经开区要闻") == 1.0
    assert column_weight("招商引资") == 0.7
    assert column_weight("通知公告") == 0.6
    assert column_weight("政务公开") == 0.3
    assert column_weight("新闻发布会视频直播") == 0.0  # not a column; a headline-length text neither
    assert column_weight("关于举办二〇二四年园区新闻发布会的通知") == 0.0


def test_a_row_of_boxes_does_not_lend_one_box_the_next_ones_title() -> None:
    page = """<div class="row"><div class="a"><h3>园区新闻</h3><a href="/a/">更多</a></div>
      <div class="b"><h3>友情链接</h3><a href="/b/">更多</a></div></div>"""
    labels = {c.url: c.label for c in find_columns(page, URL)}
    assert labels == {URL + "a/": "园区新闻"}


def test_same_site_takes_subdomains() -> None:
    assert same_site("http://gxq.x.gov.cn/a", "http://www.x.gov.cn/")
    assert not same_site("http://www.y.gov.cn/a", "http://www.x.gov.cn/")
