"""Lays out the sheets of the work beside cases (``duty_sheet.DutySheet``) in the workbook: a
title row, a styled header, widths, wrapped cells, dates, a frozen header, a filter and the page
set-up the ledger sheets use."""

from __future__ import annotations

from ...records.labels import width
from .book import A3, A4, Book, page_setup, put
from .duty_sheet import DutySheet

TITLE_ROW, HEADER_ROW = 0, 1
LINE_POINTS, MAX_LINES = 15, 8


def _lines(value: object, columns: int) -> int:
    """How many lines a wrapped cell takes in a column ``columns`` characters wide."""
    if not isinstance(value, str):
        return 1
    return sum(-(-max(width(part), 1) // columns) for part in value.split("\n"))


def write_duty_sheet(book: Book, sheet: DutySheet) -> None:
    ws = book.sheet(sheet.title)
    last = len(sheet.headers) - 1
    if last > 0:
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last, "", book.title)
    put(ws, TITLE_ROW, 0, sheet.heading, book.title)
    ws.set_row(TITLE_ROW, 28)
    for col, header in enumerate(sheet.headers):
        put(ws, HEADER_ROW, col, header, book.header)
    for i, values in enumerate(sheet.rows):
        row = HEADER_ROW + 1 + i
        marked = bool(sheet.marked and sheet.marked[i])
        for col, value in enumerate(values):
            fmt = book.cells[(hasattr(value, "isoformat"), marked)]
            put(ws, row, col, value, fmt)
        lines = max(_lines(v, w + 2) for v, w in zip(values, sheet.widths, strict=True))
        if lines > 1:
            ws.set_row(row, LINE_POINTS * min(lines, MAX_LINES))
    for col, size in enumerate(sheet.widths):
        ws.set_column(col, col, size + 2)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(sheet.rows), 1), last)
    printed = [size + 2 for size in sheet.widths]
    paper = A3 if len(sheet.headers) > 12 else A4
    page_setup(ws, paper, (HEADER_ROW, HEADER_ROW), printed, keep_columns=2)
