"""Generate a replay site for the crawl-scale benchmark: N article pages of dev-zone news behind list pages.

    python -m bench.sitegen --articles 10000 --out /tmp/site     (writes /tmp/site/replay and /tmp/site/seeds)

The output is what a real crawl reads: ``replay/`` in the fixtures layout (one folder per response with
``info.json`` and the body bytes as served) and ``seeds/`` with one registry YAML per portal, so
``scrapy crawl`` runs against it with ``REPLAY_DIR`` and ``PORTAL_REGISTRY_DIR`` pointed there.
Two portals of different shapes share the articles: a TRS portal in UTF-8 and a Hanweb portal served
in GBK, each page dressed in the chrome gov portals carry (nav, breadcrumbs, meta line, share bar,
related links, footer with ICP number and QR code, scripts). Article text is 800-1,800 characters of
simplified Chinese (2-5 KB as UTF-8) assembled from sentence templates, so the per-page cost is honest.
Generated at bench time into a temp dir and never committed; the same seed gives the same site.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from crawler.portals.registry import write_portal
from crawler.replay_index import save_response

ARTICLES_PER_LIST_PAGE = 20
PAGINATION_WINDOW = 5  # a list page's pager: 首页, 上一页, this many pages either side, 下一页, 尾页

# Development zones (names are facts, from the national list) with the city that hosts each.
ZONES: tuple[tuple[str, str, str], ...] = (
    ("天门经济开发区", "湖北省", "天门市"),
    ("武汉东湖新技术开发区", "湖北省", "武汉市"),
    ("襄阳高新技术产业开发区", "湖北省", "襄阳市"),
    ("长沙经济技术开发区", "湖南省", "长沙市"),
    ("冷水江经济开发区", "湖南省", "冷水江市"),
    ("镇江经济技术开发区", "江苏省", "镇江市"),
    ("盐城经济技术开发区", "江苏省", "盐城市"),
    ("苏州工业园区", "江苏省", "苏州市"),
    ("合肥高新技术产业开发区", "安徽省", "合肥市"),
    ("成都经济技术开发区", "四川省", "成都市"),
    ("郑州航空港经济综合实验区", "河南省", "郑州市"),
    ("平凉工业园区", "甘肃省", "平凉市"),
    ("南昌小蓝经济技术开发区", "江西省", "南昌市"),
    ("宁波保税区", "浙江省", "宁波市"),
    ("西安高新技术产业开发区", "陕西省", "西安市"),
    ("青岛西海岸新区", "山东省", "青岛市"),
)
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红文斌宇浩凯鹏辉玲晨晓东海波新春"
POSTS = ("市委书记", "市长", "副市长", "管委会主任", "党工委书记", "管委会副主任", "区长", "常务副区长", "局长")
INDUSTRIES = (
    "新能源汽车",
    "生物医药",
    "集成电路",
    "高端装备制造",
    "新材料",
    "电子信息",
    "绿色化工",
    "纺织服装",
    "食品加工",
    "现代物流",
    "智能制造",
    "数字经济",
)
# Site chrome: nav menu with sub-columns and the footer's links to other government sites.
NAV = {
    "新闻中心": ("园区动态", "图片新闻", "媒体聚焦", "通知公告", "视频新闻", "专题专栏"),
    "政务公开": ("机构职能", "政策文件", "政策解读", "规划计划", "财政预决算", "人事信息", "建议提案办理"),
    "投资促进": ("投资环境", "招商政策", "招商项目", "产业载体", "投资指南"),
    "企业服务": ("惠企政策", "办事指南", "融资服务", "人才服务", "企业风采"),
    "产业发展": ("主导产业", "重点企业", "科技创新", "产业平台"),
    "政民互动": ("主任信箱", "在线访谈", "意见征集", "常见问题"),
    "园区概况": ("园区简介", "区位交通", "领导信息", "园区规划"),
}
FRIEND_SITES = (
    "中国政府网",
    "国家发展和改革委员会",
    "商务部",
    "工业和信息化部",
    "科学技术部",
    "湖北省人民政府",
    "湖南省人民政府",
    "江苏省人民政府",
    "浙江省人民政府",
    "四川省人民政府",
    "湖北省商务厅",
    "湖北省发展和改革委员会",
    "湖北省科学技术厅",
    "湖北省经济和信息化厅",
    "天门市人民政府",
    "武汉市人民政府",
    "襄阳市人民政府",
    "宜昌市人民政府",
    "荆州市人民政府",
    "孝感市人民政府",
    "黄冈市人民政府",
    "咸宁市人民政府",
    "随州市人民政府",
    "仙桃市人民政府",
    "潜江市人民政府",
    "中国开发区网",
    "中国高新区网",
    "湖北日报网",
    "长江云",
    "荆楚网",
)
FIRM_PREFIX = ("华", "恒", "中", "鑫", "瑞", "博", "宏", "盛", "天", "东", "金", "汇")
FIRM_MIDDLE = ("信", "创", "达", "科", "邦", "源", "泰", "新", "远", "锐", "隆", "丰")
FIRM_KIND = ("科技有限公司", "股份有限公司", "实业有限公司", "新材料有限公司", "智能装备有限公司", "生物科技有限公司")

TITLES = (
    "{zone}{n}个重点项目集中签约 总投资{money}亿元",
    "{official}赴{zone}调研{industry}产业发展",
    "{zone}前三季度规上工业增加值同比增长{pct}%",
    "{zone}召开优化营商环境推进会",
    "{firm}{industry}项目在{zone}开工建设",
    "{zone}获评省级{industry}特色产业园区",
    "{city}召开开发区高质量发展大会 {official}出席并讲话",
    "{zone}“{industry}”产业链招商推介会成功举办",
)
SENTENCES = (
    "{date}，{official}率队赴{zone}调研{industry}产业发展情况，实地察看了{firm}生产车间和在建项目。",
    "{official}强调，要坚持项目为王，聚焦{industry}主导产业，强化要素保障，推动项目早开工、早投产、早见效。",
    "据介绍，本次集中签约项目{n}个，总投资{money}亿元，涵盖{industry}、{industry2}等领域。",
    "今年以来，{zone}规模以上工业增加值同比增长{pct}%，固定资产投资同比增长{pct2}%，主要经济指标保持稳中有进。",
    "{firm}负责人表示，将以此次签约为契机，加快项目建设进度，力争年内实现设备安装调试。",
    "会议指出，开发区是全市经济发展的主阵地、主战场，要在招商引资、科技创新、改革攻坚上走在前列。",
    "{zone}持续深化“放管服”改革，推行“拿地即开工”审批模式，企业开办时间压缩至{n}个工作日以内。",
    "截至目前，{zone}已集聚{industry}企业{count}家，其中高新技术企业{n}家，产业集群效应日益凸显。",
    "项目达产后，预计可实现年产值{money}亿元，新增税收{money2}亿元，带动就业{count}人。",
    "{official}要求，各部门要强化服务意识，建立领导干部包联重点企业制度，及时协调解决企业生产经营中的困难和问题。",
    "近年来，{city}坚持把开发区作为推动高质量发展的重要引擎，不断完善基础设施配套，园区承载能力明显提升。",
    "{zone}将围绕{industry}产业链上下游开展精准招商，着力引进一批投资规模大、科技含量高、带动能力强的龙头项目。",
    "会上，{firm}等{n}家企业代表作了交流发言，分享了在技术改造、市场开拓和人才引进方面的经验做法。",
    "下一步，{zone}将以“五好”园区创建为抓手，加快推进标准厂房、污水处理厂等配套设施建设，全力打造一流营商环境。",
    "{date}，{zone}党工委召开专题会议，研究部署安全生产和环境保护工作，{official}主持会议并讲话。",
    "据统计，{zone}全年完成外贸进出口总额{money}亿元，同比增长{pct}%，占全市比重达{pct2}%。",
)


@dataclass(frozen=True)
class PortalShape:
    """One generated portal: its host, CMS URL shapes and the charset its pages are served in."""

    name: str
    site_name: str
    host: str
    cms: str
    charset: str
    start_path: str
    list_url: Callable[[int], str]  # list page number (0 = first) -> path
    article_url: Callable[[date, int], str]  # publication date, article number -> path


PORTALS: tuple[PortalShape, ...] = (
    PortalShape(
        name="bench_trs",
        site_name="示范经济技术开发区管理委员会",
        host="www.kfq-bench.test",
        cms="trs",
        charset="utf-8",
        start_path="/xwzx/yqdt/",
        list_url=lambda k: "/xwzx/yqdt/" if k == 0 else f"/xwzx/yqdt/index_{k}.html",
        article_url=lambda d, i: f"/xwzx/yqdt/{d:%Y%m}/t{d:%Y%m%d}_{1000000 + i}.html",
    ),
    PortalShape(
        name="bench_hanweb",
        site_name="示范高新技术产业开发区",
        host="www.gxq-bench.test",
        cms="hanweb",
        charset="gbk",
        start_path="/col/col1528/index.html",
        list_url=lambda k: "/col/col1528/index.html" + ("" if k == 0 else f"?uid=4972&pageNum={k + 1}"),
        article_url=lambda d, i: f"/art/{d.year}/{d.month}/{d.day}/art_1528_{2000000 + i}.html",
    ),
)


@dataclass(frozen=True)
class Site:
    """Where a generated site lives and what it holds."""

    replay_dir: Path
    registry_dir: Path
    spiders: tuple[str, ...]
    articles: int
    list_pages: int
    body_bytes: int


class Writer:
    """Draws the random parts of articles from one seeded generator (same seed, same site)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def person(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))
        return self.rng.choice(SURNAMES) + given

    def firm(self, city: str) -> str:
        r = self.rng
        return city.rstrip("市") + r.choice(FIRM_PREFIX) + r.choice(FIRM_MIDDLE) + r.choice(FIRM_KIND)

    def slots(self, zone: tuple[str, str, str], day: date) -> dict[str, str]:
        r = self.rng
        return {
            "zone": zone[0],
            "city": zone[2],
            "official": f"{zone[2]}{r.choice(POSTS)}{self.person()}",
            "firm": self.firm(zone[2]),
            "industry": r.choice(INDUSTRIES),
            "industry2": r.choice(INDUSTRIES),
            "n": str(r.randint(3, 36)),
            "count": str(r.randint(40, 2600)),
            "money": f"{r.uniform(1.5, 260):.1f}",
            "money2": f"{r.uniform(0.1, 9):.2f}",
            "pct": f"{r.uniform(1, 35):.1f}",
            "pct2": f"{r.uniform(1, 60):.1f}",
            "date": f"{day.month}月{day.day}日",
        }

    def title(self, day: date) -> str:
        return self.rng.choice(TITLES).format(**self.slots(self.rng.choice(ZONES), day))

    def article(self, day: date) -> tuple[str, list[str]]:
        """(title, paragraphs) with 800-1,800 characters of body text about one zone."""
        r = self.rng
        zone = r.choice(ZONES)
        title = r.choice(TITLES).format(**self.slots(zone, day))
        target = r.randint(800, 1800)
        paragraphs: list[str] = []
        while sum(map(len, paragraphs)) < target:
            slots = self.slots(zone, day)
            paragraphs.append("".join(s.format(**slots) for s in r.sample(SENTENCES, r.randint(2, 5))))
        return title, paragraphs


def _chrome_head(title: str, site_name: str, charset: str) -> str:
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_{site_name}</title>
<meta name="SiteName" content="{site_name}"><meta name="ColumnName" content="园区动态">
<link rel="stylesheet" href="/images/common.css"><link rel="stylesheet" href="/images/article.css">
<script src="/js/jquery-1.12.4.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script");
hm.src = "https://hm.example.test/hm.js?0f3c2a"; var s = document.getElementsByTagName("script")[0];
s.parentNode.insertBefore(hm, s); }})();</script>
<style>.bt{{font-size:22px;text-align:center}}.xxgk td{{padding:4px}}.fxd{{float:right}}</style>
</head><body>
<div class="top"><div class="w1200"><span>欢迎访问{site_name}门户网站</span>
<a href="/wza/">无障碍</a> | <a href="javascript:void(0)">繁体版</a> | <a href="/rss/">RSS订阅</a></div></div>
<div class="header"><img src="/images/logo.png" alt="{site_name}"><form action="/search/"><input name="q"></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li>{_nav_menu()}</ul></div>
"""


def _nav_menu() -> str:
    return "\n".join(
        f'<li class="menu"><a href="/c{i}/">{name}</a><div class="sub"><ul>'
        + "".join(f'<li><a href="/c{i}/s{j}/" target="_blank">{sub}</a></li>' for j, sub in enumerate(subs))
        + "</ul></div></li>"
        for i, (name, subs) in enumerate(NAV.items())
    )


def _chrome_footer(site_name: str) -> str:
    friends = "".join(
        f'<option value="https://site{i}.gov.example.test/">{name}</option>' for i, name in enumerate(FRIEND_SITES)
    )
    return f"""<div class="links"><span>友情链接：</span><select onchange="window.open(this.value)">
<option>---政府网站---</option>{friends}</select></div>
<div class="footer"><div class="w1200">
<p>主办单位：{site_name} 承办单位：{site_name}党政办公室</p>
<p>地址：示范大道88号 邮编：431700 联系电话：0728-5201234</p>
<p><a href="https://beian.miit.gov.cn/">鄂ICP备05012345号-1</a> 鄂公网安备 42900602000123号 网站标识码：4290000012</p>
<div class="ewm"><img src="/images/ewm_wx.png" alt="微信公众号"><p>扫一扫在手机打开当前页</p></div>
<div class="jiucuo"><script id="_jiucuo_" sitecode="4290000012" src="/js/jiucuo.js"></script></div>
</div></div>
<script src="/js/share.js"></script><script>$(function(){{ $(".fxd a").on("click", share); }});</script>
</body></html>
"""


def article_html(shape: PortalShape, title: str, paragraphs: list[str], day: date, writer: Writer) -> str:
    r = writer.rng
    body = "\n".join(f'<p style="text-indent:2em;">{p}</p>' for p in paragraphs)
    image = ""
    if r.random() < 0.4:
        image = (
            f'<p style="text-align:center"><img src="./W0{day:%Y%m%d}{r.randint(100, 999)}.jpg" border="0"></p>'
            f'<p style="text-align:center">图为{title[:12]}现场</p>'
        )
    related = "\n".join(
        f'<li><a href="{shape.article_url(day - timedelta(days=k), r.randint(1, 99999))}">{writer.title(day)}</a></li>'
        for k in range(1, 17)
    )
    return (
        _chrome_head(title, shape.site_name, shape.charset)
        + f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt;
<a href="{shape.start_path}">园区动态</a></div>
<div class="main w1200"><div class="article">
<h1 class="bt">{title}</h1>
<div class="info">发布时间：{day:%Y-%m-%d} {r.randint(8, 18):02d}:{r.randint(0, 59):02d} 来源：{shape.site_name}
 作者：{writer.person()} 浏览次数：<span id="clicks">{r.randint(20, 4000)}</span>
 <span class="fxd">【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a>
 <a href="javascript:doZoom(14)">小</a>】【<a href="javascript:window.print()">打印</a>】</span></div>
<div class="TRS_Editor" id="zoom">
{body}
{image}
</div>
<div class="editor">（责任编辑：{writer.person()}）</div>
<div class="share">分享到：<a class="wx" href="javascript:void(0)">微信</a>
<a class="wb" href="javascript:void(0)">微博</a></div>
</div>
<div class="side"><h3>相关新闻</h3><ul>
{related}
</ul></div></div>
"""
        + _chrome_footer(shape.site_name)
    )


def list_html(shape: PortalShape, page: int, pages: int, entries: list[tuple[str, str, date]]) -> str:
    items = "\n".join(
        f'<li><a href="{url}" target="_blank" title="{title}">{title}</a><span>{day:%Y-%m-%d}</span></li>'
        for url, title, day in entries
    )
    around = range(max(0, page - PAGINATION_WINDOW), min(pages, page + PAGINATION_WINDOW + 1))
    numbers = " ".join(f'<a href="{shape.list_url(k)}">{k + 1}</a>' for k in around)
    previous = f'<a href="{shape.list_url(page - 1)}">上一页</a>' if page > 0 else "上一页"
    following = f'<a href="{shape.list_url(page + 1)}">下一页</a>' if page + 1 < pages else "下一页"
    bar = (
        f'<a href="{shape.list_url(0)}">首页</a> {previous} {numbers} {following} '
        f'<a href="{shape.list_url(pages - 1)}">尾页</a>'
    )
    return (
        _chrome_head("园区动态", shape.site_name, shape.charset)
        + f"""<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; 园区动态</div>
<div class="main w1200"><div class="list"><ul class="news_list">
{items}
</ul>
<div class="page">共{pages}页 {bar}</div></div></div>
"""
        + _chrome_footer(shape.site_name)
    )


def _save(root: Path, case: str, url: str, html: str, charset: str) -> int:
    body = html.encode(charset, errors="xmlcharrefreplace")
    save_response(root / case, url, body, headers={"Content-Type": f"text/html; charset={charset}"})
    return len(body)


def _register(registry: Path, shape: PortalShape, list_pages: int) -> None:
    write_portal(
        registry,
        {
            "name": shape.name,
            "site_name": shape.site_name,
            "region": {"province": "湖北省", "city": "天门市", "county": None},
            "cms": shape.cms,
            "allowed_domains": [shape.host],
            "start_urls": [f"https://{shape.host}{shape.start_path}"],
            "max_list_pages": list_pages + 1,
        },
    )


def generate_site(out: Path, articles: int, seed: int = 7) -> Site:
    """Write ``out/replay`` and ``out/seeds``; articles are split evenly over the portals, newest first."""
    replay, registry = out / "replay", out / "seeds"
    registry.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    total_bytes = total_lists = 0
    for p, shape in enumerate(PORTALS):
        count = articles // len(PORTALS) + (1 if p < articles % len(PORTALS) else 0)
        pages = max(1, -(-count // ARTICLES_PER_LIST_PAGE))
        entries: list[tuple[str, str, date]] = []
        for i in range(count):
            day = date(2024, 12, 31) - timedelta(days=i // 6)
            title, paragraphs = writer.article(day)
            path = shape.article_url(day, i)
            html = article_html(shape, title, paragraphs, day, writer)
            total_bytes += _save(replay / shape.name, f"a{i:06d}", f"https://{shape.host}{path}", html, shape.charset)
            entries.append((path, title, day))
        for k in range(pages):
            chunk = entries[k * ARTICLES_PER_LIST_PAGE : (k + 1) * ARTICLES_PER_LIST_PAGE]
            url = f"https://{shape.host}{shape.list_url(k)}"
            _save(replay / shape.name, f"list{k:05d}", url, list_html(shape, k, pages, chunk), shape.charset)
        total_lists += pages
        _register(registry, shape, pages)
    return Site(replay, registry, tuple(s.name for s in PORTALS), articles, total_lists, total_bytes)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    site = generate_site(a.out, a.articles, a.seed)
    size = site.body_bytes / max(1, site.articles) / 1024
    print(f"{site.articles} articles, {site.list_pages} list pages, {size:.1f} KB per article page")


if __name__ == "__main__":
    main()
