"""A worksheet's values as the import reads them: sparse rows, merged ranges filled in.

Every reader (.xlsx, .xls, CSV) fills a :class:`Sheet` through :meth:`Sheet.put_row`, which keeps
the first ``MAX_COLS`` columns, counts the cells kept against the workbook's ``Budget`` and the
rows against ``MAX_ROWS``, so that memory follows the cells kept whatever the file's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries

from . import limits
from .limits import MAX_COLS

__all__ = ["MAX_COLS", "Budget", "Sheet"]


@dataclass
class Budget:
    """The cells kept so far in one workbook, against ``limits.MAX_CELLS``."""

    file: Path
    cells: int = 0

    def spend(self, count: int, sheet: str) -> None:
        self.cells += count
        if self.cells > limits.MAX_CELLS:
            raise limits.over("MAX_CELLS", self.file, f"工作表“{sheet}”")


@dataclass
class Sheet:
    """A worksheet's values by row and column (1-based), merged ranges filled from the top-left."""

    name: str
    cells: dict[int, dict[int, Any]] = field(default_factory=dict)
    merged: dict[tuple[int, int], Any] = field(default_factory=dict)
    ignored: int = 0  # non-empty cells right of MAX_COLS
    budget: Budget | None = None

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

    def put_row(self, number: int, values: dict[int, Any]) -> None:
        """Keep one row's non-empty values (column → value), within the caps."""
        kept = {c: v for c, v in values.items() if c <= MAX_COLS}
        self.ignored += len(values) - len(kept)
        if not kept:
            return
        if number not in self.cells and len(self.cells) >= limits.MAX_ROWS:
            file = self.budget.file if self.budget else Path(self.name)
            raise limits.over("MAX_ROWS", file, f"工作表“{self.name}”")
        if self.budget is not None:
            self.budget.spend(len(kept), self.name)
        self.cells.setdefault(number, {}).update(kept)

    def value(self, row: int, col: int) -> Any:
        found = self.merged.get((row, col))
        if found is not None:
            return found
        return self.cells.get(row, {}).get(col)

    def row_numbers(self, after: int = 0) -> list[int]:
        """The rows below ``after`` that hold anything, in order."""
        rows = {r for r in self.cells if r > after} | {r for r, _ in self.merged if r > after}
        return sorted(rows)

    def merge(self, ranges: list[str] | list[tuple[int, int, int, int]]) -> None:
        """Fill each merged range (within the used range) with its top-left value; a range is
        ``A1:B2`` or (first row, last row, first column, last column), 1-based and inclusive."""
        last_row, last_col = self.max_row, min(self.max_column, MAX_COLS)
        covered = 0
        for ref in ranges:
            bounds = _bounds(ref)
            if bounds is None:
                continue
            min_row, max_row, min_col, max_col = bounds
            top_left = self.cells.get(min_row, {}).get(min_col)
            if top_left is None:
                continue
            rows = range(min_row, min(max_row, last_row) + 1)
            cols = range(min_col, min(max_col, last_col) + 1)
            covered += len(rows) * len(cols)
            if covered > limits.MAX_MERGED:
                file = self.budget.file if self.budget else Path(self.name)
                raise limits.over("MAX_MERGED", file, f"工作表“{self.name}”")
            for r in rows:
                for col in cols:
                    self.merged[(r, col)] = top_left


def _bounds(ref: str | tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    if isinstance(ref, tuple):
        return ref
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if min_col is None or min_row is None or max_col is None or max_row is None:
        return None
    return min_row, max_row, min_col, max_col
