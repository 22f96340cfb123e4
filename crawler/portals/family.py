"""What a CMS family looks like from outside: its URL shapes and page markers, as data.

One module per family (trs.py, hanweb.py, founder.py, dedecms.py, dateid.py) defines a ``Family``;
links.py classifies URLs and detects the family of a page from all of them. Article patterns that
carry the publication date name its parts ``y``, ``m``, ``d`` so list entries get a date from the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler import rx


def patterns(*regexes: str) -> tuple[re.Pattern[str], ...]:
    return tuple(rx.compile(expression) for expression in regexes)


@dataclass(frozen=True)
class Family:
    name: str
    article_urls: tuple[re.Pattern[str], ...]
    list_urls: tuple[re.Pattern[str], ...] = ()
    # Regexes over the raw page markup that betray the platform (generator comments, JS, ids).
    markers: tuple[re.Pattern[str], ...] = ()
