"""CI rejects incomplete closures: removing any one closure element from a bundled closed case."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xinfang.history.gate import run_check

from .conftest import ROOT, make_repo

# Closed bundled cases whose follow-up was signed 同意, 不同意 and refused.
CLOSED = {
    opinion: next(
        p
        for p in sorted((ROOT / "cases").glob("*.yml"))
        if (d := yaml.safe_load(p.read_text(encoding="utf-8")))["status"] == "closed"
        and d["category"] != "litigation"
        and d["closure"]["follow_up"]["opinion"] == opinion
    )
    for opinion in ("agree", "disagree", "refused")
}
ELEMENTS = {
    "report.problem": "closure-report",
    "report.investigation": "closure-report",
    "report.opinion": "closure-report",
    "seal": "closure-seal-signatures",
    "signatures.leader": "closure-seal-signatures",
    "signatures.handler": "closure-seal-signatures",
    "follow_up": "closure-follow-up",
    "follow_up.opinion": "closure-follow-up",
    "date": "closure-date",
}


def _without(text: str, dotted: str) -> str:
    data = yaml.safe_load(text)
    node = data["closure"]
    *parents, last = dotted.split(".")
    for key in parents:
        node = node[key]
    del node[last]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("opinion", sorted(CLOSED))
@pytest.mark.parametrize("element", sorted(ELEMENTS))
def test_missing_closure_element_fails(opinion: str, element: str, tmp_path: Path) -> None:
    source = CLOSED[opinion]
    root = make_repo(tmp_path / "repo")
    (root / "cases" / source.name).write_text(
        _without(source.read_text(encoding="utf-8"), element), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout
    line = next(x for x in result.stdout.splitlines() if f"[{ELEMENTS[element]}]" in x)
    assert line.startswith(f"cases/{source.name}:") and ": 错误 " in line and "请" in line


def test_reason_is_required_where_the_petitioner_disagrees(tmp_path: Path) -> None:
    source = CLOSED["disagree"]
    root = make_repo(tmp_path / "repo")
    (root / "cases" / source.name).write_text(
        _without(source.read_text(encoding="utf-8"), "follow_up.reason"), encoding="utf-8"
    )
    rules = {f.rule for f in run_check(root).findings if f.severity == "error"}
    assert rules == {"closure-follow-up"}


def test_litigation_closure_without_follow_up_passes(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    for path in (ROOT / "cases").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if (
            data["category"] == "litigation"
            and data["status"] == "closed"
            and "follow_up" not in data["closure"]
        ):
            shutil.copy(path, root / "cases" / path.name)
    assert len(list((root / "cases").iterdir())) >= 2
    assert [f for f in run_check(root).findings if f.severity == "error"] == []


def test_unknown_year_fails_loudly_with_the_fix(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    # A campaign held in a year the holiday data lacks (a case of 2090 in the 2008 campaign
    # would be a mistyped year, reported as a finding).
    campaign = (root / "campaign.yml").read_text(encoding="utf-8")
    campaign = campaign.replace("2008-", "2090-").replace("year: 2008", "year: 2090")
    (root / "campaign.yml").write_text(campaign, encoding="utf-8")
    text = CLOSED["agree"].read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data.update(status="registered", registered="2090-04-15", received="2090-04-14")
    for key in ("closure", "settled", "rehearing", "progress", "events"):
        data.pop(key, None)
    data["responsibility"].pop("deadline")
    data["next_steps"] = "继续调查。"
    (root / "cases" / CLOSED["agree"].name).write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check", "--as-of", "2090-04-20"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "2090" in result.stderr and "holidays.yml" in result.stderr
    assert "Traceback" not in result.stderr
