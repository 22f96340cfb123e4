"""Date-id news URLs of local news portals: ``/YYYY/MMDD/ID.shtml`` (金山网), ``/YYYY-MM/DD/content_ID.htm``
(Xinhua style), ``/news/<col>/YYYYMM/ID.html`` (新湖南). No platform markers: recognised by article URLs alone.
"""

from __future__ import annotations

from crawler.portals.family import Family, patterns

FAMILY = Family(
    name="dateid",
    article_urls=patterns(
        r"/(?P<y>20\d{2})/(?P<m>\d{2})(?P<d>\d{2})/\d+\.s?html$",
        r"/(?P<y>\d{4})-(?P<m>\d{2})/(?P<d>\d{2})/content_\d+\.s?html?$",
        r"/(?:news|xw|content)/[\w/]*?\d{6,8}/\d+\.s?html?$",
    ),
    # Their lists have no shape of their own (``/news/zjxw/index_2.shtml``): paged by 下一页 links.
)
