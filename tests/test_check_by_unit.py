"""`xinfang check` for a clerk: the summary first, each unit's findings by record kind, `--unit`
to read one's own; the site's compliance page counts exactly what the command counts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xinfang.cli import main
from xinfang.site.generator import generate

from .conftest import ROOT, make_repo

FOLDERS = ("risks", "persons", "assignments", "submissions", "accountability")


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled records in git, without CODEOWNERS (a warning only the history check gives),
    and a case of 东关乡 broken by its clerk."""
    root = make_repo(tmp_path_factory.mktemp("county") / "台账", ROOT / "cases")
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder)
    broken = root / "cases" / "XF2008-T02-003.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("grade: significant", "grade: 较大", 1), "utf-8"
    )
    git = ["git", "-c", "user.name=县信访局", "-c", "user.email=xfj@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    day = {
        "GIT_AUTHOR_DATE": "2008-07-20T17:00:00+08:00",
        "GIT_COMMITTER_DATE": "2008-07-20T17:00:00+08:00",
    }
    subprocess.run(
        [*git, "commit", "-q", "-m", "台账"], cwd=root, check=True, env={**os.environ, **day}
    )
    return root


def _check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--root", str(root), "--as-of", "2008-07-20", *args])
    return code, capsys.readouterr().out


def test_the_summary_comes_first_then_each_unit_by_record_kind(
    county: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(county, capsys)
    lines = out.splitlines()
    assert code == 1
    assert re.fullmatch(r"检查了 48 个案件：1 个错误，\d+ 个警告，未通过。", lines[0])
    assert lines[1].startswith("各单位：城关镇 ") and "东关乡 1 个错误" in lines[1]
    heads = [line for line in lines if line.startswith("== ")]
    assert heads[0].startswith("== 城关镇：") and heads[-1].startswith(
        "== 领导小组办公室和其他文件"
    )
    town = out.split("== 城关镇")[1].split("\n== ")[0]
    assert "-- 案件（" in town and "-- 重点人员（1 项）" in town
    assert town.index("-- 案件") < town.index("persons/ZD2008-T01-002.yml")
    assert "risks/" not in town and "XF2008-T02" not in town


@pytest.mark.parametrize("unit", ["城关镇", "T01", "t01", "城关"])
def test_unit_narrows_the_list_and_the_verdict_to_one_unit(
    county: Path, unit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(county, capsys, "--unit", unit)
    assert code == 0  # 东关乡's error is not 城关镇's
    lines = out.splitlines()
    assert re.fullmatch(r"检查了 48 个案件，城关镇：0 个错误，\d+ 个警告，通过。", lines[0])
    assert re.fullmatch(r"其他单位和文件另有 1 个错误，\d+ 个警告（去掉 --unit 查看）。", lines[1])
    files = [line.split(":")[0] for line in lines if re.match(r"^[a-z]+/", line)]
    assert files and all("-T01-" in name for name in files)
    assert "persons/ZD2008-T01-002.yml" in files
    code, out = _check(county, capsys, "--unit", "东关乡")
    assert code == 1 and "XF2008-T02-003.yml" in out and "T01" not in out


def test_the_compliance_page_counts_what_the_command_counts(
    county: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--root", str(county), "--as-of", "2008-07-20", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and any(f["rule"] == "codeowners-stale" for f in report["findings"])
    site = generate(county, __import__("datetime").date(2008, 7, 20))
    [page] = [p for p in site.pages if p.path == "compliance.md"]
    summary = report["summary"]
    assert f"共 {summary['errors']} 个错误、{summary['warnings']} 个警告" in page.body
    units = [int(n) for n in re.findall(r"<h2[^>]*>[^<（]+（(\d+) 项", page.body)]
    assert sum(units) == len(report["findings"])
    assert "ZD2008" not in page.body and "persons/" not in page.body  # key persons: a count only


def test_a_record_naming_an_undefined_unit_is_listed_with_the_office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the fuzzer: a unit code campaign.yml lacks (T0, a tab deleted) stopped the
    grouping with a traceback; the finding is listed under the office and other files."""
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    case = root / "cases" / "XF2008-T05-002.yml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("unit: T05", "unit: T0", 1), encoding="utf-8")
    code, out = _check(root, capsys, "cases/XF2008-T05-002.yml")
    assert code == 1
    assert "== 领导小组办公室和其他文件" in out and "[unknown-unit] 单位代码 T0" in out
