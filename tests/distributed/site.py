"""A generated TRS-style portal for fleet tests: list pages that overlap, and hundreds of articles.

Each list page links to its own articles, to the previous page's articles (so two workers discover the
same article and the shared dupefilter must drop one), and to the next three list pages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from crawler.portals.registry import write_portal
from crawler.replay_index import save_response

HOST = "www.fleet.example.gov.cn"
PORTAL = "fleet"
SECTION = f"https://{HOST}/xwzx/"

ZONES = ("天门经济开发区", "仙桃高新技术产业开发区", "潜江经济开发区", "孝感临空经济区", "荆门高新区", "随州经开区")
SENTENCES = (
    "{zone}召开重点项目建设推进会，会议通报了第{n}批项目的签约和开工情况。",
    "今年以来，{zone}新引进亿元以上项目{n}个，协议投资额同比增长{m}%。",
    "管委会负责人表示，要围绕主导产业延链补链，持续优化营商环境。",
    "园区内{m}家规模以上工业企业实现产值稳步增长，用工需求保持旺盛。",
    "{zone}组织企业参加线上招聘会，提供就业岗位{n}个，吸引高校毕业生踊跃报名。",
    "新建的标准化厂房已完成主体工程，预计第{m}季度交付使用。",
    "工作人员深入企业开展“一对一”服务，帮助解决融资、用地和审批难题{n}项。",
    "该区生物医药产业园二期工程正在加紧施工，建成后可容纳企业{m}家。",
    "与会代表围绕科技创新、人才引进和绿色低碳发展展开交流讨论。",
    "据统计，前{m}个月全区完成固定资产投资{n}亿元，增速位居全市前列。",
    "{zone}推行“拿地即开工”审批模式，项目从签约到开工平均用时缩短至{m}天。",
    "综合保税区跨境电商业务快速发展，进出口额达到{n}亿元。",
    "园区污水处理厂提标改造工程顺利通过验收，日处理能力提升到{n}吨。",
    "企业负责人说，开发区的服务让他们对扩大投资更有信心。",
    "下一步，{zone}将继续加大招商引资力度，推动更多项目早落地、早投产、早见效。",
    "智能制造产业园引进的{m}条自动化生产线已全面投产。",
)


@dataclass(frozen=True)
class Site:
    replay_dir: Path
    registry_dir: Path
    article_urls: frozenset[str]
    list_urls: frozenset[str]


def _save(root: Path, url: str, html: str) -> None:
    case = root / url.split("://", 1)[1].strip("/").replace("/", "_")
    save_response(case, url, html.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"})


def _list_url(page: int) -> str:
    return SECTION if page == 0 else f"{SECTION}index_{page}.shtml"


def _article_url(page: int, i: int) -> str:
    day = 1 + page % 28
    return f"{SECTION}202503/t202503{day:02d}_{page * 1000 + i + 1}.shtml"


def _article_html(rng: random.Random, number: int, date: str) -> tuple[str, str]:
    zone = rng.choice(ZONES)
    title = f"{zone}第{number}期工作简报：{rng.choice(('项目建设', '招商引资', '企业服务', '产业发展'))}提速"
    picked = rng.sample(SENTENCES, 7)
    paragraphs = "".join(
        f"<p>{s.format(zone=zone, n=rng.randint(3, 900) + number, m=rng.randint(2, 60))}</p>" for s in picked
    )
    return title, (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_测试门户</title></head><body>'
        '<div class="nav"><a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a></div>'
        f'<div class="article"><h1>{title}</h1>'
        f'<div class="info">发布时间：{date} 来源：{zone}管委会</div>'
        f'<div class="TRS_Editor">{paragraphs}</div></div>'
        '<div class="footer">主办单位：测试门户网站 版权所有</div></body></html>'
    )


def build_site(root: Path, lists: int = 24, per_list: int = 12, seed: int = 8) -> Site:
    """``lists`` list pages with ``per_list`` articles each, saved for replay; plus the registry entry."""
    rng = random.Random(seed)
    replay, registry = root / "replay", root / "registry"
    write_portal(
        registry,
        {
            "name": PORTAL,
            "site_name": "测试门户",
            "region": {"province": "湖北省", "city": None, "county": None},
            "allowed_domains": [HOST],
            "start_urls": [SECTION],
            "cms": "trs",
            "max_list_pages": lists + 1,
        },
    )
    articles: list[str] = []
    for page in range(lists):
        own = [_article_url(page, i) for i in range(per_list)]
        earlier = [_article_url(page - 1, i) for i in range(per_list // 2)] if page else []
        following = [_list_url(p) for p in range(page + 1, min(page + 4, lists))]
        links = "".join(f'<li><a href="{u}">新闻</a></li>' for u in own + earlier)
        links += "".join(f'<a href="{u}">下一页</a>' for u in following)
        _save(replay, _list_url(page), f'<html><head><meta charset="utf-8"></head><body><ul>{links}</ul></body></html>')
        for i, url in enumerate(own):
            date = f"2025-03-{1 + page % 28:02d}"
            _save(replay, url, _article_html(rng, page * 1000 + i + 1, date)[1])
        articles += own
    return Site(replay, registry, frozenset(articles), frozenset(_list_url(p) for p in range(lists)))
