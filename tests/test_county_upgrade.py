"""`xinfang upgrade`: a repository made with one version's files brought to the next in one
commit that changes no record beyond a renamed key."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from xinfang import __version__
from xinfang.cli import main
from xinfang.county.migrations import Rename, due, renamed_text
from xinfang.county.program_files import program_files
from xinfang.county.upgrade import upgrade_repository

#: The demonstration: an older version called the case's 症结分析 ``cause``.
RENAMED = {"0.2.0": (Rename("cases", ("cause",), "root_cause"),)}

CASE = """\
# yaml-language-server: $schema=../schema/case.schema.json
id: XF2009-T01-00{n}
title: 城关镇西街村村民反映村道损毁无人维修
category: prominent
status: registered
registered: '2009-04-15'
petitioners:
  - name: 张有田
    locality: T01
head_count: 1
demand: 反映西街村主干道去年汛期损毁，至今无人维修，要求尽快修复。
responsibility:
  unit: T01
# 症结分析（0.1.0 版叫 cause）
cause: 村道维修资金没有落实，村委会和镇政府互相推诿。
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "孔德明", "GIT_AUTHOR_EMAIL": "xinfangju@example.gov.cn",
           "GIT_COMMITTER_NAME": "孔德明", "GIT_COMMITTER_EMAIL": "xinfangju@example.gov.cn"}  # fmt: skip
    done = subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _old_repository(tmp_path: Path) -> Path:
    """A county repository as version 0.1.0 left it: its older files, records with its key."""
    units = tmp_path / "单位.txt"
    units.write_text("城关镇\n县信访局\n", encoding="utf-8")
    repo = tmp_path / "东平县2009台账"
    assert (
        main(["init", str(repo), "--county", "东平县", "--year", "2009", "--units", str(units)])
        == 0
    )
    (repo / "requirements.txt").write_text("# 旧版本\nxinfang==0.1.0\n", encoding="utf-8")
    guide = repo / "docs" / "guide.md"
    guide.write_text("# 工作人员指南\n\n（0.1.0 版的指南）\n", encoding="utf-8")
    (repo / "docs" / "旧页面.md").write_text("# 0.1.0 才有的页面\n", encoding="utf-8")
    schema = repo / "schema" / "case.schema.json"
    schema.write_text(schema.read_text("utf-8").replace('"root_cause"', '"cause"'), "utf-8")
    git(repo, "commit", "-qam", "0.1.0 版的程序文件")
    cases = repo / "cases"
    (cases / "XF2009-T01-001.yml").write_text(CASE.format(n=1), encoding="utf-8")
    crlf = CASE.format(n=2).replace("\n", "\r\n")  # saved on Windows
    (cases / "XF2009-T01-002.yml").write_bytes(crlf.encode("utf-8"))
    no_cause = "".join(
        line
        for line in CASE.format(n=3).splitlines(True)
        if "cause" not in line and "症结" not in line
    )
    (cases / "XF2009-T01-003.yml").write_text(no_cause, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "城关镇：登记西街村村道案等 3 件")
    assert main(["check", "--root", str(repo), "--as-of", "2009-04-16"]) == 0  # valid for 0.1.0
    return repo


def test_an_older_repository_is_upgraded_in_one_commit_that_only_renames_a_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _old_repository(tmp_path)
    capsys.readouterr()
    before = git(repo, "rev-parse", "HEAD").strip()
    up = upgrade_repository(repo, migrations=RENAMED)
    assert up.old == "0.1.0" and up.new == __version__ and up.commit is not None
    assert git(repo, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert git(repo, "status", "--porcelain") == ""
    subject = git(repo, "log", "-1", "--format=%s").strip()
    assert subject == f"升级 xinfang 0.1.0 → {__version__}"

    changed = git(repo, "diff", "--name-status", before, "HEAD").splitlines()
    assert sorted(changed) == sorted([
        "M\tcases/XF2009-T01-001.yml",
        "M\tcases/XF2009-T01-002.yml",
        "M\tdocs/guide.md",
        "D\tdocs/旧页面.md",
        "M\trequirements.txt",
        "M\tschema/case.schema.json",
    ])  # fmt: skip
    for name in ("XF2009-T01-001.yml", "XF2009-T01-002.yml"):
        diff = git(repo, "diff", "-U0", before, "HEAD", "--", f"cases/{name}").splitlines()
        body = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        assert [line.rstrip("\r") for line in body] == [
            "-cause: 村道维修资金没有落实，村委会和镇政府互相推诿。",
            "+root_cause: 村道维修资金没有落实，村委会和镇政府互相推诿。",
        ]
    assert (repo / "cases" / "XF2009-T01-002.yml").read_bytes().count(b"\r\n") == 15  # kept
    for path, content in program_files("东平县").items():
        assert (repo / path).read_bytes() == content, path
    assert not (repo / "docs" / "旧页面.md").exists()
    assert main(["check", "--root", str(repo), "--as-of", "2009-04-16"]) == 0

    again = upgrade_repository(repo, migrations=RENAMED)
    assert again.commit is None and "不需要升级" in again.report()
    assert git(repo, "rev-list", "--count", f"{before}..HEAD").strip() == "1"


def test_the_command_line_upgrade_and_its_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _old_repository(tmp_path)
    capsys.readouterr()
    head = git(repo, "rev-parse", "HEAD")
    (repo / "cases" / "XF2009-T01-003.yml").write_text("id: XF2009-T01-003\n", "utf-8")
    assert main(["upgrade", "--root", str(repo)]) == 2
    assert "工作目录有未提交的修改（cases/XF2009-T01-003.yml）" in capsys.readouterr().err
    git(repo, "checkout", "--", "cases")

    (repo / "requirements.txt").write_text("xinfang==9.0\n", "utf-8")
    git(repo, "commit", "-qam", "记下较新的版本")
    assert main(["upgrade", "--root", str(repo)]) == 2
    assert "较旧的" in capsys.readouterr().err
    git(repo, "reset", "-q", "--hard", head.strip())

    (repo / "requirements.txt").unlink()
    git(repo, "commit", "-qam", "删掉版本文件")
    assert main(["upgrade", "--root", str(repo)]) == 2
    assert "不是用 xinfang init 建立的县仓库" in capsys.readouterr().err
    git(repo, "reset", "-q", "--hard", head.strip())

    assert main(["upgrade", "--root", str(repo)]) == 0  # the real table: no rename yet
    out = capsys.readouterr().out
    assert f"已升级到 xinfang {__version__}（原来是 0.1.0）" in out
    assert git(repo, "diff", "--name-only", "HEAD~1", "HEAD", "--", "cases") == ""


def test_renames_are_due_by_version_and_touch_only_the_key() -> None:
    table = {"0.3.0": (Rename("cases", ("a",), "b"),), "0.2.0": RENAMED["0.2.0"]}
    assert due("0.1.0", "0.3.0", table) == [*RENAMED["0.2.0"], *table["0.3.0"]]
    assert due("0.2.0", "0.3.0", table) == list(table["0.3.0"])
    assert due("0.3.0", "0.3.0", table) == []
    nested = Rename("persons", ("contacts", "*", "by"), "visitor")
    text = (
        "contacts:\n  - date: '2009-05-01'\n    by: 史建波\n  - {date: '2009-05-09', by: 史建波}\n"
    )
    assert renamed_text(text, nested) == text.replace("by:", "visitor:")
    assert renamed_text("other: 1\n", nested) is None
    assert renamed_text("a: [\n", nested) is None  # unreadable: left for check to report
