"""The pull-request guard and the audit signals, on throwaway repositories with fixed dates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xinfang.history import codeowners
from xinfang.history.gate import run_check
from xinfang.records.repository import open_repository

from .conftest import ROOT, make_repo

CASE = "XF2008-T01-001"


def git(root: Path, *args: str, day: str = "2008-04-16", author: str = "褚文静") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "staff@xx.gov",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "staff@xx.gov",
        "GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00",
        "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00",
    }
    return subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout


def commit(root: Path, message: str, day: str = "2008-04-16", author: str = "褚文静") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, day=day, author=author)


def load(root: Path, case_id: str = CASE) -> dict:
    return yaml.safe_load((root / "cases" / f"{case_id}.yml").read_text(encoding="utf-8"))


def save(root: Path, data: dict, case_id: str = CASE) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (root / "cases" / f"{case_id}.yml").write_text(text, encoding="utf-8")


def audited_repo(target: Path) -> Path:
    """A repository whose every commit is audited (the bundled campaign skips its import)."""
    root = make_repo(target)
    text = (root / "campaign.yml").read_text(encoding="utf-8")
    (root / "campaign.yml").write_text(
        text.replace("  audit_from: '2026-12-01'\n", ""), encoding="utf-8"
    )
    git(root, "init", "-q", "-b", "main")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = audited_repo(tmp_path / "repo")
    shutil.copy(ROOT / "cases" / f"{CASE}.yml", root / "cases")
    commit(root, "登记城关镇案件")
    return root


def rules(root: Path, base: str | None = "HEAD") -> dict[str, str]:
    found = run_check(root, base=base).findings
    return {f.rule: f.severity for f in found if f.rule.startswith(("guard-", "audit-", "shallow"))}


def test_unchanged_tree_passes(repo: Path) -> None:
    assert rules(repo) == {}


def test_deleting_a_case_fails_with_a_chinese_message(repo: Path) -> None:
    (repo / "cases" / f"{CASE}.yml").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check", "--base", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"cases/{CASE}.yml:1: 错误 [guard-deleted] 案件 {CASE} 的记录文件被删除" in result.stdout


def test_renaming_a_case_file_fails(repo: Path) -> None:
    git(repo, "mv", f"cases/{CASE}.yml", "cases/XF2008-T01-009.yml")
    assert rules(repo)["guard-renamed"] == "error"


def test_changing_an_id_fails(repo: Path) -> None:
    data = load(repo)
    data["id"] = "XF2008-T01-002"
    save(repo, data)
    assert "guard-id-changed" in rules(repo)


def test_an_id_that_ever_existed_is_not_reused(repo: Path) -> None:
    git(repo, "rm", "-q", f"cases/{CASE}.yml")
    commit(repo, "误删", day="2008-04-18")
    (repo / "cases").mkdir(exist_ok=True)
    shutil.copy(ROOT / "cases" / f"{CASE}.yml", repo / "cases")
    assert rules(repo)["guard-id-reused"] == "error"


def test_reopening_needs_a_record(repo: Path) -> None:
    data = load(repo)
    data["status"] = "in_progress"
    data["next_steps"] = "重新核查补偿标准。"
    save(repo, data)
    assert rules(repo)["guard-reopened-without-record"] == "error"
    data["reopenings"] = [
        {"date": "2008-07-02", "by": "郑春生", "reason": "信访人提供了新的拆迁协议。"}
    ]
    save(repo, data)
    assert "guard-reopened-without-record" not in rules(repo)


def test_closure_changes_need_a_correction_note(repo: Path) -> None:
    data = load(repo)
    data["closure"]["report"]["opinion"] = "改写后的处理意见。"
    save(repo, data)
    assert rules(repo)["guard-closure-changed"] == "error"
    data["corrections"] = [
        {"date": "2008-07-03", "by": "褚文静", "note": "处理意见笔误，按原件更正。"}
    ]
    save(repo, data)
    assert "guard-closure-changed" not in rules(repo)


def test_unknown_base_is_a_configuration_failure(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check", "--base", "origin/nope"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "fetch-depth: 0" in result.stderr


def test_backdated_closure_is_flagged(tmp_path: Path) -> None:
    root = audited_repo(tmp_path / "repo")
    data = yaml.safe_load((ROOT / "cases" / f"{CASE}.yml").read_text(encoding="utf-8"))
    closure, settled = data.pop("closure"), data.pop("settled")
    data["status"] = "in_progress"
    data["next_steps"] = "继续核查。"
    save(root, data)
    commit(root, "登记", day="2008-04-16")
    data.update(status="closed", closure=closure, settled=settled)
    data.pop("next_steps")
    save(root, data)
    commit(root, "结案", day="2008-07-19")  # declared 2008-06-25: 24 days late
    assert rules(root, base=None) == {"audit-backdated-closure": "warning"}


def test_late_registration_and_moved_deadline_are_flagged(tmp_path: Path) -> None:
    root = audited_repo(tmp_path / "repo")
    shutil.copy(ROOT / "cases" / f"{CASE}.yml", root / "cases")
    commit(root, "补登", day="2008-06-25")  # registered 04-15, committed after 04-20
    data = load(root)
    data["responsibility"]["deadline"] = "2008-07-30"
    save(root, data)
    commit(root, "改时限", day="2008-06-26", author="孟庆丰")
    found = rules(root, base=None)
    assert found["audit-late-registration"] == "warning"
    assert found["audit-deadline-moved"] == "warning"
    assert found["audit-edited-after-closure"] == "warning"


def test_shallow_clone_is_named_with_the_fix(repo: Path, tmp_path: Path) -> None:
    data = load(repo)
    data["progress"].append({"date": "2008-06-20", "note": "补充材料。"})
    save(repo, data)
    commit(repo, "补充进展", day="2008-06-20")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "[shallow-clone]" in result.stdout and "fetch-depth: 0" in result.stdout


def test_codeowners_are_generated_and_checked(repo: Path) -> None:
    records = open_repository(repo)
    assert {f.file for f in codeowners.stale(records)} == {
        ".github/CODEOWNERS",
        ".gitea/CODEOWNERS",
    }
    codeowners.write(records)
    assert codeowners.stale(open_repository(repo)) == []
    github = (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/cases/XF*-T01-*  @chengguan-xf" in github and github.splitlines()[1] == "*  @xinfangju"
    data = load(repo)
    data["responsibility"]["unit"] = "T02"  # handed to another unit: its reviewers own it now
    data["responsibility"]["stability_officer"]["unit"] = "T01"
    save(repo, data)
    assert [f.rule for f in codeowners.stale(open_repository(repo))] == ["codeowners-stale"] * 2
    codeowners.write(open_repository(repo))
    assert f"/cases/{CASE}.yml  @dongguan-xf" in (repo / ".github" / "CODEOWNERS").read_text(
        encoding="utf-8"
    )
    assert f"cases/{CASE}\\\\.yml  @dongguan-xf" in (repo / ".gitea" / "CODEOWNERS").read_text(
        encoding="utf-8"
    )


def test_bundled_case_history_lists_its_real_commits() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "history", CASE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    real = git(ROOT, "log", "--format=%h", "--follow", "--", f"cases/{CASE}.yml").split()
    assert real and all(sha[:7] in out for sha in real)
