"""The 政务公开 metadata table of government information pages: 索引号, 主题分类, 发文机关/发布机构, 成文日期,
发文字号, 发布日期, 有效性 -> the item's ``gov`` object. The table is found as the smallest block holding at least
three of these labels; its fields are read label by label (a label and its value may sit in separate cells),
and the block is kept out of the body. Field labels are data (``FIELDS``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from crawler import rx
from crawler.content import dates
from crawler.content.datetext import first_date
from crawler.content.render import drop_tree, squash

# field -> its labels as pages print them (spaces between the characters are allowed).
FIELDS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "信息索引号", "索取号"),
    "topic": ("主题分类", "信息分类", "分类"),
    "issuer": ("发文机关", "发布机构", "发文单位", "发布单位", "制发机关", "发文机构", "成文机关"),
    "written_date": ("成文日期", "印发日期", "发文日期", "成文时间"),
    "doc_no": ("发文字号", "文号", "文件编号", "发文号"),
    "published_date": ("发布日期", "公开日期", "发布时间"),
    "validity": ("有效性", "时效性", "效力状态", "是否有效"),
}
# Labels that belong to such a table but are not kept (they still count as evidence and end a value).
OTHER_LABELS = (
    "标题",
    "名称",
    "文件名称",
    "组配分类",
    "体裁分类",
    "服务对象分类",
    "主题词",
    "公开方式",
    "公开范围",
    "公开时限",
)
DATE_FIELDS = ("written_date", "published_date")
MIN_FIELDS = 3  # distinct labels that make a block a 政务公开 table
CLUSTER_GAP = 300  # labels further apart than this (characters) belong to different blocks
MAX_VALUE = 120


def _spaced(label: str) -> str:
    return r"\s*".join(map(re.escape, label))


_LABEL_FIELD = {label: key for key, labels in FIELDS.items() for label in labels} | dict.fromkeys(OTHER_LABELS)
LABEL = rx.compile(
    r"(?<![\u4e00-\u9fff])("
    + "|".join(_spaced(lb) for lb in sorted(_LABEL_FIELD, key=len, reverse=True))
    + r")(?:\s*[:：]\s*|[ \t]*\n\s*)"  # a colon, or the label alone in its cell (a header cell: 索 引 号)
)


@dataclass
class GovTable:
    fields: dict[str, str] = field(default_factory=dict)
    elements: list[etree._Element] = field(default_factory=list)  # every copy (pages print a PC and a mobile one)


def field_of(label_text: str) -> str | None:
    return _LABEL_FIELD.get("".join(label_text.split()))


def label_clusters(page_text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of labels naming at least MIN_FIELDS distinct fields."""
    runs: list[list[re.Match[str]]] = [[]]
    seen: set[str] = set()
    for m in LABEL.finditer(page_text):
        label = "".join(m.group(1).split())
        if runs[-1] and (m.start() - runs[-1][-1].end() > CLUSTER_GAP or label in seen):
            runs.append([])  # far from the last label, or a label again: the next copy of the table
            seen = set()
        runs[-1].append(m)
        seen.add(label)
    out = []
    for run in runs:
        if len({"".join(x.group(1).split()) for x in run}) >= MIN_FIELDS:
            end = page_text.find("\n", run[-1].end() + 1)
            out.append((run[0].start(), end if end > 0 else len(page_text)))
    return out


def smallest_block(offsets: dict, start: int, end: int) -> tuple[etree._Element, int, int] | None:
    best = None
    for el, (s, e) in offsets.items():
        if s <= start and e >= end and (best is None or e - s < best[2] - best[1]):
            best = (el, s, e)
    return best


def read_fields(text: str) -> dict[str, str]:
    """label: value pairs in reading order; a value runs to the next label (values in their own cells too)."""
    out: dict[str, str] = {}
    found = list(LABEL.finditer(text))
    for i, m in enumerate(found):
        key = field_of(m.group(1))
        value_end = found[i + 1].start() if i + 1 < len(found) else len(text)
        value = squash(text[m.end() : value_end].replace("\n", " ")).strip()[:MAX_VALUE]
        if not key or not value or key in out:
            continue
        if key in DATE_FIELDS:
            stamp = first_date(value)
            if stamp is None:
                continue
            value = stamp.date_iso
        out[key] = value
    return out


def find_table(page_text: str, offsets: dict) -> GovTable:
    """The page's 政务公开 table: fields from its first copy, and the element of every copy."""
    table = GovTable()
    for span in label_clusters(page_text):
        block = smallest_block(offsets, *span)
        if block is None:
            continue
        el, s, e = block
        fields = read_fields(page_text[s:e])
        if len(fields) < 2:
            continue
        table.fields = table.fields or fields
        table.elements.append(el)
    return table


def keep_out_of_body(table: GovTable, nodes: list[etree._Element]) -> None:
    """Drop each copy of the table that sits inside the body container (never a container, nor one holding it)."""
    body = set(nodes)
    for el in table.elements:
        if set(el.iterancestors()) & body:
            drop_tree(el)


def date_candidates(table: GovTable) -> list[dates.Candidate]:
    out = []
    for key, kind in (("published_date", dates.PUBLISHED), ("written_date", dates.WRITTEN)):
        if key in table.fields and (stamp := first_date(table.fields[key])):
            out.append(dates.Candidate(dates.TABLE, kind, stamp))
    return out
