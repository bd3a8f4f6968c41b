"""Files that `export` and `notice` write go to an ignored output folder, never the repository root."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xinfang.cli import main

from .conftest import ROOT, make_repo


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "县信访局 台账", ROOT / "cases")  # a Chinese name with a space
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    elsewhere = tmp_path / "桌面"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # where the clerk's terminal happens to be
    return root


def _untracked(root: Path) -> list[str]:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "-z"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [entry[3:] for entry in out.split("\0") if entry]


def test_export_and_notice_write_into_the_ignored_output_folder(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = set(_untracked(ledger))
    assert main(["export", "xlsx", "--root", str(ledger), "--as-of", "2008-07-20"]) == 0
    workbook = ledger / "输出" / "信访台账-2008-07-20.xlsx"
    assert workbook.is_file() and capsys.readouterr().out.strip() == str(workbook)
    args = ["notice", "--root", str(ledger), "--as-of", "2008-07-20", "--format", "docx"]
    assert main(args) == 0
    notice = ledger / "输出" / "通报-2008-07-20.docx"
    assert notice.is_file() and capsys.readouterr().out.strip() == str(notice)
    # Nothing in the repository root or the current folder; git sees no new file to add,
    # even without the project's .gitignore (the folder ignores itself).
    assert not (ledger / ".gitignore").exists()
    assert sorted(p.name for p in ledger.iterdir() if p.is_file()) == ["campaign.yml"]
    assert not list(Path.cwd().iterdir())
    assert set(_untracked(ledger)) == before


def test_an_explicit_output_inside_the_repository_is_warned_about(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ledger / "台账.xlsx"
    args = ["export", "xlsx", "--root", str(ledger), "--as-of", "2008-07-20", "--out", str(out)]
    assert main(args) == 0 and out.is_file()
    err = capsys.readouterr().err
    assert "没有被 git 忽略" in err and "输出/" in err
    outside = Path.cwd() / "台账.xlsx"
    args[-1] = str(outside)
    assert main(args) == 0 and outside.is_file()
    assert "没有被 git 忽略" not in capsys.readouterr().err


def test_the_project_ignores_the_output_folder_and_says_so() -> None:
    assert "/输出/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "输出/" in (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("export", "notice"):
        help_text = subprocess.run(
            [sys.executable, "-m", "xinfang", command, "-h"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "输出/ 目录" in help_text and "不会被提交" in help_text


@pytest.mark.parametrize(
    "command",
    [
        ["export", "xlsx"],
        ["notice", "--format", "md"],
        ["notice", "--format", "docx"],
        ["brief", "--format", "md"],
        ["brief", "--format", "docx"],
    ],
)
@pytest.mark.parametrize("blocked", ["a folder", "under a file"])
def test_an_output_that_cannot_be_written_is_named_with_a_chinese_reason(
    ledger: Path, command: list[str], blocked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The system's reason (English "Is a directory", "Not a directory") is said in Chinese."""
    if blocked == "a folder":  # as a file open in Excel is on Windows: it cannot be replaced
        out = ledger / "输出文件"
        out.mkdir()
        reasons = ["这是一个目录"]
    else:
        (ledger / "说明.txt").write_text("x", encoding="utf-8")
        out = ledger / "说明.txt" / "台账"
        reasons = ["路径中有一段不是目录", "路径中有一段是同名的文件"]
    args = [*command, "--root", str(ledger), "--as-of", "2008-07-20", "--out", str(out)]
    assert main([*args, "--force"]) == 2
    err = capsys.readouterr().err
    assert any(f"{out}（{reason}）" in err for reason in reasons), err
    assert not any(word in err for word in ("Errno", "directory", "Traceback")), err


PAPERS = [
    ["export", "xlsx"],
    ["export", "xlsx", "--unit", "T01"],
    ["notice"],
    ["notice", "--format", "docx"],
    ["brief"],
    ["brief", "--format", "docx"],
    ["brief", "--leader", "郑春生"],
    ["brief", "--leader", "郑春生", "--format", "docx"],
    ["propose"],
    ["status"],
    ["check"],
    ["codeowners"],
    ["history", "XF2008-T01-001"],
]
TAKES_NO_DATE = ("codeowners", "history")


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "台账", ROOT / "cases")
    for folder in ("risks", "persons", "assignments", "submissions", "accountability"):
        shutil.copytree(ROOT / folder, root / folder)
    git = ["git", "-c", "user.name=县信访局", "-c", "user.email=xfj@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "台账"], cwd=root, check=True)
    return root


@pytest.mark.parametrize("where", [".", "cases"])
def test_no_paper_is_left_where_git_add_would_commit_it(
    committed: Path, where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command that makes a paper, run from the root or from a record folder as a clerk
    does, leaves `git status` clean: papers go to the ignored 输出/ folder."""
    monkeypatch.chdir(committed / where)
    for command in PAPERS:
        dated = [] if command[0] in TAKES_NO_DATE else ["--as-of", "2008-07-20"]
        assert main([*command, *dated]) in (0, 1), command
        capsys.readouterr()
    papers = sorted(p.name for p in (committed / "输出").iterdir())
    assert "周报-2008-07-20.docx" in papers and "包案情况-郑春生-2008-07-20.docx" in papers
    assert "通报-2008-07-20.docx" in papers and "信访台账-2008-07-20.xlsx" in papers
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--ignored=no"],
        cwd=committed, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert status == ""
