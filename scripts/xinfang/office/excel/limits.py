"""The import's caps: what a workbook may hold before it is refused, and the message that says so.

Memory stays proportional to the cells the import keeps, whatever the file claims: every part
is streamed and each element dropped once read, and each count that could grow without bound
(shared strings and their characters, cell formats, stored cells, sheets, merged cells) has a
cap checked as it is counted, before anything is expanded. The message names the cap that was
met, so that the office knows what to split or clean. The reader reads each cap from this module
when it counts, so tests can lower one.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import XinfangError

MAX_FILE = 200 * 2**20  # bytes of an .xls or CSV file (read whole by its reader)
MAX_PART = 100 * 2**20  # decompressed bytes of one XML part of an .xlsx
MAX_TOTAL = 300 * 2**20  # decompressed bytes of all the parts read
MAX_SHEETS = 1_000  # worksheets in one workbook
MAX_ROWS = 100_000  # rows with content in one sheet
MAX_CELLS = 3_000_000  # cells with a value kept, all sheets together
MAX_STRINGS = 1_000_000  # shared strings
MAX_STRING_CHARS = 30_000_000  # characters of all shared strings together
MAX_STYLES = 65_000  # cell formats and number formats (Excel's own limit is 64,000)
MAX_ITEM = 10_000  # XML elements inside one cell or one shared string (its runs and texts)
MAX_COLS = 256  # columns read (a ledger has a few dozen)
MAX_MERGED = 1_000_000  # cells covered by merged ranges, within the used range

#: What each cap counts, as the message names it.
WHAT = {
    "MAX_SHEETS": "工作表",
    "MAX_ROWS": "有内容的行",
    "MAX_CELLS": "有内容的单元格",
    "MAX_STRINGS": "共享字符串（不同的文字）",
    "MAX_STRING_CHARS": "共享字符串的总字数",
    "MAX_STYLES": "单元格格式",
    "MAX_MERGED": "合并单元格覆盖的单元格",
    "MAX_ITEM": "一个单元格或一条文字中的 XML 元素",
}


def over(cap: str, file: Path, where: str = "") -> XinfangError:
    """The message for a cap met while reading ``file`` (``where``: the sheet or part)."""
    limit = globals()[cap]
    inside = f"的{where}" if where else ""
    return XinfangError(
        f"无法导入 {file.name}：其中{inside}{WHAT[cap]}超过 {limit:,} 个，达到了导入的上限"
        f"（{cap}）：请确认这是台账文件；台账确实很大时，请分成几个工作簿，或删去多余的格式和空行后再导入。"
    )


def size(count: int) -> str:
    return f"{count / 2**20:.0f} MB" if count >= 2**20 else f"{count / 2**10:.1f} KB"
