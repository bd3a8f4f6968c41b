"""What staff print and what LibreOffice gives back: the notice's pages, the ledger's pages and
a round trip through LibreOffice Calc. Needs LibreOffice (soffice) and poppler (pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from xinfang.office.excel.export import export_workbook
from xinfang.office.excel.importer import import_workbook
from xinfang.office.notice.build import build_notice
from xinfang.office.notice.docx import render
from xinfang.records.loader import load_file

from .conftest import ROOT, make_repo

AS_OF = date(2008, 7, 20)
pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）",
)


def convert(path: Path, to: str, out: Path) -> Path:
    """``path`` converted by LibreOffice headless (its own profile, so runs do not collide)."""
    profile = out / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    return out / f"{path.stem}.{to.split(':')[0]}"


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("office") / "bundled", ROOT / "cases")


def test_the_notice_keeps_ids_and_dates_whole_and_cc_with_the_signature(
    bundled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "通报.docx"
    render(build_notice(bundled, AS_OF), out)
    printed = pages(convert(out, "pdf", tmp_path))
    text = "\n".join(printed)
    broken = re.findall(r"XF2008-[A-Z0-9]+-?\s*$|\b2008-[0-9]{2}-?\s*$", text, re.MULTILINE)
    assert not broken  # no id or date split at a line's end
    assert "XF2008-D07-005" in text and "2008-06-20" in text
    last = [line.strip() for line in printed[-1].splitlines() if line.strip()]
    assert any(line.startswith("抄送") for line in last)
    assert len([line for line in last if not re.fullmatch(r"—\s*\d+\s*—", line)]) > 1


def test_the_printed_ledger_is_a4_landscape_with_its_header_on_every_page(
    bundled: Path, tmp_path: Path
) -> None:
    out = export_workbook(bundled, tmp_path / "台账.xlsx", AS_OF)
    book = openpyxl.load_workbook(out)
    ws = book["打印台账"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # one page wide (1 is the default width)
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3" and "&P" in ws.oddFooter.center.text
    assert ws["A1"].value == "XX县信访问题排查台账（全部案件）"
    assert ws["A2"].value.startswith("制表：县信访局　　统计日期：2008年7月20日　　共 48 件")
    assert [c.value for c in ws[3]] == [
        "编号", "信访人", "问题", "承办单位", "包案领导", "责任人", "时限", "状态", "进展",
    ]  # fmt: skip
    assert ws["A4"].alignment.wrap_text and ws.row_dimensions[4].height >= 20
    data = book["数据（勿改）"]
    assert data.sheet_state == "hidden" and data.protection.sheet
    assert data["A1"].alignment.wrap_text and data.row_dimensions[1].height >= 40
    # Printed by LibreOffice: the ledger's pages are legible and each starts with the header.
    printed = pages(convert(out, "pdf", tmp_path))
    ledger = [p for p in printed if "XF2008-" in p and "案件名称" not in p and "到访层级" not in p]
    assert len(ledger) >= 2 + 13  # 打印台账 on two pages or more, then each unit's
    assert all(re.search(r"编号\s+信访人\s+问题\s+承办单位", p) for p in ledger)
    assert all(re.search(r"第\s*\d+\s*页，\s*共\s*\d+\s*页", p) for p in ledger)
    assert any("XF2008-D07-005" in p for p in ledger)


def test_a_round_trip_through_libreoffice_calc_gives_the_same_records(
    bundled: Path, tmp_path: Path
) -> None:
    out = export_workbook(bundled, tmp_path / "full.xlsx", AS_OF, full=True)
    (tmp_path / "calc").mkdir()
    saved = convert(out, "xlsx:Calc MS Excel 2007 XML", tmp_path / "calc")
    assert saved.read_bytes() != out.read_bytes()
    empty = make_repo(tmp_path / "empty")
    result = import_workbook(empty, saved, write=True)
    assert not result.faults and len(result.planned) == 48
    cases = sorted((bundled / "cases").glob("*.yml"))
    assert [load_file(p, bundled).data for p in cases] == [
        load_file(empty / "cases" / p.name, empty).data for p in cases
    ]
