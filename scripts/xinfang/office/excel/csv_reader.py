"""Reading a CSV ledger for the import: the encodings county PCs save in, any usual separator.

Excel and WPS on a Chinese Windows save "CSV (逗号分隔)" in GBK; newer ones offer UTF-8, with or
without a byte-order mark, and "Unicode 文本" is UTF-16 with tabs. The text is decoded as UTF-8
when it is valid UTF-8 (a BOM says so), else as GB18030 (which holds all of GBK); a file valid in
neither is refused rather than read with characters replaced. The separator is the one of ``,``,
tab and ``;`` that the first lines hold most often. The file is one sheet named after it.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from ...errors import XinfangError
from . import limits
from .grid import Budget, Sheet

SEPARATORS = (",", "\t", ";")
MAX_FIELD = 1_000_000  # characters in one cell


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding."""
    for bom, name in ((codecs.BOM_UTF8, "UTF-8"), (codecs.BOM_UTF16_LE, "UTF-16"),
                      (codecs.BOM_UTF16_BE, "UTF-16")):  # fmt: skip
        if data.startswith(bom):
            try:
                return data.decode("utf-8-sig" if name == "UTF-8" else "utf-16"), name
            except UnicodeDecodeError as err:
                raise _undecodable(path, name, err) from err
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError as err:
        raise _undecodable(path, "GBK", err) from err


def _undecodable(path: Path, name: str, err: UnicodeDecodeError) -> XinfangError:
    return XinfangError(
        f"无法读取 {path.name}：第 {err.start + 1} 个字节起的内容既不是 UTF-8 也不是 GBK 编码的文字"
        f"（按 {name} 读取失败）：请在 Excel 或 WPS 中打开后“另存为” .xlsx 或“CSV UTF-8”再导入。"
    )


def separator(text: str) -> str:
    lines = [line for line in text[:65536].splitlines() if line.strip()][:20]
    counts = {sep: sum(line.count(sep) for line in lines) for sep in SEPARATORS}
    return max(SEPARATORS, key=lambda sep: counts[sep])


class CsvFile:
    """A CSV file as a workbook of one sheet."""

    kind = "csv"
    date1904 = False

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            length = path.stat().st_size
            if length > limits.MAX_FILE:
                raise XinfangError(
                    f"无法导入 {path.name}：文件有 {limits.size(length)}，超过了 CSV 导入的上限"
                    f"（{limits.size(limits.MAX_FILE)}）：请分成几个文件导入。"
                )
            data = path.read_bytes()
        except OSError as err:
            raise XinfangError(f"无法读取 {path.name}（{err.strerror}）：请检查文件。") from err
        self.text, self.encoding = decode(data, path)
        name = path.stem or "CSV"
        self.sheetnames = [name]
        self._sheet: Sheet | None = None

    def close(self) -> None:
        self.text = ""

    def __getitem__(self, name: str) -> Sheet:
        if self._sheet is None:
            self._sheet = self._read(name)
        return self._sheet

    def _read(self, name: str) -> Sheet:
        sheet = Sheet(name, budget=Budget(self.path))
        reader = csv.reader(
            io.StringIO(self.text, newline=""), delimiter=separator(self.text), strict=False
        )
        limit = csv.field_size_limit()
        csv.field_size_limit(MAX_FIELD)
        try:
            for number, row in enumerate(reader, start=1):
                values = {c: v for c, v in enumerate(row, start=1) if v.strip()}
                sheet.put_row(number, values)
        except csv.Error as err:
            raise XinfangError(
                f"无法读取 {self.path.name} 第 {reader.line_num} 行（{err}）：CSV 的引号或分隔符不成对；"
                f"请在 Excel 或 WPS 中打开后“另存为” .xlsx 再导入。"
            ) from err
        finally:
            csv.field_size_limit(limit)
        return sheet
