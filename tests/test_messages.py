"""Messages that name the likely fix: names by sound and by characters, codes by spelling,
and the Chinese names `new --category` takes as `--kind` does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from xinfang.cli import main
from xinfang.records.suggest import hint, likely

from .conftest import ROOT, make_repo


@pytest.mark.parametrize(
    ("typed", "known", "meant"),
    [
        ("杨德生", ["杨德胜", "郑春生", "王建国"], ["杨德胜"]),  # same sound, another character
        ("郑春升", ["杨德胜", "郑春生", "钱立民"], ["郑春生"]),
        ("钱立明", ["钱立民", "郑春生"], ["钱立民"]),
        ("郑生", ["郑春生", "钱立民"], ["郑春生"]),  # one character left out
        ("李建国", ["杨德胜", "郑春生"], []),  # nobody close: no guess
        ("T1", ["T01", "T10", "D01"], ["T01"]),
        ("xf2008-t01-01", ["XF2008-T01-001", "XF2008-T02-001"], ["XF2008-T01-001"]),
    ],
)
def test_likely_names_by_sound_and_characters(
    typed: str, known: list[str], meant: list[str]
) -> None:
    assert likely(typed, known) == meant


def test_a_homophone_is_said_to_sound_the_same() -> None:
    assert hint("杨德生", ["杨德胜"]) == "可能是 杨德胜（读音相同）"
    assert hint("郑生", ["郑春生"]) == "可能是 郑春生"


@pytest.fixture
def county(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "台账", ROOT / "cases")
    git = ["git", "-c", "user.name=县信访局", "-c", "user.email=xfj@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "台账"], cwd=root, check=True)
    return root


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["history", "XF2008-T01-01"], "git 历史和 cases/ 目录中都没有案件 XF2008-T01-01：可能是 XF2008-T01-001；"),
        (["brief", "--leader", "郑春升", "--as-of", "2008-07-20"], "郑春升 不是包案的县级领导：可能是 郑春生（读音相同）；"),
        (["new", "--unit", "T1"], "没有代码或名称为“T1”的单位：可能是 T01（城关镇）；"),
        (["check", "--unit", "城关真"], "没有代码或名称为“城关真”的单位：可能是 T01（城关镇）；"),
        (["new", "--unit", "T01", "--category", "涉法"], None),
    ],
)  # fmt: skip
def test_the_commands_suggest_what_was_meant(
    county: Path, args: list[str], said: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*args, "--root", str(county)])
    if said is None:
        assert code == 0
        return
    assert code == 2
    assert said in capsys.readouterr().err


def test_new_says_an_assigned_case_is_a_source_not_a_category(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--root", str(repo), "--unit", "城关镇", "--category", "省市交办"]) == 2
    err = capsys.readouterr().err
    assert "“省市交办”是案件来源，不是问题类别" in err and "city_assigned" in err
    assert not list((repo / "cases").glob("*.yml"))


@pytest.mark.parametrize(
    ("category", "code"),
    [("涉法涉诉", "litigation"), ("突出信访问题", "prominent"), ("上访老户", "prominent"),
     ("热点难点", "hotspot"), ("Hotspot", "hotspot")],
)  # fmt: skip
def test_new_takes_the_chinese_category_names(
    repo: Path, category: str, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--root", str(repo), "--unit", "城关镇", "--category", category]) == 0
    path = repo / capsys.readouterr().out.strip()
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["category"] == code
    shutil.rmtree(repo / "cases")
    (repo / "cases").mkdir()
