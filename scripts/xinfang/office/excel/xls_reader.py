"""Reading an Excel 97-2003 .xls workbook for the import, with xlrd: values, dates, merged cells.

xlrd reads the whole file, so the file's size is capped first (``MAX_FILE``); rows are read
ragged (a cell at the last column costs one cell, not a padded row) and every cell kept counts
against the workbook's cap, as for .xlsx. xlrd's own warnings go nowhere (it prints them to
standard output by default). A file xlrd cannot read, or an encrypted one, is a Chinese message.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any

import xlrd
from xlrd.compdoc import CompDocError
from xlrd.xldate import XLDateError

from ...errors import XinfangError
from . import limits
from .grid import Budget, Sheet

#: What xlrd raises on a damaged file: its own errors, and what its parsing of bytes runs into.
BROKEN = (
    xlrd.XLRDError, CompDocError, XLDateError, struct.error, ValueError, IndexError, KeyError,
    AssertionError, EOFError, OverflowError, TypeError, ZeroDivisionError, AttributeError,
    RecursionError, UnicodeError, MemoryError,
)  # fmt: skip


class XlsFile:
    """The sheets of an .xls file; a sheet's cells are read when it is first asked for."""

    kind = "xls"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.budget = Budget(path)
        self._sheets: dict[str, Sheet] = {}
        if path.stat().st_size > limits.MAX_FILE:
            raise XinfangError(
                f"无法导入 {path.name}：文件有 {limits.size(path.stat().st_size)}，超过了 .xls 导入的上限"
                f"（{limits.size(limits.MAX_FILE)}）：请分成几个工作簿，或另存为 .xlsx 再导入。"
            )
        try:
            self.book = xlrd.open_workbook(
                str(path), logfile=io.StringIO(), formatting_info=True, on_demand=True,
                ragged_rows=True,
            )  # fmt: skip
            names = self.book.sheet_names()
        except BROKEN as err:
            raise _not_xls(path, err) from err
        if len(names) > limits.MAX_SHEETS:
            raise limits.over("MAX_SHEETS", path)
        self.sheetnames = list(dict.fromkeys(names))
        self.date1904 = self.book.datemode == 1

    def close(self) -> None:
        self.book.release_resources()

    def __getitem__(self, name: str) -> Sheet:
        if name not in self._sheets:
            try:
                self._sheets[name] = self._read_sheet(name)
            except BROKEN as err:
                raise _not_xls(self.path, err) from err
        return self._sheets[name]

    def _read_sheet(self, name: str) -> Sheet:
        source = self.book.sheet_by_name(name)
        sheet = Sheet(name, budget=self.budget)
        for r in range(source.nrows):
            values: dict[int, Any] = {}
            for c, cell in enumerate(source.row(r)[: limits.MAX_COLS + 1], start=1):
                value = self._value(cell)
                if value is not None and value != "":
                    values[c] = value
            sheet.ignored += max(0, source.row_len(r) - limits.MAX_COLS - 1)
            sheet.put_row(r + 1, values)
        sheet.merge([(rlo + 1, rhi, clo + 1, chi) for rlo, rhi, clo, chi in source.merged_cells])
        self.book.unload_sheet(name)
        return sheet

    def _value(self, cell: Any) -> Any:
        kind, value = cell.ctype, cell.value
        if kind == xlrd.XL_CELL_TEXT:
            return value
        if kind == xlrd.XL_CELL_BOOLEAN:
            return bool(value)
        if kind == xlrd.XL_CELL_DATE:
            try:
                moment = xlrd.xldate.xldate_as_datetime(value, self.book.datemode)
            except (XLDateError, OverflowError, ValueError):
                return value
            return moment if 1900 <= moment.year <= 9999 else value
        if kind == xlrd.XL_CELL_NUMBER and isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                return None
            return int(value) if value.is_integer() and abs(value) < 1e15 else value
        return None  # empty, blank, error


def _not_xls(path: Path, err: object) -> XinfangError:
    reason = str(err)[:120] or type(err).__name__
    hint = "；文件可能设置了打开密码，请先取消密码" if "encrypt" in reason.lower() else ""
    return XinfangError(
        f"无法读取 {path.name}（{reason}）：不是完好的 Excel 97-2003 .xls 文件{hint}：请用 Excel 或 "
        f"WPS 打开后“另存为” .xlsx 再导入。"
    )
