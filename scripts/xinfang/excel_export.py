"""`xinfang export xlsx`: the county ledger as an Excel workbook.

Sheets: 汇总 (the figures of ``xinfang status``), 全部案件 (every case in the county ledger's
columns), one sheet per unit, and 数据（勿改） with each full record as JSON, from which
``xinfang import`` rebuilds the records exactly. Identity-card and phone numbers are masked unless
``full``; a masked workbook cannot be imported back (the import refuses masked numbers).
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .check import resolve_as_of
from .deadlines import deadline_status
from .errors import XinfangError
from .excel import (
    BORDER,
    COLUMNS,
    COMPUTED,
    DATA_HEADERS,
    DATA_SHEET,
    DATE_FORMAT,
    LEDGER_SHEET,
    OVERDUE_FILL,
    SUMMARY_SHEET,
    Ledger,
    style_header,
    text_width,
)
from .excel_summary import write_summary
from .repository import open_repository
from .status import Overview, overview
from .status_report import width
from .validate import load_schema
from .workdays import WorkCalendar

WRAP_AT = 40  # wider text wraps
LINE_HEIGHT = 15  # points per line of 11-point text
MAX_LINES = 8
JSON_CHUNK = 30000  # an Excel cell holds at most 32,767 characters
TITLE_ROW, HEADER_ROW = 1, 2


@dataclass
class ExportResult:
    out: Path
    cases: int
    notes: list[str] = field(default_factory=list)


def default_name(as_of: date, unit: str | None) -> str:
    return f"信访台账-{unit + '-' if unit else ''}{as_of.isoformat()}.xlsx"


def sheet_title(name: str) -> str:
    """A valid worksheet name: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def cell_styles(book: Workbook) -> dict[tuple[bool, bool], str]:
    """Named styles for ledger cells, by (is a date, is overdue): one style each, not per cell."""
    names = {}
    for is_date, late in itertools.product((False, True), repeat=2):
        name = f"台账{'日期' if is_date else '文字'}{'超期' if late else ''}"
        if name not in book.named_styles:
            style = NamedStyle(
                name=name,
                border=BORDER,
                alignment=Alignment(vertical="top", wrap_text=True),
                number_format=DATE_FORMAT if is_date else "General",
            )
            if late:
                style.fill = OVERDUE_FILL
            book.add_named_style(style)
        names[(is_date, late)] = name
    return names


def line_count(value: object, size: int) -> int:
    """Lines a wrapped cell of ``size`` characters' width needs (the row height is set from it)."""
    if value is None or isinstance(value, date | int | float):
        return 1
    return sum(max(1, -(-width(line) // max(size, 1))) for line in str(value).splitlines() or [""])


def landscape(ws: Worksheet, a3: bool = False) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if a3 else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_title(ws: Worksheet, text: str, columns: int) -> None:
    ws.cell(TITLE_ROW, 1, text).font = Font(bold=True, size=14)
    ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="left", vertical="center")
    if columns > 1:
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=columns)
    ws.row_dimensions[TITLE_ROW].height = 28


def set_widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for col, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size + 2


@dataclass
class LedgerWriter:
    """Writes ledger sheets: one row per case, overdue rows in light red."""

    ledger: Ledger
    view: Overview
    calendar: WorkCalendar

    def write(self, ws: Worksheet, title: str, records: Iterable[dict[str, Any]]) -> int:
        headers = [c.header for c in COLUMNS] + list(COMPUTED)
        note = f"（统计日期 {self.view.as_of}；红底为超期未结案件）"
        write_title(ws, f"{self.view.campaign.county}{title}{note}", len(headers))
        ws.append(headers)
        style_header(ws, HEADER_ROW, len(headers))
        overdue = {c.id: c for c in self.view.overdue}
        styles = cell_styles(ws.parent)
        rows = [
            (r["id"], [self.ledger.cell(c, r) for c in COLUMNS] + self._computed(r, overdue))
            for r in records
        ]
        least = [c.width for c in COLUMNS] + [0] * len(COMPUTED)
        widths = [
            min(WRAP_AT, max(least[i], text_width(h), *(text_width(v[i]) for _, v in rows)))
            for i, h in enumerate(headers)
        ]
        for case_id, values in rows:
            ws.append(values)
            row = ws.max_row
            late = case_id in overdue
            for col, value in enumerate(values, start=1):
                ws.cell(row, col).style = styles[(isinstance(value, date), late)]
            lines = max(line_count(v, widths[i]) for i, v in enumerate(values))
            ws.row_dimensions[row].height = LINE_HEIGHT * min(lines, MAX_LINES)
        set_widths(ws, widths)
        last = get_column_letter(len(headers))
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(ws.max_row, HEADER_ROW)}"
        ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)  # the header row, 编号 and 案件名称 stay put
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        landscape(ws, a3=True)
        return len(rows)

    def _computed(self, record: dict[str, Any], overdue: dict[str, Any]) -> list[Any]:
        policy = self.view.campaign.policy
        status = deadline_status(record, self.view.as_of, policy, self.calendar)
        late = overdue.get(record["id"])
        days = -late.deadline.days_left if late and late.deadline else None
        return [status.effective if status else None, days]


def write_data_sheet(ws: Worksheet, ledger: Ledger, records: Sequence[dict[str, Any]]) -> None:
    write_title(
        ws, "本表供 xinfang import 还原完整记录，请勿修改、排序或删除；修改案件请改 YAML 文件", 2
    )
    ws.append(list(DATA_HEADERS))
    style_header(ws, HEADER_ROW, 2)
    for record in records:
        text = json.dumps(ledger.masked_record(record), ensure_ascii=False)
        ws.append(
            [record["id"], *(text[i : i + JSON_CHUNK] for i in range(0, len(text), JSON_CHUNK))]
        )
    set_widths(ws, [16, 80])
    ws.sheet_properties.tabColor = "808080"


@dataclass
class Built:
    book: Workbook
    as_of: date
    cases: int
    notes: list[str]


def build_workbook(root: Path, as_of: date | None, unit: str | None, full: bool) -> Built:
    """The ledger workbook in memory, with the notes for the person who asked for it."""
    repo = open_repository(root)
    campaign = repo.campaign
    if unit is not None and unit not in campaign.units:
        raise XinfangError(
            f"单位代码 {unit} 在 campaign.yml 中没有定义：可用的有 {'、'.join(campaign.units)}。"
        )
    day = resolve_as_of(campaign, as_of)
    calendar = WorkCalendar.from_root(root)
    view = overview(campaign, repo.cases, day, calendar, unit)
    ledger = Ledger(campaign, load_schema(root, "case"), masked=not full)
    records = sorted(
        (r.data for r in repo.cases if unit is None or r.data["responsibility"]["unit"] == unit),
        key=lambda d: d["id"],
    )
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    write_summary(summary, view, masked=not full)
    writer = LedgerWriter(ledger, view, calendar)
    writer.write(book.create_sheet(LEDGER_SHEET), "信访问题排查台账（全部案件）", records)
    for code in [unit] if unit else campaign.units:
        name = campaign.unit_name(code)
        mine = [r for r in records if r["responsibility"]["unit"] == code]
        writer.write(book.create_sheet(sheet_title(name)), f"信访问题排查台账（{name}）", mine)
    write_data_sheet(book.create_sheet(DATA_SHEET), ledger, records)
    notes = []
    broken = len(repo.records) - len(repo.cases)
    if broken:
        notes.append(f"注意：{broken} 个案件文件有错误，未导出；运行 xinfang check 查看。")
    notes.append(
        "身份证号和电话已打码；需要完整号码（例如重新导入）时加 --full。"
        if not full
        else "本工作簿含完整的身份证号和电话：请妥善保管，不要外传。"
    )
    return Built(book, day, len(records), notes)


def export_workbook(
    root: Path,
    out_path: Path,
    as_of: date | None = None,
    unit: str | None = None,
    full: bool = False,
) -> Path:
    """Write the ledger workbook to ``out_path`` (replacing it); for the CLI and the site."""
    return export_for_cli(root, out_path, as_of, unit, full, force=True).out


def workbook_bytes(root: Path, as_of: date | None = None) -> tuple[date, bytes]:
    """The masked ledger workbook as bytes, for the site's download link."""
    built = build_workbook(root, as_of, None, full=False)
    buffer = io.BytesIO()
    built.book.save(buffer)
    return built.as_of, buffer.getvalue()


def export_for_cli(
    root: Path,
    out: Path | None,
    as_of: date | None,
    unit: str | None,
    full: bool,
    force: bool = False,
) -> ExportResult:
    if out is not None and out.exists() and not force:
        raise XinfangError(f"文件 {out} 已存在：请用 --out 换一个文件名，或加 --force 覆盖。")
    built = build_workbook(root, as_of, unit, full)
    out = out or Path.cwd() / default_name(built.as_of, unit)
    if out.exists() and not force:
        raise XinfangError(f"文件 {out} 已存在：请用 --out 换一个文件名，或加 --force 覆盖。")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        built.book.save(out)
    except OSError as err:
        raise XinfangError(
            f"无法写入 {out}（{err.strerror}）：文件是否正在 Excel 中打开？"
        ) from err
    return ExportResult(out, built.cases, built.notes)
