"""Excel in and out: the exported ledger, the round trip, and county ledgers as staff keep them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from xinfang.campaign.workdays import WorkCalendar
from xinfang.cli import main
from xinfang.history.gate import run_check
from xinfang.office.excel.columns import COLUMNS
from xinfang.office.excel.dates import parse_cell_date
from xinfang.office.excel.export import export_workbook, workbook_bytes
from xinfang.office.excel.importer import import_workbook
from xinfang.records.loader import load_file
from xinfang.records.repository import open_repository
from xinfang.rules.status import overview
from xinfang.site.inputs import workbook_path

from .conftest import ROOT, make_repo

AS_OF = date(2008, 7, 20)
FIXTURE = ROOT / "tests" / "fixtures" / "ledgers" / "county-ledger.xlsx"
OVERDUE = {
    "XF2008-D07-005",
    "XF2008-T05-003",
    "XF2008-D04-004",
    "XF2008-T03-003",
    "XF2008-D02-004",
    "XF2008-T01-003",
    "XF2008-T02-003",
}


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "bundled", ROOT / "cases")


def records(root: Path) -> dict[str, object]:
    return {p.stem: load_file(p, root).data for p in sorted((root / "cases").glob("*.yml"))}


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xinfang.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


# --- export --------------------------------------------------------------------------------------


def test_export_sheets_headers_and_layout(bundled: Path, tmp_path: Path) -> None:
    out = export_workbook(bundled, tmp_path / "台账.xlsx", AS_OF)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["汇总", "打印台账", "全部案件"]
    assert book.sheetnames[-1] == "数据（勿改）"
    assert book["数据（勿改）"].sheet_state == "hidden" and book["数据（勿改）"].protection.sheet
    assert book.sheetnames[3:-1] == [
        "城关镇", "东关乡", "柳河镇", "石桥乡", "青山镇", "县委政法委", "县人民法院",
        "县人民检察院", "县公安局", "县司法局", "县信访局", "县国土资源局", "县发展改革局",
        "县民政局", "县劳动和社会保障局", "县建设局",
    ]  # fmt: skip
    ws = book["全部案件"]
    headers = [c.value for c in ws[2]]
    assert headers[:8] == [
        "编号",
        "案件名称",
        "问题类别",
        "案件标识",
        "案件来源",
        "保密",
        "首次信访日期",
        "登记日期",
    ]
    assert headers[-2:] == ["实际时限（含延期）", "超期天数"]
    assert "XX县信访问题排查台账（全部案件）" in ws["A1"].value and "A1:AH1" in ws.merged_cells
    assert ws.freeze_panes == "C3"
    assert ws.auto_filter.ref == "A2:AH50"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["F"].width  # 案件名称 vs 保密
    registered = headers.index("登记日期") + 1
    cell = ws.cell(3, registered)
    assert isinstance(cell.value, datetime) and cell.number_format == "yyyy-mm-dd"
    marked = {
        ws.cell(r, 1).value
        for r in range(3, ws.max_row + 1)
        if ws.cell(r, 1).fill.fgColor.rgb.endswith("FFC7CE")
    }
    assert marked == OVERDUE
    days = {ws.cell(r, 1).value: ws.cell(r, len(headers)).value for r in range(3, ws.max_row + 1)}
    assert days["XF2008-D07-005"] == 30 and days["XF2008-T01-001"] is None
    # 息诉罢访 as the as-of date verifies it, beside the declared 是 of its own column: 待观察
    # until 30 days after the closure have passed with no new petition.
    verified = headers.index("息诉罢访核实情况") + 1
    states = {ws.cell(r, 1).value: ws.cell(r, verified).value for r in range(3, ws.max_row + 1)}
    assert states["XF2008-D04-002"] == "息诉罢访"  # closed 05-09
    assert states["XF2008-T01-001"] == "待观察（至 2008-07-25）"  # closed 06-25
    assert states["XF2008-T05-004"] is None  # signed 不同意
    unit = book["城关镇"]  # a printed ledger of the unit's cases
    assert unit.max_row == 3 + 5 and unit.freeze_panes == "A4"
    assert [c.value for c in unit[3]] == [
        "编号", "信访人", "问题", "承办单位", "包案领导", "责任人", "时限", "状态", "进展",
    ]  # fmt: skip


def test_personal_numbers_are_masked_unless_full(bundled: Path, tmp_path: Path) -> None:
    masked = openpyxl.load_workbook(export_workbook(bundled, tmp_path / "a.xlsx", AS_OF))[
        "全部案件"
    ]
    full = openpyxl.load_workbook(export_workbook(bundled, tmp_path / "b.xlsx", AS_OF, full=True))[
        "全部案件"
    ]
    row = next(r for r in range(3, 51) if masked.cell(r, 1).value == "XF2008-T01-001")
    id_col = [c.value for c in masked[2]].index("身份证号") + 1
    phone_col = id_col + 1
    assert masked.cell(row, id_col).value.splitlines()[0] == "3905**********3412"
    assert masked.cell(row, phone_col).value.splitlines() == ["154****1234", "154****2345"]
    assert full.cell(row, id_col).value.splitlines()[0] == "390521196504123412"
    text = "".join(
        str(c.value)
        for row in openpyxl.load_workbook(tmp_path / "a.xlsx")["数据（勿改）"].iter_rows()
        for c in row
    )
    assert "390521196504123412" not in text and "15455661234" not in text


def test_summary_sheet_has_the_status_figures(bundled: Path, tmp_path: Path) -> None:
    # With the assignments: a report-back date binds like a deadline (one case is overdue by it).
    shutil.copytree(ROOT / "assignments", bundled / "assignments", dirs_exist_ok=True)
    book = openpyxl.load_workbook(export_workbook(bundled, tmp_path / "a.xlsx", AS_OF))
    ws = book["汇总"]
    figures = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, 21)}
    repo = open_repository(bundled)
    view = overview(repo.campaign, repo.cases, AS_OF, WorkCalendar.from_root(bundled))
    assert figures["案件总数"] == view.total == 48
    assert figures["已结案"] == view.closed and figures["息诉罢访"] == view.settled
    assert figures["待观察（观察期未满，不计入息诉罢访）"] == view.observing == 7
    assert figures["无法回访（未结案）"] == view.unreachable == 0
    # 27/48 = 56.25%: the cell holds 0.563, shown as 56.3% like every paper, beside its base.
    assert figures["结案率"] == 0.563
    bases = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(5, 21)}
    assert bases["结案率"] == "27/48" and bases["息诉罢访率"] == "11/48"
    assert figures["超期未结"] == 8 and figures["越级集体访（目标为零）"] == 1
    assert figures["非正常进京访（目标为零）"] == 1
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert {
        "各单位进展和上报情况",
        "超期未结案件",
        "临期案件",
        "越级集体访",
        "非正常进京访",
        "图例",
    } <= set(labels)


def test_export_of_one_unit(bundled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export_workbook(bundled, tmp_path / "a.xlsx", AS_OF, unit="D07"))
    assert book.sheetnames == ["汇总", "打印台账", "全部案件", "数据（勿改）"]
    assert book["打印台账"]["A1"].value == "XX县信访问题排查台账（县国土资源局）"
    assert book["全部案件"].max_row == 2 + 5
    assert book["汇总"]["B7"].value == 5  # 案件总数


def test_cli_export_refuses_to_overwrite_and_rejects_unknown_unit(
    bundled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = bundled / "a.xlsx"
    assert main(["export", "xlsx", "--root", str(bundled), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    assert main(["export", "xlsx", "--root", str(bundled), "--out", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err
    target = bundled / "台账.xlsx"
    target.mkdir()  # a file that cannot be written (as one open in Excel on Windows)
    assert main(["export", "xlsx", "--root", str(bundled), "--out", str(target), "--force"]) == 2
    assert f"无法写入 {target}" in capsys.readouterr().err
    assert main(["export", "xlsx", "--root", str(bundled), "--unit", "X99"]) == 2
    assert "单位代码 X99 在 campaign.yml 中没有定义" in capsys.readouterr().err


def test_workbook_for_the_site(bundled: Path) -> None:
    day, content = workbook_bytes(bundled, AS_OF)
    assert workbook_path(day) == "downloads/信访台账-2008-07-20.xlsx"
    assert content.startswith(b"PK")


# --- round trip ----------------------------------------------------------------------------------


def test_export_then_import_into_an_empty_folder_gives_the_same_records(
    bundled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = export_workbook(bundled, tmp_path / "full.xlsx", AS_OF, full=True)
    empty = make_repo(tmp_path / "empty")
    assert main(["import", "xlsx", str(out), "--root", str(empty)]) == 0
    assert "将新建 48 个案件文件" in capsys.readouterr().out
    assert not list((empty / "cases").iterdir())
    assert main(["import", "xlsx", str(out), "--root", str(empty), "--write"]) == 0
    assert records(empty) == records(bundled)
    assert not [f for f in run_check(empty, AS_OF).findings if f.severity == "error"]


def test_files_written_beside_on_the_other_core_are_those_written_in_order(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large import writes half of its files in a forked process: the same files, the same
    order of numbers, as one process writes them."""
    from xinfang import parallel
    from xinfang.office.excel import importer

    out = export_workbook(bundled, tmp_path / "full.xlsx", AS_OF, full=True)
    monkeypatch.setattr(importer, "BESIDE_FROM", 2)  # the 48 bundled cases count as large
    texts = {}
    for forked in (True, False):
        monkeypatch.setattr(parallel, "can_fork", lambda forked=forked: forked)
        empty = make_repo(tmp_path / f"forked-{forked}")
        result = import_workbook(empty, out, write=True)
        assert len(result.planned) == 48 and not result.faults
        texts[forked] = {p.name: p.read_bytes() for p in (empty / "cases").iterdir()}
    assert texts[True] == texts[False] and len(texts[True]) == 48
    assert records(tmp_path / "forked-True") == records(bundled)


def test_a_masked_workbook_is_refused(bundled: Path, tmp_path: Path) -> None:
    out = export_workbook(bundled, tmp_path / "masked.xlsx", AS_OF)
    empty = make_repo(tmp_path / "empty")
    result = import_workbook(empty, out, write=True)
    assert not result.planned and not list((empty / "cases").iterdir())
    text = result.report()
    assert "第 3 行，列“身份证号”：号码 3905**********2718 已打码，不能导入" in text
    assert "保密案件的姓名已隐去" in text


def test_import_never_overwrites_an_existing_case(bundled: Path, tmp_path: Path) -> None:
    out = export_workbook(bundled, tmp_path / "full.xlsx", AS_OF, full=True)
    before = {p.name: p.read_bytes() for p in (bundled / "cases").iterdir()}
    result = run(bundled, "import", "xlsx", str(out), "--write")
    assert result.returncode == 1
    assert result.stdout.count("冲突：案件") == 48
    assert (
        "第 3 行，列“编号”：冲突：案件 XF2008-D01-001 已存在（cases/XF2008-D01-001.yml），不会覆盖"
        in result.stdout
    )
    assert {p.name: p.read_bytes() for p in (bundled / "cases").iterdir()} == before


def test_edits_in_the_ledger_sheet_are_not_silently_lost(bundled: Path, tmp_path: Path) -> None:
    out = export_workbook(bundled, tmp_path / "full.xlsx", AS_OF, full=True)
    book = openpyxl.load_workbook(out)
    ws = book["全部案件"]
    lead = [c.value for c in ws[2]].index("包案领导") + 1
    ws.cell(3, lead).value = "王爱华"
    book.save(out)
    result = import_workbook(make_repo(tmp_path / "empty"), out)
    assert [f.text() for f in result.faults] == [
        "第 3 行，列“包案领导”：“全部案件”表第 3 行改成了“王爱华”，与完整记录中的“钱立民”不一致；"
        "导入以完整记录为准，改动会丢失：请在 YAML 文件中修改，或删除“数据（勿改）”工作表后按台账导入。"
    ]
    assert len(result.planned) == 47


def test_the_ledger_sheet_alone_gives_the_ledger_fields(bundled: Path, tmp_path: Path) -> None:
    out = export_workbook(bundled, tmp_path / "full.xlsx", AS_OF, full=True)
    empty = make_repo(tmp_path / "empty")
    result = import_workbook(empty, out, sheet="全部案件", write=True)
    assert not result.faults and len(result.planned) == 48
    before, after = records(bundled), records(empty)
    for case_id, old in before.items():
        new = after[case_id]
        assert isinstance(old, dict) and isinstance(new, dict)
        for column in COLUMNS:
            if column.key.startswith("petitioners."):
                key = column.key.split(".")[1]
                assert [p.get(key) for p in new["petitioners"]] == [
                    p.get(key) for p in old["petitioners"]
                ]
            else:
                assert _get(new, column.key) == _get(old, column.key), (case_id, column.key)


def _get(data: object, key: str) -> object:
    for part in key.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


# --- county ledgers ------------------------------------------------------------------------------


def county_ledger(path: Path) -> Path:
    """A ledger as a township keeps it: title rows, heading variants, merged cells, mixed dates."""
    book = Workbook()
    ws = book.active
    ws.title = "台账"
    ws["A1"] = "城关镇信访积案台账"
    ws.merge_cells("A1:L1")
    ws.append([None] * 12)
    # fmt: off
    ws.append(["序号", "上访人", "公民身份号码", "手机", "反映问题", "问题类型", "人数", "承办部门", "包案县级领导", "经办人", "限办日期", "受理日期"])
    ws.append([1, "甲乙丙、丁戊", "\n390521197001011237", "15400001111\n15400002222", "反映村道损毁无人维修。要求修复", "热点难点", "2人", "城关镇", "郑春生", "褚文静", date(2008, 6, 30), "2008-4-15"])
    ws.append([2, "刘小毛", None, None, "反映征地补偿未到位", "群众反映的热点难点问题", 1, None, "郑春生", "褚文静", "2008年6月30日", "2008/4/15"])
    ws.merge_cells("H4:H5")  # 承办部门 written once for two rows
    ws.append([None] * 12)
    ws.append([3, "张三", None, None, "反映低保评定不公平", "热点难点", 1, "东关乡", "王爱华", "蒋丽萍", 39630, "2008.4.16"])
    ws.append([4, "李四", None, None, "反映宅基地纠纷多年", "其他", 1, "城南镇", "王二", "王三", "2008.13.1", "2008年4月17日"])
    # fmt: on
    book.save(path)
    return path


def test_a_county_ledger_with_variants_merges_and_text_dates(repo: Path, tmp_path: Path) -> None:
    path = county_ledger(tmp_path / "城关镇台账.xlsx")
    result = import_workbook(repo, path, write=True)
    assert result.header_row == 3 and result.skipped == 1
    assert [p.path.name for p in result.planned] == [
        "XF2008-T01-001.yml",
        "XF2008-T01-002.yml",
        "XF2008-T02-001.yml",
    ]
    first = load_file(repo / "cases" / "XF2008-T01-001.yml", repo).data
    assert first["petitioners"] == [
        {"name": "甲乙丙", "phone": "15400001111", "locality": "T01"},
        {
            "name": "丁戊",
            "id_number": "390521197001011237",
            "phone": "15400002222",
            "locality": "T01",
        },
    ]
    assert (
        first["head_count"] == 2
        and first["category"] == "hotspot"
        and first["status"] == "registered"
    )
    assert (
        first["title"] == "城关镇群众反映村道损毁无人维修"  # derived without names, and marked so
        and first["demand"] == "反映村道损毁无人维修。要求修复"
    )
    assert first["registered"] == "2008-04-15"
    assert first["responsibility"] == {
        "unit": "T01",
        "lead_official": "郑春生",
        "handler": "褚文静",
        "deadline": "2008-06-30",
    }
    text = (repo / "cases" / "XF2008-T01-001.yml").read_text(encoding="utf-8")
    assert (
        "# 案件名称由所在地和诉求的第一句生成，请核对\ntitle: 城关镇群众反映村道损毁无人维修\n"
        in text
    )
    second = load_file(repo / "cases" / "XF2008-T01-002.yml", repo).data
    assert second["responsibility"]["unit"] == "T01"  # from the merged cell
    assert second["responsibility"]["deadline"] == "2008-06-30"
    third = load_file(repo / "cases" / "XF2008-T02-001.yml", repo).data
    assert third["responsibility"]["deadline"] == "2008-07-01"  # an Excel serial number
    assert [f.text() for f in result.faults] == [
        "第 8 行，列“问题类型”：“其他”不是可选的问题类别：请写“涉法涉诉”“突出信访问题”“热点难点”之一，或写 重复访、越级访、集体访、上访老户（记为突出信访问题，并加上相应的案件标识）。",
        "第 8 行，列“承办部门”：单位“城南镇”在 campaign.yml 中没有定义（相近的有 城关镇）：请改成 campaign.yml 中的单位名称，或在 --mapping 文件的 units 中写明它对应的单位代码。",
        "第 8 行，列“包案县级领导”：王二 不在 campaign.yml 的领导名单中：请核对姓名，或先在 campaign.yml 中添加。",
        "第 8 行，列“限办日期”：日期“2008.13.1”不存在：请核对年月日。",
    ]
    assert (
        "台账没有“案件名称”列：案件名称由所在地和信访诉求的第一句生成（不含姓名），文件中有注释，请核对。"
        in result.notes
    )


def test_a_mapping_file_names_other_headings_units_and_categories(
    repo: Path, tmp_path: Path
) -> None:
    path = county_ledger(tmp_path / "台账.xlsx")
    mapping = tmp_path / "对应.yml"
    mapping.write_text(
        "columns:\n  反映问题: title\n  问题类型: category\nunits:\n  城南镇: T03\ncategories:\n  其他: hotspot\n",
        encoding="utf-8",
    )
    result = import_workbook(repo, path, mapping=mapping)
    assert [f.text() for f in result.faults] == [
        "第 8 行，列“包案县级领导”：王二 不在 campaign.yml 的领导名单中：请核对姓名，或先在 campaign.yml 中添加。",
        "第 8 行，列“限办日期”：日期“2008.13.1”不存在：请核对年月日。",
    ]


def test_a_broken_mapping_file_is_a_usage_failure(repo: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "对应.yml"
    mapping.write_text("columns:\n  反映问题: subject\n", encoding="utf-8")
    result = run(repo, "import", "xlsx", str(FIXTURE), "--mapping", str(mapping))
    assert result.returncode == 2 and "subject 不是可导入的字段" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_committed_libreoffice_ledger_without_write(repo: Path) -> None:
    book = openpyxl.load_workbook(FIXTURE)
    assert "A1:Q1" in book.active.merged_cells  # the merged title row survived LibreOffice
    result = run(repo, "import", "xlsx", str(FIXTURE))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "读取 county-ledger.xlsx 的工作表“排查台账”（台账，表头在第 3 行）。"
    planned = [line for line in lines if " → " in line]
    assert planned == [
        "  第 4 行 → cases/XF2008-T01-001.yml  城关镇南街村村民反映与邻居宅基地纠纷判决生效两年未执行",
        "  第 5 行 → cases/XF2008-T02-001.yml  东关乡刘集村村民反映村小撤并后学生上学路远",
        "  第 9 行 → cases/XF2008-T05-001.yml  青山镇王畈村村民反映采石场爆破震裂房屋",
        "  第 10 行 → cases/XF2008-T04-001.yml  石桥乡杨店村村民反映低保评定不公",
    ]
    faults = [line for line in lines if line.startswith("  第") and " → " not in line]
    assert [re.sub("：.*", "", f.split("，列")[1]) for f in faults] == ["“责任单位”", "“完成时限”"]
    assert faults[0].startswith("  第 7 行，列“责任单位”：单位“城南镇”在 campaign.yml 中没有定义")
    assert faults[1] == "  第 8 行，列“完成时限”：日期“2008年2月30日”不存在：请核对年月日。"
    assert "    请核对：涉及人数“十余人”按 10 人记录" in lines
    assert "不能导入 2 行：" in lines and "跳过空行 1 行。" in lines
    assert "    请核对：案件名称由所在地和诉求的第一句生成，请核对" in lines
    assert (
        "提示：第 11 行只有“填表人：孔德明 审核人：吴秀兰”，不像案件行（如落款、合计），已跳过。"
        in lines
    )
    assert lines[-1].startswith("未写入任何文件")
    assert not list((repo / "cases").iterdir())


def test_the_committed_ledger_with_write_takes_only_the_good_rows(repo: Path) -> None:
    result = import_workbook(repo, FIXTURE, write=True)
    assert sorted(p.name for p in (repo / "cases").iterdir()) == [
        "XF2008-T01-001.yml", "XF2008-T02-001.yml", "XF2008-T04-001.yml", "XF2008-T05-001.yml",
    ]  # fmt: skip
    assert len(result.faults) == 2
    second = load_file(repo / "cases" / "XF2008-T02-001.yml", repo).data
    assert [p["name"] for p in second["petitioners"]] == ["钱小梅", "孙立"]
    assert (
        second["registered"] == "2008-04-16"
        and second["responsibility"]["deadline"] == "2008-06-30"
    )
    first = load_file(repo / "cases" / "XF2008-T01-001.yml", repo).data
    assert first["registered"] == "2008-04-15" and first["category"] == "litigation"
    check = run_check(repo, AS_OF)
    assert not [f for f in check.findings if f.rule.startswith(("schema", "yaml", "unknown"))]


def test_rows_without_ids_take_the_next_free_number(bundled: Path) -> None:
    result = import_workbook(bundled, FIXTURE)
    assert [p.path.name for p in result.planned] == [
        "XF2008-T01-006.yml", "XF2008-T02-005.yml", "XF2008-T05-005.yml", "XF2008-T04-005.yml",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2008, 4, 15, 0, 0), date(2008, 4, 15)),
        (39553, date(2008, 4, 15)),
        (39553.0, date(2008, 4, 15)),
        ("2008年4月15日", date(2008, 4, 15)),
        ("2008 年 4 月 15 日", date(2008, 4, 15)),
        ("2008.4.15", date(2008, 4, 15)),
        ("2008-4-15", date(2008, 4, 15)),
        ("2008/04/15", date(2008, 4, 15)),
        ("20080415", date(2008, 4, 15)),
    ],
)
def test_dates_in_cells(value: object, expected: date) -> None:
    assert parse_cell_date(value) == expected


@pytest.mark.parametrize("value", ["四月中旬", "2008年2月30日", "15/4/2008", -3])
def test_dates_that_are_not(value: object) -> None:
    with pytest.raises(ValueError, match="日期"):
        parse_cell_date(value)


def test_unreadable_files_are_usage_failures(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "xlsx", str(tmp_path / "nope.xlsx"), "--root", str(repo)]) == 2
    assert "找不到文件" in capsys.readouterr().err
    fake = tmp_path / "old.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    assert main(["import", "xlsx", str(fake), "--root", str(repo)]) == 2
    assert "不是完好的 Excel 97-2003 .xls 文件" in capsys.readouterr().err
    other = tmp_path / "old.doc"
    other.write_bytes(b"not a workbook")
    assert main(["import", "xlsx", str(other), "--root", str(repo)]) == 2
    assert "既不是 Excel 工作簿（.xlsx、.xls），也不是 .csv 文件" in capsys.readouterr().err
    assert main(["import", "xlsx", str(FIXTURE), "--root", str(repo), "--sheet", "没有"]) == 2
    assert "没有工作表“没有”" in capsys.readouterr().err
