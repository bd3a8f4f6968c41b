"""County ledgers in their own house styles (made with openpyxl, saved by LibreOffice Calc):
each imports whole once what it truly lacks is given (leaders added to campaign.yml, a
registration date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from xinfang.cli import main
from xinfang.history.gate import run_check
from xinfang.office.excel.importer import import_workbook
from xinfang.records.loader import load_file

from .conftest import ROOT

LEDGERS = ROOT / "tests" / "fixtures" / "ledgers"
AS_OF = "2008-07-20"


def complete(repo: Path, mapping: Path, units: dict[str, str], posts: dict[str, str]) -> None:
    """What the office does with --write-mapping's files: fill in the codes, add the leaders."""
    data = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    assert set(data["units"] or {}) == set(units)
    data["units"] = units
    mapping.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    snippet = yaml.safe_load(mapping.with_name(f"{mapping.stem}.campaign.yml").read_text("utf-8"))
    assert [leader["name"] for leader in snippet["leaders"]] == list(posts)
    campaign = repo / "campaign.yml"
    added = "".join(f"  - name: {name}\n    post: {post}\n" for name, post in posts.items())
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("leaders:\n", "leaders:\n" + added, 1),
        encoding="utf-8",
    )


def imported(repo: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((repo / "cases").glob("*.yml")):
        data = load_file(path, repo).data
        assert isinstance(data, dict)
        out[data["petitioners"][0]["name"]] = data
    return out


def no_broken_records(repo: Path) -> None:
    findings = run_check(repo, None).findings
    assert not [f for f in findings if f.rule.startswith(("schema", "yaml", "unknown"))]


def test_a_township_ledger_with_its_own_words(repo: Path, tmp_path: Path) -> None:
    ledger = LEDGERS / "style-liuhe.xlsx"
    mapping = tmp_path / "对应.yml"
    first = import_workbook(repo, ledger, write_mapping_to=mapping)
    assert not first.planned and {f.row for f in first.faults} == {4, 5, 7, 8, 9, 10}
    # 县国土局, 县劳动局 and 柳河镇政府 are read by their short names; only the leaders are new,
    # and the first petitions before the campaign are not its registration dates.
    assert {f.column for f in first.faults} == {"包案领导", "登记日期"}
    assert first.mapping_files == [mapping, tmp_path / "对应.campaign.yml"]
    complete(repo, mapping, {}, {"孟宪军": "副县长", "周立波": "县长助理"})
    result = import_workbook(
        repo, ledger, mapping=mapping, write=True, registered=date(2008, 4, 20)
    )
    assert not result.faults
    assert [p.row for p in result.planned] == [4, 5, 7, 8, 9, 10] and result.skipped == 1
    cases = imported(repo)
    ma = cases["马永福"]
    assert ma["title"] == "柳河镇张湾村村民反映2006年修路占地补偿款未兑现"  # place, not name
    assert (ma["category"], ma["flags"]) == ("prominent", ["repeat"])
    assert (ma["received"], ma["registered"]) == ("2007-11-05", "2008-04-20")
    assert ma["events"] == [
        {"date": "2007-11-05", "form": "visit", "level": "county", "head_count": 1}
    ]
    assert ma["progress"] == [
        {"date": "2008-05-06", "note": "镇村干部上门走访"},
        {"date": "2008-05-20", "note": "召开协调会，拟分两次补发"},
    ]
    assert ma["notes"] == "多次到县上访" and ma["responsibility"]["unit"] == "T03"
    zhu = cases["朱长青"]
    assert zhu["flags"] == ["collective"] and zhu["responsibility"]["unit"] == "D07"
    assert zhu["progress"] == [{"date": "2008-04-28", "note": "县国土局立案调查"}]
    wei = cases["韦秀兰"]
    assert wei["received"] == "2007-09-01" and wei["flags"] == ["cross_level"]
    assert wei["responsibility"]["unit"] == "D10"  # 县劳动局: 县劳动和社会保障局
    text = (repo / "cases" / f"{wei['id']}.yml").read_text(encoding="utf-8")
    assert (
        "# 台账写作“2007年9月”，只写到月，按当月 1 日（2007-09-01）记录，请核对\n"
        "received: '2007-09-01'" in text
    )
    assert "# 台账没有登记日期，按导入时的 --registered 记录\nregistered: '2008-04-20'" in text
    assert (
        "# 案件名称由所在地和诉求的第一句生成，请核对\ntitle: 柳河镇街道居民反映丈夫因公死亡未获工亡待遇"
        in text
    )
    assert (
        cases["高德山"]["category"] == "litigation" and cases["高德山"]["received"] == "2007-11-04"
    )
    assert cases["孔庆海"]["flags"] == ["long_term"]
    assert cases["吕明"]["flags"] == ["repeat", "cross_level"]
    assert cases["吕明"]["events"][0]["form"] == "online"
    notes = {p.row: p.assumed for p in result.planned}
    assert "首次信访日期“2007年9月”只写到月，按当月 1 日（2007-09-01）记录" in notes[7]
    assert "登记日期按 --registered 记为 2008-04-20" in notes[4]
    assert "单位“县劳动局”按简称认作“县劳动和社会保障局”" in notes[7]
    no_broken_records(repo)


def test_a_wps_ledger_with_a_two_row_heading(repo: Path) -> None:
    result = import_workbook(repo, LEDGERS / "style-dongguan.xlsx", write=True)
    assert result.header_row == 4 and not result.faults
    assert [p.row for p in result.planned] == [5, 6, 8, 9] and result.skipped == 1
    assert "第 10 行只有“合计”，不像案件行（如落款、合计），已跳过。" in result.notes
    cases = imported(repo)
    liu = cases["刘桂芝"]
    assert liu["registered"] == "2008-04-15" and liu["category"] == "hotspot"
    assert liu["responsibility"] == {
        "unit": "T02",
        "lead_official": "郑春生",
        "handler": "蒋丽萍",
        "stability_officer": {"name": "卫国强", "unit": "T02"},
        "deadline": "2008-06-30",
    }
    assert liu["progress"] == [{"date": "2008-04-25", "note": "入户核查"}]
    chen = cases["陈德旺"]
    assert chen["responsibility"]["unit"] == "D02" and chen["category"] == "litigation"
    assert chen["responsibility"]["deadline"] == "2008-07-15"
    qin = cases["秦大勇"]
    assert [p["phone"] for p in qin["petitioners"]] == ["15405560001", "15405560002"]
    assert cases["许三多"]["registered"] == "2008-04-18"
    assert all(case["id"].startswith(("XF2008-T02-", "XF2008-D02-")) for case in cases.values())
    no_broken_records(repo)


def test_a_flat_libreoffice_sheet(repo: Path, tmp_path: Path) -> None:
    ledger = LEDGERS / "style-flat.xlsx"
    mapping = tmp_path / "对应.yml"
    assert (
        main(["import", "xlsx", str(ledger), "--root", str(repo), "--write-mapping", str(mapping)])
        == 1
    )
    complete(repo, mapping, {"县卫生局": "D06"}, {})
    snippet = yaml.safe_load((tmp_path / "对应.campaign.yml").read_text(encoding="utf-8"))
    assert snippet["units"] == [{"code": "", "name": "县卫生局", "kind": "department"}]
    result = import_workbook(repo, ledger, mapping=mapping, write=True)
    assert not result.faults and [p.row for p in result.planned] == [2, 3, 4]
    cases = imported(repo)
    yang = cases["杨春来"]
    assert yang["title"] == "石桥乡村民反映危房改造补助被截留" and yang["status"] == "in_progress"
    assert yang["petitioners"] == [{"name": "杨春来", "phone": "15405561111", "locality": "T04"}]
    qin = cases["秦玉兰"]
    assert (qin["category"], qin["flags"]) == ("prominent", ["cross_level"])
    assert qin["registered"] == "2008-04-17" and qin["notes"] == "到市上访一次"
    assert cases["鲁小梅"]["responsibility"]["unit"] == "D06"
    assert cases["鲁小梅"]["status"] == "registered"
    no_broken_records(repo)


def test_a_registration_date_for_rows_without_one(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["import", "xlsx", str(LEDGERS / "style-liuhe.xlsx"), "--root", str(repo)]
    assert main([*args, "--registered", "2008-04-20"]) == 1
    out = capsys.readouterr().out
    assert "    请核对：登记日期按 --registered 记为 2008-04-20" in out
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--registered", "2008-4-20"])
    assert stopped.value.code == 2 and "日期 '2008-4-20' 无效" in capsys.readouterr().err


def test_a_category_the_ledger_cannot_mean_lists_real_choices(repo: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["信访人", "反映问题", "问题类别", "承办单位", "登记日期"])
    ws.append(["张三", "反映道路损毁要求维修", "其他问题", "城关镇", "2008-04-20"])
    book.save(tmp_path / "a.xlsx")
    result = import_workbook(repo, tmp_path / "a.xlsx")
    (fault,) = result.faults
    assert fault.reason == (
        "“其他问题”不是可选的问题类别：请写“涉法涉诉”“突出信访问题”“热点难点”之一，"
        "或写 重复访、越级访、集体访、上访老户（记为突出信访问题，并加上相应的案件标识）"
    )


def test_a_mapping_file_is_never_written_over(repo: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "对应.yml"
    mapping.write_text("units: {}\n", encoding="utf-8")
    args = ["import", "xlsx", str(LEDGERS / "style-flat.xlsx"), "--root", str(repo)]
    assert main([*args, "--write-mapping", str(mapping)]) == 2
    assert mapping.read_text(encoding="utf-8") == "units: {}\n"
