"""A sheet of the work beside cases as plain data: a title, headings, widths and rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LINE = "\n"


@dataclass
class DutySheet:
    title: str  # the sheet's name
    heading: str  # the title row above the table
    headers: list[str]
    widths: list[int]
    rows: list[list[Any]] = field(default_factory=list)
    marked: list[bool] = field(default_factory=list)  # rows to show in light red


def columns(spec: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return [h for h, _ in spec], [w for _, w in spec]
