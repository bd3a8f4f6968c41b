"""The two large parts of an .xlsx, read as they are parsed: a worksheet's cells and the shared
strings. No element tree is built: the parser calls ``start``, ``data`` and ``end``, and only the
text of the cell or string item being read is held, so memory follows the cells kept; a cell or
string item may hold at most ``MAX_ITEM`` elements. A cell's value is made by the workbook
(``XlsxFile.value``), which knows the shared strings, the date formats and the date system.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from . import limits
from .grid import Sheet


@cache  # a part has a few distinct tags, each met a million times
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Texts:
    """The text of the <t> and <v> elements of one item, without phonetic runs (<rPh>)."""

    def __init__(self, file: Path, part: str) -> None:
        self.file, self.part = file, part
        self.open = False  # inside the item
        self.capture: list[str] | None = None
        self.texts: list[str] = []
        self.value: str | None = None  # a cell's <v>
        self.phonetic = 0
        self.count = 0

    def begin(self) -> None:
        self.open, self.capture, self.texts, self.value, self.phonetic, self.count = (
            True, None, [], None, 0, 0,
        )  # fmt: skip

    def start(self, name: str) -> None:
        self.count += 1
        if self.count > limits.MAX_ITEM:
            raise limits.over("MAX_ITEM", self.file, self.part)
        if name == "rPh":
            self.phonetic += 1
        elif name in ("t", "v") and not self.phonetic:
            self.capture = []

    def data(self, text: str) -> None:
        if self.capture is not None:
            self.capture.append(text)

    def end(self, name: str) -> None:
        if name == "rPh":
            self.phonetic -= 1
        elif name in ("t", "v") and self.capture is not None:
            text = "".join(self.capture)
            if name == "v":
                self.value = text
            else:
                self.texts.append(text)
            self.capture = None


class SheetTarget:
    """Fills a ``Sheet`` row by row; ``value`` makes a cell's value from its attributes, its
    <v> text and its inline text (or None)."""

    def __init__(
        self,
        sheet: Sheet,
        file: Path,
        part: str,
        value: Callable[[dict[str, str], str | None, str | None], Any],
        row_number: Callable[[str | None, int], int],
    ) -> None:
        self.sheet, self.file, self.value, self.row_number = sheet, file, value, row_number
        self.item = _Texts(file, part)
        self.attrib: dict[str, str] = {}
        self.row_attr: str | None = None
        self.number, self.col = 0, 0
        self.values: dict[int, Any] = {}
        self.ranges: list[str] = []
        self.column: Callable[[str | None, int], int] = lambda ref, col: col + 1

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.item.open:
            self.item.start(_local(tag))
            return
        name = _local(tag)
        if name == "c":
            self.item.begin()
            self.attrib = attrib
        elif name == "row":
            self.row_attr = attrib.get("r")
        elif name == "mergeCell":
            if len(self.ranges) >= limits.MAX_MERGED:
                raise limits.over("MAX_MERGED", self.file, f"工作表“{self.sheet.name}”")
            self.ranges.append(attrib.get("ref") or "")

    def data(self, text: str) -> None:
        if self.item.open:
            self.item.data(text)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "c" and self.item.open:
            self.item.open = False
            self.col = self.column(self.attrib.get("r"), self.col)
            inline = "".join(self.item.texts) if self.attrib.get("t") == "inlineStr" else None
            value = self.value(self.attrib, self.item.value, inline)
            if value is not None and value != "":
                self.values[self.col] = value
        elif self.item.open:
            self.item.end(name)
        elif name == "row":
            self.number = self.row_number(self.row_attr, self.number + 1)
            self.sheet.put_row(self.number, self.values)
            self.values, self.col, self.row_attr = {}, 0, None

    def close(self) -> None:
        self.sheet.merge(self.ranges)


class StringsTarget:
    """Collects the shared strings, each the text of its <si>, within the caps."""

    def __init__(self, file: Path, part: str, unescape: Callable[[str], str]) -> None:
        self.file, self.unescape = file, unescape
        self.item = _Texts(file, part)
        self.strings: list[str] = []
        self.chars = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = _local(tag)
        if self.item.open:
            self.item.start(name)
        elif name == "si":
            self.item.begin()

    def data(self, text: str) -> None:
        if self.item.open:
            self.item.data(text)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "si" and self.item.open:
            self.item.open = False
            text = self.unescape("".join(self.item.texts))
            self.chars += len(text)
            if len(self.strings) >= limits.MAX_STRINGS:
                raise limits.over("MAX_STRINGS", self.file)
            if self.chars > limits.MAX_STRING_CHARS:
                raise limits.over("MAX_STRING_CHARS", self.file)
            self.strings.append(text)
        elif self.item.open:
            self.item.end(name)

    def close(self) -> None:
        pass
