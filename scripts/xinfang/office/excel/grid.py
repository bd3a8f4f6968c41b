"""A worksheet's values as the import reads them: sparse rows, merged ranges filled in."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from openpyxl.utils.cell import range_boundaries

from ...errors import XinfangError

MAX_COLS = 256  # columns read (a ledger has a few dozen)
MAX_MERGED = 1_000_000  # cells covered by merged ranges, within the used range


@dataclass
class Sheet:
    """A worksheet's values by row and column (1-based), merged ranges filled from the top-left."""

    name: str
    cells: dict[int, dict[int, Any]] = field(default_factory=dict)
    merged: dict[tuple[int, int], Any] = field(default_factory=dict)
    ignored: int = 0  # non-empty cells right of MAX_COLS

    @property
    def rows(self) -> int:
        return self.max_row

    @property
    def cols(self) -> int:
        return min(self.max_column, MAX_COLS)

    @cached_property  # the cells do not change once read
    def max_row(self) -> int:
        return max(self.cells, default=0)

    @cached_property
    def max_column(self) -> int:
        return max((max(row) for row in self.cells.values() if row), default=0)

    def value(self, row: int, col: int) -> Any:
        found = self.merged.get((row, col))
        if found is not None:
            return found
        return self.cells.get(row, {}).get(col)

    def row_numbers(self, after: int = 0) -> list[int]:
        """The rows below ``after`` that hold anything, in order."""
        rows = {r for r in self.cells if r > after} | {r for r, _ in self.merged if r > after}
        return sorted(rows)

    def merge(self, ranges: list[str]) -> None:
        """Fill each merged range (within the used range) with its top-left value."""
        sheet = self
        last_row, last_col = sheet.max_row, min(sheet.max_column, MAX_COLS)
        covered = 0
        for ref in ranges:
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except (ValueError, TypeError):
                continue
            if min_col is None or min_row is None or max_col is None or max_row is None:
                continue
            top_left = sheet.cells.get(min_row, {}).get(min_col)
            if top_left is None:
                continue
            rows = range(min_row, min(max_row, last_row) + 1)
            cols = range(min_col, min(max_col, last_col) + 1)
            covered += len(rows) * len(cols)
            if covered > MAX_MERGED:
                raise XinfangError(
                    f"工作表“{sheet.name}”的合并单元格太多，超过了导入的上限：请取消合并后再导入。"
                )
            for r in rows:
                for col in cols:
                    sheet.merged[(r, col)] = top_left
