"""Ledger cells as sheet XML, spliced into the sheets while openpyxl saves the workbook.

openpyxl's own cell objects and their styles took minutes for 10,000 cases; the case rows are
written as XML text instead and put in place of each sheet's empty ``sheetData`` end as openpyxl
writes it (`save_workbook`). A different openpyxl that writes its sheets otherwise makes the save
fail loudly rather than write a wrong file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from math import isfinite
from pathlib import Path
from typing import IO, Any
from unicodedata import east_asian_width
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

WRAP_AT = 40  # wider text wraps
LINE_HEIGHT = 15  # points per line of 11-point text
MAX_LINES = 8
JSON_CHUNK = 30000  # an Excel cell holds at most 32,767 characters
MAX_CELL = 32767
TITLE_ROW, HEADER_ROW = 1, 2
ROW = "\0"  # the row number in a row's cells (XML); a row serves 全部案件 and its unit's sheet
ROWS_PER_WRITE = 500
COMPRESSION = 1  # zlib level: a third of the default level's time; the file half as large again
# Characters XML 1.0 does not allow (openpyxl refuses them in cells): removed from cell text.
ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_WIDE = frozenset("WF")
DISTINCT = frozenset({type(None), str, date, int})  # types whose equal values are alike cells


def display_width(text: str) -> int:
    """Display width of a line: a wide (CJK) character counts two; as status_report.width."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_WIDE.__contains__, map(east_asian_width, text)))


def measure(value: object) -> tuple[int, tuple[int, ...] | None]:
    """A cell's width (its widest line, as ``text_width``) and, for text, each line's width."""
    if value is None:
        return 0, None
    if isinstance(value, date):
        return 10, None
    if isinstance(value, int | float):
        return display_width(str(value)), None
    lines = tuple(display_width(line) for line in str(value).splitlines() or [""])
    return max(lines), lines


def line_count(lines: tuple[int, ...] | None, size: int) -> int:
    """Lines a wrapped cell of ``size`` characters' width needs (the row height is set from it)."""
    if lines is None:
        return 1
    size = max(size, 1)
    return sum(max(1, -(-w // size)) for w in lines)


@lru_cache(maxsize=4096)
def _serial(day: date) -> str:
    return _number(to_excel(day))


def _number(value: float) -> str:
    return f"{value:.16g}" if isfinite(value) else ""  # as openpyxl writes numbers


def _text(value: str) -> str:
    """A string cell's type and content, after its opening tag's attributes, as openpyxl writes it."""
    value = value[:MAX_CELL]
    if ILLEGAL.search(value):
        value = ILLEGAL.sub("", value)
    space = ' xml:space="preserve"' if value != value.strip() else ""
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{space}>{text.replace(chr(13), "&#13;")}</t></is></c>'


def value_xml(value: object) -> str:
    """A cell's XML after its reference and style: text inline, dates as serial numbers."""
    if value is None:
        return "/>"  # an empty cell, which keeps its style (border, fill)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        return f' t="n"><v>{_serial(value)}</v></c>'
    if isinstance(value, int | float):
        return f' t="n"><v>{_number(value)}</v></c>'
    return _text(str(value))


def cell_xml(column: str, style: str, value: object) -> str:
    """A cell of row ROW; ``style`` is its s attribute, or empty."""
    return f'<c r="{column}{ROW}"{style}{value_xml(value)}'


@dataclass
class Body:
    """A sheet's rows below its header, as XML, which `save_workbook` splices into the sheet."""

    rows: list[tuple[int, int | None, str]] = field(default_factory=list)  # number, height, cells
    last_col: int = 0

    def add(self, number: int, cells: str, columns: int, height: int | None = None) -> None:
        self.rows.append((number, height, cells))
        self.last_col = max(self.last_col, columns)

    @property
    def last_row(self) -> int:
        return self.rows[-1][0] if self.rows else 0

    def xml(self) -> Iterator[bytes]:
        for start in range(0, len(self.rows), ROWS_PER_WRITE):
            parts = []
            for number, height, cells in self.rows[start : start + ROWS_PER_WRITE]:
                r = str(number)
                attributes = f' ht="{height}" customHeight="1"' if height else ""
                parts.append(f'<row r="{r}"{attributes}>{cells.replace(ROW, r)}</row>')
            yield "".join(parts).encode()

    def dimension(self, found: re.Match[bytes]) -> bytes:
        """The sheet's used range: openpyxl's (title and header) and the body's together."""
        first_col, first_row, last_col, last_row = (g.decode() for g in found.groups())
        col = max(column_index_from_string(last_col), self.last_col)
        row = max(int(last_row), self.last_row)
        return f'<dimension ref="{first_col}{first_row}:{get_column_letter(col)}{row}"/>'.encode()


_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"/>')


class _SplicingArchive:
    """The zip archive openpyxl saves into: a sheet with a body gets its rows before </sheetData>."""

    def __init__(self, archive: ZipFile, bodies: Mapping[Worksheet, Body]) -> None:
        self.archive = archive
        self.bodies = bodies
        self.spliced: set[Worksheet] = set()

    def write(self, filename: str, arcname: str | None = None, *args: Any, **kwargs: Any) -> None:
        ws = next((ws for ws in self.bodies if ws.path[1:] == arcname), None)
        if ws is None or arcname is None:
            self.archive.write(filename, arcname, *args, **kwargs)
            return
        body = self.bodies[ws]
        self.spliced.add(ws)
        frame = Path(filename).read_bytes()
        head, end, tail = frame.partition(b"</sheetData>")
        if not end:
            raise RuntimeError(
                f"openpyxl 写出的 {arcname} 没有 sheetData：请检查 openpyxl 版本（3.1）"
            )
        head = _DIMENSION.sub(body.dimension, head, count=1)
        with self.archive.open(arcname, "w") as out:
            out.write(head)
            for chunk in body.xml():
                out.write(chunk)
            out.write(end + tail)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.archive, name)


def save_workbook(
    book: Workbook, bodies: Mapping[Worksheet, Body], target: Path | IO[bytes]
) -> None:
    """Save ``book`` as openpyxl's ``Workbook.save`` does, with the bodies' rows in their sheets."""
    book.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    with ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=COMPRESSION) as archive:
        splicing = _SplicingArchive(archive, bodies)
        ExcelWriter(book, splicing).write_data()
    missed = [ws.title for ws in bodies if ws not in splicing.spliced]
    if missed:  # another openpyxl, which writes its sheets otherwise
        raise RuntimeError(
            f"工作表 {'、'.join(missed)} 的案件行未写入：请检查 openpyxl 版本（3.1）"
        )
