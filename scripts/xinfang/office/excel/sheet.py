"""Reading a worksheet as a county ledger: merged cells, the header row, the mapping file."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from ...errors import XinfangError
from ...records.loader import load_file
from .columns import COLUMNS, IGNORED, IMPORT_ONLY, normalize_header
from .grid import Sheet
from .reader import XlsxFile

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


def open_workbook(path: Path) -> XlsxFile:
    if not path.is_file():
        raise XinfangError(f"找不到文件 {path}：请检查路径。")
    return XlsxFile(path)


@dataclass
class Header:
    row: int
    keys: dict[int, tuple[str, str]]  # column number → (key, heading as written)
    notes: list[str]


ALL_COLUMNS = (*COLUMNS, *IMPORT_ONLY)
GENERIC_ENDS = ("姓名", "名称")  # 包案领导姓名 is 包案领导, not a petitioner's 姓名


def _known(mapping: Mapping) -> dict[str, str]:
    known = {}
    for column in ALL_COLUMNS:
        for name in (column.header, *column.variants):
            known[normalize_header(name)] = column.key
    known.update(dict.fromkeys((normalize_header(n) for n in IGNORED), IGNORE))
    known.update(mapping.columns)
    return known


def match_header(text: str, known: dict[str, str]) -> tuple[str | None, str]:
    """The record key of a heading, and the known heading it was matched by.

    Exactly; else without a generic ending (姓名, 名称); else by containment: of the known
    headings within it, one that ends it (反映的主要问题 ends with 主要问题), then the longest.
    """
    if text in known:
        return known[text], text
    for end in GENERIC_ENDS:
        if text.endswith(end) and text.removesuffix(end) in known:
            return known[text.removesuffix(end)], text.removesuffix(end)
    inside = [name for name in known if len(name) >= 2 and name in text]
    if not inside:
        return None, ""
    best = max(inside, key=lambda name: (text.endswith(name), len(name)))
    return known[best], best


def suggest(text: str) -> str:
    """The likeliest field for an unknown heading, as a mapping line's value, with its name."""
    names = {normalize_header(n): c for c in ALL_COLUMNS for n in (c.header, *c.variants)}
    close = get_close_matches(text, list(names), n=1, cutoff=0.34)
    if not close:
        return IGNORE
    column = names[close[0]]
    return f"{column.key}（{column.header}）"


def find_header(grid: Grid, mapping: Mapping) -> Header | None:
    """The row among the first ten whose cells are most often known headings (at least two)."""
    known = _known(mapping)
    best: tuple[int, int] = (0, 0)
    for row in range(1, min(grid.rows, HEADER_SCAN_ROWS) + 1):
        seen = {normalize_header(grid.value(row, c)) for c in range(1, grid.cols + 1)}
        hits = sum(1 for s in seen if s and match_header(s, known)[0] not in (None, IGNORE))
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
        key, by = match_header(text, known)
        heading = " ".join(str(raw).split())
        if key is None:
            notes.append(
                f"列“{heading}”无法识别，已忽略：如需导入，请在 --mapping 文件的 columns 中写明它对应的字段，"
                f"例如“{heading}: {suggest(text)}”（不导入则写 ignore）。"
            )
        elif key != IGNORE and key in taken:
            notes.append(f"列“{heading}”与列“{taken[key]}”是同一项，只导入前一列。")
        elif key != IGNORE:
            keys[col] = (key, heading)
            taken[key] = heading
            if by != text:
                notes.append(
                    f"列“{heading}”按“{_title(key)}”导入（表头含“{by}”）；不对时用 --mapping 文件改正。"
                )
    return Header(row, keys, notes)


def _title(key: str) -> str:
    return next(c.header for c in ALL_COLUMNS if c.key == key)
