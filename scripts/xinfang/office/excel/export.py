"""`xinfang export xlsx`: the county ledger as an Excel workbook.

Sheets: 汇总 (the figures of ``xinfang status``), 全部案件 (every case in the county ledger's
columns), one sheet per unit, and 数据（勿改） with each full record as JSON, from which
``xinfang import`` rebuilds the records exactly. Identity-card and phone numbers are masked unless
``full``; a masked workbook cannot be imported back (the import refuses masked numbers).

openpyxl builds each sheet's frame (title, header, column widths, frozen panes, filter, page
setup, styles) and the summary sheet; the case rows, tens of thousands of cells, are written as
XML text and spliced into the sheets as openpyxl saves them (`save_workbook`): openpyxl's own cell
objects and their styles took minutes for 10,000 cases. Each case's cells are rendered once and
serve both 全部案件 and its unit's sheet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...campaign.periods import resolve_as_of
from ...campaign.workdays import WorkCalendar
from ...errors import XinfangError
from ...records.repository import Repository, gc_paused, open_repository
from ...records.schema import load_schema
from ...rules.duties_status import duties_overview
from ...rules.status import overview
from .columns import DATA_SHEET, LEDGER_SHEET, SUMMARY_SHEET
from .duty_columns import duty_sheets
from .duty_sheets_writer import write_duty_sheet
from .ledger import Ledger
from .ledger_sheet import LedgerWriter, write_data_sheet
from .sheets import sheet_title, style_attributes
from .summary import write_summary
from .xml_cells import Body, save_workbook


@dataclass
class ExportResult:
    out: Path
    cases: int
    notes: list[str] = field(default_factory=list)


def default_name(as_of: date, unit: str | None) -> str:
    return f"信访台账-{unit + '-' if unit else ''}{as_of.isoformat()}.xlsx"


@dataclass
class Built:
    """The workbook: openpyxl's ``book`` holds the frame, ``bodies`` the case rows; ``save``
    writes them together (``book.save`` alone would leave the rows out)."""

    book: Workbook
    as_of: date
    cases: int
    notes: list[str]
    bodies: dict[Worksheet, Body] = field(default_factory=dict)

    def save(self, target: Path | IO[bytes]) -> None:
        with gc_paused():
            save_workbook(self.book, self.bodies, target)


def build_workbook(
    root: Path,
    as_of: date | None,
    unit: str | None,
    full: bool,
    repo: Repository | None = None,
    persons: bool = True,
) -> Built:
    """The ledger workbook in memory, with the notes for the person who asked for it.

    ``repo``: the repository of ``root`` when the caller has loaded it already; ``persons``:
    with the key-person sheets (the site's download has none).
    """
    with gc_paused():
        loaded = repo if repo is not None else open_repository(root)
        return _build_workbook(root, as_of, unit, full, loaded, persons)


def _build_workbook(
    root: Path, as_of: date | None, unit: str | None, full: bool, repo: Repository, persons: bool
) -> Built:
    campaign = repo.campaign
    if unit is not None and unit not in campaign.units:
        raise XinfangError(
            f"单位代码 {unit} 在 campaign.yml 中没有定义：可用的有 {'、'.join(campaign.units)}。"
        )
    day = resolve_as_of(campaign, as_of)
    calendar = WorkCalendar.from_root(root)
    view = overview(campaign, repo.cases, day, calendar, unit)
    ledger = Ledger(campaign, load_schema(root, "case"), masked=not full)
    cases = sorted((c for c in repo.cases if unit is None or c.unit == unit), key=lambda c: c.id)
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    write_summary(summary, view, masked=not full)
    writer = LedgerWriter(ledger, view, calendar, style_attributes(book))
    rows = writer.prepare(cases)
    bodies = {}
    ws = book.create_sheet(LEDGER_SHEET)
    bodies[ws] = writer.write(ws, "信访问题排查台账（全部案件）", rows)
    for code in [unit] if unit else campaign.units:
        name = campaign.unit_name(code)
        ws = book.create_sheet(sheet_title(name))
        mine = [r for r in rows if r.unit == code]
        bodies[ws] = writer.write(ws, f"信访问题排查台账（{name}）", mine)
    # The work beside cases (risks, key persons, assignments, submissions, accountability),
    # in a repository that keeps such records.
    if repo.duties.records:
        duties = duties_overview(repo, view, unit)
        for sheet in duty_sheets(repo, duties, unit, not full, persons):
            write_duty_sheet(book, sheet)
    ws = book.create_sheet(DATA_SHEET)
    bodies[ws] = write_data_sheet(ws, ledger, cases)
    notes = []
    broken = len(repo.records) - len(repo.cases)
    if broken:
        notes.append(f"注意：{broken} 个案件文件有错误，未导出；运行 xinfang check 查看。")
    notes.append(
        "身份证号和电话已打码，重点人员的姓名也已打码；需要完整信息（例如重新导入）时加 --full。"
        if not full
        else "本工作簿含完整的身份证号、电话和重点人员名单：请妥善保管，不要外传。"
    )
    return Built(book, day, len(cases), notes, bodies)


def export_workbook(
    root: Path,
    out_path: Path,
    as_of: date | None = None,
    unit: str | None = None,
    full: bool = False,
) -> Path:
    """Write the ledger workbook to ``out_path`` (replacing it); for the CLI and the site."""
    return export_for_cli(root, out_path, as_of, unit, full, force=True).out


def workbook_bytes(
    root: Path, as_of: date | None = None, repo: Repository | None = None
) -> tuple[date, bytes]:
    """The masked ledger workbook as bytes, for the site's download link.

    ``repo``: the repository of ``root`` when the caller has loaded it already (it is not
    loaded again).
    """
    built = build_workbook(root, as_of, None, full=False, repo=repo, persons=False)
    buffer = io.BytesIO()
    built.save(buffer)
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
        built.save(out)
    except OSError as err:
        raise XinfangError(
            f"无法写入 {out}（{err.strerror}）：文件是否正在 Excel 中打开？"
        ) from err
    return ExportResult(out, built.cases, built.notes)
