"""Data tables in the body (Word-exported 行政处罚信息公开表, 统计表, 备案信息): each row becomes one line of text,
its cells in order, instead of one line per cell. Only a table that looks like data is touched: at least three
rows, most of them with the same number (two or more) of short cells holding inline text. Layout tables (a
title row, a date row, cells holding paragraphs of text or other tables) are left as they are."""

from __future__ import annotations

from collections import Counter

from lxml import etree

from crawler.content.render import squash, tag_of, text_of
from crawler.content.words import words

# What a data cell may hold: inline markup and the paragraphs Word wraps every cell in.
CELL_MARKUP = words("p span font b strong i em u sup sub a br img")
MAX_CELL = 80  # characters; a longer cell is prose, and its table a layout
CELL_TAGS = ("td", "th")
MIN_ROWS = 3
DATA_SHARE = 0.75  # rows of the table that must be data rows of the common width


def cells_of(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if tag_of(c) in CELL_TAGS]


def is_data_row(row: etree._Element) -> bool:
    cells = cells_of(row)
    if len(cells) < 2:
        return False
    for cell in cells:
        if len(squash(text_of(cell)).strip()) > MAX_CELL:
            return False
        if any(tag_of(el) and tag_of(el) not in CELL_MARKUP for el in cell.iterdescendants()):
            return False
    return True


def is_data_table(table: etree._Element, rows: list[etree._Element]) -> bool:
    if len(rows) < MIN_ROWS:
        return False
    widths = Counter(len(cells_of(r)) for r in rows if is_data_row(r))
    if not widths:
        return False
    width, count = widths.most_common(1)[0]
    return width >= 2 and count >= DATA_SHARE * len(rows)


def rows_as_lines(nodes: list[etree._Element]) -> None:
    """Turn each data row of the body's data tables into one line: cells become inline, space-separated."""
    for node in nodes:
        for table in list(node.iter("table")):
            rows = [r for r in table.iter("tr") if next(r.iterancestors("table")) is table]
            if not is_data_table(table, rows):
                continue
            for row in rows:
                if is_data_row(row):
                    join_cells(row)


def join_cells(row: etree._Element) -> None:
    for cell in cells_of(row):
        for el in cell.iterdescendants("p", "br"):
            el.tag = "span"
            if el.getnext() is not None or (el.tail or "").strip():
                el.tail = " " + (el.tail or "")
        cell.tag = "span"
        cell.tail = " " + (cell.tail or "")
