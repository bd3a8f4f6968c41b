"""The frame of a workbook's sheets: titles, column widths, print setup and cell styles."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .columns import BORDER, DATE_FORMAT, OVERDUE_FILL

TITLE_ROW, HEADER_ROW = 1, 2


def sheet_title(name: str) -> str:
    """A valid worksheet name: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def cell_styles(book: Workbook) -> dict[tuple[bool, bool], str]:
    """Named styles for ledger cells, by (is a date, is overdue): one style each, not per cell."""
    names = {}
    for is_date, late in itertools.product((False, True), repeat=2):
        name = f"台账{'日期' if is_date else '文字'}{'超期' if late else ''}"
        if name not in book.named_styles:
            style = NamedStyle(
                name=name,
                border=BORDER,
                alignment=Alignment(vertical="top", wrap_text=True),
                number_format=DATE_FORMAT if is_date else "General",
            )
            if late:
                style.fill = OVERDUE_FILL
            book.add_named_style(style)
        names[(is_date, late)] = name
    return names


def style_attributes(book: Workbook) -> dict[tuple[bool, bool], str]:
    """The ``s`` attribute (the cell format's index) of each ledger cell style in row XML."""
    attributes = {}
    for key, name in cell_styles(book).items():
        probe = Cell(book.worksheets[0])  # in no sheet's cells: it only registers the format
        probe.style = name
        attributes[key] = f' s="{probe.style_id}"'
    return attributes


def landscape(ws: Worksheet, a3: bool = False) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if a3 else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


TITLE_FONT = Font(bold=True, size=14)
TITLE_ALIGNMENT = Alignment(horizontal="left", vertical="center")


def write_title(ws: Worksheet, text: str, columns: int) -> None:
    ws.cell(TITLE_ROW, 1, text).font = TITLE_FONT
    ws.cell(TITLE_ROW, 1).alignment = TITLE_ALIGNMENT
    if columns > 1:
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=columns)
    ws.row_dimensions[TITLE_ROW].height = 28


def set_widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for col, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size + 2
