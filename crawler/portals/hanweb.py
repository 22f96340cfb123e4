"""Hanweb JCMS (大汉): ``/art/Y/M/D/art_C_N.html`` articles, ``/col/colC/index.html`` columns; its JPaaS
generation: ``/art/Y/art_<hex>.html`` articles, pages built from ``unitbuild.js`` units.

A column page embeds its first records as XML inside ``<script type="text/xml">`` (invisible to HTML
parsers); further records come from ``dataproxy.jsp?page=N&…`` as a ``<datastore>`` XML document with
``<totalpage>``. Every record is an HTML fragment in a CDATA section.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from crawler import rx
from crawler.portals.family import Family, patterns

FAMILY = Family(
    name="hanweb",
    article_urls=patterns(
        r"/art/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_\d+_\d+\.html$",
        r"/art/\d{4}/art_[0-9a-f]{16,32}\.html$",  # newer jpaas variant
    ),
    list_urls=patterns(r"/col/col\d+/index\.html", r"/module/(?:web/)?(?:jslib/jquery/)?jpage/\w*dataproxy\.jsp"),
    markers=patterns(
        r"hanweb\.com",
        r"大汉版通",
        r"<datastore>",
        r"dataproxy\.jsp",
        r"/module/jslib/",
        # The JPaaS generation: page units built by unitbuild.js from its publish server, its own stylesheets.
        r"jpaas-publish-server",
        r"unitbuild\.js",
        r"/hanweb[\w.-]*\.(?:css|js)\b",
    ),
)

RECORD = rx.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
NEXTGROUP = rx.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=[\"']([^\"']*dataproxy\.jsp[^\"']*)[\"']", re.S)
TOTAL_PAGE = rx.compile(r"<totalpage>\s*(\d+)\s*</totalpage>")
TOTAL_RECORD = rx.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>")


def records(markup: str) -> list[str]:
    """The HTML fragments of every CDATA record (column page or dataproxy response)."""
    return RECORD.findall(markup)


def _with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    return urlunsplit(parts._replace(query=urlencode([("page", str(page)), *query], safe="/")))


def next_page(markup: str, url: str) -> str | None:
    """The next dataproxy page: page 2 after the column page, then N+1 until ``<totalpage>``."""
    if not records(markup):
        return None  # an empty group ends the column
    parts = urlsplit(url)
    if "dataproxy.jsp" in parts.path:
        current = int(dict(parse_qsl(parts.query)).get("page", "1"))
        total = TOTAL_PAGE.search(markup)
        if total and current >= int(total[1]):
            return None
        return _with_page(url, current + 1)
    group = NEXTGROUP.search(markup)
    if group is None:
        return None
    # The column page itself shows page 1; its nextgroup link names the proxy and its parameters.
    return _with_page(urljoin(url, group[1].replace("&amp;", "&")), 2)
