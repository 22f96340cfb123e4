"""The list API requests a column page's scripts would send, built from the page's own values, and the
request for the next page of an API answer.

A JS-rendered column holds no rows: its scripts fetch them. The reader builds the same request from
what the page declares, as data per platform (``PLATFORMS``) and for generic declarations:

- Hanweb JPaaS page-building units: ``<script src=".../unitbuild.js" url="…" queryData="{'webId':…}">``
  → GET ``url?webId=…&pageId=…``; later pages add ``paramJson={"pageNo":N,"pageSize":M}``.
- Hanweb ``jpage`` groups: ``$('#unit').jpage({proxyUrl, perPage, groupSize, totalRecord, ajaxParam})``
  → POST ``dataproxy.jsp?startrecord=…&endrecord=…&perpage=…`` with the ``ajaxParam`` form; the first
  group is already in the page's datastore, so the request is for the next group.
- Declared calls: ``$.ajax({url, type, data, contentType})``, ``$.post/$.get/$.getJSON(url, data)``,
  ``$(sel).load(url, data)``, ``axios.get/post``, ``fetch(url, {method, body})`` whose URL or data look
  like a list (paging parameters, list words) and not like a counter, the weather or a login.
- Platforms whose shared script makes the call (``PLATFORMS``): the page holds only the values, e.g.
  Guangdong's gkmlpt (``SID: '…'`` in the page config) → GET ``/gkmlpt/api/all/<category>?page=1&sid=…``.

Paging an API answer (``next_request``): the page number one higher (``pageNo``, ``page``, ``pageIndex``,
``paramJson.pageNo`` …) or the record offsets one page on (``startrecord``/``endrecord``, ``start``/``rows``),
until the answer says it was the last page or holds no rows.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from crawler import rx
from crawler.portals import hanweb
from crawler.portals.jsvalues import (
    JsExpr,
    JsName,
    call_arguments,
    parse_literal,
    resolve,
    variables,
)
from crawler.portals.markup import scripts

FORM = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"
# Parameter names that number pages, and that give record offsets and sizes (lower case).
PAGE_KEYS = (
    "pageno",
    "page",
    "pagenum",
    "pageindex",
    "currentpage",
    "curpage",
    "currpage",
    "pagenumber",
    "page_no",
    "pn",
    "p",
    "current",
    "cur_page",
)
OFFSET_KEYS = ("startrecord", "start", "offset", "begin", "from", "skip", "startrow")
END_KEYS = ("endrecord", "end", "endrow")
SIZE_KEYS = ("pagesize", "perpage", "rows", "limit", "size", "page_size", "pagecount_per", "num", "ps")
TOTAL_PAGE_KEYS = ("totalpage", "totalpages", "pagecount", "total_page", "pages", "pagetotal", "totalpagenum")
TOTAL_RECORD_KEYS = (
    "totalrecord",
    "total",
    "totalcount",
    "recordcount",
    "totalrecords",
    "totalnum",
    "count",
    "totalsize",
    "total_count",
    "totalelements",
)
# URLs of calls that are no list: counters, weather, accounts, comments, statistics.
NOT_LIST_URL = rx.compile(
    r"weather|tianqi|visit|count(?!ry)|click|hits?\b|login|logon|user|comment|vote|share|tongji|stat(?:s|istic)?\b"
    r"|captcha|verify|sms|upload|favorite|like|online|getip|location|token|translate|zh_?tran|jiucuo|pucha",
    re.I,
)
LIST_URL = rx.compile(
    r"list|search|query|page|article|news|info|channel|column|content|data|doc|notice|unit"
    r"|dataproxy|xxgk|getmessage|front|column|catalog|api",
    re.I,
)
# The calls that fetch data: jQuery ($.ajax/$.post/$.get/$.getJSON, and .load on a selection), axios, fetch.
AJAX_CALL = rx.compile(
    r"(?<![\w$])(?:\$|jQuery)\s*\.\s*(?P<jq>ajax|post|get|getJSON)\s*\(|\)\s*\.\s*(?P<load>load)\s*\("
    r"|(?<![\w$.])axios\s*(?:\.\s*(?P<ax>get|post))?\s*\(|(?<![\w$.])fetch\s*\(",
)


@dataclass(frozen=True)
class ListRequest:
    """One request for list rows: what the page's scripts would send."""

    url: str
    method: str = "GET"
    body: str | None = None
    content_type: str | None = None
    kind: str = "declared"
    same_page: bool = True  # the rows of this very page (a JS-rendered list), not of the next page

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"url": self.url, "method": self.method, "body": self.body}
        if self.content_type:
            out["content_type"] = self.content_type
        out["kind"] = self.kind
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListRequest:
        return cls(
            url=str(data["url"]),
            method=str(data.get("method") or "GET").upper(),
            body=data.get("body"),
            content_type=data.get("content_type"),
            kind=str(data.get("kind") or "declared"),
            same_page=bool(data.get("same_page", True)),
        )


def _with_query(url: str, params: dict[str, Any]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    keys = set(params)
    query = [(k, v) for k, v in query if k not in keys] + [(k, _param(v)) for k, v in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query, safe="/:,")))


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean(value: Any, drop_unknown: bool) -> Any:
    """A resolved value as the page would send it: a name nobody assigned is ``undefined`` (dropped
    from JSON, empty in a form)."""
    if isinstance(value, JsName | JsExpr):
        return None if drop_unknown else ""
    if isinstance(value, dict):
        return {
            k: _clean(v, drop_unknown)
            for k, v in value.items()
            if not (drop_unknown and isinstance(v, JsName | JsExpr))
        }
    if isinstance(value, list):
        return [_clean(v, drop_unknown) for v in value]
    return value


# --- Hanweb JPaaS page-building units -------------------------------------------------------------


def jpaas_units(root: etree._Element, url: str) -> Iterator[ListRequest]:
    for script in root.iter("script"):
        src = script.get("src") or ""
        query = script.get("querydata") or script.get("queryData")
        if "unitbuild" not in src.lower() or not query:
            continue
        params = parse_literal(query)
        endpoint = script.get("url") or "/api-gateway/jpaas-publish-server/front/page/build/unit"
        if isinstance(params, dict):
            yield ListRequest(_with_query(urljoin(url, endpoint), _clean(params, True)), kind="jpaas_unit")


# --- Platforms whose shared script calls a list API with values the page holds -----------------------


@dataclass(frozen=True)
class Platform:
    """A platform's list API, built from values its pages hold when the calling script is a shared file.
    ``values`` are (name, where: ``markup`` or ``url``, regex with one group); the first match wins, and a
    name with no match takes its ``defaults`` value (or the platform does not apply)."""

    name: str
    marker: re.Pattern[str]
    values: tuple[tuple[str, str, re.Pattern[str]], ...]
    template: str  # formatted with the values and ``origin``
    defaults: tuple[tuple[str, str], ...] = ()


PLATFORMS: tuple[Platform, ...] = (
    # Guangdong's intensive platform (政府信息公开 gkmlpt): the site id sits in the page config (SID: '…'),
    # the category in the URL fragment (#2591); /gkmlpt/api/all/<category>?page=N&sid=<SID> answers JSON
    # ``articles`` with ``title``, ``url`` and ``create_time``.
    Platform(
        name="gkmlpt",
        marker=rx.compile(r"/gkmlpt/"),
        values=(
            ("sid", "markup", rx.compile(r"""\bSID\s*[:=]\s*["']([\w-]+)["']""")),
            ("cat", "url", rx.compile(r"#(\d+)$")),
        ),
        template="{origin}/gkmlpt/api/all/{cat}?page=1&sid={sid}",
        defaults=(("cat", "0"),),
    ),
)


def platform_calls(markup: str, url: str) -> Iterator[ListRequest]:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    for platform in PLATFORMS:
        if not platform.marker.search(markup) and not platform.marker.search(url):
            continue
        values = dict(platform.defaults)
        for name, where, pattern in platform.values:
            found = pattern.search(markup if where == "markup" else url)
            if found:
                values[name] = found[1]
        if all(name in values for name, _, _ in platform.values):
            yield ListRequest(platform.template.format(origin=origin, **values), kind=platform.name)


# --- Hanweb jpage record groups -------------------------------------------------------------------


def _jpage_configs(scripts: str) -> Iterator[dict[str, Any]]:
    for match in re.finditer(r"\.jpage\s*\(", scripts):
        args = call_arguments(scripts, match.end() - 1)
        if args and isinstance(args[0], dict):
            yield args[0]


def _number(value: Any, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class JpageGroup:
    """A Hanweb jpage call's settings: where it asks, how many rows a page and a group hold, how many rows."""

    proxy: str
    params: dict[str, Any]
    per_page: int
    group_size: int
    total: int


def jpage_settings(scripts: str, env: dict[str, Any]) -> list[JpageGroup]:
    found = []
    for config in _jpage_configs(scripts):
        config = resolve(config, env)
        params = config.get("ajaxParam") or config.get("ajaxparam") or config.get("param")
        if not isinstance(params, dict):
            continue
        found.append(
            JpageGroup(
                proxy=str(config.get("proxyUrl") or config.get("proxyurl") or "/module/web/jpage/dataproxy.jsp"),
                params=params,
                per_page=_number(config.get("perPage", config.get("perpage")), 20),
                group_size=_number(config.get("groupSize", config.get("groupsize")), 3),
                total=_number(config.get("totalRecord", config.get("totalrecord")), 0),
            )
        )
    return found


def jpage_groups(markup: str, settings: list[JpageGroup], url: str) -> Iterator[ListRequest]:
    """The next record group of a Hanweb column whose jpage call names its proxy and parameters (the
    page's datastore holds the first group)."""
    records = len(hanweb.records(markup))
    for jpage in settings:
        start = (records or jpage.per_page * jpage.group_size) + 1
        if jpage.total and start > jpage.total:
            continue
        end = start + jpage.per_page * jpage.group_size - 1
        query = {"startrecord": start, "endrecord": end, "perpage": jpage.per_page}
        target = _with_query(urljoin(url, jpage.proxy), query)
        body = urlencode([(k, _param(v)) for k, v in _clean(jpage.params, False).items()], safe="/")
        yield ListRequest(target, "POST", body, FORM, kind="hanweb_jpage", same_page=False)


def page_count(markup: str) -> int | None:
    """The page count a Hanweb jpage call implies (its total rows over rows per page)."""
    code = scripts(markup)
    if ".jpage" not in code:
        return None
    settings = jpage_settings(code, variables([code]))
    counted = [math.ceil(j.total / j.per_page) for j in settings if j.total and j.per_page]
    return counted[0] if counted else None


# --- Declared calls ---------------------------------------------------------------------------------


def _stringify_target(value: Any) -> str | None:
    match = (
        re.fullmatch(r"JSON\s*\.\s*stringify\s*\(\s*([\w$.]+)\s*\)", str(value).strip())
        if isinstance(value, JsExpr)
        else None
    )
    return match[1] if match else None


def _data(value: Any, env: dict[str, Any]) -> tuple[Any, bool]:
    """The data a call sends, resolved; and whether the page stringifies it as JSON itself."""
    name = _stringify_target(value)
    if name:
        return resolve(env.get(name, JsName(name)), env), True
    if isinstance(value, JsName):
        return resolve(env.get(str(value), value), env), False
    return resolve(value, env), False


def _has_paging(data: Any, url: str) -> bool:
    keys = {k.lower() for k in dict(parse_qsl(urlsplit(url).query))}
    if isinstance(data, dict):
        keys |= {str(k).lower() for k in data}
        for value in data.values():
            if isinstance(value, str) and value.startswith("{"):
                inner = parse_literal(value)
                if isinstance(inner, dict):
                    keys |= {str(k).lower() for k in inner}
    return bool(keys & set(PAGE_KEYS + OFFSET_KEYS + SIZE_KEYS) - {"p", "num", "size", "current"})


def _request(
    url_value: Any, method: str, data: Any, as_json: bool, content_type: str | None, page_url: str
) -> ListRequest | None:
    if not isinstance(url_value, str) or isinstance(url_value, JsName | JsExpr) or not url_value.strip():
        return None
    target = urljoin(page_url, url_value.strip())
    if not target.startswith(("http://", "https://")) or NOT_LIST_URL.search(urlsplit(target).path):
        return None
    if not _has_paging(data, target) and not LIST_URL.search(urlsplit(target).path):
        return None
    if isinstance(data, JsName | JsExpr):
        return None  # the data is computed at run time: no request we could vouch for
    method = method.upper()
    json_body = as_json or "json" in (content_type or "").lower()
    if data in (None, "", {}):
        return ListRequest(target, method, kind="declared")
    if method == "GET":
        if isinstance(data, dict):
            return ListRequest(_with_query(target, _clean(data, True)), kind="declared")
        return ListRequest(f"{target}{'&' if '?' in target else '?'}{data}", kind="declared")
    if json_body:
        body = (
            data if isinstance(data, str) else json.dumps(_clean(data, True), ensure_ascii=False, separators=(",", ":"))
        )
        return ListRequest(target, method, body, JSON_TYPE, kind="declared")
    if isinstance(data, dict):
        body = urlencode([(k, _param(v)) for k, v in _clean(data, False).items()])
        return ListRequest(target, method, body, FORM, kind="declared")
    return ListRequest(target, method, str(data), content_type or FORM, kind="declared")


@dataclass(frozen=True)
class Call:
    """What one declared call sends, as far as the page's literals tell."""

    url: Any
    method: str
    data: Any
    as_json: bool = False
    content_type: str | None = None


def _options_call(options: dict[str, Any], env: dict[str, Any]) -> Call:
    """``$.ajax({url, type, data, contentType})`` / ``axios({url, method, data, params})``."""
    lowered = {str(k).lower(): v for k, v in options.items()}
    data, stringified = _data(lowered.get("data", lowered.get("params")), env)
    content = lowered.get("contenttype")
    return Call(
        url=resolve(lowered.get("url"), env),
        method=str(resolve(lowered.get("type") or lowered.get("method") or "GET", env)),
        data=data,
        as_json=stringified,
        content_type=str(content) if isinstance(content, str) else None,
    )


def _positional_call(match: re.Match[str], args: list[Any], env: dict[str, Any]) -> Call:
    """``$.post(url, data)``, ``$(sel).load(url, data)``, ``axios.get(url, {params})``, ``fetch(url, {body})``."""
    url = args[0]
    rest = args[1] if len(args) > 1 else None
    options = {str(k).lower(): v for k, v in rest.items()} if isinstance(rest, dict) else {}
    if match["ax"] == "get":
        return Call(url, "GET", *_data(options.get("params"), env))
    if match["ax"] == "post":
        return Call(url, "POST", _data(rest, env)[0], True)  # axios posts objects as JSON
    if match["jq"] or match["load"]:
        data, stringified = _data(rest, env) if not isinstance(rest, JsExpr) else (None, False)
        # jQuery posts when given data as an object; .load(url) fetches the URL before any " #selector"
        post = match["jq"] == "post" or (match["load"] is not None and isinstance(data, dict))
        if match["load"] and isinstance(url, str):
            url = url.split(" ", 1)[0]
        return Call(url, "POST" if post else "GET", data, stringified)
    data, stringified = _data(options.get("body"), env)  # fetch
    return Call(url, str(resolve(options.get("method", "GET"), env)), data, stringified)


def declared_calls(scripts: str, env: dict[str, Any], url: str) -> Iterator[ListRequest]:
    for match in AJAX_CALL.finditer(scripts):
        args = call_arguments(scripts, match.end() - 1)
        if not args:
            continue
        first = resolve(args[0], env)
        if isinstance(first, dict) and not match["load"]:
            call = _options_call(first, env)
        else:
            call = _positional_call(match, [first, *args[1:]], env)
        request = _request(resolve(call.url, env), call.method, call.data, call.as_json, call.content_type, url)
        if request is not None:
            yield request


def page_requests(markup: str, root: etree._Element, url: str) -> list[ListRequest]:
    """Every list request the page's scripts declare, platform units first."""
    code = scripts(markup)
    env = variables([code])
    found: list[ListRequest] = []
    jpages = jpage_settings(code, env)
    declared = (*jpaas_units(root, url), *jpage_groups(markup, jpages, url), *declared_calls(code, env, url))
    for request in (*declared, *platform_calls(markup, url)):
        if request not in found:
            found.append(request)
    return found


# --- Paging API answers -------------------------------------------------------------------------------


def _find(document: Any, keys: tuple[str, ...], depth: int = 0) -> int | None:
    if depth > 6:
        return None
    if isinstance(document, dict):
        for key, value in document.items():
            if str(key).lower() in keys and isinstance(value, int | str) and str(value).isdigit():
                return int(value)
        for value in document.values():
            found = _find(value, keys, depth + 1)
            if found is not None:
                return found
    return None


def _params(request: ListRequest) -> tuple[dict[str, str], Any]:
    """The request's query parameters and its body (a dict for JSON or form bodies)."""
    query = dict(parse_qsl(urlsplit(request.url).query, keep_blank_values=True))
    body: Any = None
    if request.body:
        if "json" in (request.content_type or ""):
            try:
                body = json.loads(request.body)
            except ValueError:
                body = None
        else:
            body = dict(parse_qsl(request.body, keep_blank_values=True))
    return query, body


def _bump(values: dict[str, Any], rows: int) -> tuple[dict[str, Any], int | None] | None:
    """``values`` moved one page on: the page number + 1, or the offsets + the page size; and the new
    page number (or None for offsets). Nested JSON strings (``paramJson``) are looked into."""
    lowered = {k.lower(): k for k in values}
    for key in PAGE_KEYS:
        if key in lowered and str(values[lowered[key]]).isdigit():
            real = lowered[key]
            page = int(values[real]) + 1
            return {**values, real: page if isinstance(values[real], int) else str(page)}, page
    for key in OFFSET_KEYS:
        if key in lowered and str(values[lowered[key]]).lstrip("-").isdigit():
            real = lowered[key]
            size_key = next((lowered[k] for k in SIZE_KEYS if k in lowered), None)
            end_key = next((lowered[k] for k in END_KEYS if k in lowered), None)
            start = int(values[real])
            if end_key and str(values[end_key]).isdigit():
                span = int(values[end_key]) - start + 1
                out = {**values, real: str(start + span), end_key: str(int(values[end_key]) + span)}
                return out, None
            size = int(values[size_key]) if size_key and str(values[size_key]).isdigit() else rows
            if size <= 0:
                return None
            bumped = start + size
            return {**values, real: bumped if isinstance(values[real], int) else str(bumped)}, None
    for key, value in values.items():
        if isinstance(value, str) and value.startswith("{"):
            inner = parse_literal(value)
            if isinstance(inner, dict):
                moved = _bump(inner, rows)
                if moved:
                    return {**values, key: json.dumps(moved[0], ensure_ascii=False, separators=(",", ":"))}, moved[1]
    return None


def next_request(request: ListRequest, document: Any, rows: int) -> ListRequest | None:
    """The request for the page after ``request``'s answer ``document`` (which held ``rows`` rows), or None
    when the answer was empty or says it was the last page."""
    if rows == 0:
        return None
    query, body = _params(request)
    total_pages = _find(document, TOTAL_PAGE_KEYS)
    total_records = _find(document, TOTAL_RECORD_KEYS)
    target, new_body = request.url, request.body
    moved = _bump(body, rows) if isinstance(body, dict) else None
    if moved:
        values, page = moved
        if "json" in (request.content_type or ""):
            new_body = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
        else:
            new_body = urlencode([(k, _param(v)) for k, v in values.items()])
    else:
        moved = _bump(query, rows)
        if moved is None:
            if request.kind != "jpaas_unit":
                return None
            # A unit answers its first page without paging parameters; later pages name theirs.
            moved = ({**query, "paramJson": json.dumps({"pageNo": 2, "pageSize": rows}, separators=(",", ":"))}, 2)
        values, page = moved
        target = urlunsplit(urlsplit(request.url)._replace(query=urlencode(list(values.items()), safe="/:,")))
    if page is not None:
        if total_pages is not None and page > total_pages:
            return None
        if total_pages is None and total_records is not None and (page - 1) * rows >= total_records:
            return None
    elif total_records is not None:
        start = _find({k.lower(): v for k, v in values.items()}, OFFSET_KEYS)
        if start is not None and start > total_records:
            return None
    return replace(request, url=target, body=new_body, same_page=False)
