"""Excel under attack: hostile workbooks in, hostile record text out."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from xinfang.cli import main
from xinfang.errors import XinfangError
from xinfang.office.excel.export import export_workbook, workbook_bytes
from xinfang.office.excel.importer import import_workbook

from .conftest import ROOT, make_repo

AS_OF_TEXT = "2008-07-20"


def ledger(path: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.append(["信访人", "反映问题", "问题类别", "承办单位", "登记日期"])
    ws.append(["张三", "反映道路损毁要求维修", "热点难点", "城关镇", "2008-04-20"])
    book.save(path)
    return path


def replace_part(path: Path, part: str, content: bytes, target: Path) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            out.writestr(item, content if item.filename == part else source.read(item))
    return target


SHEET = "xl/worksheets/sheet1.xml"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"""
DOCTYPE_ONLY = b"""<?xml version="1.0"?><!DOCTYPE worksheet>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"""
BROKEN = b"""<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (BOMB, "含有 DTD 或实体声明"),
        (EXTERNAL, "含有 DTD 或实体声明"),
        (DOCTYPE_ONLY, "含有 DTD 或实体声明"),
        (BROKEN, "XML 格式错误"),
        (b"", "XML 格式错误"),
    ],
)
def test_sheet_xml_with_a_dtd_or_broken_is_refused_in_chinese(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    bad = replace_part(ledger(tmp_path / "a.xlsx"), SHEET, content, tmp_path / "坏.xlsx")
    assert main(["import", "xlsx", str(bad), "--root", str(repo)]) == 2
    err = capsys.readouterr().err
    assert f"无法读取 坏.xlsx：其中的 {SHEET} 不是正常的表格数据（{reason}" in err
    assert "Traceback" not in err and "root:" not in err


def test_shared_strings_with_a_dtd_are_refused(repo: Path, tmp_path: Path) -> None:
    path = ROOT / "tests" / "fixtures" / "ledgers" / "style-flat.xlsx"  # saved by LibreOffice
    with zipfile.ZipFile(path) as archive:
        parts = archive.namelist()
    strings = next(p for p in parts if p.endswith("sharedStrings.xml"))
    bad = replace_part(path, strings, EXTERNAL.replace(b"worksheet", b"sst"), tmp_path / "b.xlsx")
    with pytest.raises(Exception, match="含有 DTD 或实体声明"):
        import_workbook(repo, bad)


def test_one_cell_at_the_last_row_costs_one_cell(repo: Path, tmp_path: Path) -> None:
    path = ledger(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.cell(1_048_576, 16_384, "落款")
    book.save(path)
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    result = import_workbook(repo, path)
    assert time.perf_counter() - started < 5
    assert len(result.planned) == 1
    assert "第 256 列以后的 1 个单元格不是台账的列，已忽略。" in result.notes


def test_a_part_that_unpacks_too_large_is_refused(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xinfang.office.excel import limits

    monkeypatch.setattr(limits, "MAX_PART", 8_000)  # a real bomb would take 100 MB here
    path = ledger(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    for _ in range(3, 200):
        book.active.append(["某某", "反映问题" * 5, "热点难点", "城关镇", "2008-04-20"])
    book.save(path)
    with pytest.raises(
        Exception, match=r"其中的 xl/worksheets/sheet1.xml 解压后有 [0-9.]+ KB，超过了导入的上限"
    ):
        import_workbook(repo, path)


def test_an_id_with_a_line_break_does_not_make_a_second_file(tmp_path: Path) -> None:
    bundled = make_repo(tmp_path / "bundled", ROOT / "cases")
    out = export_workbook(bundled, tmp_path / "full.xlsx", full=True)
    book = openpyxl.load_workbook(out)
    ws = book["数据（勿改）"]
    record = json.loads(ws["B3"].value)
    record["id"] += "\n"
    ws["B3"].value = json.dumps(record, ensure_ascii=False)
    del book["全部案件"]
    book.save(out)
    before = sorted(p.name for p in (bundled / "cases").iterdir())
    result = import_workbook(bundled, out, write=True)
    assert sorted(p.name for p in (bundled / "cases").iterdir()) == before
    assert any(f.row == 3 and f.column == "编号" for f in result.faults)


# --- hostile record text out ---------------------------------------------------------------------

HOSTILE = {
    "title": '=HYPERLINK("http://x","点我")',
    "demand": "+1+cmd|' /C calc'!A0 反映问题尾",
    "about": "-2+3",
    "next_steps": "@SUM(A1:A2)",
}


def hostile_repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "repo", ROOT / "cases")
    path = repo / "cases" / "XF2008-T01-001.yml"
    text = path.read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(text)
    data.update(HOSTILE)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return repo


def test_no_record_text_is_ever_a_formula(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path)
    out = export_workbook(repo, tmp_path / "台账.xlsx", full=True)
    with zipfile.ZipFile(out) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets"))
    assert b"<f>" not in xml and b"<f " not in xml  # not one formula in any sheet
    book = openpyxl.load_workbook(out)
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert HOSTILE["title"] in texts and HOSTILE["demand"] in texts
    assert "-2+3" in texts and "@SUM(A1:A2)" in texts
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)
    data = book["数据（勿改）"]
    row = next(r for r in range(3, data.max_row + 1) if data.cell(r, 1).value == "XF2008-T01-001")
    record = json.loads("".join(str(c.value) for c in data[row][1:] if c.value))
    assert record["next_steps"] == HOSTILE["next_steps"]  # the data sheet keeps it exactly
    assert record["demand"] == HOSTILE["demand"]


def test_a_record_check_refuses_is_not_exported_and_the_export_says_so(tmp_path: Path) -> None:
    """Control characters, lone surrogates and huge numbers never reach the workbook: the
    loader refuses the record, and the export names how many files it left out."""
    repo = make_repo(tmp_path / "repo", ROOT / "cases")
    path = repo / "cases" / "XF2008-T01-001.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("head_count: 12", "head_count: " + "9" * 400)
    path.write_text(text + 'notes: "\\ud800\\x1b"\n', encoding="utf-8")
    from xinfang.office.excel.export import export_for_cli

    result = export_for_cli(repo, tmp_path / "台账.xlsx", None, None, True, force=True)
    assert any("1 个案件文件有错误，未导出" in note for note in result.notes)
    book = openpyxl.load_workbook(result.out)
    ids = [c.value for c in book["全部案件"]["A"]]
    assert "XF2008-T01-001" not in ids and "XF2008-T01-002" in ids


def test_the_cell_writer_takes_anything(tmp_path: Path) -> None:
    """Whatever a caller hands it, the one cell writer writes a cell and never a formula."""
    from xinfang.office.excel.book import Book, put

    values = [
        "=A1\x01\x0b\x1b尾",
        "@SUM(A1)\ud800\ufffe",
        "+1",
        "-2",
        10**5000,
        10**20,
        12,
        float("inf"),
        "长" * 40_000,
    ]
    out = tmp_path / "任意.xlsx"
    book = Book(out)
    ws = book.sheet("表")
    for row, value in enumerate(values):
        put(ws, row, 0, value)
    book.close()
    cells = [c for row in openpyxl.load_workbook(out)["表"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    got = [c.value for c in cells]
    assert got[0] == "=A1尾" and got[1] == "@SUM(A1)\ufffd\ufffd" and got[2:4] == ["+1", "-2"]
    assert "数字过长" in str(got[4]) and got[5] == str(10**20) and got[6] == 12
    assert len(got[8]) == 32767


def test_the_published_workbook_is_safe_too(tmp_path: Path) -> None:
    _, content = workbook_bytes(hostile_repo(tmp_path))
    (tmp_path / "site.xlsx").write_bytes(content)
    book = openpyxl.load_workbook(tmp_path / "site.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert HOSTILE["title"] in [c.value for c in cells]


def test_the_word_notice_takes_any_text(tmp_path: Path) -> None:
    from datetime import date

    from docx import Document

    from xinfang.office.notice.build import Notice, Section
    from xinfang.office.notice.docx import render
    from xinfang.office.notice.sections import Table

    hostile = "=A1\x01\x0b\x1b\ud800\ufffe尾 XF2008-D07-005 " + str(10**400)
    table = Table(["编号", "案件名称"], [["XF2008-D07-005", hostile]], [])
    notice = Notice(
        hostile, "号", hostile, hostile, [Section(hostile, [hostile, table])], hostile,
        "二〇〇八年七月二十日", date(2008, 7, 20), hostile,
    )  # fmt: skip
    out = tmp_path / "通报.docx"
    render(notice, out)
    doc = Document(str(out))
    assert doc.tables[0].cell(1, 1).text == "=A1尾 XF2008-D07-005 " + str(10**400)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_damaged_workbook_is_a_message_never_a_traceback(
    repo: Path, tmp_path: Path, data: st.DataObject
) -> None:
    source = ROOT / "tests" / "fixtures" / "ledgers" / "style-flat.xlsx"
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = data.draw(st.sampled_from(sorted(n for n in parts if n.endswith(".xml"))))
    content = bytearray(parts[name])
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(content) - 1))
        content[at : at + data.draw(st.integers(0, 8))] = data.draw(st.binary(max_size=8))
    target = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(target, "w") as out:
        for part, body in parts.items():
            out.writestr(part, bytes(content) if part == name else body)
    try:
        import_workbook(repo, target)
    except XinfangError as err:
        assert (
            "无法读取" in str(err)
            or "工作表" in str(err)
            or "表头" in str(err)
            or "无法导入" in str(err)
        )
