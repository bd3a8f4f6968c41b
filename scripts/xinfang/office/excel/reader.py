"""Reading an .xlsx workbook for the import: cell values only, safely and in bounded memory.

A workbook is a zip of XML parts; a hostile or broken one must end in a Chinese message, never a
traceback or a blow-up. So: every part is parsed with defusedxml, with DTDs refused (no entities,
external or nested: no billion laughs); a part whose decompressed size is over ``MAX_PART`` (or
all parts read together over ``MAX_TOTAL``) is refused; cells are kept sparsely, by row, so one
cell at row 1,048,576 costs one cell; at most ``MAX_ROWS`` rows with content and the first
``MAX_COLS`` columns are read, and merged ranges are expanded only within the used range.
Values are what Excel shows as data: text, numbers, 是/否 booleans, and dates for numbers whose
format is a date.
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string as column_index

from ...errors import XinfangError
from .grid import MAX_COLS, Sheet

MAX_PART = 100 * 2**20  # decompressed bytes of one XML part
MAX_TOTAL = 300 * 2**20  # decompressed bytes of all the parts read
MAX_ROWS = 100_000  # rows with content in one sheet
LOCALE_DATES = frozenset({*range(27, 37), *range(50, 59)})  # the Chinese locale's date formats
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _unescape(text: str) -> str:
    """Excel writes characters XML cannot hold as _xHHHH_ (and a literal _x as _x005F_x)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _text(element: Element) -> str:
    """The text of a string item: its t elements, without phonetic runs (rPh)."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts += [t.text or "" for t in child if _local(t.tag) == "t"]
    return _unescape("".join(parts))


class XlsxFile:
    """The sheets of an .xlsx file; a sheet's cells are read when it is first asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as err:
            raise _not_xlsx(path, err) from err
        self.read_bytes = 0
        self._sheets: dict[str, Sheet] = {}
        self._strings: list[str] | None = None
        targets = self._relations("xl/_rels/workbook.xml.rels")
        book = self._root("xl/workbook.xml")
        self.date1904 = any(
            _local(e.tag) == "workbookPr" and e.get("date1904") in ("1", "true") for e in book
        )
        self.parts: dict[str, str] = {}
        for element in book.iter():
            if _local(element.tag) == "sheet" and element.get(_REL) in targets:
                self.parts[element.get("name") or ""] = targets[element.get(_REL) or ""]
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

    # --- parts ---------------------------------------------------------------------------------

    def _open(self, part: str) -> IO[bytes]:
        try:
            info = self.zip.getinfo(part)
        except KeyError as err:
            raise _not_xlsx(self.path, f"缺少 {part}") from err
        self.read_bytes += info.file_size
        if info.file_size > MAX_PART or self.read_bytes > MAX_TOTAL:
            raise XinfangError(
                f"无法读取 {self.path.name}：其中的 {part} 解压后有 {_size(info.file_size)}，"
                f"超过了导入的上限（单个部件 {_size(MAX_PART)}，合计 {_size(MAX_TOTAL)}）："
                f"请确认这是台账文件；台账很大时请分成几个工作簿导入。"
            )
        return self.zip.open(info)

    def _events(self, part: str) -> Iterator[Element]:
        """Each element of a part as it ends, parsed safely (no DTD, no entities)."""
        try:
            with self._open(part) as stream:
                for _, element in SafeTree.iterparse(stream, events=("end",), forbid_dtd=True):
                    yield element
        except (ParseError, DefusedXmlException) as err:
            raise XinfangError(
                f"无法读取 {self.path.name}：其中的 {part} 不是正常的表格数据（{_reason(err)}）："
                f"文件可能已损坏或被改动过；请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入。"
            ) from err
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as err:
            raise _not_xlsx(self.path, err) from err

    def _root(self, part: str) -> Element:
        last = None
        for element in self._events(part):
            last = element
        if last is None:
            raise _not_xlsx(self.path, f"{part} 是空的")
        return last

    def _relations(self, part: str) -> dict[str, str]:
        out = {}
        for element in self._root(part):
            target = element.get("Target") or ""
            if target.startswith("/"):
                target = target[1:]
            elif not target.startswith("xl/"):
                target = "xl/" + target
            out[element.get("Id") or ""] = target
        return out

    def _date_styles(self, part: str | None) -> frozenset[int]:
        """The indexes of cell formats whose number format is a date."""
        if part is None or part not in self.zip.namelist():
            return frozenset()
        root = self._root(part)
        formats = {k: v for k, v in BUILTIN_FORMATS.items()}
        found = set()
        for element in root.iter():
            if _local(element.tag) == "numFmt":
                formats[_number(element.get("numFmtId"), -1)] = element.get("formatCode") or ""
        xfs = next((e for e in root if _local(e.tag) == "cellXfs"), None)
        for index, xf in enumerate(xfs if xfs is not None else []):
            number = _number(xf.get("numFmtId"), 0)
            if number in LOCALE_DATES or is_date_format(formats.get(number, "")):
                found.add(index)
        return frozenset(found)

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self._shared and self._shared in self.zip.namelist():
                for element in self._events(self._shared):
                    if _local(element.tag) == "si":
                        self._strings.append(_text(element))
                        element.clear()
        return self._strings

    # --- a sheet -------------------------------------------------------------------------------

    def _read_sheet(self, name: str, part: str) -> Sheet:
        sheet = Sheet(name)
        row_number = 0
        ranges: list[str] = []
        for element in self._events(part):
            tag = _local(element.tag)
            if tag == "row":
                row_number = _int(element.get("r"), row_number + 1, self.path)
                self._read_row(sheet, element, row_number)
                element.clear()
            elif tag == "mergeCell":
                ranges.append(element.get("ref") or "")
        sheet.merge(ranges)
        return sheet

    def _read_row(self, sheet: Sheet, row: Element, number: int) -> None:
        col = 0
        values: dict[int, Any] = {}
        for c in row:
            if _local(c.tag) != "c":
                continue
            ref = c.get("r")
            found = _CELL_REF.fullmatch(ref) if ref else None
            if ref and (found is None or column_index(found[1]) > 16384):
                raise _not_xlsx(self.path, f"单元格 {ref[:20]} 的位置不正确")
            col = column_index(found[1]) if found else col + 1
            value = self._value(c)
            if value is None or value == "":
                continue
            if col > MAX_COLS:
                sheet.ignored += 1
                continue
            values[col] = value
        if values:
            if len(sheet.cells) >= MAX_ROWS:
                raise XinfangError(
                    f"工作表“{sheet.name}”有内容的行超过 {MAX_ROWS} 行，超过了导入的上限："
                    f"请分成几个工作簿导入。"
                )
            sheet.cells[number] = values

    def _value(self, c: Element) -> Any:
        kind = c.get("t") or "n"
        v = next((e for e in c if _local(e.tag) == "v"), None)
        if kind == "inlineStr":
            box = next((e for e in c if _local(e.tag) == "is"), None)
            return _text(box) if box is not None else None
        if v is None or v.text is None:
            return None
        text = v.text
        if kind == "s":
            strings = self._shared_strings()
            index = int(text) if text.isascii() and text.isdigit() else -1
            return strings[index] if 0 <= index < len(strings) else None
        if kind in ("str", "e"):
            return None if kind == "e" else _unescape(text)
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            return _iso_datetime(text)
        try:
            number = float(text)
        except ValueError:
            return text
        if _number(c.get("s"), 0) in self._dates and 0 <= number < 2958466:
            epoch = datetime(1904, 1, 1) if self.date1904 else datetime(1899, 12, 30)
            return epoch + timedelta(days=number)
        if not math.isfinite(number):
            return text
        return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _size(count: int) -> str:
    return f"{count / 2**20:.0f} MB" if count >= 2**20 else f"{count / 2**10:.1f} KB"


def _number(text: str | None, default: int) -> int:
    """A whole number an attribute holds, or ``default`` when it holds something else."""
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else default


def _int(text: str | None, default: int, path: Path) -> int:
    if text is None:
        return default
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 1_048_576:
        raise _not_xlsx(path, f"行号 {text[:20]} 不正确")
    return int(text)


def _iso_datetime(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return text


def _reason(err: Exception) -> str:
    if isinstance(err, DefusedXmlException):
        return "含有 DTD 或实体声明，出于安全考虑不予读取"
    return f"XML 格式错误：{err}"


def _not_xlsx(path: Path, err: object) -> XinfangError:
    return XinfangError(
        f"无法读取 {path.name}（{err}）：只支持 .xlsx 格式；.xls 或 .et 文件请先用 Excel 或 WPS "
        f"“另存为” .xlsx 再导入。"
    )
