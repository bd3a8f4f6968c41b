"""The printed ledger: the columns a leader reads, one A4 landscape page wide.

编号, 信访人, 问题, 承办单位, 包案领导, 责任人, 时限, 状态, 进展 (``PRINT_COLUMNS``), in 11-point
text that wraps within fixed widths, each row as tall as its longest cell; a title, a 制表 line
(who made it, the as-of date, how many cases), the header row repeated on every page and page
numbers in the footer. The full columns stay on 全部案件, for filtering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from xlsxwriter.worksheet import Worksheet

from ...campaign.deadlines import DeadlineStatus
from ...records.case import Case
from ...records.labels import STATUS_ZH
from ...rules.status import Overview
from .book import A4, Book, page_setup, put, put_row, writers
from .cells import Kind, cell, line_count, measure
from .columns import COLUMNS, PRINT_COLUMNS, PROGRESS
from .ledger import Ledger

TITLE_ROW, MADE_ROW, HEADER_ROW = 0, 1, 2  # 0-based
LINE_HEIGHT = 16  # points per line of 11-point Chinese text
MAX_LINES = 12
PADDING = 4  # points above and below the text
BY_KEY = {c.key: c for c in (*COLUMNS, PROGRESS)}


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class PrintRow:
    """A case's printed row, made once for 打印台账 and its unit's sheet: safe cells, height."""

    unit: str
    late: bool
    cells: list[tuple[Kind, Any]]
    height: int


@dataclass
class PrintWriter:
    ledger: Ledger
    view: Overview

    def prepare(
        self, cases: Sequence[Case], deadlines: Mapping[str, DeadlineStatus | None]
    ) -> list[PrintRow]:
        overdue = {c.id: c for c in self.view.overdue}
        statuses = {c.id: c for c in self.view.cases}
        rows = []
        for case in cases:
            late = overdue.get(case.id)
            values: list[Any] = []
            for _, key, _ in PRINT_COLUMNS:
                if key == "deadline":
                    status = deadlines[case.id]
                    values.append(status.effective if status else None)
                elif key == "state":
                    state = STATUS_ZH.get(case.status, case.status)
                    shown = statuses.get(case.id)
                    if shown and shown.settlement:
                        state += "\n息诉罢访" if shown.settled else "\n待观察"
                    if late and late.deadline:
                        state += f"\n超期 {-late.deadline.days_left} 天"
                    values.append(state)
                else:
                    values.append(self.ledger.cell(BY_KEY[key], case))
            rows.append(self._row(case.unit, late is not None, values))
        return rows

    @staticmethod
    def _row(unit: str, late: bool, values: list[Any]) -> PrintRow:
        cells = [cell(v) for v in values]
        lines = 1
        for (kind, value), (_, _, size) in zip(cells, PRINT_COLUMNS, strict=True):
            if kind == "string":
                lines = max(lines, line_count(measure(kind, value)[1], size))
        return PrintRow(unit, late, cells, LINE_HEIGHT * min(lines, MAX_LINES) + PADDING)

    def write(
        self, book: Book, ws: Worksheet, name: str, rows: Sequence[PrintRow], made_by: str
    ) -> None:
        last = len(PRINT_COLUMNS) - 1
        campaign = self.view.campaign
        ws.set_row(TITLE_ROW, 32)
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last, "", book.big_title)
        put(ws, TITLE_ROW, 0, f"{campaign.county}信访问题排查台账（{name}）", book.big_title)
        late = sum(r.late for r in rows)
        made = (
            f"制表：{made_by}　　统计日期：{chinese_date(self.view.as_of)}　　"
            f"共 {len(rows)} 件，其中超期未结 {late} 件（红底）"
        )
        ws.set_row(MADE_ROW, 22)
        ws.merge_range(MADE_ROW, 0, MADE_ROW, last, "", book.note)
        put(ws, MADE_ROW, 0, made, book.note)
        ws.set_row(HEADER_ROW, 22)
        put_row(ws, HEADER_ROW, [h for h, _, _ in PRINT_COLUMNS], book.header)
        widths = [w for _, _, w in PRINT_COLUMNS]
        write = writers(ws)
        formats = book.formats_by_kind()
        for number, row in enumerate(rows, start=HEADER_ROW + 1):
            ws.set_row(number, row.height)
            fmt = formats[row.late]
            for col, (kind, value) in enumerate(row.cells):
                write[kind](number, col, value, fmt[kind])
        for col, size in enumerate(widths):
            ws.set_column(col, col, size + 2)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        page_setup(ws, A4, (HEADER_ROW, HEADER_ROW))
