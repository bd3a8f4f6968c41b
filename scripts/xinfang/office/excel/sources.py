"""The files a ledger comes in: .xlsx, Excel 97-2003 .xls and CSV, told apart by their content.

Each is opened as a workbook of sheets with the same few members (``Workbook``): the sheet names,
a sheet's values (``grid.Sheet``) when asked for, and ``close``. The content decides the reader,
not the name: a county PC may well save an .xls under a .xlsx name. An encrypted .xlsx is an
OLE2 container like an .xls, and is refused with the advice to remove the password.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ...errors import XinfangError
from .csv_reader import CsvFile
from .grid import Sheet
from .reader import XlsxFile
from .xls_reader import XlsFile

ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


class Workbook(Protocol):
    path: Path
    kind: str
    sheetnames: list[str]

    def __getitem__(self, name: str) -> Sheet: ...

    def close(self) -> None: ...


def open_ledger(path: Path) -> Workbook:
    """The workbook in ``path``, by what its first bytes say it is."""
    if not path.is_file():
        raise XinfangError(f"找不到文件 {path}：请检查路径。")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as err:
        raise XinfangError(f"无法读取 {path}（{err.strerror}）：请检查文件权限。") from err
    if head.startswith(ZIP):
        return XlsxFile(path)
    if head.startswith(OLE2[:4]):
        return XlsFile(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return CsvFile(path)
    raise XinfangError(
        f"无法读取 {path.name}：既不是 Excel 工作簿（.xlsx、.xls），也不是 .csv 文件："
        f"请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入。"
    )
