"""The workbook the export writes, with XlsxWriter: its formats, safe cells and page setup.

Every cell of every sheet is written through :meth:`Book.put` (or the writers it hands out),
which writes each value by its type (:func:`cells.cell`): text is always a string cell, never a
formula, a number or a link, so a title that starts with ``=`` stays text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from .cells import Kind, cell

DATE_FORMAT = "yyyy-mm-dd"
OVERDUE_FILL = "#FFC7CE"
HEADER_FILL = "#D9D9D9"
BORDER_COLOR = "#999999"
A4, A3 = 9, 8  # Excel's paper codes
PAGE_FOOTER = "&C第 &P 页，共 &N 页"
OPTIONS = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "nan_inf_to_errors": True,
}

Writer = Callable[[int, int, Any, Format | None], Any]


class Book:
    """An XlsxWriter workbook with the ledger's formats."""

    def __init__(self, target: Path | IO[bytes]) -> None:
        self.workbook = xlsxwriter.Workbook(target, OPTIONS)
        self.names: set[str] = set()
        add = self.workbook.add_format
        border = {"border": 1, "border_color": BORDER_COLOR}
        self.title = add({"bold": True, "font_size": 14, "valign": "vcenter"})
        self.big_title = add(
            {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
        )
        self.note = add({"valign": "vcenter"})
        self.wrapped_title = add(
            {"bold": True, "font_size": 12, "text_wrap": True, "valign": "vcenter"}
        )
        self.header = add(
            {"bold": True, "bg_color": HEADER_FILL, "align": "center", "valign": "vcenter",
             "text_wrap": True, **border}
        )  # fmt: skip
        self.bold = add({"bold": True})
        self.section = add({"bold": True, "font_size": 12})
        self.plain = add(border)
        self.date = add({"num_format": DATE_FORMAT, "align": "left", **border})
        # Right-aligned as the counts beside it are: a count ending at its cell's right edge and
        # a left-aligned percentage after it would print as one number ("3" + "60.0%").
        self.percent = add({"num_format": "0.0%", "align": "right", **border})
        self.percent_left = add({"num_format": "0.0%", "align": "left", **border})
        self.left = add({"align": "left", **border})
        # Ledger cells by (is a date, is overdue).
        self.cells = {
            (is_date, late): add(
                {"text_wrap": True, "valign": "top", **border,
                 **({"num_format": DATE_FORMAT, "align": "left"} if is_date else {}),
                 **({"bg_color": OVERDUE_FILL} if late else {})}
            )
            for is_date in (False, True)
            for late in (False, True)
        }  # fmt: skip
        self.fills = {name: add({"bg_color": color, **border}) for name, color in FILLS.items()}

    def formats_by_kind(self) -> dict[bool, dict[Kind, Format]]:
        """The ledger cell format of each kind of cell, by whether its case is overdue."""
        kinds: tuple[Kind, ...] = ("blank", "string", "number", "date", "bool")
        return {
            late: {kind: self.cells[(kind == "date", late)] for kind in kinds}
            for late in (False, True)
        }

    def sheet(self, name: str) -> Worksheet:
        """A new worksheet named ``name``, made valid and unique (Excel's rules)."""
        title = sheet_title(name)
        base, n = title, 2
        while title.casefold() in self.names:
            suffix = f"（{n}）"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        self.names.add(title.casefold())
        return self.workbook.add_worksheet(title)

    def close(self) -> None:
        self.workbook.close()


FILLS = {"overdue": OVERDUE_FILL, "missing": "#FFC7CE", "late": "#FFEB9C"}


def sheet_title(name: str) -> str:
    """A valid worksheet name: at most 31 characters, none of []:*?/\\, no apostrophe at an end."""
    title = re.sub(r"[\[\]:*?/\\\x00-\x1f\ud800-\udfff]", "_", name).strip("'")[:31].strip("'")
    return title or "工作表"


def writers(ws: Worksheet) -> dict[Kind, Writer]:
    """The worksheet's writer for each kind of cell (see :func:`cells.cell`)."""
    return {
        "string": ws.write_string,
        "number": ws.write_number,
        "date": ws.write_number,  # a serial number; the cell's format shows it as a date
        "bool": ws.write_boolean,
        "blank": ws.write_blank,
    }


def put(ws: Worksheet, row: int, col: int, value: Any, fmt: Format | None = None) -> None:
    """Write one value (0-based row and column) by its type, never as a formula."""
    kind, value = cell(value)
    writers(ws)[kind](row, col, value, fmt)


def put_row(ws: Worksheet, row: int, values: Sequence[Any], fmt: Format | None = None) -> None:
    for col, value in enumerate(values):
        put(ws, row, col, value, fmt)


def page_setup(
    ws: Worksheet,
    paper: int,
    header_rows: tuple[int, int] | None,
    widths: Sequence[float] = (),
    keep_columns: int = 0,
) -> None:
    """Landscape, page numbers in the footer, the header rows on every page; one page wide
    when the columns (``widths``, in Excel's character units) fit at ``MIN_SCALE`` or more.
    A wider sheet prints at ``MIN_SCALE`` over several pages across, each repeating the first
    ``keep_columns`` columns (编号, 案件名称), so that no page is too small to read."""
    ws.set_landscape()
    ws.set_paper(paper)
    if fits(widths, paper):
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(MIN_SCALE)
        ws.print_across()  # the pages of a row of the sheet one after another
        if keep_columns:
            ws.repeat_columns(0, keep_columns - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(PAGE_FOOTER)
    if header_rows is not None:
        ws.repeat_rows(*header_rows)


MIN_SCALE = 75  # percent: 11-point text prints at about 8 points, as a printed table may
PRINTABLE_POINTS = {A4: (11.69 - 0.8) * 72, A3: (16.54 - 0.8) * 72}  # landscape, less margins


def fits(widths: Sequence[float], paper: int) -> bool:
    """Whether columns of these widths fit one page across at ``MIN_SCALE`` or more."""
    points = sum(5.25 * w + 3.75 for w in widths)  # Excel: 7 px a character and 5 px padding
    return points * MIN_SCALE / 100 <= PRINTABLE_POINTS[paper]
