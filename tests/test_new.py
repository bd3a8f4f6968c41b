"""`xinfang new`: the next free id, a template that fails check until filled, and never a clash."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from xinfang.cli import main
from xinfang.office.newcase import UsedIds, used_ids, write_new

from .conftest import ROOT

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}

#: What a staff member writes in place of each placeholder, key by key (in file order).
FILL = {
    "title": ["城关镇西街村村民反映村道损毁无人维修"],
    "name": ["张有田", "孟庆丰"],  # the petitioner, then the stability officer
    "locality": ["T01"],
    "demand": ["反映西街村主干道去年汛期损毁，至今无人维修，要求尽快修复。"],
    "lead_official": ["郑春生"],
    "handler": ["褚文静"],
    "unit": ["T01"],  # the stability officer's unit
    "deadline_reason": ["7 月 20 日新登记，化解整治阶段已结束，按 60 日确定。"],
    "requirements": ["5 月底前核实损毁情况，提出维修方案并落实资金。"],
    "date": ["'2008-07-20'"],  # the re-hearing, due for every case once the resolution began
    "interviewer": ["褚文静"],
    "place": ["城关镇政府信访接待室"],
    "record": ["evidence/XF2008-T01-001/谈话记录.txt"],
    "next_steps": ["7 月底前完成维修招标，8 月底前完工。"],
}


def fill(text: str) -> str:
    """Replace every '' placeholder and the empty head count, as a staff member would."""
    queues = {key: list(values) for key, values in FILL.items()}
    out = []
    for line in text.splitlines():
        match = re.match(r"^(\s*(?:- )?)(\w+): ''(.*)$", line)
        if match:
            indent, key, rest = match.groups()
            line = f"{indent}{key}: {queues[key].pop(0)}{rest}"
        elif line == "head_count:":
            line = "head_count: 1"
        out.append(line)
    assert all(not q for q in queues.values()), queues
    return "\n".join(out) + "\n"


def new(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "new", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


def test_new_case_fails_check_until_filled_then_passes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--root", str(repo), "--unit", "T01", "--category", "prominent"]) == 0
    out = capsys.readouterr()
    assert out.out == "cases/XF2008-T01-001.yml\n"
    assert "中文注释" in out.err
    path = repo / "cases" / "XF2008-T01-001.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    for key in ("id:", "title:", "category:", "registered:", "petitioners:", "head_count:"):
        assert f"\n{key}" in text
    assert "demand:" in text and "responsibility:" in text

    assert main(["check", "--root", str(repo), "--as-of", "2008-07-20"]) == 1
    report = capsys.readouterr().out
    assert "“案件名称”不能为空" in report and "“涉及人数”应为整数" in report
    assert "“包案领导”不能为空" in report

    path.write_text(fill(text), encoding="utf-8")
    assert main(["check", "--root", str(repo), "--as-of", "2008-07-20"]) == 0, capsys.readouterr()
    report = capsys.readouterr().out
    assert "0 个错误" in report and "通过" in report
    assert "cases/XF2008-T01-001.yml" not in report  # not even a warning about the new case


def test_without_category_the_default_deadline_is_left_to_fill(repo: Path) -> None:
    assert main(["new", "--root", str(repo), "--unit", "D02"]) == 0
    text = (repo / "cases" / "XF2008-D02-001.yml").read_text(encoding="utf-8")
    assert "category: ''" in text and "deadline: ''" in text
    assert "litigation：涉法涉诉问题" in text
    leaders = text.split("\n  lead_official")[0].splitlines()[-1]
    assert "赵振华" in leaders and "何文斌" in leaders  # county leaders and the unit's own


def test_category_may_be_given_by_its_chinese_label(repo: Path) -> None:
    assert main(["new", "--root", str(repo), "--unit", "T02", "--category", "涉法涉诉问题"]) == 0
    text = (repo / "cases" / "XF2008-T02-001.yml").read_text(encoding="utf-8")
    assert "category: litigation" in text
    # The campaign file sets no default for 涉法涉诉 (no text does): the deadline is left to fill.
    assert "deadline: ''" in text and "deadline_reason" not in text


def test_unit_is_required_when_the_campaign_has_several(repo: Path) -> None:
    result = new(repo)
    assert result.returncode == 2
    assert "请用 --unit 指定承办单位" in result.stderr and "T01 城关镇" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((repo / "cases").iterdir())


def test_unknown_unit_or_category_is_a_usage_failure(repo: Path) -> None:
    assert "没有代码或名称为“X99”的单位" in new(repo, "--unit", "X99").stderr
    result = new(repo, "--unit", "T01", "--category", "other")
    assert result.returncode == 2 and "问题类别“other”无效" in result.stderr


def test_ids_continue_after_the_highest_number_of_the_unit(repo: Path) -> None:
    for name in ("XF2008-T01-001.yml", "XF2008-T01-004.yml", "XF2008-T02-009.yml"):
        (repo / "cases" / name).write_text("id: x\n", encoding="utf-8")
    assert new(repo, "--unit", "T01").stdout == "cases/XF2008-T01-005.yml\n"
    assert new(repo, "--unit", "T01").stdout == "cases/XF2008-T01-006.yml\n"
    assert new(repo, "--unit", "T03").stdout == "cases/XF2008-T03-001.yml\n"


def test_ids_of_deleted_cases_on_any_branch_are_never_reused(repo: Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(ROOT / "cases" / "XF2008-T01-001.yml", repo / "cases")
    (repo / "cases" / "XF2008-T01-002.yml").write_text("id: x\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "两件案件")
    git(repo, "rm", "-q", "cases/XF2008-T01-002.yml")
    git(repo, "commit", "-q", "-m", "删除")
    git(repo, "switch", "-q", "-c", "other")
    (repo / "cases" / "XF2008-T01-007.yml").write_text("id: x\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "另一分支的案件")
    git(repo, "switch", "-q", "main")
    ids = used_ids(repo)
    assert ids.from_git and {"XF2008-T01-002", "XF2008-T01-007"} <= ids.ids
    result = new(repo, "--unit", "T01")
    assert result.stdout == "cases/XF2008-T01-008.yml\n"
    assert "不是 git 仓库" not in result.stderr


def test_outside_git_the_command_says_deleted_ids_were_not_checked(repo: Path) -> None:
    result = new(repo, "--unit", "T01")
    assert result.returncode == 0
    assert "不是 git 仓库" in result.stderr


def test_a_file_created_meanwhile_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "XF2008-T01-001.yml").write_text("别人的案件\n", encoding="utf-8")
    ids = UsedIds(set(), from_git=False)  # read before the other file appeared
    path = write_new(folder, ids, 2008, "T01", lambda case_id: f"id: {case_id}\n")
    assert path.name == "XF2008-T01-002.yml"
    assert (folder / "XF2008-T01-001.yml").read_text(encoding="utf-8") == "别人的案件\n"


def test_help_explains_ids_and_concurrent_creation(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "-h"])
    text = capsys.readouterr().out
    assert "已删除案件的编号" in text and "编号重复检查" in text and "重新运行 xinfang new" in text


@pytest.mark.parametrize(
    ("given", "unit"),
    [("城关镇", "T01"), ("t02", "T02"), (" d06 ", "D06"), ("县信访局", "D06"), ("柳河", "T03")],
)
def test_unit_may_be_given_by_its_chinese_name_or_a_lower_case_code(
    repo: Path, capsys: pytest.CaptureFixture[str], given: str, unit: str
) -> None:
    assert main(["new", "--root", str(repo), "--unit", given]) == 0
    assert capsys.readouterr().out == f"cases/XF2008-{unit}-001.yml\n"


def test_a_part_of_a_name_that_fits_several_units_is_refused(repo: Path) -> None:
    result = new(repo, "--unit", "关")  # 城关镇 and 东关乡
    assert result.returncode == 2
    assert "“关”对应多个单位：T01 城关镇、T02 东关乡" in result.stderr
    assert not list((repo / "cases").iterdir())


def test_a_case_registered_well_after_screening_is_prefilled_as_reported_later(
    repo: Path,
) -> None:
    from xinfang.campaign.workdays import WorkCalendar
    from xinfang.office.newcase import render_case
    from xinfang.records.repository import load_campaign
    from xinfang.records.schema import load_schema

    campaign, _ = load_campaign(repo)
    schema, calendar = load_schema(repo, "case"), WorkCalendar.from_root(repo)

    def text(day: date) -> str:
        return render_case("XF2008-T01-001", "T01", None, day, campaign, schema, calendar)

    assert "reported_later" not in text(date(2008, 4, 16))
    assert "reported_later" not in text(date(2008, 4, 27))  # a week's grace: a late ledger
    assert "\nreported_later: true\n" in text(date(2008, 4, 28))
