"""Script-built lists: the API request the page's own values make, and the next page of an API answer.
Pages written for the test, one platform or declaration style each."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

from crawler.portals.listapi import ListRequest, next_request
from crawler.portals.reader import read_list
from tests.portals.test_records import TITLES


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def test_a_jpaas_unit_page_asks_the_unit_api_with_its_query_data() -> None:
    markup = """<html><body><div class="list"></div>
    <script src="/AuthorizedRead/unitbuild.js" url="/api-gateway/jpaas-publish-server/front/page/build/unit"
      queryData="{'webId':'5f8e1c','pageId':'a1b2c3','tplSetId':'t9','pageType':'column','tagId':'信息列表','editType':'null','parseType':'bulidstatic'}"></script>
    </body></html>"""
    page = read_list(markup, "https://fgw.example.gov.cn/col/col1229123/index.html")
    assert page.entries == [] and page.empty_reason is None
    [call] = page.requests
    assert call.method == "GET" and call.same_page
    assert call.url.startswith("https://fgw.example.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit?")
    assert query(call.url) == {
        "webId": "5f8e1c",
        "pageId": "a1b2c3",
        "tplSetId": "t9",
        "pageType": "column",
        "tagId": "信息列表",
        "editType": "null",
        "parseType": "bulidstatic",
    }
    # Its answer holds the rows as markup; the next page adds paramJson with the page number.
    rows = "".join(
        f'<li><a href="/art/2024/5/{i}/art_1229_{i}.html">{TITLES[i]}</a><span>2024-05-0{i}</span></li>'
        for i in range(1, 6)
    )
    answer = read_list(json.dumps({"data": {"html": f"<ul>{rows}</ul>"}}), call.url, request=call)
    assert len(answer.entries) == 5
    [following] = answer.requests
    assert json.loads(query(following.url)["paramJson"]) == {"pageNo": 2, "pageSize": 5}
    assert not following.same_page


def test_a_hanweb_jpage_call_posts_for_the_next_record_group() -> None:
    records = "".join(
        f"<record><![CDATA[<li><a href='/art/2024/5/{i}/art_77_{i}.html'>{TITLES[i % 8]}</a>"
        "<span>2024-05-01</span></li>]]></record>"
        for i in range(1, 31)
    )
    markup = f"""<html><body><div id="303271"><script type="text/xml"><datastore><recordset>{records}</recordset>
    </datastore></script></div><script>
    $(document).ready(function(){{ $('#303271').jpage({{
        dataStore: dataStore, perPage: 10, groupSize: 3, totalRecord: 95,
        proxyUrl: '/module/web/jpage/dataproxy.jsp',
        ajaxParam: {{col: 1, appid: 1, webid: 67, path: '/', columnid: 77278, sourceContentType: 1, unitid: 303271,
                    webname: '人社厅', permissiontype: 0}}
    }}); }});</script></body></html>"""
    page = read_list(markup, "https://hrss.example.gov.cn/col/col77278/index.html")
    assert len(page.entries) == 30
    [group] = page.requests
    assert group.method == "POST" and not group.same_page
    assert query(group.url) == {"startrecord": "31", "endrecord": "60", "perpage": "10"}
    assert dict(parse_qsl(group.body or "")) == {
        "col": "1",
        "appid": "1",
        "webid": "67",
        "path": "/",
        "columnid": "77278",
        "sourceContentType": "1",
        "unitid": "303271",
        "webname": "人社厅",
        "permissiontype": "0",
    }
    assert page.next_pages == []  # the page's own GET pager is not followed twice
    assert page.page_count == 10  # 95 rows, 10 a page
    # The proxy's answer continues the offsets until the total is reached.
    answer_records = records.replace("art_77_", "art_77_9")
    answer = f"<datastore><totalrecord>95</totalrecord><recordset>{answer_records}</recordset></datastore>"
    following = read_list(answer, group.url, request=group)
    assert len(following.entries) == 30
    assert query(following.requests[0].url)["startrecord"] == "61"
    last = ListRequest.from_json(
        {**group.as_json(), "url": group.url.replace("startrecord=31&endrecord=60", "startrecord=91&endrecord=120")}
    )
    assert read_list(answer, last.url, request=last).requests == []


def test_a_declared_ajax_call_is_built_from_the_page_variables() -> None:
    markup = """<html><body><div id="list"></div><script>
    $.ajax({url: 'https://devapi.weather.example.com/v7/weather/3d?location=1', type: 'get'});
    var pagerIndex = 1; var word = null; var channel = "6930";
    function initParams(id, word, pagerIndex) {
      params = {code: "18c2", searchWord: word, pageNo: pagerIndex, pageSize: 10,
                filter: [{property: "channel_id", value: channel}]};
    }
    function getList() {
      $.ajax({url: "https://search.example.gov.cn/irs/front/search", type: "post", dataType: "json",
              data: JSON.stringify(params), contentType: 'application/json',
              success: function (data) { render(data.data.list); }});
    }
    initParams(); getList();
    </script></body></html>"""
    page = read_list(markup, "http://www.example.gov.cn/jyxx/zbgg/")
    [call] = page.requests
    assert call.url == "https://search.example.gov.cn/irs/front/search"
    assert call.method == "POST" and call.content_type == "application/json"
    assert json.loads(call.body or "") == {
        "code": "18c2",
        "searchWord": None,
        "pageNo": 1,
        "pageSize": 10,
        "filter": [{"property": "channel_id", "value": "6930"}],
    }
    answer = {
        "data": {
            "list": [
                {"data": {"title": t, "url": f"https://www.example.gov.cn/a/{i}.html", "time": "2024-01-02"}}
                for i, t in enumerate(TITLES[:4])
            ],
            "pager": {"pageCount": 3},
        }
    }
    following = read_list(json.dumps(answer, ensure_ascii=False), call.url, request=call)
    assert len(following.entries) == 4
    second = following.requests[0]
    assert json.loads(second.body or "")["pageNo"] == 2
    third = next_request(second, answer, 4)
    assert third is not None and json.loads(third.body or "")["pageNo"] == 3
    assert next_request(third, answer, 4) is None  # the answer says there are 3 pages


def test_a_form_post_and_a_get_with_data() -> None:
    markup = """<script>
    var cid = 1024;
    $.post("/api/article/list", {channelId: cid, page: 1, rows: 15}, function (r) { draw(r); });
    </script>"""
    [call] = read_list(markup, "http://x.example.gov.cn/xwzx/").requests
    assert (call.method, call.url, dict(parse_qsl(call.body or ""))) == (
        "POST",
        "http://x.example.gov.cn/api/article/list",
        {"channelId": "1024", "page": "1", "rows": "15"},
    )
    get = read_list(markup.replace("$.post", "$.get"), "http://x.example.gov.cn/xwzx/").requests[0]
    assert get.method == "GET" and query(get.url) == {"channelId": "1024", "page": "1", "rows": "15"}


def test_api_paging_by_offsets_stops_at_the_total() -> None:
    request = ListRequest("http://x.example.gov.cn/api/list?start=0&rows=20")
    answer = {"total": 45, "list": []}
    first = next_request(request, answer, 20)
    assert first is not None and query(first.url) == {"start": "20", "rows": "20"}
    second = next_request(first, answer, 20)
    assert second is not None and query(second.url)["start"] == "40"
    assert next_request(second, answer, 5) is None  # 60 is past the 45 records
    assert next_request(request, {"list": []}, 0) is None  # an empty answer ends the column


def test_a_script_built_list_whose_request_cannot_be_built_says_so() -> None:
    markup = """<html><body><ul id="list"></ul><script src="/js/list.js"></script>
    <script>$.ajax({url: ctx + "/getList", data: {page: 1}, success: fill});</script></body></html>"""
    page = read_list(markup, "http://x.example.gov.cn/xwzx/")
    assert page.entries == [] and page.requests == []
    assert page.empty_reason == "js_unknown_api"


def test_a_jquery_load_fetches_a_list_fragment() -> None:
    markup = """<div id="comp_21"></div><script>
    var purl = "/n3/n21/index_21";
    $("#comp_21").load(purl + "_2.html #comp_21", {type: "news", page: 2});
    $("#hot").load("/hot/list.html");
    $(window).load(function () { init(); });
    </script>"""
    calls = read_list(markup, "http://x.example.gov.cn/n3/n21/index.html").requests
    assert [(c.method, c.url) for c in calls] == [
        ("POST", "http://x.example.gov.cn/n3/n21/index_21_2.html"),
        ("GET", "http://x.example.gov.cn/hot/list.html"),
    ]
    assert dict(parse_qsl(calls[0].body or "")) == {"type": "news", "page": "2"}


def test_a_platform_page_that_holds_only_its_ids() -> None:
    markup = """<html><head><script src="/gkmlpt/static/js/app.js"></script>
    <script>window._CONFIG = {SID: '755031', TYPE: 'gkml'};</script></head><body><div id="app"></div></body></html>"""
    [call] = read_list(markup, "http://www.example.gov.cn/gkmlpt/index#2591").requests
    assert call.url == "http://www.example.gov.cn/gkmlpt/api/all/2591?page=1&sid=755031"
    answer = {
        "articles": [
            {
                "title": f"{t}",
                "url": f"http://www.example.gov.cn/gkmlpt/content/2/2591/post_{i}.html",
                "create_time": "2024-03-01 10:00:00",
            }
            for i, t in enumerate(TITLES[:3])
        ],
        "total": 90,
    }
    page = read_list(json.dumps(answer, ensure_ascii=False), call.url, request=call)
    assert len(page.entries) == 3
    assert query(page.requests[0].url) == {"page": "2", "sid": "755031"}
