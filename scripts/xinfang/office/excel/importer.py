"""`xinfang import xlsx`: one new case file per ledger row, never overwriting a record.

The ledger may be an .xlsx, an Excel 97-2003 .xls or a CSV (``sources.py``), of one sheet or a
sheet a unit (``ledger_rows.py``). A workbook made by ``xinfang export xlsx --full`` carries the
sheet 数据（勿改） with each full record; it is read first, so that exporting and importing back
gives the same records, and rows typed into its visible ledger are read as ledger rows
(``data_rows.py``). Any other ledger is read from its headings, as counties write them: what the
import had to assume is reported per row and marked in the file, and a 苗头隐患 row without a
petitioner becomes a risk. Without ``write`` nothing is written: the result lists the files that
would be created and every row that cannot be taken, with its column and the reason. The reader
refuses hostile files; rows are read sparsely and ids counted once, so time grows with the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ...campaign.periods import resolve_as_of
from ...campaign.workdays import WorkCalendar
from ...errors import XinfangError, cannot_write
from ...parallel import Beside
from ...records.campaign import Campaign
from ...records.loader import Loaded, load_text
from ...records.repository import case_files, load_campaign
from ...records.schema import load_schema
from ..newcase import used_ids
from .columns import DATA_HEADERS, LEDGER_SHEET
from .data_rows import added_rows, data_rows
from .dump import dump_case
from .grid import MAX_COLS
from .import_result import Candidate, ImportResult, Planned, SheetRead
from .ledger_rows import choose_sheets, column_notes, ledger_candidates, same_row, sheet_context
from .mapping_out import Unknowns, write_mapping
from .officials import Officials
from .records import Checker, Fault
from .risk_check import RiskChecker
from .rows import RowReader
from .sheet import Header, Mapping, find_header, load_mapping
from .sources import Workbook, open_ledger

SOURCES = {"xls": "（Excel 97-2003 工作簿）"}


@dataclass
class Options:
    sheet: str | None = None
    mapping: Mapping = field(default_factory=Mapping)
    write: bool = False
    registered: date | None = None  # for rows without a registration date
    write_mapping_to: Path | None = None
    leaders_later: bool = False  # a leader by surname and post that names no one: fill in later


def import_workbook(
    root: Path,
    file: Path,
    sheet: str | None = None,
    mapping: Path | None = None,
    write: bool = False,
    registered: date | None = None,
    write_mapping_to: Path | None = None,
    leaders_later: bool = False,
) -> ImportResult:
    """Read ``file`` as cases; write them (and the ``write_mapping_to`` files) only when asked.
    With ``leaders_later`` (``init --ledger``), a leader written by surname and post that names no
    one in campaign.yml is left for the clerk to fill in, the words kept in the notes."""
    options = Options(
        sheet, load_mapping(mapping), write, registered, write_mapping_to, leaders_later
    )
    if write_mapping_to is not None and write_mapping_to.exists():
        raise XinfangError(
            f"文件 {write_mapping_to} 已存在，不会覆盖：请给 --write-mapping 换一个文件名，"
            f"已填好的对应文件用 --mapping 指定。"
        )
    book = open_ledger(file)
    try:
        return _import(root, file, book, options)
    finally:
        book.close()


@dataclass
class _Run:
    """One import's state: the readers and checkers, the result, each sheet's headings."""

    campaign: Campaign
    reader: RowReader
    checker: Checker
    result: ImportResult
    risk_order: list[str]
    headings: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet → key → heading
    headers: list[Header] = field(default_factory=list)
    unknowns: Unknowns = field(default_factory=Unknowns)


def _import(root: Path, file: Path, book: Workbook, options: Options) -> ImportResult:
    campaign, loaded = load_campaign(root)
    schema = load_schema(root, "case")
    risk_order = list(load_schema(root, "risk", compiled=False).document["properties"])
    maps = options.mapping
    plans, skipped = choose_sheets(book, options.sheet, maps)
    as_of = resolve_as_of(campaign, None)
    existing = {p.stem: p for p in case_files(root)}
    checker = Checker(
        root, campaign, schema, as_of, WorkCalendar.from_root(root), existing, used_ids(root)
    )
    reader = RowReader(
        campaign, schema, Officials.of(loaded.data or {}), maps.units, maps.categories,
        maps.statuses, registered=options.registered, leaders_later=options.leaders_later,
    )  # fmt: skip
    first = plans[0]
    result = ImportResult(root, file, first.name, 0, first.header is None, options.write)
    result.skipped_sheets = skipped
    result.source = SOURCES.get(book.kind, "")
    result.csv = f"{getattr(book, 'encoding', '')} " if book.kind == "csv" else ""
    run = _Run(campaign, reader, checker, result, risk_order)
    candidates: list[Candidate] = []
    for plan in plans:
        if plan.header is None:
            candidates += _from_data(run, book, plan.name, maps)
        else:
            candidates += _from_ledger(run, book, plan.name, plan.header, options)
    result.header_row = result.sheets[0].header_row
    candidates = _once(candidates, result)
    _take(run, candidates, RiskChecker(root, campaign, as_of, checker.heading))
    if options.write_mapping_to is not None:
        result.mapping_files = write_mapping(
            options.write_mapping_to, run.unknowns, maps, campaign, run.headers, reader
        )
    order = [s.name for s in result.sheets]
    columns = {
        sheet: {heading: n for n, heading in enumerate(keys.values())}
        for sheet, keys in run.headings.items()
    }
    result.faults.sort(
        key=lambda f: (
            order.index(f.sheet) if f.sheet in order else 0,
            f.row,
            columns.get(f.sheet, {}).get(f.column, 999),
        )
    )
    if len(result.sheets) < 2:
        result.faults = [replace(f, sheet="") for f in result.faults]
    if options.write:
        _write(result, file)
    return result


def _from_data(run: _Run, book: Workbook, name: str, maps: Mapping) -> list[Candidate]:
    result, checker = run.result, run.checker
    result.sheets.append(SheetRead(name, 0, True))
    run.headings[name] = {}
    candidates = []
    for row, record, reason in data_rows(book[name]):
        if record is None:
            result.faults.append(Fault(row, DATA_HEADERS[1], reason, name))
        else:
            candidates.append(Candidate(row, record, checker.masked(record), sheet=name))
    if LEDGER_SHEET not in book.sheetnames:
        return candidates
    ledger = book[LEDGER_SHEET]
    header = find_header(ledger, maps)
    if header is None:
        return candidates
    checker.compare_ledger(ledger, header, candidates)
    ids = {str(c.record.get("id")) for c in candidates}
    added = added_rows(ledger, header, ids)
    if added:
        shown = "、".join(str(r) for r in added[:10])
        result.notes.append(
            f"“{LEDGER_SHEET}”表第 {shown} 行不在“数据（勿改）”表中（是在台账中新加的）：按台账导入。"
        )
        result.sheets.append(SheetRead(LEDGER_SHEET, header.row))
        run.headings[LEDGER_SHEET] = {key: heading for key, heading in header.keys.values()}
        run.reader.sheet = sheet_context(ledger, header, run.campaign, run.reader.unit_names)
        rows = ledger_candidates(ledger, header, run.reader, run.risk_order, only=set(added))
        candidates += rows.candidates
    return candidates


def _from_ledger(
    run: _Run, book: Workbook, name: str, header: Header, options: Options
) -> list[Candidate]:
    result, grid = run.result, book[name]
    result.sheets.append(SheetRead(name, header.row))
    run.headers.append(header)
    run.headings[name] = {key: heading for key, heading in header.keys.values()}
    run.reader.sheet = sheet_context(grid, header, run.campaign, run.reader.unit_names)
    rows = ledger_candidates(grid, header, run.reader, run.risk_order)
    result.skipped += rows.skipped
    result.petitioner_rows += rows.petitioner_rows
    where = f"工作表“{name}”：" if len(book.sheetnames) > 1 else ""
    notes = (
        header.notes + rows.notes + column_notes(header, options.registered, run.reader.sheet.filed)
    )
    result.notes += [f"{where}{note}" for note in notes]
    if grid.ignored:
        result.notes.append(
            f"{where}第 {MAX_COLS} 列以后的 {grid.ignored} 个单元格不是台账的列，已忽略。"
        )
    return rows.candidates


def _once(candidates: list[Candidate], result: ImportResult) -> list[Candidate]:
    """A case listed on two unit sheets (the same petitioners and problem) is imported once."""
    seen: dict[tuple[str, ...], Candidate] = {}
    out = []
    for c in candidates:
        key = same_row(c.record) if c.kind == "case" and not result.sheets[0].from_data else None
        first = seen.get(key) if key else None
        if first is not None and first.sheet != c.sheet:
            result.notes.append(
                f"工作表“{c.sheet}”第 {c.row} 行与工作表“{first.sheet}”第 {first.row} 行的信访人和"
                f"诉求相同，是同一件：只按前者导入一次。"
            )
            continue
        if key:
            seen.setdefault(key, c)
        out.append(c)
    return out


def _take(run: _Run, candidates: list[Candidate], risks: RiskChecker) -> None:
    result, checker = run.result, run.checker
    checker.reserve(c.record for c in candidates if c.kind == "case")
    for c in candidates:
        run.unknowns.collect(c.row, c.unknown, c.record, run.campaign)
        checker.headings = run.headings.get(c.sheet, {})
        take = checker.take if c.kind == "case" else risks.take
        faults, notes, path = take(c.row, c.record, c.problems)
        if faults:
            result.faults += [replace(f, sheet=c.sheet) for f in faults]
        else:
            assert path is not None
            result.planned.append(
                Planned(c.row, path, c.record, notes, c.assumed, c.comments, c.sheet, c.kind)
            )
    result.petitioner_planned = sum(
        p.kind == "case" and p.sheet in run.headings and bool(run.headings[p.sheet])
        for p in result.planned
    )
    result.notes += checker.all_notes


def case_text(plan: Planned, source: str) -> str | None:
    """The case file of a planned row, read back and compared before it is written: libyaml's
    emitter, else PyYAML's own; None if neither gives the record back."""
    rel = plan.path.name
    for fast in (True, False):
        text = dump_case(plan.record, source, plan.comments, fast, plan.kind)
        if load_text(text, Loaded(plan.path, rel)).data == plan.record:
            return text
    return None


BESIDE_FROM = 400


def _texts(plans: list[Planned], file: Path) -> list[str | None]:
    return [
        case_text(plan, f"{file.name}（工作表“{plan.sheet}”第 {plan.row} 行）") for plan in plans
    ]


def _write(result: ImportResult, file: Path) -> None:
    # Writing the YAML and reading it back is most of the time: half of it on the other core
    # (a few hundred rows are done sooner than a process starts).
    half = len(result.planned) // 2 if len(result.planned) >= BESIDE_FROM else len(result.planned)
    beside = Beside(_texts, result.planned[half:], file)
    texts = _texts(result.planned[:half], file) + beside.result()
    written = []
    for plan, text in zip(result.planned, texts, strict=True):
        if text is None:
            reason = "写出的 YAML 读回后与台账中的记录不同，未写入：请把该行单独导入，或手工新建"
            result.faults.append(Fault(plan.row, "编号", reason, plan.sheet))
            continue
        try:
            plan.path.parent.mkdir(parents=True, exist_ok=True)
            with plan.path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            result.faults.append(
                Fault(
                    plan.row,
                    "编号",
                    f"{plan.path.name} 刚被别人创建，未覆盖：请重新导入",
                    plan.sheet,
                )
            )
            continue
        except OSError as err:
            raise cannot_write(plan.path, err, "请检查目录权限。") from err
        written.append(plan)
    result.planned = written
