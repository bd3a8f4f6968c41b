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
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from math import isfinite
from operator import getitem
from pathlib import Path
from typing import IO, Any
from unicodedata import east_asian_width
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

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
)
from .excel_summary import write_summary
from .repository import Repository, gc_paused, open_repository
from .status import Overview, overview
from .validate import load_schema
from .workdays import WorkCalendar

WRAP_AT = 40  # wider text wraps
LINE_HEIGHT = 15  # points per line of 11-point text
MAX_LINES = 8
JSON_CHUNK = 30000  # an Excel cell holds at most 32,767 characters
MAX_CELL = 32767
TITLE_ROW, HEADER_ROW = 1, 2
ROW = "\0"  # the row number in a row's cells (XML); a row serves 全部案件 and its unit's sheet
ROWS_PER_WRITE = 500
COMPRESSION = 1  # zlib level: a third of the default level's time; the file half as large again
# Characters XML 1.0 does not allow (openpyxl refuses them in cells): removed from cell text.
ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_WIDE = frozenset("WF")
_DISTINCT = frozenset({type(None), str, date, int})  # types whose equal values are alike cells


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


def style_attributes(book: Workbook) -> dict[tuple[bool, bool], str]:
    """The ``s`` attribute (the cell format's index) of each ledger cell style in row XML."""
    attributes = {}
    for key, name in cell_styles(book).items():
        probe = Cell(book.worksheets[0])  # in no sheet's cells: it only registers the format
        probe.style = name
        attributes[key] = f' s="{probe.style_id}"'
    return attributes


# --- cells as XML ----------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Display width of a line: a wide (CJK) character counts two; as status_report.width."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_WIDE.__contains__, map(east_asian_width, text)))


def measure(value: object) -> tuple[int, tuple[int, ...] | None]:
    """A cell's width (its widest line, as ``text_width``) and, for text, each line's width."""
    if value is None:
        return 0, None
    if isinstance(value, date):
        return 10, None
    if isinstance(value, int | float):
        return display_width(str(value)), None
    lines = tuple(display_width(line) for line in str(value).splitlines() or [""])
    return max(lines), lines


def line_count(lines: tuple[int, ...] | None, size: int) -> int:
    """Lines a wrapped cell of ``size`` characters' width needs (the row height is set from it)."""
    if lines is None:
        return 1
    size = max(size, 1)
    return sum(max(1, -(-w // size)) for w in lines)


@lru_cache(maxsize=4096)
def _serial(day: date) -> str:
    return _number(to_excel(day))


def _number(value: float) -> str:
    return f"{value:.16g}" if isfinite(value) else ""  # as openpyxl writes numbers


def _text(value: str) -> str:
    """A string cell's type and content, after its opening tag's attributes, as openpyxl writes it."""
    value = value[:MAX_CELL]
    if ILLEGAL.search(value):
        value = ILLEGAL.sub("", value)
    space = ' xml:space="preserve"' if value != value.strip() else ""
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{space}>{text.replace(chr(13), "&#13;")}</t></is></c>'


def value_xml(value: object) -> str:
    """A cell's XML after its reference and style: text inline, dates as serial numbers."""
    if value is None:
        return "/>"  # an empty cell, which keeps its style (border, fill)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        return f' t="n"><v>{_serial(value)}</v></c>'
    if isinstance(value, int | float):
        return f' t="n"><v>{_number(value)}</v></c>'
    return _text(str(value))


def cell_xml(column: str, style: str, value: object) -> str:
    """A cell of row ROW; ``style`` is its s attribute, or empty."""
    return f'<c r="{column}{ROW}"{style}{value_xml(value)}'


@dataclass
class Body:
    """A sheet's rows below its header, as XML, which `save_workbook` splices into the sheet."""

    rows: list[tuple[int, int | None, str]] = field(default_factory=list)  # number, height, cells
    last_col: int = 0

    def add(self, number: int, cells: str, columns: int, height: int | None = None) -> None:
        self.rows.append((number, height, cells))
        self.last_col = max(self.last_col, columns)

    @property
    def last_row(self) -> int:
        return self.rows[-1][0] if self.rows else 0

    def xml(self) -> Iterator[bytes]:
        for start in range(0, len(self.rows), ROWS_PER_WRITE):
            parts = []
            for number, height, cells in self.rows[start : start + ROWS_PER_WRITE]:
                r = str(number)
                attributes = f' ht="{height}" customHeight="1"' if height else ""
                parts.append(f'<row r="{r}"{attributes}>{cells.replace(ROW, r)}</row>')
            yield "".join(parts).encode()

    def dimension(self, found: re.Match[bytes]) -> bytes:
        """The sheet's used range: openpyxl's (title and header) and the body's together."""
        first_col, first_row, last_col, last_row = (g.decode() for g in found.groups())
        col = max(column_index_from_string(last_col), self.last_col)
        row = max(int(last_row), self.last_row)
        return f'<dimension ref="{first_col}{first_row}:{get_column_letter(col)}{row}"/>'.encode()


_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"/>')


class _SplicingArchive:
    """The zip archive openpyxl saves into: a sheet with a body gets its rows before </sheetData>."""

    def __init__(self, archive: ZipFile, bodies: Mapping[Worksheet, Body]) -> None:
        self.archive = archive
        self.bodies = bodies
        self.spliced: set[Worksheet] = set()

    def write(self, filename: str, arcname: str | None = None, *args: Any, **kwargs: Any) -> None:
        ws = next((ws for ws in self.bodies if ws.path[1:] == arcname), None)
        if ws is None or arcname is None:
            self.archive.write(filename, arcname, *args, **kwargs)
            return
        body = self.bodies[ws]
        self.spliced.add(ws)
        frame = Path(filename).read_bytes()
        head, end, tail = frame.partition(b"</sheetData>")
        if not end:
            raise RuntimeError(
                f"openpyxl 写出的 {arcname} 没有 sheetData：请检查 openpyxl 版本（3.1）"
            )
        head = _DIMENSION.sub(body.dimension, head, count=1)
        with self.archive.open(arcname, "w") as out:
            out.write(head)
            for chunk in body.xml():
                out.write(chunk)
            out.write(end + tail)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.archive, name)


def save_workbook(
    book: Workbook, bodies: Mapping[Worksheet, Body], target: Path | IO[bytes]
) -> None:
    """Save ``book`` as openpyxl's ``Workbook.save`` does, with the bodies' rows in their sheets."""
    book.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    with ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=COMPRESSION) as archive:
        splicing = _SplicingArchive(archive, bodies)
        ExcelWriter(book, splicing).write_data()
    missed = [ws.title for ws in bodies if ws not in splicing.spliced]
    if missed:  # another openpyxl, which writes its sheets otherwise
        raise RuntimeError(
            f"工作表 {'、'.join(missed)} 的案件行未写入：请检查 openpyxl 版本（3.1）"
        )


# --- the sheets --------------------------------------------------------------------------------


def landscape(ws: Worksheet, a3: bool = False) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if a3 else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


TITLE_FONT = Font(bold=True, size=14)
TITLE_ALIGNMENT = Alignment(horizontal="left", vertical="center")


def write_title(ws: Worksheet, text: str, columns: int) -> None:
    ws.cell(TITLE_ROW, 1, text).font = TITLE_FONT
    ws.cell(TITLE_ROW, 1).alignment = TITLE_ALIGNMENT
    if columns > 1:
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=columns)
    ws.row_dimensions[TITLE_ROW].height = 28


def set_widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for col, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = size + 2


@dataclass
class LedgerRow:
    """A case's row of the ledger sheets, rendered once for 全部案件 and its unit's sheet."""

    unit: str
    cells: str  # the cells' XML, ROW standing for the row number
    sizes: tuple[int, ...]  # each cell's width (its widest line)
    # Cells that may wrap: column, the widths of its lines, its lines at the widest column.
    wraps: list[tuple[int, tuple[int, ...], int]]


@dataclass
class LedgerWriter:
    """Writes ledger sheets: one row per case, overdue rows in light red."""

    ledger: Ledger
    view: Overview
    calendar: WorkCalendar
    styles: dict[tuple[bool, bool], str]  # the s attribute by (is a date, is overdue)

    def __post_init__(self) -> None:
        self.headers = [c.header for c in COLUMNS] + list(COMPUTED)
        self.letters = [get_column_letter(i) for i in range(1, len(self.headers) + 1)]
        # Each cell's opening tag, by (is a date) then (is overdue) then column.
        self.heads = {
            is_date: tuple(
                [f'<c r="{letter}{ROW}"{self.styles[(is_date, late)]}' for letter in self.letters]
                for late in (False, True)
            )
            for is_date in (False, True)
        }
        # No sheet's column is narrower: a one-line cell within it never wraps.
        least = [c.width for c in COLUMNS] + [0] * len(COMPUTED)
        self.floors = [
            min(WRAP_AT, max(size, display_width(h)))
            for size, h in zip(least, self.headers, strict=True)
        ]

    def prepare(self, records: Sequence[dict[str, Any]]) -> list[LedgerRow]:
        """Each record's ledger row, in the order given.

        Column by column: a column's distinct values (labels, units, names, dates and 是/否
        recur) are rendered and measured once each, and C loops (map, zip, join) put the rows
        together.
        """
        overdue = {c.id: c for c in self.view.overdue}
        policy = self.view.campaign.policy
        table = []
        lates = []
        for record in records:
            status = deadline_status(record, self.view.as_of, policy, self.calendar)
            late = overdue.get(record["id"])
            days = -late.deadline.days_left if late and late.deadline else None
            table.append([*self.ledger.row(record), status.effective if status else None, days])
            lates.append(late is not None)
        if not table:
            return []
        by_col: list[list[str]] = []
        sizes_by_col: list[tuple[int, ...]] = []
        wraps: list[list[tuple[int, tuple[int, ...], int]]] = [[] for _ in table]
        for col, values in enumerate(zip(*table, strict=True)):
            cells: Iterable[tuple[tuple[str, str], int, tuple[tuple[int, ...], int] | None]]
            if set(map(type, values)) <= _DISTINCT:
                found = {value: self._cell(col, value) for value in set(values)}
                cells = map(found.__getitem__, values)
            else:  # values that compare equal across types (1 == 1.0 == True): one by one
                cells = [self._cell(col, value) for value in values]
            xml, sizes, wrap = zip(*cells, strict=True)
            by_col.append(list(map(getitem, xml, lates)))
            sizes_by_col.append(sizes)
            for row in itertools.compress(range(len(table)), wrap):
                lines, at_wrap = wrap[row]
                wraps[row].append((col, lines, at_wrap))
        units = (r["responsibility"]["unit"] for r in records)
        cells_by_row = map("".join, zip(*by_col, strict=True))
        rows = zip(units, cells_by_row, zip(*sizes_by_col, strict=True), wraps, strict=True)
        return [LedgerRow(*row) for row in rows]

    def _cell(
        self, col: int, value: object
    ) -> tuple[tuple[str, str], int, tuple[tuple[int, ...], int] | None]:
        """A cell's XML (on time, overdue), its width, and its lines' widths and their number
        at the widest column when it may wrap."""
        is_date = isinstance(value, date)
        xml = value_xml(value)
        heads = self.heads[is_date]
        size, lines = measure(value)
        wrap = None
        if lines is not None and (len(lines) > 1 or size > self.floors[col]):
            wrap = (lines, line_count(lines, WRAP_AT))
        return (heads[0][col] + xml, heads[1][col] + xml), size, wrap

    def write(self, ws: Worksheet, title: str, rows: Sequence[LedgerRow]) -> Body:
        headers = self.headers
        note = f"（统计日期 {self.view.as_of}；红底为超期未结案件）"
        write_title(ws, f"{self.view.campaign.county}{title}{note}", len(headers))
        ws.append(headers)
        style_header(ws, HEADER_ROW, len(headers))
        widths = list(self.floors)
        for col, sizes in enumerate(zip(*(r.sizes for r in rows), strict=True)):
            widths[col] = min(WRAP_AT, max(widths[col], *sizes))
        body = Body()
        for number, row in enumerate(rows, start=HEADER_ROW + 1):
            lines = 1
            for col, line_widths, at_wrap in row.wraps:
                size = widths[col]
                count = at_wrap if size == WRAP_AT else line_count(line_widths, size)
                lines = max(lines, count)
            body.add(number, row.cells, len(headers), LINE_HEIGHT * min(lines, MAX_LINES))
        set_widths(ws, widths)
        last = get_column_letter(len(headers))
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
        ws.freeze_panes = f"C{HEADER_ROW + 1}"  # the header row, 编号 and 案件名称 stay put
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        landscape(ws, a3=True)
        return body


def write_data_sheet(ws: Worksheet, ledger: Ledger, records: Sequence[dict[str, Any]]) -> Body:
    write_title(
        ws, "本表供 xinfang import 还原完整记录，请勿修改、排序或删除；修改案件请改 YAML 文件", 2
    )
    ws.append(list(DATA_HEADERS))
    style_header(ws, HEADER_ROW, 2)
    body = Body()
    for number, record in enumerate(records, start=HEADER_ROW + 1):
        text = json.dumps(ledger.masked_record(record), ensure_ascii=False)
        values = [
            record["id"],
            *(text[i : i + JSON_CHUNK] for i in range(0, len(text), JSON_CHUNK)),
        ]
        cells = "".join(
            cell_xml(get_column_letter(col), "", v) for col, v in enumerate(values, start=1)
        )
        body.add(number, cells, len(values))
    set_widths(ws, [16, 80])
    ws.sheet_properties.tabColor = "808080"
    return body


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
) -> Built:
    """The ledger workbook in memory, with the notes for the person who asked for it.

    ``repo``: the repository of ``root`` when the caller has loaded it already.
    """
    with gc_paused():
        loaded = repo if repo is not None else open_repository(root)
        return _build_workbook(root, as_of, unit, full, loaded)


def _build_workbook(
    root: Path, as_of: date | None, unit: str | None, full: bool, repo: Repository
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
    records = sorted(
        (r.data for r in repo.cases if unit is None or r.data["responsibility"]["unit"] == unit),
        key=lambda d: d["id"],
    )
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    write_summary(summary, view, masked=not full)
    writer = LedgerWriter(ledger, view, calendar, style_attributes(book))
    rows = writer.prepare(records)
    bodies = {}
    ws = book.create_sheet(LEDGER_SHEET)
    bodies[ws] = writer.write(ws, "信访问题排查台账（全部案件）", rows)
    for code in [unit] if unit else campaign.units:
        name = campaign.unit_name(code)
        ws = book.create_sheet(sheet_title(name))
        mine = [r for r in rows if r.unit == code]
        bodies[ws] = writer.write(ws, f"信访问题排查台账（{name}）", mine)
    ws = book.create_sheet(DATA_SHEET)
    bodies[ws] = write_data_sheet(ws, ledger, records)
    notes = []
    broken = len(repo.records) - len(repo.cases)
    if broken:
        notes.append(f"注意：{broken} 个案件文件有错误，未导出；运行 xinfang check 查看。")
    notes.append(
        "身份证号和电话已打码；需要完整号码（例如重新导入）时加 --full。"
        if not full
        else "本工作簿含完整的身份证号和电话：请妥善保管，不要外传。"
    )
    return Built(book, day, len(records), notes, bodies)


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
    built = build_workbook(root, as_of, None, full=False, repo=repo)
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
