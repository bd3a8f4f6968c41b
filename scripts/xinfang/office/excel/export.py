"""`xinfang export xlsx`: the county ledger as an Excel workbook, written with XlsxWriter.

Sheets: 汇总 (the figures of ``xinfang status``), 打印台账 (the columns a leader reads, laid out
for A4 landscape), 全部案件 (every case in all the ledger's columns, for filtering), one printed
ledger per unit, and 数据（勿改）, hidden and protected, with each full record as JSON, from
which ``xinfang import`` rebuilds the records exactly. Identity-card and phone numbers are masked
unless ``full``; a masked workbook cannot be imported back (the import refuses masked numbers).

Loading and preparing the rows (``build_workbook``) is apart from writing them (``Built.save``):
each case's cells are made once and serve 全部案件; its printed row serves 打印台账 and its
unit's sheet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from xlsxwriter.exceptions import FileCreateError

from ...campaign.deadlines import deadline_status
from ...campaign.periods import resolve_as_of
from ...campaign.workdays import WorkCalendar
from ...errors import XinfangError, cannot_write
from ...records.case import Case
from ...records.file_names import file_name
from ...records.repository import Repository, gc_paused, open_repository
from ...records.schema import load_schema
from ...records.unpublished import published_repository
from ...rules.duties_status import duties_overview
from ...rules.status import Overview, overview
from .book import Book
from .columns import DATA_SHEET, LEDGER_SHEET, PRINT_SHEET, SUMMARY_SHEET
from .duty_sheet import DutySheet
from .duty_sheets_writer import write_duty_sheet
from .kind_sheets import duty_sheets
from .ledger import Ledger
from .ledger_sheet import LedgerRow, LedgerWriter, write_data_sheet
from .print_sheet import PrintRow, PrintWriter
from .summary import write_summary


@dataclass
class ExportResult:
    out: Path
    cases: int
    notes: list[str] = field(default_factory=list)


def default_name(as_of: date, unit: str | None) -> str:
    return f"信访台账-{file_name(unit) + '-' if unit else ''}{as_of.isoformat()}.xlsx"


@dataclass
class Built:
    """The workbook's content, prepared; ``save`` writes it."""

    as_of: date
    cases: list[Case]
    notes: list[str]
    view: Overview
    ledger: Ledger
    units: list[tuple[str, str]]  # (code, name) of each unit's sheet
    duty_sheets: list[DutySheet] = field(default_factory=list)
    full_rows: list[LedgerRow] = field(default_factory=list)
    print_rows: list[PrintRow] = field(default_factory=list)
    ledger_writer: LedgerWriter | None = None
    print_writer: PrintWriter | None = None

    def save(self, target: Path | IO[bytes]) -> None:
        with gc_paused():
            self._save(target)

    def _save(self, target: Path | IO[bytes]) -> None:
        assert self.ledger_writer is not None and self.print_writer is not None
        campaign = self.view.campaign
        made_by = campaign.unit_name(campaign.office)
        book = Book(target)
        write_summary(book, book.sheet(SUMMARY_SHEET), self.view, masked=self.ledger.masked)
        everyone = "全部案件" if len(self.units) != 1 else self.units[0][1]
        self.print_writer.write(book, book.sheet(PRINT_SHEET), everyone, self.print_rows, made_by)
        self.ledger_writer.write(
            book, book.sheet(LEDGER_SHEET), "信访问题排查台账（全部案件）", self.full_rows
        )
        for code, name in (
            self.units if len(self.units) > 1 else []
        ):  # --unit: 打印台账 is the unit's
            mine = [r for r in self.print_rows if r.unit == code]
            self.print_writer.write(book, book.sheet(name), name, mine, made_by)
        for sheet in self.duty_sheets:
            write_duty_sheet(book, sheet)
        write_data_sheet(book, book.sheet(DATA_SHEET), self.ledger, self.cases)
        book.close()


def build_workbook(
    root: Path,
    as_of: date | None,
    unit: str | None,
    full: bool,
    repo: Repository | None = None,
    persons: bool = True,
) -> Built:
    """The ledger workbook's content, with the notes for the person who asked for it.

    ``repo``: the repository of ``root`` when the caller has loaded it already; ``persons``:
    with the key-person sheets (the site's download has none).
    """
    with gc_paused():
        loaded = repo if repo is not None else open_repository(root)
        return _build_workbook(root, as_of, unit, full, loaded, persons)


def _build_workbook(
    root: Path, as_of: date | None, unit: str | None, full: bool, repo: Repository, persons: bool
) -> Built:
    if not full:  # numbers masked, what is never published out of the free text
        repo = published_repository(repo)
    campaign = repo.campaign
    if unit is not None and unit not in campaign.units:
        raise XinfangError(
            f"单位代码 {unit} 在 campaign.yml 中没有定义：可用的有 {'、'.join(campaign.units)}。"
        )
    day = resolve_as_of(campaign, as_of)
    calendar = WorkCalendar.from_root(root)
    view = overview(campaign, repo.cases, day, calendar, unit, assigned=repo.duties.dispatched())
    # Only the labels are read: the validator need not be compiled.
    ledger = Ledger(campaign, load_schema(root, "case", compiled=False), masked=not full)
    cases = sorted(  # priority cases first, as in every register
        (c for c in repo.cases if unit is None or c.unit == unit),
        key=lambda c: (not c.priority, c.id),
    )
    # The work beside cases (risks, key persons, assignments, submissions, accountability),
    # in a repository that keeps such records.
    duty: list[DutySheet] = []
    if repo.duties.records:
        duty = duty_sheets(repo, view, duties_overview(repo, view, unit), unit, not full, persons)
    notes = []
    broken = len(repo.records) - len(repo.cases)
    if broken:
        notes.append(f"注意：{broken} 个案件文件有错误，未导出；运行 xinfang check 查看。")
    notes.append(
        "身份证号和电话已打码，重点人员的姓名也已打码；需要完整信息（例如重新导入）时加 --full。"
        if not full
        else "本工作簿含完整的身份证号、电话和重点人员名单：请妥善保管，不要外传。"
    )
    units = [(code, campaign.unit_name(code)) for code in ([unit] if unit else campaign.units)]
    built = Built(day, cases, notes, view, ledger, units, duty)
    built.ledger_writer = LedgerWriter(ledger, view)
    built.print_writer = PrintWriter(ledger, view)
    deadlines = {c.id: deadline_status(c, day, campaign.policy, calendar) for c in cases}
    built.full_rows = built.ledger_writer.prepare(cases, deadlines)
    built.print_rows = built.print_writer.prepare(cases, deadlines)
    return built


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
    except (OSError, FileCreateError) as err:  # XlsxWriter's own, for a file it cannot create
        cause = err if isinstance(err, OSError) else err.__context__
        raise cannot_write(out, cause or err, "文件是否正在 Excel 中打开？") from err
    return ExportResult(out, len(built.cases), built.notes)
