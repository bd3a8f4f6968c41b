"""The ledger sheets: every case in all the ledger's columns (for filtering), and the data sheet.

Cells come from :class:`Ledger` (the one place that turns a case into cells) and are made safe
and measured once per distinct value of a column (labels, units, names, dates and 是/否 recur);
each row is then written with the worksheet's writer for its kind of cell.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.worksheet import Worksheet

from ...campaign.deadlines import DeadlineStatus
from ...records.case import Case
from ...records.policy import Policy
from ...rules.settlement import observed_until
from ...rules.status import CaseStatus, Overview
from .book import A3, Book, page_setup, put, put_row, writers
from .cells import Kind, cell, display_width, line_count, measure, number_text
from .columns import COLUMNS, COMPUTED, DATA_HEADERS
from .ledger import Ledger

WRAP_AT = 40  # wider text wraps
LINE_HEIGHT = 15  # points per line of 11-point text
MAX_LINES = 8
JSON_CHUNK = 16000  # an Excel cell holds 32,767 UTF-16 units: two for a character beyond U+FFFF
TITLE_ROW, HEADER_ROW = 0, 1  # 0-based, as XlsxWriter counts

Cell = tuple[Kind, Any]


@dataclass
class LedgerRow:
    """A case's row of the full ledger: safe cells, their widths, and the cells that may wrap."""

    unit: str
    late: bool
    cells: tuple[Cell, ...]
    sizes: tuple[int, ...]
    wraps: list[tuple[int, tuple[int, ...]]]  # column, the widths of its lines


@dataclass
class LedgerWriter:
    """Writes the full ledger: one row per case, overdue rows in light red."""

    ledger: Ledger
    view: Overview

    def __post_init__(self) -> None:
        self.headers = [c.header for c in COLUMNS] + list(COMPUTED)
        least = [c.width for c in COLUMNS] + [0] * len(COMPUTED)
        # No column is narrower: a one-line cell within it never wraps.
        self.floors = [
            min(WRAP_AT, max(size, display_width(h)))
            for size, h in zip(least, self.headers, strict=True)
        ]

    def prepare(
        self, cases: Sequence[Case], deadlines: Mapping[str, DeadlineStatus | None]
    ) -> list[LedgerRow]:
        """Each case's row, in the order given, column by column (``deadlines``: by case id)."""
        overdue = {c.id: c for c in self.view.overdue}
        statuses = {c.id: c for c in self.view.cases}
        table, lates = [], []
        for case in cases:
            status = deadlines[case.id]
            late = overdue.get(case.id)
            days = -late.deadline.days_left if late and late.deadline else None
            settled = settlement_words(statuses.get(case.id), self.view.campaign.policy)
            table.append(
                [*self.ledger.row(case), settled, status.effective if status else None, days]
            )
            lates.append(late is not None)
        if not table:
            return []
        columns = []
        for col, values in enumerate(zip(*table, strict=True)):
            found: dict[tuple[type, Any], tuple[Cell, int, tuple[int, ...] | None]] = {}
            out = []
            for value in values:
                key = (type(value), value)
                if key not in found:
                    found[key] = self._cell(col, value)
                out.append(found[key])
            columns.append(out)
        rows = []
        for i, case in enumerate(cases):
            row = [column[i] for column in columns]
            wraps = [(col, lines) for col, (_, _, lines) in enumerate(row) if lines is not None]
            cells = tuple(c for c, _, _ in row)
            sizes = tuple(s for _, s, _ in row)
            rows.append(LedgerRow(case.unit, lates[i], cells, sizes, wraps))
        return rows

    def _cell(self, col: int, value: object) -> tuple[Cell, int, tuple[int, ...] | None]:
        """A safe cell, its width, and its lines' widths when it may wrap."""
        kind, safe = cell(value)
        size, lines = measure(kind, safe)
        wraps = lines is not None and (len(lines) > 1 or size > self.floors[col])
        return (kind, safe), size, lines if wraps else None

    def write(self, book: Book, ws: Worksheet, title: str, rows: Sequence[LedgerRow]) -> None:
        headers = self.headers
        last = len(headers) - 1
        note = f"（统计日期 {self.view.as_of}；红底为超期未结案件）"
        ws.set_row(TITLE_ROW, 28)
        text = f"{self.view.campaign.county}{title}{note}"
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last, "", book.title)
        put(ws, TITLE_ROW, 0, text, book.title)
        ws.set_row(HEADER_ROW, 30)
        put_row(ws, HEADER_ROW, headers, book.header)
        widths = list(self.floors)
        for row in rows:
            widths = [max(w, s) for w, s in zip(widths, row.sizes, strict=True)]
        widths = [min(WRAP_AT, w) for w in widths]
        write = writers(ws)
        formats = book.formats_by_kind()
        for number, row in enumerate(rows, start=HEADER_ROW + 1):
            lines = max((line_count(ls, widths[col]) for col, ls in row.wraps), default=1)
            ws.set_row(number, LINE_HEIGHT * min(lines, MAX_LINES))
            late, fmt = row.late, formats[row.late]
            for col, (kind, value) in enumerate(row.cells):
                if kind != "blank" or late:  # an empty cell is left out, unless it is red
                    write[kind](number, col, value, fmt[kind])
        for col, size in enumerate(widths):
            ws.set_column(col, col, size + 2)
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(rows), last)
        ws.freeze_panes(HEADER_ROW + 1, 2)  # the header row, 编号 and 案件名称 stay put
        printed = [size + 2 for size in widths]
        page_setup(ws, A3, (HEADER_ROW, HEADER_ROW), printed, keep_columns=2)


def settlement_words(status: CaseStatus | None, policy: Policy) -> str | None:
    """The 息诉罢访 the as-of date can verify: 息诉罢访, or 待观察 until the observation ends."""
    if status is None or status.settlement is None:
        return None
    if status.settled:
        return "息诉罢访"
    return f"待观察（至 {observed_until(status.case, policy)}）"


_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def record_json(record: dict[str, Any]) -> str:
    """A record as JSON text a cell can hold, which ``json.loads`` turns back into the record.

    Characters XML cannot carry (lone surrogates, U+FFFE, U+FFFF) are written as JSON escapes;
    a whole number too long for ``str`` is written as text (such a record fails ``check``).
    """
    try:
        text = json.dumps(record, ensure_ascii=False)
    except ValueError:
        text = json.dumps(_printable(record), ensure_ascii=False)
    return _UNENCODABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _printable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        text = number_text(value)
        return value if text.lstrip("-").isdigit() else text
    return value


def write_data_sheet(book: Book, ws: Worksheet, ledger: Ledger, cases: Sequence[Case]) -> None:
    """The full records as JSON, for ``xinfang import``: hidden and protected."""
    ws.set_row(TITLE_ROW, 48)
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, 1, "", book.wrapped_title)
    put(
        ws,
        TITLE_ROW,
        0,
        "本表供 xinfang import 还原完整记录，请勿修改、排序或删除；修改案件请改 YAML 文件",
        book.wrapped_title,
    )
    put_row(ws, HEADER_ROW, DATA_HEADERS, book.header)
    for number, case in enumerate(cases, start=HEADER_ROW + 1):
        text = record_json(ledger.masked_record(case))
        chunks = [text[i : i + JSON_CHUNK] for i in range(0, len(text), JSON_CHUNK)]
        put_row(ws, number, [case.id, *chunks])
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 80)
    ws.set_tab_color("#808080")
    ws.hide()
    ws.protect()
