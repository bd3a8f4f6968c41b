"""The ledger sheets of a workbook and their rows, read as case and risk candidates.

Every sheet whose heading names the petitioners or the problem is a ledger (one sheet a unit is
common); the others (说明, a count sheet) are named as skipped. A workbook from ``xinfang
export`` is read from its data sheet, or its 全部案件 sheet alone: its other sheets show the
same cases again. Rows are read sparsely; blank rows, totals and signature lines are skipped
and said; a row listed again on another sheet (the same petitioners and problem) is imported
once and named. A row that is a 苗头隐患 or 矛盾纠纷 without a petitioner becomes a risk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...errors import XinfangError
from ...records.campaign import Campaign
from .columns import COLUMNS, DATA_SHEET, LEDGER_SHEET, PRINT_SHEET, SUMMARY_SHEET
from .dates import Calendar
from .import_result import Candidate
from .risk_rows import risk_record
from .row_record import case_record
from .rows import RowReader, SheetContext
from .sheet import Grid, Header, Mapping, filed_on, find_header
from .sources import Workbook
from .units import UnitNames

#: Columns a record cannot do without (the others have defaults: 涉及人数 from the petitioners…).
REQUIRED_COLUMNS = ("title", "category", "petitioners.name", "demand", "responsibility.unit")
FOOT = re.compile(r"\s*(合\s*计|总\s*计|小\s*计|共\s*计|填表|制表|审核|说明[：:]|注[：:])")


@dataclass(frozen=True)
class SheetPlan:
    name: str
    header: Header | None  # None: the data sheet of an export


def choose_sheets(
    book: Workbook, name: str | None, maps: Mapping
) -> tuple[list[SheetPlan], list[tuple[str, str]]]:
    """The sheets to read and those skipped, with why."""
    if not book.sheetnames:
        raise XinfangError(f"{book.path.name} 中没有工作表：请确认这是台账文件。")
    if name is not None:
        if name not in book.sheetnames:
            raise XinfangError(f"工作簿中没有工作表“{name}”：现有 {'、'.join(book.sheetnames)}。")
        if name == DATA_SHEET:
            return [SheetPlan(name, None)], []
        header = find_header(book[name], maps)
        if header is None:
            raise XinfangError(
                f"在工作表“{name}”的前 10 行找不到表头（信访人、反映问题、承办单位等）："
                f"请用 --mapping 文件写明各列对应的字段。"
            )
        return [SheetPlan(name, header)], []
    if DATA_SHEET in book.sheetnames:
        others = [
            (s, "导出的工作簿按“数据（勿改）”表中的完整记录导入")
            for s in book.sheetnames
            if s != DATA_SHEET
        ]
        return [SheetPlan(DATA_SHEET, None)], others
    names = [LEDGER_SHEET] if LEDGER_SHEET in book.sheetnames else book.sheetnames
    plans, skipped = [], []
    for sheet in book.sheetnames:
        if sheet not in names:
            skipped.append((sheet, f"导出的工作簿只读“{LEDGER_SHEET}”表"))
            continue
        if sheet in (SUMMARY_SHEET, PRINT_SHEET) and len(names) > 1:
            skipped.append((sheet, "汇总或打印用的表"))
            continue
        grid = book[sheet]
        header = find_header(grid, maps) if grid.max_row else None
        if header is None:
            skipped.append((sheet, "空表" if not grid.max_row else "没有台账的表头"))
        else:
            plans.append(SheetPlan(sheet, header))
    if not plans:
        shown = "、".join(book.sheetnames[:10])
        raise XinfangError(
            f"在 {book.path.name} 的工作表（{shown}）的前 10 行都找不到台账的表头（信访人、反映问题、"
            f"承办单位等）：请用 --sheet 指定台账所在的工作表，或用 --mapping 文件写明各列对应的字段。"
        )
    return plans, skipped


_FILER = re.compile(
    r"(?:填报|报送|填表)单位(?:（盖章）|\(盖章\))?\s*[：:]\s*(?P<unit>[^\s（(：:]+)"
)


def sheet_context(grid: Grid, header: Header, campaign: Campaign, units: UnitNames) -> SheetContext:
    """The sheet's 填报时间, the year of its dates and the unit it is of: the unit the sheet is
    named after, else its 填报单位 line, else the unit its title begins with (青山镇…台账)."""
    filed = filed_on(grid, header, campaign.year)
    if filed is not None:
        cal = Calendar(filed[0].year, campaign.year, f"台账的{filed[1]}")
    else:
        cal = Calendar(campaign.year, campaign.year, "活动年份")
    return SheetContext(grid.name, cal, filed, _sheet_unit(grid, header, units))


def _sheet_unit(grid: Grid, header: Header, units: UnitNames) -> str | None:
    found = units.match(grid.name).code if grid.name else None
    if found is not None:
        return found
    above = [grid.value(r, c) for r in range(1, header.row) for c in range(1, grid.cols + 1)]
    lines = [v.strip() for v in above if isinstance(v, str) and v.strip()]
    for line in lines:
        filer = _FILER.search(line)
        if filer is not None:
            return units.within(filer["unit"]).code
    for line in lines[:1]:
        for code, unit in units.campaign.units.items():
            if line.removeprefix(units.campaign.county).startswith(unit.name):
                return code
    return None


@dataclass
class SheetRows:
    candidates: list[Candidate]
    skipped: int  # blank rows between case rows
    notes: list[str]
    petitioner_rows: int


Cells = dict[str, tuple[str, Any]]  # record key → (heading, raw value)


def case_rows(
    grid: Grid, header: Header, notes: list[str], only: set[int] | None = None
) -> Iterator[tuple[int, Cells, int]]:
    """(row, cells, blank rows before it) for each row below the header that may be a case:
    rows with one value only (totals, signatures) are named in ``notes`` and skipped."""
    blank, previous = 0, header.row
    for row in grid.row_numbers(after=header.row):  # rows with content only: linear, sparse
        if only is not None and row not in only:
            continue
        blank += row - previous - 1
        previous = row
        cells = {
            key: (heading, grid.value(row, col)) for col, (key, heading) in header.keys.items()
        }
        filled = [v for _, v in cells.values() if v is not None and str(v).strip()]
        if not filled:
            blank += 1
            continue
        if len(filled) == 1 or len({str(v) for v in filled}) == 1 or FOOT.match(str(filled[0])):
            shown = " ".join(str(filled[0]).split())[:30]
            notes.append(f"第 {row} 行只有“{shown}”，不像案件行（如落款、合计），已跳过。")
            continue
        yield row, cells, blank
        blank = 0


def ledger_candidates(
    grid: Grid,
    header: Header,
    reader: RowReader,
    risk_order: list[str],
    only: set[int] | None = None,
) -> SheetRows:
    """Each row below the header as a case or risk candidate (``only``: just these rows)."""
    rows: list[Candidate] = []
    skipped, with_people = 0, 0
    notes: list[str] = []
    for row, cells, blank in case_rows(grid, header, notes, only):
        skipped += blank  # blank rows before a case row (not those after the last)
        reader.start_row()
        values, problems = reader.read(cells)
        names = values.get("petitioners.name")
        if reader.type_cell is not None and reader.type_cell.risk and not names:
            problems = [p for p in problems if p[2] != "category"]
            record = risk_record(reader, values, problems, risk_order)
            kind = "risk"
        else:
            with_people += bool(names)
            record = case_record(reader, values, cells, problems)
            kind = "case"
        rows.append(
            Candidate(
                row,
                record,
                problems,
                reader.notes,
                reader.comments,
                reader.unknown,
                grid.name,
                kind,
            )
        )
    return SheetRows(rows, skipped, notes, with_people)


def same_row(record: dict[str, Any]) -> tuple[str, ...] | None:
    """What makes two rows the same case: the petitioners' names and the problem."""
    people = tuple(p.get("name", "") for p in record.get("petitioners") or [])
    demand = record.get("demand") or record.get("description")
    return (*people, str(demand)) if people and demand else None


def column_notes(header: Header, registered: object, filed: object) -> list[str]:
    """What the ledger lacks as a whole, said once for the sheet."""
    keys = {key for key, _ in header.keys.values()}
    notes = []
    if "petitioners.locality" not in keys:
        notes.append(
            "台账没有“所属单位”列：信访人所属单位按稳控责任人的单位、工作表的单位或承办单位填写，请核对。"
        )
    if "title" not in keys and "demand" in keys:
        notes.append(
            "台账没有“案件名称”列：案件名称由所在地和信访诉求的第一句生成（不含姓名），文件中有注释，请核对。"
        )
    if "demand" not in keys and "title" in keys:
        notes.append("台账没有“信访诉求”列：信访诉求暂按案件名称填写，请补充完整。")
    if not keys & {"registered", "received"} and registered is None and filed is None:
        notes.append(
            "台账没有“登记日期”和“首次信访日期”列：请加 --registered 日期（例如 --registered 2008-04-20）。"
        )
    absent = [c.header for c in COLUMNS if c.key in REQUIRED_COLUMNS and c.key not in keys]
    if "title" in keys or "demand" in keys:
        absent = [h for h in absent if h not in ("案件名称", "信访诉求")]
    if absent:
        notes.append(
            f"台账没有必填的“{'”“'.join(absent)}”列，各行都不能导入："
            f"请在台账中加上，或用 --mapping 文件把已有的列对应过去。"
        )
    return notes
