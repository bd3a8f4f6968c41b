"""The ledger sheets: one row per case in the county ledger's columns, and the data sheet."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import getitem

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...campaign.deadlines import deadline_status
from ...campaign.workdays import WorkCalendar
from ...records.case import Case
from ...rules.status import Overview
from .columns import COLUMNS, COMPUTED, DATA_HEADERS, style_header
from .ledger import Ledger
from .sheets import HEADER_ROW, landscape, set_widths, write_title
from .xml_cells import (
    DISTINCT,
    JSON_CHUNK,
    LINE_HEIGHT,
    MAX_LINES,
    ROW,
    WRAP_AT,
    Body,
    cell_xml,
    display_width,
    line_count,
    measure,
    value_xml,
)


@dataclass
class LedgerRow:
    """A case's row of the ledger sheets, rendered once for 全部案件 and its unit's sheet."""

    unit: str
    cells: str  # the cells' XML, ROW standing for the row number
    sizes: tuple[int, ...]  # each cell's width (its widest line)
    # Cells that may wrap: column, the widths of its lines, its lines at the widest column.
    wraps: list[tuple[int, tuple[int, ...], int]]


@dataclass
class LedgerWriter:
    """Writes ledger sheets: one row per case, overdue rows in light red."""

    ledger: Ledger
    view: Overview
    calendar: WorkCalendar
    styles: dict[tuple[bool, bool], str]  # the s attribute by (is a date, is overdue)

    def __post_init__(self) -> None:
        self.headers = [c.header for c in COLUMNS] + list(COMPUTED)
        self.letters = [get_column_letter(i) for i in range(1, len(self.headers) + 1)]
        # Each cell's opening tag, by (is a date) then (is overdue) then column.
        self.heads = {
            is_date: tuple(
                [f'<c r="{letter}{ROW}"{self.styles[(is_date, late)]}' for letter in self.letters]
                for late in (False, True)
            )
            for is_date in (False, True)
        }
        # No sheet's column is narrower: a one-line cell within it never wraps.
        least = [c.width for c in COLUMNS] + [0] * len(COMPUTED)
        self.floors = [
            min(WRAP_AT, max(size, display_width(h)))
            for size, h in zip(least, self.headers, strict=True)
        ]

    def prepare(self, cases: Sequence[Case]) -> list[LedgerRow]:
        """Each case's ledger row, in the order given.

        Column by column: a column's distinct values (labels, units, names, dates and 是/否
        recur) are rendered and measured once each, and C loops (map, zip, join) put the rows
        together.
        """
        overdue = {c.id: c for c in self.view.overdue}
        policy = self.view.campaign.policy
        table = []
        lates = []
        for case in cases:
            status = deadline_status(case, self.view.as_of, policy, self.calendar)
            late = overdue.get(case.id)
            days = -late.deadline.days_left if late and late.deadline else None
            table.append([*self.ledger.row(case), status.effective if status else None, days])
            lates.append(late is not None)
        if not table:
            return []
        by_col: list[list[str]] = []
        sizes_by_col: list[tuple[int, ...]] = []
        wraps: list[list[tuple[int, tuple[int, ...], int]]] = [[] for _ in table]
        for col, values in enumerate(zip(*table, strict=True)):
            cells: Iterable[tuple[tuple[str, str], int, tuple[tuple[int, ...], int] | None]]
            if set(map(type, values)) <= DISTINCT:
                found = {value: self._cell(col, value) for value in set(values)}
                cells = map(found.__getitem__, values)
            else:  # values that compare equal across types (1 == 1.0 == True): one by one
                cells = [self._cell(col, value) for value in values]
            xml, sizes, wrap = zip(*cells, strict=True)
            by_col.append(list(map(getitem, xml, lates)))
            sizes_by_col.append(sizes)
            for row in itertools.compress(range(len(table)), wrap):
                lines, at_wrap = wrap[row]
                wraps[row].append((col, lines, at_wrap))
        units = (c.unit for c in cases)
        cells_by_row = map("".join, zip(*by_col, strict=True))
        rows = zip(units, cells_by_row, zip(*sizes_by_col, strict=True), wraps, strict=True)
        return [LedgerRow(*row) for row in rows]

    def _cell(
        self, col: int, value: object
    ) -> tuple[tuple[str, str], int, tuple[tuple[int, ...], int] | None]:
        """A cell's XML (on time, overdue), its width, and its lines' widths and their number
        at the widest column when it may wrap."""
        is_date = isinstance(value, date)
        xml = value_xml(value)
        heads = self.heads[is_date]
        size, lines = measure(value)
        wrap = None
        if lines is not None and (len(lines) > 1 or size > self.floors[col]):
            wrap = (lines, line_count(lines, WRAP_AT))
        return (heads[0][col] + xml, heads[1][col] + xml), size, wrap

    def write(self, ws: Worksheet, title: str, rows: Sequence[LedgerRow]) -> Body:
        headers = self.headers
        note = f"（统计日期 {self.view.as_of}；红底为超期未结案件）"
        write_title(ws, f"{self.view.campaign.county}{title}{note}", len(headers))
        ws.append(headers)
        style_header(ws, HEADER_ROW, len(headers))
        widths = list(self.floors)
        for col, sizes in enumerate(zip(*(r.sizes for r in rows), strict=True)):
            widths[col] = min(WRAP_AT, max(widths[col], *sizes))
        body = Body()
        for number, row in enumerate(rows, start=HEADER_ROW + 1):
            lines = 1
            for col, line_widths, at_wrap in row.wraps:
                size = widths[col]
                count = at_wrap if size == WRAP_AT else line_count(line_widths, size)
                lines = max(lines, count)
            body.add(number, row.cells, len(headers), LINE_HEIGHT * min(lines, MAX_LINES))
        set_widths(ws, widths)
        last = get_column_letter(len(headers))
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
        ws.freeze_panes = f"C{HEADER_ROW + 1}"  # the header row, 编号 and 案件名称 stay put
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        landscape(ws, a3=True)
        return body


def write_data_sheet(ws: Worksheet, ledger: Ledger, cases: Sequence[Case]) -> Body:
    write_title(
        ws, "本表供 xinfang import 还原完整记录，请勿修改、排序或删除；修改案件请改 YAML 文件", 2
    )
    ws.append(list(DATA_HEADERS))
    style_header(ws, HEADER_ROW, 2)
    body = Body()
    for number, case in enumerate(cases, start=HEADER_ROW + 1):
        text = json.dumps(ledger.masked_record(case), ensure_ascii=False)
        values = [
            case.id,
            *(text[i : i + JSON_CHUNK] for i in range(0, len(text), JSON_CHUNK)),
        ]
        cells = "".join(
            cell_xml(get_column_letter(col), "", v) for col, v in enumerate(values, start=1)
        )
        body.add(number, cells, len(values))
    set_widths(ws, [16, 80])
    ws.sheet_properties.tabColor = "808080"
    return body
