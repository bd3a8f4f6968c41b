"""`xinfang check` as a user runs it: exact output, exit codes, no traceback."""

from __future__ import annotations

import json
import os
import re
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
        "检查了 1 个案件：1 个错误，0 个警告，未通过。\n"
        "\n"
        "== 城关镇：1 个错误 ==\n"
        "-- 案件（1 项）\n"
        "cases/XF2008-T01-001.yml:33: 错误 [schema-enum] “案件级别”的值 'big' 不在可选范围内："
        "请从 major（重大）、significant（较大）、general（一般） 中选择。\n"
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


# --- control characters in what the reporters print ----------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_ansi_escapes_in_file_names_and_keys_are_escaped(fmt: str, repo: Path) -> None:
    (repo / "cases" / "XF2008-T01-001\x1b[2J\x1b[31m.yml").write_text("id: a\n", encoding="utf-8")
    (repo / "cases" / "XF2008-T01-002.yml").write_text(
        CASE.read_text(encoding="utf-8").replace("id: XF2008-T01-001", "id: XF2008-T01-002")
        + '"ab\\ncd": 1\n',
        encoding="utf-8",
    )
    os_name = bytes(repo / "cases") + b"/XF2008-T01-003\xff\xfe.yml"
    with open(os_name, "wb") as stream:
        stream.write(b"id: a\n")
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check", "--format", fmt, "--as-of", "2008-07-20"],
        cwd=repo,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")  # never a lone surrogate or a broken byte
    assert "\x1b" not in out and "\x9b" not in out and "Traceback" not in out
    assert "\\x1b[2J" in out
    if fmt == "text":
        heads = ("==", "--", "各单")
        listed = [line for line in out.splitlines()[1:] if line and line[:2] not in heads]
        assert listed and all(line.startswith("cases/") for line in listed), out
        assert "ab\\ncd" in out


@pytest.mark.parametrize(
    "command", [["check"], ["status"], ["history", "cases/XF2008-T01-002.yml"]]
)
def test_a_gbk_pipe_prints_characters_gbk_lacks_as_escapes(command: list[str], repo: Path) -> None:
    """On a Chinese Windows PC a pipe (pre-commit, `> 结果.txt`) is GBK: an emoji or a rare
    character in a record is printed as an escape, never a UnicodeEncodeError traceback."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "cases" / "XF2008-T01-002.yml").write_text(
        CASE.read_text(encoding="utf-8")
        .replace("id: XF2008-T01-001", "id: XF2008-T01-002")
        .replace("\ntitle: ", "\ntitle: 😀𠀀")
        + "备注😀: 1\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", *command, "--as-of", "2008-07-20"],
        cwd=repo,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "gbk"},
        check=False,
    )
    out, err = result.stdout.decode("gbk"), result.stderr.decode("gbk")
    assert "Traceback" not in out + err and "Error" not in err, err
    assert result.returncode in (0, 1, 2) and out + err
    if command == ["check"]:
        assert result.returncode == 1 and "备注\\U0001f600" in out, out


def test_usage_errors_never_print_terminal_sequences(repo: Path) -> None:
    result = run(repo, "check", "cases/\x1b[31mnope.yml")
    assert result.returncode == 2 and "\x1b" not in result.stderr
    assert "\\x1b[31m" in result.stderr


# --- argparse in Chinese ---------------------------------------------------------------------

COMMANDS = [
    "",
    "check",
    "status",
    "pages",
    "codeowners",
    "history",
    "new",
    "export",
    "import",
    "notice",
]
ARGPARSE_ENGLISH = re.compile(
    r"usage|options|positional arguments|show this help|error:|argument|required|invalid choice"
    r"|unrecognized|expected"
)
PLACEHOLDER = re.compile(r"\b[A-Z][A-Z_]{1,}\b")  # FILE, AS_OF: argparse's default metavars


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_chinese_for_every_command(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "-h"] if command else ["-h"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：xinfang") and "选项：" in out and "显示本说明并退出" in out
    assert not ARGPARSE_ENGLISH.search(out), out
    usage = out.split("\n\n")[0]
    entries = [line.split("  ")[0] for line in out.splitlines() if line.startswith("  -")]
    assert not PLACEHOLDER.search(usage + "\n".join(entries)), out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["chek"], "'chek' 不是可选的值"),
        (["check", "--format", "xml"], "参数 --format：'xml' 不是可选的值"),
        (["history"], "缺少必需的参数 案件编号"),
        (["export"], "缺少必需的参数 格式"),
        (["check", "--nope"], "无法识别的参数 --nope"),
        (["check", "--root"], "参数 --root：后面要跟一个值"),
        (["check", "--as-of", "2008-13-01"], "日期 '2008-13-01' 无效"),
        ([], "缺少必需的参数 命令"),
    ],
)
def test_usage_errors_are_chinese(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and err.startswith("用法：xinfang"), err
    assert not ARGPARSE_ENGLISH.search(err) and not PLACEHOLDER.search(err.split("\n")[0]), err


def test_argparse_speaks_english_again_outside_xinfang() -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="other")
    assert "usage: other" in parser.format_usage()
    assert "show this help message and exit" in parser.format_help()
