"""Reading an .xlsx workbook for the import: cell values only, safely and in bounded memory.

A workbook is a zip of XML parts (read by ``xlsx_parts.Parts``: DTDs, encryption, unknown
compression and oversized parts refused, each element dropped once read); a hostile or broken
one ends in a Chinese message, never a traceback or a blow-up. What is kept (shared strings,
cell formats, cells, sheets) is counted against the caps in ``limits.py``. Values are what Excel
shows as data: text, numbers, 是/否 booleans, and dates for numbers whose format is a date (in
the workbook's 1900 or 1904 date system; a serial outside the years 1900-9999 stays a number).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string as column_index

from . import limits
from .grid import Budget, Sheet
from .sheet_xml import SheetTarget, StringsTarget
from .xlsx_parts import Parts, local, not_xlsx

LOCALE_DATES = frozenset({*range(27, 37), *range(50, 59)})  # the Chinese locale's date formats
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_EPOCHS = {False: datetime(1899, 12, 30), True: datetime(1904, 1, 1)}


def unescape(text: str) -> str:
    """Excel writes characters XML cannot hold as _xHHHH_ (and a literal _x as _x005F_x).

    A surrogate pair written as two escapes becomes its one character; a lone surrogate stays,
    for the row reader to name."""
    if "_x" not in text:
        return text
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text


class XlsxFile:
    """The sheets of an .xlsx file; a sheet's cells are read when it is first asked for."""

    kind = "xlsx"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = Parts(path)
        self.budget = Budget(path)
        self._sheets: dict[str, Sheet] = {}
        self._strings: list[str] | None = None
        targets = self.zip.relations("xl/_rels/workbook.xml.rels")
        self.date1904 = False
        self.parts: dict[str, str] = {}
        for element in self.zip.elements("xl/workbook.xml", ("workbookPr", "sheet")):
            if local(element.tag) == "workbookPr":
                self.date1904 = element.get("date1904") in ("1", "true")
            elif element.get(_REL) in targets:
                if len(self.parts) >= limits.MAX_SHEETS:
                    raise limits.over("MAX_SHEETS", path)
                self.parts.setdefault(element.get("name") or "", targets[element.get(_REL) or ""])
        self.sheetnames = list(self.parts)
        kinds = {t.rsplit("/", 1)[-1]: t for t in targets.values()}
        self._shared = next((t for t in targets.values() if t.endswith("sharedStrings.xml")), None)
        self._dates = self._date_styles(kinds.get("styles.xml"))

    def close(self) -> None:
        self.zip.close()

    def __getitem__(self, name: str) -> Sheet:
        if name not in self._sheets:
            self._sheets[name] = self._read_sheet(name, self.parts[name])
        return self._sheets[name]

    def _date_styles(self, part: str | None) -> frozenset[int]:
        """The indexes of cell formats whose number format is a date."""
        if part is None or part not in self.zip.names:
            return frozenset()
        formats = dict(BUILTIN_FORMATS)
        pending: list[int] = []  # the number formats of the xf elements of the list being read
        cell_xfs: list[int] = []
        tags = ("numFmt", "xf", "cellXfs", "cellStyleXfs")
        for count, element in enumerate(self.zip.elements(part, tags)):
            if count >= limits.MAX_STYLES:
                raise limits.over("MAX_STYLES", self.path, part)
            tag = local(element.tag)
            if tag == "numFmt":
                formats[_number(element.get("numFmtId"), -1)] = element.get("formatCode") or ""
            elif tag == "xf":
                pending.append(_number(element.get("numFmtId"), 0))
            else:  # the end of a list of formats: cellXfs are the cells' own
                cell_xfs, pending = (pending if tag == "cellXfs" else cell_xfs), []
        return frozenset(
            index
            for index, number in enumerate(cell_xfs)
            if number in LOCALE_DATES or is_date_format(formats.get(number, ""))
        )

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self._shared and self._shared in self.zip.names:
                target = StringsTarget(self.path, self._shared, unescape)
                self.zip.parse(self._shared, target)
                self._strings = target.strings
        return self._strings

    # --- a sheet -------------------------------------------------------------------------------

    def _read_sheet(self, name: str, part: str) -> Sheet:
        sheet = Sheet(name, budget=self.budget)
        target = SheetTarget(sheet, self.path, part, self._value, self._row_number)
        target.column = self._column
        self.zip.parse(part, target)
        return sheet

    def _row_number(self, text: str | None, default: int) -> int:
        return _int(text, default, self.path)

    def _column(self, ref: str | None, col: int) -> int:
        """A cell's column: from its reference (B12), else the one after the cell before."""
        if not ref:
            return col + 1
        found = _CELL_REF.fullmatch(ref)
        if found is None or column_index(found[1]) > 16384:
            raise not_xlsx(self.path, f"单元格 {ref[:20]} 的位置不正确")
        return column_index(found[1])

    def _value(self, attrib: dict[str, str], text: str | None, inline: str | None) -> Any:
        """A cell's value from its type (t), style (s), <v> text and inline string."""
        kind = attrib.get("t") or "n"
        if kind == "inlineStr":
            return unescape(inline) if inline is not None else None
        if text is None:
            return None
        if kind == "s":
            strings = self._shared_strings()
            index = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else -1
            return strings[index] if 0 <= index < len(strings) else None
        if kind in ("str", "e"):
            return None if kind == "e" else unescape(text)
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            return _iso_datetime(text)
        try:
            number = float(text)
        except ValueError:
            return text
        if not math.isfinite(number):
            return text.strip()
        if _number(attrib.get("s"), 0) in self._dates:
            moment = _serial_date(number, self.date1904)
            if moment is not None:
                return moment
        return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _serial_date(number: float, date1904: bool) -> datetime | None:
    """The moment of a date serial, or None outside the years 1900-9999."""
    try:
        moment = _EPOCHS[date1904] + timedelta(days=number)
    except OverflowError:
        return None
    return moment if 1900 <= moment.year <= 9999 and number >= 0 else None


def _number(text: str | None, default: int) -> int:
    """A whole number an attribute holds, or ``default`` when it holds something else."""
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else default


def _int(text: str | None, default: int, path: Path) -> int:
    if text is None:
        return default
    if (
        not (text.isascii() and text.isdigit() and len(text) < 10)
        or not 1 <= int(text) <= 1_048_576
    ):
        raise not_xlsx(path, f"行号 {text[:20]} 不正确")
    return int(text)


def _iso_datetime(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return text
