"""Reading a worksheet as a county ledger: the header row (or two), the mapping file.

The header is the row among the first ten, or two rows together (a group heading above its
sub-headings, with the rest merged down or left blank below), whose cells most often mean a
field (``headings.py``). A sheet is a ledger when at least two headings are known and one of
them names the petitioners or the problem: a count sheet (单位、件数) or a notes sheet is not.
Each heading's field is said when it was read by its roots; a heading two fields fit equally
well, or none, is named and left out. The ledger's own 填报时间 or 制表日期 line, above the
headings or at the foot, gives the year of dates written without one and a registration date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...errors import XinfangError
from ...records.loader import load_file
from .columns import COLUMNS, IGNORED, IMPORT_ONLY, normalize_header
from .dates import Calendar, read_date
from .grid import Sheet
from .headings import Meaning, meaning

Grid = Sheet  # a worksheet's values, merged ranges filled in

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
    keys = {c.key for c in (*COLUMNS, *IMPORT_ONLY)} | {IGNORE}
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
        else:  # a name left empty (as --write-mapping writes it) is not mapped yet
            setattr(out, part, {str(k).strip(): v.strip() for k, v in table.items() if v.strip()})
    return out


@dataclass
class Header:
    row: int  # the last heading row: data starts below it
    keys: dict[int, tuple[str, str]]  # column number → (key, heading as written)
    notes: list[str]
    asked: dict[str, str] = field(default_factory=dict)  # heading → the mapping file's hint


ALL_COLUMNS = (*COLUMNS, *IMPORT_ONLY)
ESSENTIAL = frozenset({"petitioners.name", "demand", "title"})


def _known(mapping: Mapping) -> dict[str, str]:
    known = {}
    for column in ALL_COLUMNS:
        for name in (column.header, *column.variants):
            known[normalize_header(name)] = column.key
    known.update(dict.fromkeys((normalize_header(n) for n in IGNORED), IGNORE))
    known.update(mapping.columns)
    return known


def title(key: str) -> str:
    return next(c.header for c in ALL_COLUMNS if c.key == key)


def suggest(text: str, found: Meaning | None = None) -> str:
    """The likeliest fields for a heading, as a mapping line's hint."""
    found = found or meaning(text, {})
    keys = found.tied or tuple(c.key for c in found.candidates[:2])
    if not keys:
        return IGNORE
    return " 或 ".join(f"{key}（{title(key)}）" for key in keys)


def _headings(grid: Grid, rows: tuple[int, ...]) -> dict[int, object]:
    """Each column's heading: the lowest of ``rows`` that holds one in that column."""
    out: dict[int, object] = {}
    for row in rows:
        for col in range(1, grid.cols + 1):
            value = grid.value(row, col)
            if value is not None and str(value).strip():
                out[col] = value
    return out


def _hits(headings: dict[int, object], known: dict[str, str]) -> set[str]:
    keys = (meaning(normalize_header(v), known).key for v in headings.values())
    return {key for key in keys if key is not None and key != IGNORE}


def find_header(grid: Grid, mapping: Mapping) -> Header | None:
    """The heading row (or pair of rows) among the first ten that names the most fields."""
    known = _known(mapping)
    best: tuple[int, tuple[int, ...], dict[int, object]] = (0, (), {})
    last = min(grid.rows, HEADER_SCAN_ROWS)
    for row in range(1, last + 1):
        for lower in (row, row + 1):  # the row alone, then with the row below it
            rows = tuple(range(row, lower + 1))
            headings = _headings(grid, rows)
            hits = len(_hits(headings, known))
            if hits > best[0]:
                best = (hits, rows, headings)
    hits, found, headings = best
    if hits < 2 or not _hits(headings, known) & ESSENTIAL:
        return None
    return _header(grid, found, headings, known)


def _header(
    grid: Grid, rows: tuple[int, ...], headings: dict[int, object], known: dict[str, str]
) -> Header:
    header = Header(rows[-1], {}, [])
    taken: dict[str, str] = {}
    previous = None
    for col, raw in sorted(headings.items()):
        if raw is previous and (rows[-1], col) in grid.merged:
            continue  # one heading merged across columns is read once
        previous = raw
        text = normalize_header(raw)
        heading = " ".join(str(raw).split())
        found = meaning(text, known)
        key = found.key
        if key is None and found.tied:
            header.asked[heading] = suggest(text, found)
            choices = "、".join(f"“{title(k)}”" for k in found.tied)
            header.notes.append(
                f"列“{heading}”可能是{choices}，无法确定，已忽略：请在 --mapping 文件的 columns 中写明"
                f"（--write-mapping 写出的对应文件中已列出）。"
            )
        elif key is None:
            header.asked[heading] = suggest(text, found)
            header.notes.append(
                f"列“{heading}”无法识别，已忽略：如需导入，请在 --mapping 文件的 columns 中写明它对应的字段，"
                f"例如“{heading}: {suggest(text, found).split('（')[0]}”（不导入则写 ignore）。"
            )
        elif key != IGNORE and key in taken:
            header.notes.append(f"列“{heading}”与列“{taken[key]}”是同一项，只导入前一列。")
        elif key != IGNORE:
            header.keys[col] = (key, heading)
            taken[key] = heading
            if found.roots:
                header.notes.append(
                    f"列“{heading}”按“{title(key)}”导入（表头含“{found.roots}”）；不对时用 --mapping 文件改正。"
                )
    return header


_FILED = re.compile(
    r"(?P<label>(?:填报|填表|制表|报送|上报|统计)(?:时间|日期))\s*[：:]?\s*"
    r"(?P<date>[0-9０-９〇零一二三四五六七八九十]{2,4}\s*[年./\-－．]\s*[0-9０-９一二三四五六七八九十]{1,2}"
    r"\s*[月./\-－．]\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日?)"
)


def filed_on(grid: Grid, header: Header, year: int) -> tuple[date, str] | None:
    """The date of the ledger's own 填报时间 or 制表日期 line, above the headings or at the
    foot, and its label; None when it has none."""
    rows = grid.row_numbers()
    for row in [r for r in rows if r < header.row] + rows[-5:]:
        for col in range(1, grid.cols + 1):
            value = grid.value(row, col)
            found = _FILED.search(value) if isinstance(value, str) else None
            if found is None:
                continue
            try:
                day = read_date(found["date"], Calendar(year, year)).day
            except ValueError:
                continue
            return day, found["label"]
    return None
