"""Excel sheets of the work beside cases: the ledgers staff keep, key persons masked unless
--full, and none of them in the site's download."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import yaml

from xinfang.office.excel.export import export_workbook, workbook_bytes

from .conftest import ROOT
from .test_duty_records import bundled

AS_OF = date(2008, 7, 20)
DUTY_SHEETS = [
    "重点工作",
    "隐患排查台账",
    "重点人员包保台账",
    "走访帮扶记录",
    "交办督办台账",
    "上报材料和验收",
    "责任追究",
    "专门会议",
    "宣传活动",
    "督查督导",
    "表彰",
    "六个到位",
]


def _persons() -> list[dict]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "persons").glob("*.yml"))
    ]


def _rows(book: openpyxl.Workbook, sheet: str) -> list[tuple]:
    return list(book[sheet].iter_rows(min_row=3, values_only=True))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundled(tmp_path_factory.mktemp("excel") / "repo")


def test_the_sheets_follow_the_unit_sheets(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_workbook(repo, tmp_path / "a.xlsx", AS_OF))
    names = book.sheetnames
    assert names[-1] == "数据（勿改）" and names[-len(DUTY_SHEETS) - 1 : -1] == DUTY_SHEETS
    risks = _rows(book, "隐患排查台账")
    assert len(risks) == 14
    row = next(r for r in risks if r[0] == "YH2008-T04-001")
    assert row[3] == datetime(2008, 4, 15) and row[10] == "重大" and row[17] == "在控"
    assert book["隐患排查台账"].cell(3 + risks.index(row), 1).fill.fgColor.rgb.endswith("FFC7CE")
    assigned = {r[0]: r for r in _rows(book, "交办督办台账")}
    assert assigned["JB2008-002"][14] == "超期未报结" and assigned["JB2008-002"][18] == 20
    assert assigned["JB2008-005"][14] == "逾期报结"
    submissions = {r[0]: r for r in _rows(book, "上报材料和验收")}
    assert submissions["东关乡"][4:6] == (3, 4)
    actions = _rows(book, "责任追究")
    assert [a[1] for a in actions] == ["通报批评", "通报批评", "诫勉谈话", "通报批评"]


def test_the_machinery_sheets_as_of_a_date(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_workbook(repo, tmp_path / "w.xlsx", AS_OF))
    meetings = {r[0]: r for r in _rows(book, "专门会议")}
    assert meetings["石桥乡"][2] == datetime(2008, 4, 15)  # after the mobilisation phase: marked
    assert meetings["县劳动和社会保障局"][5] == "没有专门会议的记录"
    assert "总结大会" not in [r[1] for r in _rows(book, "专门会议")]  # held on 7-29, after 7-20
    problems = _rows(book, "督查督导")
    assert [(r[0], r[5], r[9]) for r in problems] == [
        ("DC2008-001", 1, "已整改"),
        ("DC2008-001", 2, "已整改"),
        ("DC2008-001", 3, "逾期未整改"),
        ("DC2008-002", 1, "已整改"),
        ("DC2008-002", 2, "已整改"),
        ("DC2008-003", 1, "整改中"),
    ]
    assert _rows(book, "表彰") == []  # decided on 7-25
    six = [r for r in _rows(book, "六个到位") if r[0] == "县司法局"]
    assert [r[1] for r in six] == [
        "排查到位",
        "解决到位",
        "疏导到位",
        "扶持到位",
        "稳控到位",
        "追责到位",
    ]
    assert six[0][3] == "没有排查台账的上报记录" and "督查问题逾期未整改 1 个" in six[5][3]
    later = openpyxl.load_workbook(export_workbook(repo, tmp_path / "x.xlsx", date(2008, 7, 31)))
    assert [r[0] for r in _rows(later, "表彰")] == ["BZ2008-001", "BZ2008-002"]


def test_key_persons_are_masked_unless_full(repo: Path, tmp_path: Path) -> None:
    masked = openpyxl.load_workbook(export_workbook(repo, tmp_path / "m.xlsx", AS_OF))
    full = openpyxl.load_workbook(export_workbook(repo, tmp_path / "f.xlsx", AS_OF, full=True))
    people = _persons()
    cells = " ".join(
        str(v) for s in ("重点人员包保台账", "走访帮扶记录") for r in _rows(masked, s) for v in r
    )
    for person in people:
        assert person["name"] not in cells, person["id"]
        assert person["id_number"] not in cells and person["phone"] not in cells
    ledger = {r[0]: r for r in _rows(masked, "重点人员包保台账")}
    assert ledger["ZD2008-T03-001"][1:4] == ("邵**", "3905**********613X", "154****6870")
    assert ledger["ZD2008-T01-002"][18] == "是"  # past the interval
    whole = {r[0]: r for r in _rows(full, "重点人员包保台账")}
    assert whole["ZD2008-T03-001"][1:4] == ("邵德福", "39052119470503613X", "15489666870")
    log = [r for r in _rows(full, "走访帮扶记录") if r[0] == "ZD2008-T03-001"]
    assert len(log) == 7  # contacts up to 07-20 only
    assert "已打码" in masked["重点人员包保台账"]["A1"].value
    assert "注意保密" in full["重点人员包保台账"]["A1"].value


def test_one_units_workbook_has_its_own_key_persons(repo: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_workbook(repo, tmp_path / "u.xlsx", AS_OF, unit="T04"))
    assert {r[0][:9] for r in _rows(book, "重点人员包保台账")} == {"ZD2008-T0"}
    assert {r[4] for r in _rows(book, "重点人员包保台账")} == {"石桥乡"}
    assert all(r[11] == "石桥乡" for r in _rows(book, "隐患排查台账"))


def test_the_sites_download_has_no_key_person_sheet(repo: Path) -> None:
    _, content = workbook_bytes(repo, AS_OF)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert "重点人员包保台账" not in book.sheetnames and "走访帮扶记录" not in book.sheetnames
    assert "隐患排查台账" in book.sheetnames
    cells = " ".join(
        str(v) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for v in r if v
    )
    for person in _persons():
        assert person["id_number"] not in cells and person["background"] not in cells
        for contact in person.get("contacts", []):
            assert len(contact["note"]) < 10 or contact["note"] not in cells
