"""The pre-commit check of a few changed files: fast, and still right about ids and history."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from xinfang.cli import main
from xinfang.history.reader import read_history

from .conftest import ROOT, make_repo
from .test_history import Repo, case

CASE = ROOT / "tests" / "check" / "valid" / "cases" / "XF2008-T01-001.yml"


def _check(root: Path, capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, dict]:
    args = ["check", "--root", str(root), "--as-of", "2008-07-20", "--format", "json", *paths]
    code = main(args)
    return code, json.loads(capsys.readouterr().out)


def test_a_changed_file_is_checked_against_every_other_files_id(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "cases" / "old").mkdir()
    shutil.copy(CASE, repo / "cases" / "old" / CASE.name)  # an earlier file took the id
    (repo / "cases" / "other.yml").write_text("id: [\n", encoding="utf-8")  # never read
    shutil.copy(CASE, repo / "cases" / CASE.name)
    code, report = _check(repo, capsys, str(repo / "cases" / CASE.name))
    assert report["summary"]["checked"] == 1
    [finding] = report["findings"]
    assert (finding["rule"], finding["line"], code) == ("duplicate-id", 2, 1)
    assert "cases/old/XF2008-T01-001.yml 已经使用了它" in finding["message"]


def test_a_configuration_file_among_the_paths_checks_everything(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(CASE, repo / "cases" / CASE.name)
    (repo / "cases" / "XF2008-T01-009.yml").write_text("", encoding="utf-8")
    code, report = _check(repo, capsys, str(repo / "campaign.yml"))
    assert (code, report["summary"]["checked"]) == (1, 2)
    code, report = _check(repo, capsys, str(repo / "schema" / "case.schema.json"))
    assert report["summary"]["checked"] == 2


def test_the_history_of_given_paths_is_theirs_alone_and_uses_a_commit_graph(
    tmp_path: Path,
) -> None:
    repo = Repo(tmp_path / "ledger")
    repo.write("cases/XF2008-T01-001.yml", case("XF2008-T01-001"))
    repo.write("cases/XF2008-T01-002.yml", case("XF2008-T01-002"))
    repo.commit("登记两件", "褚文静", "2008-04-15T09:30:00+08:00")
    repo.write("cases/XF2008-T01-002.yml", case("XF2008-T01-002", status="in_progress"))
    repo.commit("开始化解", "孟庆丰", "2008-04-22T16:00:00+08:00")
    repo.write(
        "cases/XF2008-T01-001.yml", case("XF2008-T01-001", status="closed", closed="2008-06-25")
    )
    repo.commit("结案", "孟庆丰", "2008-06-26T10:00:00+08:00")

    whole = read_history(repo.path)
    one = read_history(repo.path, paths=["cases/XF2008-T01-001.yml"])
    assert list(one.files) == ["cases/XF2008-T01-001.yml"]
    assert one.files["cases/XF2008-T01-001.yml"] == whole.files["cases/XF2008-T01-001.yml"]
    assert read_history(repo.path, paths=[]).files == {}
    # git's changed-path index, so that the log skips unrelated commits without reading trees
    common = repo.path / ".git"
    assert (common / "objects" / "info" / "commit-graphs").is_dir()
    assert (common / "xinfang-commit-graph").is_file()


def test_the_audit_of_a_changed_file_matches_the_full_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "ledger")
    repo = Repo(root)
    data = CASE.read_text(encoding="utf-8")
    repo.write("cases/XF2008-T01-001.yml", data)
    # Another petitioner's case (the same one twice would be a visit written twice, which only
    # the full check can see: it reads the other cases).
    other = data.replace("XF2008-T01-001", "XF2008-T01-002").replace("刘长河", "刘长江")
    repo.write(
        "cases/XF2008-T01-002.yml", other.replace("390521196504123412", "390521196802143411")
    )
    campaign = (root / "campaign.yml").read_text(encoding="utf-8")
    repo.write("campaign.yml", re.sub(r"^  audit_from: .*\n", "", campaign, flags=re.MULTILINE))
    # Closed on 06-25 in the record, committed on 07-15: a backdated closure for the audit.
    repo.commit("补记两件已结案件", "褚文静", "2008-07-15T09:30:00+08:00")
    _, full = _check(root, capsys)
    _, one = _check(root, capsys, str(root / "cases" / "XF2008-T01-002.yml"))
    assert one["summary"]["checked"] == 1

    def of_the_case(report: dict) -> list[dict]:
        return [f for f in report["findings"] if f["file"] == "cases/XF2008-T01-002.yml"]

    assert any(f["rule"].startswith("audit-") for f in of_the_case(full))
    assert of_the_case(one) == of_the_case(full)


def test_the_hooks_pass_the_changed_files() -> None:
    for name in (".pre-commit-config.yaml", ".pre-commit-hooks.yaml"):
        spec = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        hooks = spec if isinstance(spec, list) else spec["repos"][0]["hooks"]
        [hook] = hooks
        assert hook["entry"] == "xinfang check" and hook["pass_filenames"] is True
        for path in ("cases/XF2008-T01-001.yml", "campaign.yml", "schema/case.schema.json"):
            assert __import__("re").match(hook["files"], path), (name, path)
