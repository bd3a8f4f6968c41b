"""`xinfang import xlsx`: one new case file per ledger row, never overwriting a record.

A workbook made by ``xinfang export xlsx --full`` carries the sheet 数据（勿改） with each full
record; it is read first, so that exporting and importing back gives the same records. Any other
ledger is read from its headings, as counties write them (``sheet.py``, ``rows.py``): what the
import had to assume is reported per row and marked in the file. Without ``write`` nothing is
written: the result lists the files that would be created and every row that cannot be taken,
with its column and the reason. The workbook is read by ``reader.py``, which refuses hostile
files; rows are read sparsely and ids counted once, so the time grows with the rows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...campaign.periods import resolve_as_of
from ...campaign.workdays import WorkCalendar
from ...errors import XinfangError, cannot_write
from ...parallel import Beside
from ...records.loader import Loaded, load_text
from ...records.repository import case_files, load_campaign
from ...records.schema import load_schema
from ..newcase import used_ids
from .columns import COLUMNS, DATA_HEADERS, DATA_SHEET, LEDGER_SHEET, PRINT_SHEET, SUMMARY_SHEET
from .dump import dump_case
from .grid import MAX_COLS
from .import_result import Candidate, ImportResult, Planned
from .mapping_out import Unknowns, write_mapping
from .reader import XlsxFile
from .records import Checker, Fault
from .rows import RowReader
from .sheet import Grid, Header, Mapping, find_header, load_mapping, open_workbook

#: Columns a record cannot do without (the others have defaults: 涉及人数 from the petitioners…).
_FOOT = re.compile(r"\s*(合\s*计|总\s*计|小\s*计|共\s*计|填表|制表|审核|说明[：:]|注[：:])")
REQUIRED_COLUMNS = ("title", "category", "petitioners.name", "demand", "responsibility.unit")


def choose_sheet(book: XlsxFile, name: str | None) -> str:
    if name is not None:
        if name not in book.sheetnames:
            raise XinfangError(f"工作簿中没有工作表“{name}”：现有 {'、'.join(book.sheetnames)}。")
        return name
    if DATA_SHEET in book.sheetnames:
        return DATA_SHEET
    for candidate in book.sheetnames:
        if candidate not in (SUMMARY_SHEET, PRINT_SHEET) and book[candidate].max_row > 1:
            return candidate
    return book.sheetnames[0]


def _data_rows(grid: Grid) -> list[tuple[int, dict[str, Any] | None, str]]:
    """(row, record or None, reason) for each row of the 数据（勿改） sheet."""
    start = next((r for r in range(1, 11) if grid.value(r, 1) == DATA_HEADERS[0]), None)
    if start is None:
        raise XinfangError(
            f"工作表“{DATA_SHEET}”没有表头“{DATA_HEADERS[0]}”：它被改动过，请重新导出。"
        )
    out: list[tuple[int, dict[str, Any] | None, str]] = []
    for row in grid.row_numbers(after=start):
        parts = [grid.value(row, c) for c in range(2, grid.cols + 1)]
        text = "".join(str(p) for p in parts if p is not None)
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError:
            out.append(
                (row, None, "记录无法解析，本表被改动过：请重新导出，或删除本表后按台账导入")
            )
            continue
        if not isinstance(record, dict):
            out.append((row, None, "记录不是完整的案件：请重新导出"))
            continue
        out.append((row, record, ""))
    return out


def _ledger_rows(
    grid: Grid, header: Header, reader: RowReader
) -> tuple[list[Candidate], int, list[str]]:
    rows, skipped, blank, notes = [], 0, 0, []
    previous = header.row
    for row in grid.row_numbers(after=header.row):  # rows with content only: linear, sparse
        blank += row - previous - 1
        previous = row
        cells = {
            key: (heading, grid.value(row, col)) for col, (key, heading) in header.keys.items()
        }
        filled = [v for _, v in cells.values() if v is not None and str(v).strip()]
        if not filled:
            blank += 1
            continue
        if len(filled) == 1 or len({str(v) for v in filled}) == 1 or _FOOT.match(str(filled[0])):
            notes.append(
                f"第 {row} 行只有“{' '.join(str(filled[0]).split())[:30]}”，不像案件行（如落款、合计），已跳过。"
            )
            continue
        skipped, blank = skipped + blank, 0  # blank rows count only between case rows
        record, problems = reader.read(cells)
        rows.append(Candidate(row, record, problems, reader.notes, reader.comments, reader.unknown))
    return rows, skipped, notes


@dataclass
class Options:
    sheet: str | None = None
    mapping: Mapping = field(default_factory=Mapping)
    write: bool = False
    registered: date | None = None  # for rows without a registration date
    write_mapping_to: Path | None = None


def import_workbook(
    root: Path,
    file: Path,
    sheet: str | None = None,
    mapping: Path | None = None,
    write: bool = False,
    registered: date | None = None,
    write_mapping_to: Path | None = None,
) -> ImportResult:
    """Read ``file`` as cases; write them (and the ``write_mapping_to`` files) only when asked."""
    options = Options(sheet, load_mapping(mapping), write, registered, write_mapping_to)
    if write_mapping_to is not None and write_mapping_to.exists():
        raise XinfangError(
            f"文件 {write_mapping_to} 已存在，不会覆盖：请给 --write-mapping 换一个文件名，"
            f"已填好的对应文件用 --mapping 指定。"
        )
    book = open_workbook(file)
    try:
        return _import(root, file, book, options)
    finally:
        book.close()


def _import(root: Path, file: Path, book: XlsxFile, options: Options) -> ImportResult:
    campaign, _ = load_campaign(root)
    schema = load_schema(root, "case")
    maps, write, registered = options.mapping, options.write, options.registered
    name = choose_sheet(book, options.sheet)
    grid: Grid = book[name]
    checker = Checker(
        root,
        campaign,
        schema,
        resolve_as_of(campaign, None),
        WorkCalendar.from_root(root),
        existing={p.stem: p for p in case_files(root)},
        used=used_ids(root),
    )
    result = ImportResult(root, file, name, 0, name == DATA_SHEET, write)
    candidates: list[Candidate] = []
    header: Header | None = None
    if result.from_data:
        ledger = book[LEDGER_SHEET] if LEDGER_SHEET in book.sheetnames else None
        for row, record, reason in _data_rows(grid):
            if record is None:
                result.faults.append(Fault(row, DATA_HEADERS[1], reason))
            else:
                candidates.append(Candidate(row, record, checker.masked(record)))
        if ledger is not None:
            checker.compare_ledger(ledger, find_header(ledger, maps), candidates)
    else:
        header = find_header(grid, maps)
        if header is None:
            raise XinfangError(
                f"在工作表“{name}”的前 10 行找不到表头（编号、信访人、承办单位等）："
                f"请用 --sheet 指定台账所在的工作表，或用 --mapping 文件写明各列对应的字段。"
            )
        result.header_row = header.row
        checker.headings = {key: heading for key, heading in header.keys.values()}
        result.notes += header.notes
        reader = RowReader(
            campaign, schema, maps.units, maps.categories, maps.statuses, registered=registered
        )
        rows, result.skipped, notes = _ledger_rows(grid, header, reader)
        result.notes += notes
        candidates = rows
        keys = {key for key, _ in header.keys.values()}
        if "petitioners.locality" not in keys:
            result.notes.append(
                "台账没有“所属单位”列：信访人所属单位按稳控单位或承办单位填写，请核对。"
            )
        if "title" not in keys and "demand" in keys:
            result.notes.append(
                "台账没有“案件名称”列：案件名称由信访人和信访诉求的第一句生成，文件中有注释，请核对。"
            )
        if "demand" not in keys and "title" in keys:
            result.notes.append("台账没有“信访诉求”列：信访诉求暂按案件名称填写，请补充完整。")
        if not keys & {"registered", "received"} and registered is None:
            result.notes.append(
                "台账没有“登记日期”和“首次信访日期”列：请加 --registered 日期（例如 --registered 2008-04-20）。"
            )
        absent = [c.header for c in COLUMNS if c.key in REQUIRED_COLUMNS and c.key not in keys]
        if "title" in keys or "demand" in keys:
            absent = [h for h in absent if h not in ("案件名称", "信访诉求")]
        if absent:
            result.notes.append(
                f"台账没有必填的“{'”“'.join(absent)}”列，各行都不能导入："
                f"请在台账中加上，或用 --mapping 文件把已有的列对应过去。"
            )
    if grid.ignored:
        result.notes.append(f"第 {MAX_COLS} 列以后的 {grid.ignored} 个单元格不是台账的列，已忽略。")
    checker.reserve(c.record for c in candidates)
    unknowns = Unknowns()
    for c in candidates:
        unknowns.collect(c.row, c.unknown, c.record, campaign)
        faults, notes, path = checker.take(c.row, c.record, c.problems)
        if faults:
            result.faults += faults
        else:
            assert path is not None
            result.planned.append(Planned(c.row, path, c.record, notes, c.assumed, c.comments))
    result.notes += checker.all_notes
    if options.write_mapping_to is not None:
        result.mapping_files = write_mapping(
            options.write_mapping_to, unknowns, maps, campaign, header
        )
    order = {heading: col for col, (_, heading) in header.keys.items()} if header else {}
    result.faults.sort(key=lambda f: (f.row, order.get(f.column, len(order) + 1)))
    if write:
        _write(result, file, name)
    return result


def case_text(plan: Planned, source: str) -> str | None:
    """The case file of a planned row, read back and compared before it is written: libyaml's
    emitter, else PyYAML's own; None if neither gives the record back."""
    rel = plan.path.name
    for fast in (True, False):
        text = dump_case(plan.record, source, plan.comments, fast)
        if load_text(text, Loaded(plan.path, rel)).data == plan.record:
            return text
    return None


BESIDE_FROM = 400


def _texts(plans: list[Planned], file: Path, sheet: str) -> list[str | None]:
    return [case_text(plan, f"{file.name}（工作表“{sheet}”第 {plan.row} 行）") for plan in plans]


def _write(result: ImportResult, file: Path, sheet: str) -> None:
    # Writing the YAML and reading it back is most of the time: half of it on the other core
    # (a few hundred rows are done sooner than a process starts).
    half = len(result.planned) // 2 if len(result.planned) >= BESIDE_FROM else len(result.planned)
    beside = Beside(_texts, result.planned[half:], file, sheet)
    texts = _texts(result.planned[:half], file, sheet) + beside.result()
    written = []
    for plan, text in zip(result.planned, texts, strict=True):
        if text is None:
            reason = "写出的 YAML 读回后与台账中的记录不同，未写入：请把该行单独导入，或手工新建"
            result.faults.append(Fault(plan.row, "编号", reason))
            continue
        try:
            plan.path.parent.mkdir(parents=True, exist_ok=True)
            with plan.path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            result.faults.append(
                Fault(plan.row, "编号", f"{plan.path.name} 刚被别人创建，未覆盖：请重新导入")
            )
            continue
        except OSError as err:
            raise cannot_write(plan.path, err, "请检查目录权限。") from err
        written.append(plan)
    result.planned = written
