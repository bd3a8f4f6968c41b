"""Lays out the sheets of the work beside cases (``duty_columns.DutySheet``) in an openpyxl
workbook: title row, styled header, widths, wrapped cells, dates, frozen header and filter."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ...records.labels import width
from .columns import BORDER, DATE_FORMAT, OVERDUE_FILL, style_header
from .duty_sheet import DutySheet
from .sheets import HEADER_ROW, landscape, set_widths, sheet_title, write_title

WRAP = Alignment(vertical="top", wrap_text=True)
LINE_POINTS, MAX_LINES = 15, 8


def _lines(value: object, columns: int) -> int:
    """How many lines a wrapped cell takes in a column ``columns`` characters wide."""
    if not isinstance(value, str):
        return 1
    return sum(-(-max(width(part), 1) // columns) for part in value.split("\n"))


def write_duty_sheet(book: Workbook, sheet: DutySheet) -> None:
    ws = book.create_sheet(sheet_title(sheet.title))
    write_title(ws, sheet.heading, len(sheet.headers))
    for col, header in enumerate(sheet.headers, start=1):
        ws.cell(HEADER_ROW, col, header)
    style_header(ws, HEADER_ROW, len(sheet.headers))
    for i, values in enumerate(sheet.rows, start=HEADER_ROW + 1):
        marked = sheet.marked[i - HEADER_ROW - 1] if sheet.marked else False
        for col, value in enumerate(values, start=1):
            cell = ws.cell(i, col, value)
            cell.border = BORDER
            cell.alignment = WRAP
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            if marked:
                cell.fill = OVERDUE_FILL
        lines = max(_lines(v, w + 2) for v, w in zip(values, sheet.widths, strict=True))
        if lines > 1:
            ws.row_dimensions[i].height = LINE_POINTS * min(lines, MAX_LINES)
    set_widths(ws, sheet.widths)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    last = get_column_letter(len(sheet.headers))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(sheet.rows), 1)}"
    landscape(ws, a3=len(sheet.headers) > 12)
