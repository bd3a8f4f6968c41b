"""Dates at the limits (issue 20, point 15): `--as-of 0001-01-01`, `site.as_of` in campaign.yml
far in the past or future, records whose dates make deadlines past year 9999. Every command says
in Chinese which option, or which file and line, holds the date; none ends in an OverflowError or
a traceback.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from xinfang.cli import main

from .conftest import ROOT, make_repo

FOLDERS = ("persons", "risks", "assignments", "submissions", "accountability")
LIMITS = ["0001-01-01", "0001-01-06", "1899-12-31", "2200-01-01", "9999-12-25", "9999-12-31"]


def _repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder)
    return root


def _commands(root: Path, out: Path) -> list[list[str]]:
    """Every command that takes --as-of (the history command does not)."""
    return [
        ["check"], ["status"], ["status", "--format", "json"], ["notice"], ["brief"],
        ["brief", "--leader", "郑春生"], ["propose"],
        ["export", "xlsx", "--out", str(out / "台账.xlsx"), "--force"],
        ["pages", "--out", str(out / "pages")],
    ]  # fmt: skip


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(args)
    except SystemExit as stop:  # argparse refuses a value with exit code 2
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("day", LIMITS)
def test_as_of_at_the_limits_names_the_option(
    day: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    for args in _commands(root, tmp_path):
        code, said = _run([*args, "--root", str(root), "--as-of", day], capsys)
        assert code == 2, (args, said)
        assert "--as-of" in said and day in said and "1900-01-01" in said, (args, said)
        assert "Traceback" not in said and "Error" not in said, (args, said)


@pytest.mark.parametrize("day", LIMITS)
def test_site_as_of_at_the_limits_names_the_file_and_line(
    day: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _repo(tmp_path)
    campaign = root / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    line = text[: text.index("  as_of: '2008-07-20'")].count("\n") + 1
    campaign.write_text(text.replace("as_of: '2008-07-20'", f"as_of: '{day}'"), encoding="utf-8")
    for args in _commands(root, tmp_path):
        code, said = _run([*args, "--root", str(root)], capsys)
        assert code == 2, (args, said)
        assert f"campaign.yml:{line}:" in said and day in said, (args, said)
        assert "Traceback" not in said and "Error" not in said, (args, said)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_record_dates_at_the_limits_are_located_findings(
    day: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deadlines computed from such dates would pass year 9999: each date is an error on its
    line, and every command still ends with its report."""
    root = _repo(tmp_path)
    changed: list[str] = []
    for folder in ("cases", *FOLDERS):
        for path in sorted((root / folder).glob("*.yml"))[:2]:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"'2008-\d\d-\d\d'", f"'{day}'", text), encoding="utf-8")
            changed.append(f"{folder}/{path.name}")
    for args in _commands(root, tmp_path):
        code, said = _run([*args, "--root", str(root), "--as-of", "2008-07-20"], capsys)
        assert code in (0, 1), (args, said)
        assert "Traceback" not in said and "Error" not in said, (args, said)
    code, said = _run(["check", "--root", str(root), "--as-of", "2008-07-20"], capsys)
    assert code == 1
    for rel in changed:
        assert re.search(rf"{re.escape(rel)}:\d+: 错误 .*{day}.*超出", said), rel
