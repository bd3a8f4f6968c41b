"""The data sheet of a ``--full`` export, 数据（勿改）: each full record as JSON, and the rows
added to the visible ledger beside it.

Each record is read back as it was written. A cell that is not JSON, JSON nested too deep for
the reader, a number too long to read, or text holding characters a record may not hold is
named on its row: the sheet was changed. Rows typed into the visible 全部案件 sheet that are
not in the data sheet (no id, or an id the data sheet does not hold) are read as a county
ledger's rows: they are imported or named, never dropped because the data sheet wins.
"""

from __future__ import annotations

import json
from typing import Any

from ...errors import XinfangError
from ...records.characters import VALUE_BAD, describe
from .columns import DATA_HEADERS, DATA_SHEET
from .sheet import Grid, Header

DataRow = tuple[int, dict[str, Any] | None, str]  # (row, record or None, reason)
MAX_TEXT = 5_000_000  # characters of one record's JSON


def data_rows(grid: Grid) -> list[DataRow]:
    """(row, record or None, reason) for each row of the 数据（勿改） sheet."""
    start = next((r for r in range(1, 11) if grid.value(r, 1) == DATA_HEADERS[0]), None)
    if start is None:
        raise XinfangError(
            f"工作表“{DATA_SHEET}”没有表头“{DATA_HEADERS[0]}”：它被改动过，请重新导出。"
        )
    out: list[DataRow] = []
    for row in grid.row_numbers(after=start):
        parts = [grid.value(row, c) for c in range(2, grid.cols + 1)]
        text = "".join(str(p) for p in parts if p is not None)
        if not text.strip():
            continue
        record, reason = _record(text)
        out.append((row, record, reason))
    return out


def _record(text: str) -> tuple[dict[str, Any] | None, str]:
    changed = "本表被改动过：请重新导出，或删除本表后按台账导入"
    if len(text) > MAX_TEXT:
        return None, f"记录太长（{len(text):,} 个字符），{changed}"
    try:
        record = json.loads(text)
    except RecursionError:
        return None, f"记录嵌套过深，无法解析，{changed}"
    except json.JSONDecodeError:
        return None, f"记录无法解析，{changed}"
    except ValueError:  # a whole number beyond Python's digit limit
        return None, f"记录中的数字过长，无法解析，{changed}"
    if not isinstance(record, dict):
        return None, "记录不是完整的案件：请重新导出"
    # A bad character in the record is in the text as it is, or came from an escape (\u0001):
    # only then is every string of the record searched.
    suspect = "\\u" in text or "\\r" in text or VALUE_BAD.search(text) is not None
    bad = _bad_text(record) if suspect else None
    if bad:
        return None, f"记录中含有无法保存的字符（{describe(bad)}），{changed}"
    return record, ""


def _bad_text(record: Any) -> str | None:
    """The first character a record may not hold, in any key or text, found without recursion."""
    stack = [record]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack += list(value.keys()) + list(value.values())
        elif isinstance(value, list):
            stack += value
        elif isinstance(value, str):
            found = VALUE_BAD.search(value.replace("\r\n", "\n"))
            if found:
                return found.group()
    return None


def added_rows(ledger: Grid, header: Header, ids: set[str]) -> list[int]:
    """The rows of the visible ledger whose case is not in the data sheet."""
    id_col = next((col for col, (key, _) in header.keys.items() if key == "id"), None)
    out = []
    for row in ledger.row_numbers(after=header.row):
        filled = [ledger.value(row, col) for col in header.keys]
        if sum(v is not None and str(v).strip() != "" for v in filled) < 2:
            continue
        value = ledger.value(row, id_col) if id_col else None
        if value is None or str(value).strip() not in ids:
            out.append(row)
    return out
