"""Paths as git writes them: non-ASCII, spaces and newlines in folder names, a Chinese-named clone.

Git quotes such paths in its plain output ("cases/\\345\\237\\216..."); every command that reads
paths from git must read them unquoted (``-z``), or the guard, the history and ``xinfang new``
lose the cases kept in a township's folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xinfang.history.gate import run_check
from xinfang.history.reader import read_history
from xinfang.office.newcase import used_ids

from .conftest import ROOT, make_repo
from .test_guard import audited_repo, commit, git

# Folders a county might use under cases/: a township's name, a name with a space, and the
# worst a file system allows (a newline).
FOLDERS = ["城关镇", "东关 乡", "柳河\n镇"]
CASES = {"城关镇": "XF2008-T01-001", "东关 乡": "XF2008-T02-002", "柳河\n镇": "XF2008-T03-002"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A clone folder with a Chinese name and a space, its cases in township folders."""
    root = audited_repo(tmp_path / "县信访局 台账")
    for folder, case_id in CASES.items():
        (root / "cases" / folder).mkdir()
        shutil.copy(ROOT / "cases" / f"{case_id}.yml", root / "cases" / folder)
    commit(root, "登记各乡镇案件")
    return root


def _path(root: Path, folder: str) -> Path:
    return root / "cases" / folder / f"{CASES[folder]}.yml"


def _rel(folder: str) -> str:
    return f"cases/{folder}/{CASES[folder]}.yml"


def _guard(root: Path) -> set[tuple[str, str]]:
    found = run_check(root, base="HEAD").findings
    return {(f.file, f.rule) for f in found if f.rule.startswith("guard-")}


def test_unchanged_tree_passes_the_guard(repo: Path) -> None:
    assert _guard(repo) == set()


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_deleted_case_in_a_named_folder_is_refused(repo: Path, folder: str) -> None:
    _path(repo, folder).unlink()
    assert _guard(repo) == {(_rel(folder), "guard-deleted")}


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_changed_closed_case_in_a_named_folder_is_compared(repo: Path, folder: str) -> None:
    path = _path(repo, folder)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["status"] == "closed"
    data["investigation"] = "改写后的调查情况，与结案时不同。"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _guard(repo) == {(_rel(folder), "guard-closed-fact-changed")}


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_reused_id_from_a_named_folder_is_refused(repo: Path, folder: str) -> None:
    git(repo, "rm", "-q", _rel(folder))
    commit(repo, "误删", day="2008-04-18")
    shutil.copy(ROOT / "cases" / f"{CASES[folder]}.yml", repo / "cases")
    assert (f"cases/{CASES[folder]}.yml", "guard-id-reused") in _guard(repo)


def test_the_history_finds_cases_in_named_folders(repo: Path) -> None:
    history = read_history(repo)
    assert set(history.files) == {_rel(folder) for folder in FOLDERS}
    for case_id in CASES.values():
        found = history.for_id(case_id)
        assert found is not None and found.created.subject == "登记各乡镇案件"


def test_the_history_command_shows_a_case_in_a_named_folder(repo: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "history", CASES["东关 乡"]],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "登记各乡镇案件" in out.stdout


@pytest.mark.parametrize("folder", FOLDERS)
def test_new_never_reuses_an_id_deleted_from_a_named_folder(repo: Path, folder: str) -> None:
    git(repo, "rm", "-q", _rel(folder))
    commit(repo, "删除", day="2008-04-18")
    assert CASES[folder] in used_ids(repo).ids


def test_records_in_a_chinese_named_folder_inside_the_repository(tmp_path: Path) -> None:
    """The clone holds several ledgers: the records' root is a folder with a Chinese name."""
    top = tmp_path / "全县台账"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    root = make_repo(top / "城关镇 专项治理")
    (root / "cases" / "北街 村").mkdir()
    shutil.copy(ROOT / "cases" / "XF2008-T01-001.yml", root / "cases" / "北街 村")
    commit(top, "登记")
    rel = "cases/北街 村/XF2008-T01-001.yml"
    assert set(read_history(root).files) == {rel}
    assert _guard(root) == set()
    (root / rel).unlink()
    assert _guard(root) == {(rel, "guard-deleted")}
    found = [f for f in run_check(root, base="HEAD").findings if f.rule == "guard-deleted"]
    assert f"git checkout HEAD -- 城关镇 专项治理/{rel}" in found[0].message
