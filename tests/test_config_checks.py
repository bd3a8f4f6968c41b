"""A broken campaign.yml or holidays.yml stops every command with the file, the line and the fix.

Each window and period is checked (start before end; phases in order, without overlap or gap;
no leader, unit, phase, milestone or period listed twice; references to units and milestones that
exist; dates that exist), and the holiday file likewise (no year twice, dates that exist and fall
in their year, make-up working days on weekends). Never a traceback, never a wrong figure.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from xinfang.campaign.workdays import WorkCalendar
from xinfang.errors import ConfigError
from xinfang.records.repository import load_campaign

from .conftest import ROOT, make_repo

CAMPAIGN = (ROOT / "campaign.yml").read_text(encoding="utf-8")


def _unit(code: str, name: str) -> str:
    return f"  - code: {code}\n    name: {name}\n    kind: township\n"


# Each broken campaign: the text replaced, its replacement, and what the line the finding points
# at must hold.
BROKEN_CAMPAIGNS = {
    "a phase ending before it starts": ("end: '2008-07-15'", "end: '2008-04-10'", "end: '2008-04-10'"),
    "phases overlapping": ("start: '2008-07-15'", "start: '2008-07-10'", "start: '2008-07-10'"),
    "a gap between phases": ("start: '2008-04-14'", "start: '2008-04-16'", "start: '2008-04-16'"),
    "phases out of order": (
        "  - id: mobilize\n    name: 宣传发动阶段\n    start: '2008-04-12'\n    end: '2008-04-13'\n",
        "  - id: mobilize\n    name: 宣传发动阶段\n    start: '2008-08-01'\n    end: '2008-08-02'\n",
        "start: '2008-04-14'",
    ),
    "a phase with no day of its own": (
        "    start: '2008-04-14'\n    end: '2008-04-20'",
        "    start: '2008-04-13'\n    end: '2008-04-13'",
        "end: '2008-04-13'",
    ),
    "a phase id twice": ("  - id: summary\n    name: 总结验收阶段", "  - id: resolution\n    name: 总结验收阶段", "id: resolution"),
    "a date that does not exist": ("start: '2008-04-12'\n    end: '2008-04-13'", "start: '2008-04-12'\n    end: '2008-02-30'", "2008-02-30"),
    "the target window backwards": ("kpi_window: {start: '2008-04-12', end: '2008-09-17'}", "kpi_window: {start: '2008-09-17', end: '2008-04-12'}", "kpi_window"),
    "a sensitive period backwards": ("{name: 北京残奥会, start: '2008-09-06', end: '2008-09-17'}", "{name: 北京残奥会, start: '2008-09-17', end: '2008-09-06'}", "北京残奥会"),
    "a sensitive period twice": ("{name: 北京残奥会,", "{name: 北京奥运会,", "start: '2008-09-06'"),
    "a milestone id twice": ("  - id: progress_2\n    name: 上报第二次工作进展", "  - id: progress_1\n    name: 上报第二次工作进展", "id: progress_1"),
    "a county leader twice": ("  - name: 冯志刚\n    post: 县政协副主席", "  - name: 郑春生\n    post: 县政协副主席", "name: 郑春生"),
    "a leading-group member twice": ("{name: 秦志远, post: 青山镇党委书记, role: member, unit: T05}", "{name: 杨德胜, post: 青山镇党委书记, role: member, unit: T05}", "{name: 杨德胜, post: 青山镇"),
    "a leading-group member of no unit": ("role: member, unit: T05}", "role: member, unit: T55}", "T55"),
    "a unit code twice": ("  - code: T05\n    name: 青山镇", "  - code: T04\n    name: 青山镇", "code: T04"),
    "a unit name twice": ("  - code: T05\n    name: 青山镇", "  - code: T05\n    name: 石桥乡", "name: 石桥乡"),
    "a unit's leader twice": ("      - {name: 尤美玲, post: 镇长}", "      - {name: 秦志远, post: 镇长}", "{name: 秦志远, post: 镇长}"),
    "a unit's submission twice": ("{milestone: progress_1, date: '2008-05-18'}", "{milestone: registration, date: '2008-05-18'}", "{milestone: registration, date: '2008-05-18'}"),
    "a submission to no milestone": ("{milestone: registration, date: '2008-04-17'}", "{milestone: registation, date: '2008-04-17'}", "registation"),
    "an office that is no unit": ("office: D06", "office: D99", "office: D99"),
}  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", ROOT / "cases")


def _run(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xinfang.cli", *argv, "--root", str(root), "--as-of", "2008-07-20"],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("name", BROKEN_CAMPAIGNS, ids=list(BROKEN_CAMPAIGNS))
def test_a_broken_campaign_is_a_located_chinese_finding(repo: Path, name: str) -> None:
    old, new, shown = BROKEN_CAMPAIGNS[name]
    assert CAMPAIGN.count(old) == 1, old
    text = CAMPAIGN.replace(old, new)
    (repo / "campaign.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_campaign(repo)
    message = str(info.value)
    lines = text.splitlines()
    located = [
        int(line.split(":")[1])
        for line in message.splitlines()
        if line.strip().startswith("campaign.yml:")
    ]
    assert located, message
    assert any(shown in lines[n - 1] for n in located), (message, shown)
    for argv in (["check"], ["status"]):
        result = _run(repo, *argv)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and "campaign.yml:" in result.stderr


def test_the_bundled_phases_share_their_boundary_days_as_the_plan_writes_them() -> None:
    campaign, _ = load_campaign(ROOT)
    ends = [(p.start.isoformat(), p.end.isoformat()) for p in campaign.phases]
    assert ends[1:3] == [("2008-04-14", "2008-04-20"), ("2008-04-20", "2008-07-15")]


HOLIDAYS = "2008:\n  notice: 国办发明电〔2007〕40号\n  holidays: ['2008-05-01', '2008-05-02', '2008-05-03']\n  workdays: ['2008-05-04']\n"

# Each broken holiday file, and what the line the finding points at must hold.
BROKEN_HOLIDAYS = {
    "a date that does not exist, unquoted": (HOLIDAYS.replace("'2008-05-03'", "2008-02-30"), "2008-02-30"),
    "a date that does not exist": (HOLIDAYS.replace("'2008-05-03'", "'2008-04-31'"), "2008-04-31"),
    "a year twice": (HOLIDAYS + "'2008':\n  holidays: ['2008-10-01']\n", "'2008':"),
    "a make-up working day on a weekday": (HOLIDAYS.replace("'2008-05-04'", "'2008-05-05'"), "2008-05-05"),
    "a date in another year": (HOLIDAYS.replace("'2008-05-03'", "'2009-05-03'"), "2009-05-03"),
    "a day off and worked": (HOLIDAYS.replace("'2008-05-04'", "'2008-05-03'"), "workdays"),
    "an unknown key": (HOLIDAYS.replace("  notice:", "  notes:"), "notes:"),
    "a year that is no number": (HOLIDAYS.replace("2008:", "二〇〇八:"), "二〇〇八"),
    "a list where a mapping belongs": ("2008: ['2008-05-01']\n", "2008:"),
    "a syntax error": (HOLIDAYS.replace("'2008-05-02',", "'2008-05-02"), "2008-05-02"),
}  # fmt: skip


@pytest.mark.parametrize("name", BROKEN_HOLIDAYS, ids=list(BROKEN_HOLIDAYS))
def test_a_broken_holiday_file_is_a_located_chinese_finding(repo: Path, name: str) -> None:
    text, shown = BROKEN_HOLIDAYS[name]
    (repo / "holidays.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        WorkCalendar.from_root(repo)
    message = str(info.value)
    located = [
        int(line.split(":")[1])
        for line in message.splitlines()
        if line.strip().startswith("holidays.yml:")
    ]
    lines = text.splitlines()
    assert located and any(shown in lines[n - 1] for n in located), (message, shown)
    for argv in (["check"], ["status"]):
        result = _run(repo, *argv)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and "holidays.yml:" in result.stderr


def test_a_sound_holiday_file_is_read(repo: Path) -> None:
    (repo / "holidays.yml").write_text(HOLIDAYS + "# 2009 年的通知尚未印发\n", encoding="utf-8")
    calendar = WorkCalendar.from_root(repo)
    from datetime import date

    assert calendar.is_working_day(date(2008, 5, 4)) and not calendar.is_working_day(
        date(2008, 5, 2)
    )


def test_the_guide_quotes_a_real_configuration_message(repo: Path) -> None:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    section = guide.split("## 活动配置写错时")[1].split("\n## ")[0]
    [quoted] = [
        line.removeprefix("提示：") for line in section.splitlines() if line.startswith("提示：")
    ]
    text = CAMPAIGN.replace("start: '2008-07-15'", "start: '2008-07-10'")
    (repo / "campaign.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_campaign(repo)
    pieces = [p.strip().rstrip("。") for p in quoted.split("……") if p.strip(" 。")]
    assert all(p in str(info.value) for p in pieces), (pieces, str(info.value))
