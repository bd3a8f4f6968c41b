"""What staff print and what LibreOffice gives back: the notice's pages, the ledger's pages and
a round trip through LibreOffice Calc. Needs LibreOffice (soffice) and poppler (pdftotext)."""

from __future__ import annotations

import itertools
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
    root = make_repo(tmp_path_factory.mktemp("office") / "bundled", ROOT / "cases")
    for folder in ("risks", "persons", "assignments", "submissions", "accountability"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


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


@pytest.fixture(scope="module")
def ledger(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled ledger and the PDF LibreOffice prints of it (converted once)."""
    folder = tmp_path_factory.mktemp("ledger")
    out = export_workbook(bundled, folder / "台账.xlsx", AS_OF)
    return out, convert(out, "pdf", folder)


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (x0, y0, x1, y1 in points), from pdftotext -bbox."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    box = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in re.findall(box, page)]
        for page in html.split("<page ")[1:]
    ]


def page_widths(pdf: Path) -> list[float]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [float(w) for w in re.findall(r'<page width="([\d.]+)"', html)]


def lines(page: list[tuple[float, float, float, float, str]]) -> list[list[tuple]]:
    """The words of a page by line (same top), left to right."""
    rows: dict[int, list[tuple]] = {}
    for word in page:
        rows.setdefault(round(word[1]), []).append(word)
    return [sorted(row) for _, row in sorted(rows.items())]


def test_the_printed_ledger_is_a4_landscape_with_its_header_on_every_page(
    ledger: tuple[Path, Path],
) -> None:
    out, pdf = ledger
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
    printed = pages(pdf)
    a4 = [width < 842 for width in page_widths(pdf)]  # the work sheets beside are A3
    ledger = [
        p for p, small in zip(printed, a4, strict=True)
        if small and "XF2008-" in p and "案件名称" not in p and "到访层级" not in p
        and "记录中缺少的" not in p  # the six items' sheet names cases too
    ]  # fmt: skip
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


def test_the_summary_prints_each_count_and_percentage_apart(ledger: tuple[Path, Path]) -> None:
    """汇总: a count right-aligned and a percentage after it never read as one number."""
    summary = words(ledger[1])[0]
    percentages = 0
    for row in lines(summary):
        for before, word in itertools.pairwise(row):
            if word[4].endswith("%"):
                percentages += 1
                assert re.fullmatch(r"\d{1,3}\.\d%", word[4]), word[4]  # not "360.0%"
                assert word[0] - before[2] >= 12, (before[4], word[4])  # a gap between cells
    assert percentages >= 15  # 结案率 for each unit, and the county's rates


def test_the_wide_sheets_print_readable_over_pages_across(ledger: tuple[Path, Path]) -> None:
    """全部案件 (33 columns) and 重点人员包保台账 print at a readable size on A3, over several pages
    across, each with the header row and the first columns again."""
    out, pdf = ledger
    book = openpyxl.load_workbook(out)
    for name in ("全部案件", "重点人员包保台账"):
        ws = book[name]
        assert ws.page_setup.paperSize == 8 and ws.page_setup.scale >= 75
        assert ws.print_title_rows == "$2:$2" and ws.print_title_cols == "$A:$B"
    printed = words(pdf)
    a3 = [width > 1100 for width in page_widths(pdf)]
    for title, first in (("全部案件", "编号"), ("重点人员包保台账", "登记编号")):
        sheet = [
            p for p, big in zip(printed, a3, strict=True)
            if big and (any(title in w[4] for w in p[:3]) or p[0][4] == first)
        ]  # fmt: skip
        assert len(sheet) >= 2, title
        for page in sheet:
            heights = sorted(w[3] - w[1] for w in page)
            assert heights[len(heights) // 2] >= 9.5, (title, heights[len(heights) // 2])
            assert first in [w[4] for w in page[:40]], title  # header and first columns again


def _stretched(page: list[tuple[float, float, float, float, str]]) -> list[str]:
    """Lines spread across the page one or two characters at a time (distributed alignment)."""
    out = []
    for row in lines(page):
        bits = [
            w[4] for w in row if len(w[4]) <= 2 and re.fullmatch(r"[\u3000-\u9fff（）：，]+", w[4])
        ]
        if len(bits) >= 4 and len(bits) >= len(row) - 2:
            out.append("".join(w[4] for w in row))
    return out


def test_no_notice_line_is_stretched_across_the_page(bundled: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    render(build_notice(bundled, AS_OF), out)
    pdf = convert(out, "pdf", tmp_path)
    printed = words(pdf)
    assert len(printed) >= 3
    assert [line for page in printed for line in _stretched(page)] == []
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "通报")], check=True)
    assert len(list(tmp_path.glob("通报-*.png"))) == len(printed)


def test_the_leader_brief_gives_next_steps_a_wide_column(bundled: Path, tmp_path: Path) -> None:
    from xinfang.cli import main

    out = tmp_path / "包案情况.docx"
    args = ["brief", "--root", str(bundled), "--as-of", "2008-07-20", "--leader", "郑春生"]
    assert main([*args, "--format", "docx", "--out", str(out)]) == 0
    first = words(convert(out, "pdf", tmp_path))[0]
    [head] = [w for w in first if w[4] == "下一步"]
    below = [w for w in first if w[1] > head[3] and w[0] > head[0] - 90]
    widest = max(w[2] - w[0] for w in below)
    assert widest >= 5 / 2.54 * 72, widest  # a line of 下一步 at least 5 cm wide
    dates = [w[4] for w in first if re.match(r"2008-\d\d-\d", w[4])]
    assert dates and all(re.fullmatch(r"2008-\d\d-\d\d\D*", d) for d in dates), dates
