"""DedeCMS and PHPCMS, the CMSes of many 管委会 and park-company sites.

DedeCMS: articles ``{typedir}/{Y}/{MD}/{aid}.html`` or ``/plus/view.php?aid=N``; lists
``{typedir}/list_{tid}_{page}.html``. PHPCMS v9: ``index.php?m=content&c=index&a=show&catid=C&id=N``,
static ``show-C-N-P.html`` or ``/html/YYYY/{catdir}_MMDD/N.html``; lists ``{catdir}/{page}.html``.
Both page with a 下一页 link, which pagination.py follows.
"""

from __future__ import annotations

from crawler.portals.family import Family, patterns

DEDECMS = Family(
    name="dedecms",
    article_urls=patterns(
        r"/a/[\w/]+?/(?P<y>\d{4})/(?P<m>\d{2})(?P<d>\d{2})/\d+\.html$",
        r"/a/[\w/]+/\d{4}/\d+\.html$",
        r"/plus/view\.php\?aid=\d+",
    ),
    list_urls=patterns(r"/list_\d+_\d+\.html$", r"/plus/list\.php\?tid=\d+"),
    markers=patterns(r"DedeCMS", r"/plus/(?:count|search|list)\.php", r"list_\d+_\d+\.html"),
)

PHPCMS = Family(
    name="phpcms",
    article_urls=patterns(
        r"index\.php\?m=content&c=index&a=show&catid=\d+&id=\d+",
        r"/show-\d+-\d+-\d+\.html$",
        r"/html/(?P<y>\d{4})/\w+?_(?P<m>\d{2})(?P<d>\d{2})/\d+\.html$",
    ),
    list_urls=patterns(r"index\.php\?m=content&c=index&a=lists&catid=\d+", r"/html/[a-z]\w*/(?:index|\d+)\.html$"),
    markers=patterns(r"phpcms", r"m=content&(?:amp;)?c=index", r"statics/js"),
)
