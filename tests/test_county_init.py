"""`xinfang init`: a county's repository in one commit, checked, guarded and published with its own
history only; bad input changes nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xinfang.cli import main
from xinfang.errors import XinfangError

from .conftest import ROOT

CLERK_LIST = "城关镇\n东关乡\n县人民法院\n县信访局\n县公安局\n"


def git(repo: Path, *args: str, day: str = "2009-04-16", who: str = "祝小红") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": "chengguan-xf@example.gov.cn",
        "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": "chengguan-xf@example.gov.cn",
        "GIT_AUTHOR_DATE": f"{day}T10:30:00+08:00", "GIT_COMMITTER_DATE": f"{day}T10:30:00+08:00",
    }  # fmt: skip
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _units(tmp_path: Path, text: str = CLERK_LIST) -> Path:
    path = tmp_path / "单位.txt"
    path.write_bytes(text.encode("gbk"))  # as Notepad on a Chinese Windows saves it
    return path


def _init(tmp_path: Path, *extra: str) -> Path:
    target = tmp_path / "东平县2009台账"
    args = ["init", str(target), "--county", "东平县", "--year", "2009"]
    assert main([*args, "--units", str(_units(tmp_path)), *extra]) == 0
    return target


def test_init_makes_a_checked_repository_in_one_commit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _init(tmp_path)
    out = capsys.readouterr().out
    assert "T01  城关镇  乡镇（按名称判断，请核对）" in out
    assert "D02  县信访局  部门（按名称判断，请核对）" in out

    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"
    assert git(repo, "branch", "--show-current").strip() == "main"
    assert git(repo, "status", "--porcelain") == ""  # everything committed
    subject = git(repo, "log", "-1", "--format=%s").strip()
    assert subject == "建立东平县 2009 年信访问题专项治理活动台账"
    files = set(git(repo, "ls-files").split())
    for path in (
        "campaign.yml", "README.md", "requirements.txt", "mkdocs.yml", ".gitignore",
        ".pre-commit-config.yaml", ".vscode/settings.json", ".vscode/extensions.json",
        ".github/workflows/ci.yml", ".github/workflows/site.yml", ".gitea/workflows/ci.yml",
        ".gitea/workflows/site.yml", ".github/CODEOWNERS", ".gitea/CODEOWNERS",
        "schema/case.schema.json", "schema/campaign.schema.json", "docs/guide.md",
        "cases/.gitkeep", "risks/.gitkeep", "persons/.gitkeep", "assignments/.gitkeep",
        "submissions/.gitkeep", "accountability/.gitkeep", "evidence/.gitkeep",
        "meetings/.gitkeep", "publicity/.gitkeep", "inspections/.gitkeep", "commendations/.gitkeep",
        "schema/meeting.schema.json", "schema/inspection.schema.json",
    ):  # fmt: skip
        assert path in files, path
    assert not any(p.startswith(("scripts/", "tests/")) for p in files)  # no program code
    assert "xinfang==0.2.0" in (repo / "requirements.txt").read_text(encoding="utf-8")
    ignored = (repo / ".gitignore").read_text(encoding="utf-8")
    assert "/site/" in ignored and "/输出/" in ignored
    assert "site_name: 东平县信访问题专项治理活动台账" in (repo / "mkdocs.yml").read_text("utf-8")

    text = (repo / "campaign.yml").read_text(encoding="utf-8")
    campaign = yaml.safe_load(text)
    assert campaign["county"] == "东平县" and campaign["year"] == 2009
    assert campaign["office"] == "D02"  # 实施方案：办公室设在县信访局
    assert [(p["id"], p["start"], p["end"]) for p in campaign["phases"]] == [
        ("mobilize", "2009-04-12", "2009-04-13"),
        ("registration", "2009-04-14", "2009-04-20"),
        ("resolution", "2009-04-20", "2009-07-15"),
        ("summary", "2009-07-15", "2009-07-31"),
    ]
    assert [(m["id"], m["due"]) for m in campaign["milestones"]] == [
        ("working_group", "2009-04-14"), ("registration", "2009-04-20"),
        ("progress_1", "2009-05-20"), ("progress_2", "2009-06-20"), ("summary", "2009-07-31"),
    ]  # fmt: skip
    assert campaign["leaders"] == [] and campaign["leading_group"] == []
    # A Chinese comment above every top-level key and every policy.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^(  )?[a-z_]+:", line) and not line.startswith("  - "):
            above = lines[i - 1].strip()
            assert above.startswith("#") and re.search(r"[\u4e00-\u9fff]", above), line

    assert main(["check", "--root", str(repo)]) == 0
    assert capsys.readouterr().out.strip() == "检查了 0 个案件：0 个错误，0 个警告，通过。"


#: What the clerk of 城关镇 writes in the new case's file, key by key.
FILLED = {
    "title": "城关镇北街村村民反映旧城改造拆迁补偿款未足额发放",
    "name": ["刘长河", "孟庆丰"],
    "locality": "T01",
    "demand": "反映北街旧城改造中 12 户拆迁补偿款按旧标准计算，要求按新标准补足差额。",
    "lead_official": "郑春生",
    "handler": "褚文静",
    "unit": "T01",
    "requirements": "核清 12 户补偿标准适用情况，6 月底前提出处理意见；落实专人稳控。",
    "date": "'2009-04-16'",
    "interviewer": "褚文静",
    "place": "城关镇政府信访接待室",
    "record": "evidence/XF2009-T01-001/谈话记录.txt",
    "next_steps": "6 月底前提出处理意见。",
    "deadline": "'2009-06-15'",
    "deadline_reason": "（不需要）",
}


def _fill(text: str) -> str:
    names = list(FILLED["name"])
    out = []
    for line in text.splitlines():
        match = re.match(r"^(\s*(?:- )?)(\w+): (''|'20\d\d-\d\d-\d\d'|true)(.*)$", line)
        key = match.group(2) if match else ""
        if key == "name":
            line = f"{match.group(1)}name: {names.pop(0)}"  # type: ignore[union-attr]
        elif key == "registered":
            line = "registered: '2009-04-16'"
        elif key == "reported_later":
            line = "reported_later: false"
        elif key == "deadline_reason":
            continue
        elif match and key in FILLED:
            line = f"{match.group(1)}{key}: {FILLED[key]}"
        elif line == "head_count:":
            line = "head_count: 12"
        out.append(line)
    return "\n".join(out) + "\n"


def test_a_case_is_added_checked_guarded_and_published_with_this_history_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _init(tmp_path)
    campaign = repo / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace("leaders: []", "leaders:\n  - {name: 郑春生, post: 副县长}"), "utf-8"
    )
    git(repo, "commit", "-qam", "填写包案县级领导", day="2009-04-13", who="孔德明")

    git(repo, "switch", "-qc", "新增-城关镇-案件")
    assert main(["new", "--root", str(repo), "--unit", "T01", "--category", "prominent"]) == 0
    capsys.readouterr()
    path = repo / "cases" / "XF2009-T01-001.yml"
    path.write_text(_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    record = repo / "evidence" / "XF2009-T01-001" / "谈话记录.txt"
    record.parent.mkdir(parents=True)
    record.write_text("2009 年 4 月 16 日，褚文静、孟庆丰与信访代表刘长河谈话……\n", "utf-8")
    as_of = ["--as-of", "2009-04-16"]
    assert main(["check", "--root", str(repo), *as_of]) == 0, capsys.readouterr().out
    assert "0 个错误，0 个警告" in capsys.readouterr().out
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "城关镇：登记北街村拆迁补偿款案")

    # The guard of the merge request: nothing deleted, renamed or reused.
    assert main(["check", "--root", str(repo), "--base", "main", *as_of]) == 0
    assert "0 个错误，0 个警告" in capsys.readouterr().out
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "合并：城关镇新增案件", "新增-城关镇-案件")

    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    changes = (site / "changes.html").read_text(encoding="utf-8")
    assert "城关镇：登记北街村拆迁补偿款案" in changes
    assert "XF2009-T01-001" in changes
    # Only this repository's history: none of the program's own commits.
    program = subprocess.run(
        ["git", "log", "-50", "--format=%s"], cwd=ROOT, capture_output=True, text=True
    )
    subjects = [s for s in program.stdout.splitlines() if len(s) > 12]
    assert subjects or program.returncode != 0
    assert not [s for s in subjects if s in changes]
    assert (site / "guide.html").is_file() and (site / "duties.html").is_file()


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("case", "units", "message"),
    [
        ("duplicate", "城关镇\n县信访局\n城关镇 \n", "第 3 行：“城关镇”与第 1 行重复"),
        ("blank", "城关镇\n\n县信访局\n", "第 2 行是空行"),
        ("unknown kind", "城关镇\n西山林场\n县信访局\n", "第 2 行：“西山林场”从名称看不出"),
        ("no office", "城关镇\n县公安局\n", "单位名单中没有信访局"),
    ],
)
def test_a_bad_units_list_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, units: str, message: str
) -> None:
    target = tmp_path / "台账"
    args = ["init", str(target), "--county", "东平县", "--year", "2009"]
    assert main([*args, "--units", str(_units(tmp_path, units))]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not target.exists()


def test_an_existing_folder_with_anything_in_it_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "台账"
    target.mkdir()
    (target / "说明.txt").write_text("旧台账的说明", "utf-8")
    before = _tree(target)
    args = ["init", str(target), "--county", "东平县", "--year", "2009"]
    assert main([*args, "--units", str(_units(tmp_path))]) == 2
    assert "已存在且不是空的" in capsys.readouterr().err
    assert _tree(target) == before and not (target / ".git").exists()
    # An empty folder is fine.
    empty = tmp_path / "空目录"
    empty.mkdir()
    assert main(["init", str(empty), "--county", "东平县", "--year", "2009", "--units",
                 str(_units(tmp_path))]) == 0  # fmt: skip


def test_dates_from_start_and_end_keep_the_plan_s_steps(tmp_path: Path) -> None:
    target = tmp_path / "台账"
    args = ["init", str(target), "--county", "东平县", "--units", str(_units(tmp_path))]
    assert main([*args, "--start", "2009-03-01", "--end", "2009-06-30"]) == 0
    campaign = yaml.safe_load((target / "campaign.yml").read_text(encoding="utf-8"))
    assert [(p["start"], p["end"]) for p in campaign["phases"]] == [
        ("2009-03-01", "2009-03-02"), ("2009-03-03", "2009-03-09"),
        ("2009-03-09", "2009-06-14"), ("2009-06-14", "2009-06-30"),
    ]  # fmt: skip
    assert [m["due"] for m in campaign["milestones"]] == [
        "2009-03-03", "2009-03-09", "2009-04-09", "2009-05-09", "2009-06-09", "2009-06-30",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["--start", "2009-03-01"], "--start 和 --end 要一起写"),
        (["--start", "2009-03-01", "--end", "2009-03-20"], "太短"),
        ([], "请写活动年度 --year"),
        (["--year", "2009", "--start", "2010-03-01", "--end", "2010-06-30"], "不是同一年"),
    ],
)
def test_dates_that_do_not_make_a_campaign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dates: list[str], message: str
) -> None:
    target = tmp_path / "台账"
    args = ["init", str(target), "--county", "东平县", "--units", str(_units(tmp_path))]
    assert main([*args, *dates]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_without_a_git_author_the_office_stands_in(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
    target = tmp_path / "台账"
    done = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "init", str(target), "--county", "东平县",
         "--year", "2009", "--units", str(_units(tmp_path))],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "git config --global user.name" in done.stderr
    author = git(target, "log", "-1", "--format=%an <%ae>").strip()
    assert author == "东平县信访局 <xinfang@localhost>"


def test_units_and_leaders_as_plain_data_and_first_records_in_the_same_commit(
    tmp_path: Path,
) -> None:
    """What another source (a ledger) hands over: units and leaders, and a step that writes the
    first records before the one commit; a step that fails leaves nothing."""
    from xinfang.county.start import start_campaign
    from xinfang.county.units import Leader, UnitSpec

    units = [UnitSpec("城关镇", "township", reviewers=("@chengguan-xf",)),
             UnitSpec("县信访局", "department", reviewers=("@xinfangju",))]  # fmt: skip
    leaders = [Leader("郑春生", "副县长")]

    def first_cases(root: Path) -> list[str]:
        (root / "cases" / "说明.txt").write_text("台账导入的案件放在这里。\n", "utf-8")
        return ["从台账导入：0 件案件"]

    target = tmp_path / "台账"
    started = start_campaign(
        target, county="东平县", year=2009, units=units, leaders=leaders, fill=first_cases
    )
    campaign = yaml.safe_load((target / "campaign.yml").read_text(encoding="utf-8"))
    assert [(u["code"], u["name"], u.get("reviewers")) for u in campaign["units"]] == [
        ("T01", "城关镇", ["@chengguan-xf"]), ("D01", "县信访局", ["@xinfangju"]),
    ]  # fmt: skip
    assert campaign["leaders"] == [{"name": "郑春生", "post": "副县长"}]
    assert campaign["office"] == "D01"
    assert git(target, "rev-list", "--count", "HEAD").strip() == "1"
    assert "cases/说明.txt" in git(target, "-c", "core.quotepath=off", "ls-files")
    assert "从台账导入" in git(target, "log", "-1", "--format=%B")
    assert started.summary[-1].startswith("从台账导入")
    assert "@chengguan-xf" in (target / ".github" / "CODEOWNERS").read_text("utf-8")

    def broken(root: Path) -> list[str]:
        raise XinfangError("台账第 3 行读不了")

    failed = tmp_path / "失败"
    with pytest.raises(XinfangError, match="台账第 3 行"):
        start_campaign(failed, county="东平县", year=2009, units=units, fill=broken)
    assert not failed.exists()


def test_a_new_campaign_takes_the_bundled_campaign_s_policies() -> None:
    """The policies a new county starts with are the bundled campaign's (the plan's reading:
    越级 by Art. 16, the observation period), without this repository's own audit start."""
    from xinfang.county.campaign_file import PLAN_KEY_PERSONS, PLAN_POLICIES

    bundled = yaml.safe_load((ROOT / "campaign.yml").read_text(encoding="utf-8"))
    assert {k: v for k, v in bundled["policies"].items() if k != "audit_from"} == PLAN_POLICIES
    assert bundled["key_persons"] == PLAN_KEY_PERSONS
