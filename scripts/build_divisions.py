"""Build crawler/entities/data/divisions.tsv: China's administrative divisions (GB/T 2260 codes) in our format.

Facts come from the adcodes table shipped by the ``cpca`` package (install it in a throwaway venv, never as a
project dependency) and are rewritten here with our own columns: 6-digit code, level, full name, the names of
its province/city, and the short aliases people write (天门 for 天门市). A short alias that is also an
ordinary word (合作, 同心, 前进, 惠民 …) is dropped, judged by jieba's own word table, so 合作共建 never
becomes 合作市. Usage::

    /tmp/cpca-venv/bin/pip install cpca
    python scripts/build_divisions.py /tmp/cpca-venv/lib/python3.11/site-packages/cpca/resources/adcodes.csv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

from crawler.entities.lexicon import jieba_word_table  # noqa: E402

OUT = ROOT / "crawler" / "entities" / "data" / "divisions.tsv"

# Longest first: the suffix stripped to get the short alias.
SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
)
# Ethnic groups named inside autonomous divisions (恩施土家族苗族自治州 -> 恩施).
ETHNIC_GROUPS = [
    "土家",
    "苗",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "各",
]
ETHNIC = re.compile("(?:(?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)) + ")族)+$")
# Placeholder rows that are not places.
SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Direct-administered municipalities: their districts sit under a 市辖区 placeholder row.
MUNICIPALITIES = ("11", "12", "31", "50")
# jieba tags of ordinary words: a short alias with one of these and a frequency above the limit is dropped.
WORD_TAGS = frozenset(["v", "vn", "vd", "a", "ad", "an", "d", "s", "c", "p", "m", "q", "r", "t", "f", "b", "l", "i"])
WORD_FREQ_LIMIT = 100
# Tagged as nouns or names by jieba but far more often an ordinary word than a place.
NOUN_FREQ_LIMIT = 2000
NAME_FREQ_LIMIT = 5000
# Short aliases that still collide with everyday phrases (绿水青山, 新华社, 蓝天白云 …).
COLLISIONS = frozenset(
    [
        "白云",
        "新华",
        "温泉",
        "青山",
        "江南",
        "城中",
        "城东",
        "城西",
        "城南",
        "城北",
        "河东",
        "河西",
        "江北",
        "江东",
        "市中",
        "郊区",
        "矿区",
        "向阳",
        "胜利",
        "光明",
        "太平",
        "安定",
        "和顺",
        "富民",
        "兴业",
        "新兴",
        "新城",
        "新市",
        "合作",
        "同心",
        "前进",
        "惠民",
        "前郭",
        "东方",
        "海城",
        "红星",
        "长城",
        "友好",
        "团结",
        "解放",
        "建设",
        "文明",
        "和平",
        "永定",
        "开平",
        "南关",
        "北关",
        "中山",
        "龙华",
        "江城",
        "城区",
        "港口",
        "东区",
        "西区",
        "中原",
    ]
)


def short_name(name: str) -> str | None:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            if "自治" in suffix:
                stem = ETHNIC.sub("", stem)
            return stem if len(stem) >= 2 else None
    return None


def is_common_word(word: str, words: dict[str, tuple[int, str]]) -> bool:
    if word in COLLISIONS:
        return True
    freq, tag = words.get(word, (0, ""))
    if tag == "ns":
        return False
    if tag in WORD_TAGS:
        return freq > WORD_FREQ_LIMIT
    return freq > (NOUN_FREQ_LIMIT if tag == "n" else NAME_FREQ_LIMIT)


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def build(source: Path) -> list[list[str]]:
    with source.open(encoding="utf-8") as fh:
        names = {row["adcode"][:6]: row["name"] for row in csv.DictReader(fh)}
    words = jieba_word_table()
    rows = []
    for code in sorted(names):
        name = names[code]
        if name in SKIP:
            continue
        level = level_of(code)
        province = names.get(code[:2] + "0000", "")
        city = names.get(code[:4] + "00", "") if level == "county" else (name if level == "city" else "")
        if city in SKIP and code[:2] in MUNICIPALITIES:
            city = province
        elif city in SKIP:
            # 省直辖县级市 (天门, 仙桃 …) behave as cities of their own.
            city, level = name, "city"
        aliases = []
        s = short_name(name)
        if s and not is_common_word(s, words):
            aliases.append(s)
        rows.append([code, level, name, province, city if level != "province" else "", "|".join(aliases)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("adcodes_csv", type=Path, help="cpca's resources/adcodes.csv")
    args = parser.parse_args()
    rows = build(args.adcodes_csv)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# China's administrative divisions, GB/T 2260 codes (6 digits); generated by scripts/build_divisions.py\n"
        )
        fh.write("# Facts from the public GB/T 2260 code list as packaged by cpca 0.5.5 (MIT); columns are ours.\n")
        fh.write("# adcode\tlevel\tname\tprovince\tcity\taliases\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} divisions to {OUT}")


if __name__ == "__main__":
    main()
