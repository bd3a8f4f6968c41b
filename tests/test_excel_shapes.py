"""Workbooks of every shape: no traceback, memory bounded by the cells read, nothing dropped.

Each workbook here is built byte by byte (a zip of XML parts) so that it has exactly the shape
named: escaped surrogates, broken or deeply nested JSON in the data sheet, giant integers, the
1904 date system, no sheets, compression and encryption the reader does not support, parts that
expand far beyond their size in the zip, and rows added to the visible ledger of a --full export.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from xinfang.cli import main
from xinfang.errors import XinfangError
from xinfang.office.excel.export import export_workbook
from xinfang.office.excel.importer import import_workbook

from .conftest import ROOT, make_repo

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADINGS = ["信访人", "反映问题", "问题类别", "承办单位", "登记日期"]
GOOD_ROW = ["张三", "反映道路损毁要求维修", "热点难点", "城关镇", "2008-04-20"]


def _cell(ref: str, value: object, style: int | None = None) -> str:
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"{s}><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


def sheet_xml(rows: list[list[object]], styles: dict[tuple[int, int], int] | None = None) -> str:
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            _cell(f"{chr(64 + c)}{r}", v, (styles or {}).get((r, c)))
            for c, v in enumerate(row, start=1)
            if v is not None
        )
        out.append(f'<row r="{r}">{cells}</row>')
    return f'<worksheet xmlns="{NS}"><sheetData>{"".join(out)}</sheetData></worksheet>'


def workbook_parts(
    sheets: dict[str, str], date1904: bool = False, styles: str | None = None
) -> dict[str, bytes]:
    entries = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(sheets, start=1)
    )
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    if styles is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
    parts = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": (
            f'<workbook xmlns="{NS}" xmlns:r="{REL}">{pr}<sheets>{entries}</sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
        ).encode(),
    }
    for n, xml in enumerate(sheets.values(), start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = xml.encode("utf-8")
    if styles is not None:
        parts["xl/styles.xml"] = styles.encode()
    return parts


def write_zip(path: Path, parts: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compress) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return path


def ledger_with(path: Path, *rows: list[object], **kwargs: object) -> Path:
    sheet = sheet_xml([HEADINGS, *rows], kwargs.pop("styles", None))  # type: ignore[arg-type]
    return write_zip(path, workbook_parts({"台账": sheet}, **kwargs))  # type: ignore[arg-type]


def cli(repo: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["import", "xlsx", str(path), "--root", str(repo)])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    text.encode("utf-8")  # printable: no lone surrogate reaches the terminal
    assert "Traceback" not in text
    return code, text


# --- 20.11: no traceback on any shape ------------------------------------------------------------


def test_escaped_surrogates_in_cells_are_named_on_their_row(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = ["李四_xD800_", "反映_xDC00_道路损毁", "热点难点", "城关镇", "2008-04-20"]
    paired = ["王五", "反映_xD83D__xDE00_路灯不亮", "热点难点", "城关镇", "2008-04-20"]
    path = ledger_with(tmp_path / "a.xlsx", GOOD_ROW, row, paired)
    code, text = cli(repo, path, capsys)
    assert code == 1
    assert "第 3 行，列“信访人”：含有无法保存的字符（_xD800_）：请删去或改正" in text
    assert "第 3 行，列“反映问题”：含有无法保存的字符（_xDC00_）" in text
    result = import_workbook(repo, path)
    assert [p.row for p in result.planned] == [2, 4]  # a pair is one character: 😀
    assert result.planned[1].record["demand"] == "反映😀路灯不亮"


def test_surrogates_in_headings_and_footers_print_as_written(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = sheet_xml([[*HEADINGS, "附注_xD800_栏"], GOOD_ROW, ["合计_xDBFF_"]])
    path = write_zip(tmp_path / "a.xlsx", workbook_parts({"台账": sheet}))
    code, out = cli(repo, path, capsys)  # a terminal could not print a lone surrogate
    assert code == 0 and "第 3 行只有“合计_xDBFF_”" in out
    assert "列“附注_xD800_栏”按“备注”导入" in out


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "嵌套过深"),
        ('{"id": ' + "9" * 5000 + "}", "数字过长"),
        ('{"id": "XF2008-T01-001", ', "记录无法解析"),
        ("\ud800", "记录无法解析"),
    ],
)
def test_broken_or_deep_json_in_the_data_sheet_is_named(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, reason: str
) -> None:
    escaped = cell.replace("\ud800", "_xD800_")
    data = sheet_xml([["说明"], ["编号", "完整记录（JSON，勿改）"], ["XF2008-T01-001", escaped]])
    path = write_zip(tmp_path / "a.xlsx", workbook_parts({"数据（勿改）": data}))
    code, text = cli(repo, path, capsys)
    assert code == 1
    assert "第 3 行" in text and reason in text


@pytest.mark.parametrize("number", ["9" * 5000, "1e400", "-" + "9" * 400])
def test_giant_integers_are_named_in_chinese(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    sheet = sheet_xml([[*HEADINGS, "涉及人数", "编号"], [*GOOD_ROW, "PLACEHOLDER", None]])
    sheet = sheet.replace('t="inlineStr"><is><t>PLACEHOLDER</t></is>', f"><v>{number}</v>")
    path = write_zip(tmp_path / "a.xlsx", workbook_parts({"台账": sheet}))
    code, text = cli(repo, path, capsys)
    assert code == 1
    assert "第 2 行，列“涉及人数”：" in text and "不是整数" in text
    assert "Exceeds" not in text and "limit" not in text


STYLES_DATE = (
    f'<styleSheet xmlns="{NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/>'
    "</cellXfs></styleSheet>"
)


def test_the_1904_date_system_and_dates_out_of_range(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["张三", "反映道路损毁要求维修", "热点难点", "城关镇", 38_636],  # 2009-10-12 in 1904 (2005-10-11 in 1900)
            ["李四", "反映路灯不亮要求维修", "热点难点", "城关镇", 2_958_000],
            ["王五", "反映水管破裂要求维修", "热点难点", "城关镇", -5]]  # fmt: skip
    styles = {(r, 5): 1 for r in (2, 3, 4)}
    path = ledger_with(tmp_path / "a.xlsx", *rows, date1904=True, styles=styles)
    path = write_zip(
        tmp_path / "b.xlsx",
        {**dict(_parts(path)), "xl/styles.xml": STYLES_DATE.encode()},
    )
    _add_styles_relation(path)
    assert cli(repo, path, capsys)[0] == 1
    result = import_workbook(repo, path)
    assert result.planned[0].record["registered"] == "2009-10-12"
    assert {f.row for f in result.faults} == {3, 4}
    assert all("登记日期" in f.column for f in result.faults)


def _parts(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(n, archive.read(n)) for n in archive.namelist()]


def _add_styles_relation(path: Path) -> None:
    parts = dict(_parts(path))
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    write_zip(path, parts)


def test_a_workbook_with_no_sheets(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_zip(tmp_path / "a.xlsx", workbook_parts({}))
    code, text = cli(repo, path, capsys)
    assert code == 2 and "没有工作表" in text


def _with_compression(path: Path, method: int, flag: int = 0) -> Path:
    """The same zip with the sheet entry claiming another compression method, or encryption:
    both the local header and the central directory entry (flag, method and name offsets)."""
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30),
                                                   (b"PK\x01\x02", 8, 10, 46)):  # fmt: skip
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at : at + name_at + len(name)] == name:
                struct.pack_into("<H", data, at + method_at, method)
                old = struct.unpack_from("<H", data, at + flag_at)[0]
                struct.pack_into("<H", data, at + flag_at, old | flag)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("method", "flag", "reason"),
    [(9, 0, "压缩方式"), (99, 0, "压缩方式"), (8, 1, "加密")],
)
def test_unsupported_compression_and_encrypted_entries(
    repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    method: int,
    flag: int,
    reason: str,
) -> None:
    path = _with_compression(ledger_with(tmp_path / "a.xlsx", GOOD_ROW), method, flag)
    code, text = cli(repo, path, capsys)
    assert code == 2 and reason in text and "a.xlsx" in text


# --- 20.12: memory proportional to the cells read ------------------------------------------------


MEASURE = """
import resource, sys
from pathlib import Path
from xinfang.office.excel.importer import import_workbook
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
import_workbook(Path(sys.argv[1]), Path(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def grown_by(repo: Path, path: Path) -> float:
    """How many MB the peak memory of a fresh process grew by while importing ``path``."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(repo), str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(result.stdout.split()[-1]) / 1024  # ru_maxrss is in KB on Linux


def test_a_small_file_never_expands_in_memory(repo: Path, tmp_path: Path) -> None:
    """600,000 empty rows (8 MB of XML, 30 KB zipped) hold no memory once read (each kept
    its emptied element before: 11 MB; a real bomb of 100 MB, 140 MB)."""
    small = ledger_with(tmp_path / "small.xlsx", GOOD_ROW)
    empty_rows = '<row r="3"/>' * 600_000
    sheet = sheet_xml([HEADINGS, GOOD_ROW]).replace("</sheetData>", empty_rows + "</sheetData>")
    path = write_zip(tmp_path / "a.xlsx", workbook_parts({"台账": sheet}))
    assert path.stat().st_size < 100_000
    assert grown_by(repo, path) - grown_by(repo, small) < 6


def test_one_row_of_many_cells_is_not_held_whole(repo: Path, tmp_path: Path) -> None:
    """A row is read cell by cell: 200,000 cells in one row (it held them all before: 38 MB)."""
    small = ledger_with(tmp_path / "small.xlsx", GOOD_ROW)
    cells = '<c r="A2"><v>7</v></c>' * 200_000
    sheet = sheet_xml([HEADINGS, GOOD_ROW]).replace(
        "</sheetData>", f'<row r="3">{cells}</row></sheetData>'
    )
    path = write_zip(tmp_path / "a.xlsx", workbook_parts({"台账": sheet}))
    assert grown_by(repo, path) - grown_by(repo, small) < 15


@pytest.mark.parametrize(
    ("cap", "value", "part", "words"),
    [
        ("MAX_STRINGS", 50, "strings", "共享字符串"),
        ("MAX_STYLES", 50, "styles", "单元格格式"),
        ("MAX_CELLS", 50, "cells", "单元格"),
        ("MAX_SHEETS", 2, "sheets", "工作表"),
    ],
)
def test_each_cap_is_named_when_met(
    repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cap: str,
    value: int,
    part: str,
    words: str,
) -> None:
    from xinfang.office.excel import limits

    monkeypatch.setattr(limits, cap, value)
    rows = [
        [f"某{n}", "反映道路损毁要求维修", "热点难点", "城关镇", "2008-04-20"] for n in range(30)
    ]
    sheets = {"台账": sheet_xml([HEADINGS, *rows])}
    if part == "sheets":
        sheets |= {"二": sheet_xml([["a"]]), "三": sheet_xml([["b"]])}
    xfs = '<xf numFmtId="0"/>' * 80
    parts = workbook_parts(
        sheets, styles=f'<styleSheet xmlns="{NS}"><cellXfs>{xfs}</cellXfs></styleSheet>'
    )
    if part == "strings":
        strings = "".join(f"<si><t>{n}</t></si>" for n in range(80))
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{NS}">{strings}</sst>'.encode()
        rels = (
            parts["xl/_rels/workbook.xml.rels"]
            .decode()
            .replace(
                "</Relationships>",
                f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
            )
        )
        parts["xl/_rels/workbook.xml.rels"] = rels.encode()
        parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
            b"</sheetData>", b'<row r="40"><c r="A40" t="s"><v>3</v></c></row></sheetData>'
        )
    path = write_zip(tmp_path / "a.xlsx", parts)
    with pytest.raises(XinfangError, match=f"{words}.*超过.*{value}"):
        import_workbook(repo, path)


# --- 20.13: rows added to the visible ledger of a --full export ----------------------------------


def test_rows_added_to_the_ledger_of_a_full_export_are_imported(tmp_path: Path) -> None:
    bundled = make_repo(tmp_path / "bundled", ROOT / "cases")
    out = export_workbook(bundled, tmp_path / "full.xlsx", date(2008, 7, 20), full=True)
    book = openpyxl.load_workbook(out)
    ws = book["全部案件"]
    headings = [c.value for c in ws[2]]
    row = dict.fromkeys(headings)
    row.update({
        "案件名称": "城关镇南街村村民反映路灯损坏无人维修", "问题类别": "热点难点",
        "登记日期": "2008-05-06", "信访人": "孟新来", "信访诉求": "南街路灯损坏半年无人维修，要求修复",
        "承办单位": "城关镇", "所属单位": "城关镇",
    })  # fmt: skip
    ws.append([row[h] for h in headings])
    no_id = ws.max_row
    book.save(out)
    empty = make_repo(tmp_path / "empty")
    result = import_workbook(empty, out)
    planned = {p.record["title"]: p for p in result.planned}
    assert len(result.planned) + len({f.row for f in result.faults}) == 49
    added = planned.get("城关镇南街村村民反映路灯损坏无人维修")
    assert added is not None and added.record["petitioners"][0]["name"] == "孟新来"
    assert any(f"“全部案件”表第 {no_id} 行" in note for note in result.notes)
    assert json.loads(json.dumps(added.record))["responsibility"]["unit"] == "T01"
