"""Replayable test portals written at test time: TRS-shaped list pages (with dates) and article pages.

Bodies are built from templated sentences with a seeded RNG, so unrelated articles read like gov news
but share few character shingles, and a repost can be made by re-wrapping another article's body.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from crawler.portals.registry import write_portal
from crawler.replay_index import save_response

ZONES = ("天门经济开发区", "鄂州葛店经开区", "黄石高新区", "孝感临空经济区", "荆州开发区", "宜昌高新区", "襄阳综保区")
ACTORS = ("市委书记", "市长", "管委会主任", "区委副书记", "副市长", "招商局局长")
NAMES = ("王建国", "李明华", "张卫东", "刘志强", "陈晓峰", "杨光辉", "赵德胜", "周海涛")
PROJECTS = ("新能源电池", "生物医药产业园", "智能装备制造", "半导体封装测试", "冷链物流中心", "新材料研发基地")
ACTIONS = ("调研", "签约", "开工", "竣工投产", "集中观摩", "现场办公")
PHRASES = (
    "要坚持项目为王，全力以赴抓招商、上项目、优服务",
    "各部门要强化要素保障，确保项目早落地、早见效",
    "要牢固树立抓经济就是抓发展的理念，推动园区高质量发展",
    "将进一步优化营商环境，为企业提供全生命周期服务",
    "要把安全生产放在首位，压实各方责任",
    "力争年内实现规上工业产值突破新台阶",
)


def _word(rng: random.Random, length: int) -> str:
    """A made-up proper name: what makes one story's shingles differ from another's."""
    return "".join(chr(rng.randint(0x4E00, 0x7FFF)) for _ in range(length))


def sentence(rng: random.Random) -> str:
    """Mostly made-up names and figures: real stories share little beyond officialese."""
    return (
        f"{rng.choice(ZONES)}{_word(rng, 4)}公司{rng.choice(PROJECTS)}项目{rng.choice(ACTIONS)}，"
        f"{rng.choice(ACTORS)}{rng.choice(NAMES)}{_word(rng, 6)}，总投资{rng.randint(2, 900)}亿元，{_word(rng, 8)}。"
    )


def story(seed: int, sentences: int = 9) -> list[str]:
    rng = random.Random(seed)
    return [sentence(rng) + sentence(rng) + rng.choice(PHRASES) + "。" for _ in range(sentences)]


def article_html(
    title: str,
    paragraphs: list[str],
    date: str = "2024-06-01",
    source: str = "本网",
    *,
    meta: str = '<meta charset="utf-8">',
    before: str = "",
    after: str = "",
    attributes: str = "",
) -> str:
    """An article page: title, a date-and-source line, paragraphs; ``before``/``after`` the article block
    and ``attributes`` on it let a test add the shape it is about (a sprite, a tag soup …)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>{before}"
        f'<div class="article" {attributes}><h1>{title}</h1><div class="info">发布时间：{date} 09:30 来源：{source}'
        f'</div><div class="content">{body}</div></div>{after}</body></html>'
    )


@dataclass
class Entry:
    url: str
    title: str
    date: str


@dataclass
class Site:
    """One portal under ``replay_dir/<name>``, with a registry entry in ``registry_dir``."""

    replay_dir: Path
    name: str
    host: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def start_url(self) -> str:
        return f"https://{self.host}/xwzx/"

    def _save(self, case: str, url: str, html: str, status: int = 200) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        save_response(self.replay_dir / self.name / case, url, html.encode("utf-8"), status, headers)

    def _url(self, number: int, date: str) -> str:
        known = [e.url for e in self.entries if e.url.endswith(f"_{number}.html")]
        return (
            known[0]
            if known
            else f"https://{self.host}/xwzx/{date[:4]}{date[5:7]}/t{date.replace('-', '')}_{number}.html"
        )

    def article(self, number: int, title: str, paragraphs: list[str], date: str, source: str = "本网") -> Entry:
        """Write an article page whose list entry shows ``date``; rewriting one keeps its URL (an update)."""
        return self.page(number, article_html(title, paragraphs, date, source), date, title)

    def page(
        self,
        number: int,
        body: str | bytes,
        date: str = "2024-06-01",
        title: str = "",
        headers: dict[str, str] | None = None,
    ) -> Entry:
        """Write any page as article ``number`` (a str is served as UTF-8); call ``lists()`` afterwards."""
        url = self._url(number, date)
        if isinstance(body, str):
            body, headers = body.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}
        save_response(self.replay_dir / self.name / f"article_{number}", url, body, 200, headers or {})
        entry = Entry(url, title or f"新闻{number}", date)
        self.entries = [e for e in self.entries if e.url != url] + [entry]
        return entry

    def lists(self, per_page: int = 20) -> None:
        """List pages newest first, linked by "next" links; the page numbers follow TRS (index_1.html …)."""
        entries = sorted(self.entries, key=lambda e: e.date, reverse=True)
        pages = [entries[i : i + per_page] for i in range(0, len(entries), per_page)] or [[]]
        for n, chunk in enumerate(pages):
            url = self.start_url if n == 0 else f"{self.start_url}index_{n}.html"
            items = "".join(f'<li><a href="{e.url}">{e.title}</a><span>{e.date}</span></li>' for e in chunk)
            nxt = f'<a class="next" href="{self.start_url}index_{n + 1}.html">下一页</a>' if n + 1 < len(pages) else ""
            html = (
                f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻中心</title></head><body>'
                f'<ul class="list">{items}</ul>{nxt}</body></html>'
            )
            self._save(f"list_{n}", url, html)

    def register(self, registry_dir: Path, **politeness: float) -> None:
        entry = {
            "name": self.name,
            "site_name": f"{self.name}门户",
            "allowed_domains": [self.host],
            "start_urls": [self.start_url],
            "cms": "trs",
            "region": {"province": "湖北省", "city": None, "county": None},
            "max_list_pages": 50,
        }
        if politeness:
            entry["politeness"] = politeness
        write_portal(registry_dir, entry)


def make_site(
    replay_dir: Path,
    name: str,
    host: str,
    count: int,
    seed: int,
    *,
    date: str = "2024-06-01",
    per_page: int = 20,
    registry: Path | None = None,
    **politeness: float,
) -> Site:
    """A portal with ``count`` unrelated articles ``新闻<n>`` (story ``seed + n``), listed and, if a
    registry is given, registered so the generic portal spider crawls it."""
    site = Site(replay_dir, name, host)
    for n in range(count):
        site.article(n, f"新闻{n}", story(seed + n), date)
    site.lists(per_page=per_page)
    if registry is not None:
        site.register(registry, **politeness)
    return site
