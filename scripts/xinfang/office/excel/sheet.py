"""Reading a worksheet as a county ledger: merged cells, the header row, the mapping file."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...errors import XinfangError
from ...records.loader import load_file
from .columns import COLUMNS, IGNORED, normalize_header

HEADER_SCAN_ROWS = 10
IGNORE = "ignore"
MAPPING_KEYS = ("columns", "units", "categories", "statuses")


@dataclass
class Mapping:
    """The mapping file: headings to record keys, and names to codes."""

    columns: dict[str, str] = field(default_factory=dict)  # normalized heading → key or ignore
    units: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)


def load_mapping(path: Path | None) -> Mapping:
    if path is None:
        return Mapping()
    if not path.is_file():
        raise XinfangError(f"找不到对应文件 {path}：请检查 --mapping 的路径。")
    loaded = load_file(path, path.parent)
    if loaded.data is None:
        details = "；".join(f"第 {f.line} 行：{f.message}" for f in loaded.findings)
        raise XinfangError(f"对应文件 {path} 无法读取：{details}")
    data = loaded.data
    keys = {c.key for c in COLUMNS} | {IGNORE}
    if not isinstance(data, dict) or set(data) - set(MAPPING_KEYS):
        raise XinfangError(
            f"对应文件 {path} 只能有 {'、'.join(MAPPING_KEYS)} 几项，每项是“名称: 值”的映射。"
        )
    out = Mapping()
    for part in MAPPING_KEYS:
        table = data.get(part) or {}
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise XinfangError(f"对应文件 {path} 的 {part} 应是“名称: 值”的映射，值为文字。")
        if part == "columns":
            wrong = [v for v in table.values() if v not in keys]
            if wrong:
                raise XinfangError(
                    f"对应文件 {path} 的 columns 中 {'、'.join(wrong)} 不是可导入的字段："
                    f"可用的有 {'、'.join(sorted(keys))}。"
                )
            out.columns = {normalize_header(k): v for k, v in table.items()}
        else:
            setattr(out, part, {str(k).strip(): v for k, v in table.items()})
    return out


def open_workbook(path: Path) -> Workbook:
    if not path.is_file():
        raise XinfangError(f"找不到文件 {path}：请检查路径。")
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise XinfangError(
            f"无法读取 {path.name}（{err}）：只支持 .xlsx 格式；.xls 或 .et 文件请先用 Excel 或 WPS "
            f"“另存为” .xlsx 再导入。"
        ) from err


class Grid:
    """A worksheet's values, with every cell of a merged range holding the top-left value."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.merged: dict[tuple[int, int], Any] = {}
        for merged in ws.merged_cells.ranges:
            top_left = ws.cell(merged.min_row, merged.min_col).value
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    self.merged[(row, col)] = top_left

    @property
    def rows(self) -> int:
        return self.ws.max_row

    @property
    def cols(self) -> int:
        return self.ws.max_column

    def value(self, row: int, col: int) -> Any:
        if (row, col) in self.merged:
            return self.merged[(row, col)]
        return self.ws.cell(row, col).value


@dataclass
class Header:
    row: int
    keys: dict[int, tuple[str, str]]  # column number → (key, heading as written)
    notes: list[str]


def _known(mapping: Mapping) -> dict[str, str]:
    known = {}
    for column in COLUMNS:
        for name in (column.header, *column.variants):
            known[normalize_header(name)] = column.key
    known.update(dict.fromkeys((normalize_header(n) for n in IGNORED), IGNORE))
    known.update(mapping.columns)
    return known


def find_header(grid: Grid, mapping: Mapping) -> Header | None:
    """The row among the first ten whose cells are most often known headings (at least two)."""
    known = _known(mapping)
    best: tuple[int, int] = (0, 0)
    for row in range(1, min(grid.rows, HEADER_SCAN_ROWS) + 1):
        seen = {normalize_header(grid.value(row, c)) for c in range(1, grid.cols + 1)}
        hits = sum(1 for s in seen if s in known and known[s] != IGNORE)
        if hits > best[1]:
            best = (row, hits)
    if best[1] < 2:
        return None
    row = best[0]
    keys: dict[int, tuple[str, str]] = {}
    notes: list[str] = []
    taken: dict[str, str] = {}
    for col in range(1, grid.cols + 1):
        raw = grid.value(row, col)
        text = normalize_header(raw)
        if not text or (col > 1 and raw is grid.value(row, col - 1) and (row, col) in grid.merged):
            continue
        key = known.get(text)
        heading = str(raw).strip()
        if key is None:
            notes.append(
                f"列“{heading}”无法识别，已忽略：如需导入，请在 --mapping 文件的 columns 中写明它对应的字段。"
            )
        elif key != IGNORE and key in taken:
            notes.append(f"列“{heading}”与列“{taken[key]}”是同一项，只导入前一列。")
        elif key != IGNORE:
            keys[col] = (key, heading)
            taken[key] = heading
    return Header(row, keys, notes)
