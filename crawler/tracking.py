"""Tracking parameters in URLs: the query parameters that say how a reader arrived, never which page.

A link shared from WeChat, a list page's "from=timeline" or an analytics tag gives one article many URLs.
Canonical URLs (and so article ids) and the incremental state's URL keys leave these parameters out, so
every variant resolves to the one article. The names are data: campaign tags, click ids and the share
parameters of the platforms Chinese portals are shared through. No Scrapy imports.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters starting with one of these (case-insensitive): Google Analytics campaigns, Baidu Tongji.
TRACKING_PREFIXES = ("utm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")
TRACKING_NAMES = frozenset(
    {
        # ad click ids and mail campaigns
        "gclid", "dclid", "gbraid", "wbraid", "fbclid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
        # Alibaba / Taobao position tags
        "spm", "scm",
        # how the link was shared: WeChat, Weibo, Toutiao, news apps
        "from", "isappinstalled", "scene", "clicktime", "enterid", "sharer_sharetime", "sharer_shareid",
        "share", "share_from", "share_source", "sharesource", "share_token", "share_medium", "tt_from",
        "wxfrom", "vd_source",
    }
)  # fmt: skip


def is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_NAMES or lowered.startswith(TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """``url`` without tracking parameters (other parameters keep their order and spelling)."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not is_tracking(name)]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query=urlencode(kept)))
