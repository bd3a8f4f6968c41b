"""The CI workflows: GitHub's, and the intranet's that need nothing from outside.

Both are checked with check-jsonschema's vendored GitHub workflow schema, which Gitea and Forgejo
also follow. The intranet workflows run in ``test_offline_bundle.py`` step by step.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

GITHUB = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
INTRANET = sorted((ROOT / ".gitea" / "workflows").glob("*.yml"))


def _schema_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_both_sets_of_workflows_exist() -> None:
    assert [p.name for p in GITHUB] == ["ci.yml", "site.yml"]
    assert [p.name for p in INTRANET] == ["ci.yml", "site.yml"]


def test_every_workflow_passes_the_workflow_schema() -> None:
    result = _schema_check(*GITHUB, *INTRANET)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (ROOT / ".gitea" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: xinfang", "runs_on: xinfang"), encoding="utf-8")
    result = _schema_check(broken)
    assert result.returncode == 1, result.stdout
    assert "runs_on" in result.stdout or "runs-on" in result.stdout


@pytest.mark.parametrize("path", INTRANET, ids=lambda p: p.name)
def test_intranet_workflows_use_no_action_and_no_outside_address(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    for job in workflow["jobs"].values():
        assert isinstance(job["runs-on"], str)  # Gitea takes one label
        assert job["runs-on"] != "ubuntu-latest"  # its default image comes from the internet
        for step in job["steps"]:
            assert "uses" not in step, step
            assert set(step) <= {"name", "if", "env", "run"}, step
    assert not re.search(r"https?://|github\.com|docker\.io|pypi", text)
    assert "--depth" not in text  # the history pages and the merge-request guard need it all
    assert "--no-index" in text


def test_intranet_workflows_share_their_checkout_and_install() -> None:
    steps = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in INTRANET]
    first_two = [list(next(iter(w["jobs"].values()))["steps"][:2]) for w in steps]
    assert first_two[0] == first_two[1]
    assert [s["name"] for s in first_two[0]] == [
        "取出代码（完整历史）",
        "安装（离线安装包，不连网）",
    ]


def test_github_workflows_are_kept_for_those_who_have_github() -> None:
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "actions/checkout" in text
    assert "fetch-depth: 0" in text
