"""The records beside cases: strict loading, schema findings on their lines, typed models, the
references they make, and the submission dates they give the obligations figures."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from xinfang.campaign.workdays import WorkCalendar
from xinfang.history.gate import run_check
from xinfang.records.kinds import KINDS
from xinfang.records.repository import open_repository
from xinfang.rules.status import overview

from .conftest import ROOT, make_repo

FOLDERS = [kind.folder for kind in KINDS]


def bundled(target: Path) -> Path:
    """A copy of the bundled campaign with every record folder."""
    root = make_repo(target, ROOT / "cases")
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder)
    return root


def test_the_bundled_records_load_typed_and_clean() -> None:
    repo = open_repository(ROOT)
    duties = repo.duties
    assert [f for f in duties.all_findings() if f.severity == "error"] == []
    assert len(duties.risks) >= 12 and len(duties.persons) >= 12
    assert {a.level for a in duties.assignments} == {"city", "province", "state"}
    assert {r.unit for r in duties.reports} == set(repo.campaign.units)
    assert all(r.acceptance for r in duties.reports)
    kinds = [a.kind for a in duties.actions]
    assert kinds.count("notice") >= 2 and kinds.count("admonition") >= 1
    risk = next(r for r in duties.risks if r.id == "YH2008-T01-001")
    assert risk.found == date(2008, 4, 16) and risk.case == "XF2008-T01-005"
    assert (
        risk.level_on(date(2008, 6, 1)) == "medium" and risk.level_on(date(2008, 6, 20)) == "high"
    )
    assert risk.line("locality", "place") == 9


def test_a_broken_record_is_a_located_finding_and_the_others_still_load(tmp_path: Path) -> None:
    root = bundled(tmp_path / "repo")
    risk = root / "risks" / "YH2008-T02-001.yml"
    risk.write_text(
        risk.read_text(encoding="utf-8").replace("level: medium", "level: 很高"), encoding="utf-8"
    )
    (root / "persons" / "ZD2008-T01-001.yml").write_bytes("name: 张三\n".encode("gbk"))
    repo = open_repository(root)
    found = {(f.file, f.rule): f for f in repo.all_findings()}
    enum = found[("risks/YH2008-T02-001.yml", "schema-enum")]
    assert enum.line == 14 and "high（重大" in enum.message
    gbk = found[("persons/ZD2008-T01-001.yml", "encoding")]
    assert "GBK" in gbk.message and gbk.severity == "error"
    assert len(repo.duties.risks) == 13 and len(repo.duties.persons) == 13
    assert repo.duties.broken == 2


def test_required_keys_depend_on_the_state(tmp_path: Path) -> None:
    root = bundled(tmp_path / "repo")
    path = root / "persons" / "ZD2008-T02-001.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("removed:")[0], encoding="utf-8")  # removed without its details
    found = [f for f in open_repository(root).all_findings() if f.file.endswith("T02-001.yml")]
    assert [f.rule for f in found] == ["schema-required"]
    assert "缺少必填项“退出”（removed）" in found[0].message


def test_references_to_units_leaders_cases_and_incidents(tmp_path: Path) -> None:
    root = bundled(tmp_path / "repo")
    path = root / "accountability" / "ZZ2008-001.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("units: [T04, D05, T05]", "units: [T04, X99]")
    text = text.replace(
        "case: XF2008-D05-002\n    date: '2008-05-15'",
        "case: XF2008-D05-002\n    date: '2008-05-16'",
    )
    path.write_text(text, encoding="utf-8")
    person = root / "persons" / "ZD2008-T03-001.yml"
    person.write_text(
        person.read_text(encoding="utf-8")
        .replace("cases: [XF2008-D04-004]", "cases: [XF2008-D04-099]")
        .replace("  leader: 钱立民", "  leader: 陈明亮"),
        encoding="utf-8",
    )
    found = {(f.file, f.rule): f for f in open_repository(root).all_findings()}
    unit = found[("accountability/ZZ2008-001.yml", "unknown-unit")]
    assert unit.line == 8 and "X99" in unit.message
    incident = found[("accountability/ZZ2008-001.yml", "unknown-incident")]
    assert incident.line == 18 and "2008-05-15" in incident.message
    case = found[("persons/ZD2008-T03-001.yml", "unknown-case")]
    assert case.line == 11 and "XF2008-D04-099" in case.message
    leader = found[("persons/ZD2008-T03-001.yml", "unknown-leader")]
    assert "县级包保领导 陈明亮" in leader.message


def test_file_names_and_duplicate_ids(tmp_path: Path) -> None:
    root = bundled(tmp_path / "repo")
    shutil.copy(root / "risks" / "YH2008-T02-001.yml", root / "risks" / "YH2008-T02-009.yml")
    (root / "risks" / "子目录").mkdir()
    shutil.copy(
        root / "risks" / "YH2008-T02-001.yml", root / "risks" / "子目录" / "YH2008-T02-001.yml"
    )
    found = [f for f in open_repository(root).all_findings() if f.file.startswith("risks/")]
    rules = sorted((f.file, f.rule) for f in found)
    assert ("risks/YH2008-T02-009.yml", "id-file-name") in rules
    assert [r for r in rules if r[1] == "duplicate-id"]


def test_check_reads_only_the_files_it_is_given(tmp_path: Path) -> None:
    root = bundled(tmp_path / "repo")
    only = [root / "persons" / "ZD2008-T01-002.yml", root / "cases" / "XF2008-T01-001.yml"]
    result = run_check(root, date(2008, 7, 20), only)
    assert len(result.repo.cases) == 1 and len(result.repo.duties.persons) == 1
    assert not result.repo.duties.risks
    assert {f.file for f in result.findings if f.file != ".github/CODEOWNERS"} <= {
        "persons/ZD2008-T01-002.yml",
        "cases/XF2008-T01-001.yml",
    }
    assert not [f for f in result.findings if f.rule == "unknown-case"]  # the case files exist


def test_a_repository_without_the_new_folders_needs_none_of_their_schemas(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", ROOT / "cases")
    for kind in KINDS:
        (root / "schema" / f"{kind.name}.schema.json").unlink()
    repo = open_repository(root)
    assert repo.duties.records == [] and len(repo.cases) == 48


@pytest.mark.parametrize("as_of", ["2008-05-01", "2008-07-20", "2008-08-10"])
def test_submission_records_give_the_obligations_the_same_dates(tmp_path: Path, as_of: str) -> None:
    """campaign.yml's dates alone and the records give the same obligations, as of any day the
    campaign lists a date for."""
    day = date.fromisoformat(as_of)
    calendar = WorkCalendar.from_root(ROOT)
    with_records = open_repository(ROOT)
    without = open_repository(make_repo(tmp_path / "repo", ROOT / "cases"))
    listed = {
        (code, s.milestone) for code, u in without.campaign.units.items() for s in u.submissions
    }

    def states(repo: object) -> dict[tuple[str, str], str]:
        view = overview(repo.campaign, repo.cases, day, calendar)  # type: ignore[attr-defined]
        return {(u.code, o.milestone.id): o.state for u in view.units for o in u.obligations}

    new, old = states(with_records), states(without)
    assert {k: new[k] for k in listed} == {k: old[k] for k in listed}


def test_a_date_that_differs_from_campaign_yml_is_a_warning(tmp_path: Path) -> None:
    root = bundled(tmp_path / "repo")
    path = root / "submissions" / "T03.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "submitted: '2008-04-18'", "submitted: '2008-04-19'"
        ),
        encoding="utf-8",
    )
    repo = open_repository(root)
    [hit] = [f for f in repo.all_findings() if f.rule == "submission-date-mismatch"]
    assert hit.file == "submissions/T03.yml" and hit.severity == "warning"
    assert "2008-04-18" in hit.message
    unit = repo.campaign.units["T03"]
    assert {s.milestone: s.date for s in unit.submissions}["registration"] == date(2008, 4, 19)
