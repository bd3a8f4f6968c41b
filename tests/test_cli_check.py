"""`xinfang check` as a user runs it: exact output, exit codes, no traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xinfang.cli import main

from .conftest import ROOT, make_repo

CASE = ROOT / "cases" / "XF2008-T01-001.yml"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xinfang.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_text_output_is_exact(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = CASE.read_text(encoding="utf-8").replace("grade: significant", "grade: big")
    (repo / "cases" / CASE.name).write_text(text, encoding="utf-8")
    code = main(["check", "--root", str(repo), "--as-of", "2008-07-20"])
    assert code == 1
    assert capsys.readouterr().out == (
        "cases/XF2008-T01-001.yml:33: 错误 [schema-enum] “案件级别”的值 'big' 不在可选范围内："
        "请从 major（重大）、significant（较大）、general（一般） 中选择。\n"
        "检查了 1 个案件：1 个错误，0 个警告，未通过。\n"
    )


def test_github_annotations(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cases" / CASE.name).write_text("id: [\n", encoding="utf-8")
    assert main(["check", "--root", str(repo), "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("::error file=cases/XF2008-T01-001.yml,line=2,title=yaml-syntax::")


def test_json_has_the_promised_fields(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cases" / "XF2008-T01-009.yml").write_text("", encoding="utf-8")
    assert main(["check", "--root", str(repo), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [finding] = report["findings"]
    assert set(finding) >= {"file", "line", "rule", "severity", "message"}
    assert report["summary"] == {"checked": 1, "errors": 1, "warnings": 0}


def test_paths_limit_the_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(CASE, repo / "cases" / CASE.name)
    (repo / "cases" / "XF2008-T01-009.yml").write_text("", encoding="utf-8")
    code = main(
        ["check", "--root", str(repo), "--as-of", "2008-07-20", str(repo / "cases" / CASE.name)]
    )
    assert code == 0, capsys.readouterr().out


def test_no_campaign_is_a_configuration_failure(tmp_path: Path) -> None:
    result = run(tmp_path, "check")
    assert result.returncode == 2
    assert "找不到 campaign.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_schema_is_a_configuration_failure(repo: Path) -> None:
    (repo / "schema" / "case.schema.json").write_text('{"type": "nonsense"}', encoding="utf-8")
    result = run(repo, "check")
    assert result.returncode == 2
    assert "模式文件" in result.stderr and "Traceback" not in result.stderr


def test_invalid_campaign_names_file_and_line(repo: Path) -> None:
    text = (
        (repo / "campaign.yml").read_text(encoding="utf-8").replace("year: 2008", "year: 二〇〇八")
    )
    (repo / "campaign.yml").write_text(text, encoding="utf-8")
    result = run(repo, "check")
    assert result.returncode == 2
    assert "campaign.yml:6:" in result.stderr and "“年度”应为整数" in result.stderr


def test_bad_as_of_is_a_usage_failure(repo: Path) -> None:
    result = run(repo, "check", "--as-of", "2008-13-01")
    assert result.returncode == 2
    assert "日期 '2008-13-01' 无效" in result.stderr


def test_missing_path_is_a_usage_failure(repo: Path) -> None:
    result = run(repo, "check", "cases/nope.yml")
    assert result.returncode == 2 and "文件不存在" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "gbk",
        "duplicate-key",
        "alias-bomb",
        "python-tag",
        "tab-indent",
        "bad-indent",
        "yaml11-bool",
        "too-large",
        "empty",
        "id-file-name",
    ],
)
def test_bad_inputs_exit_1_without_traceback(name: str, tmp_path: Path) -> None:
    root = make_repo(tmp_path / name, ROOT / "tests" / "check" / name / "cases")
    result = run(root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "cases/" in result.stdout and ".yml:" in result.stdout


def test_bundled_campaign_passes() -> None:
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stdout
