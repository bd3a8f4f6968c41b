"""The pull-request guard and the audit signals, on throwaway repositories with fixed dates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xinfang.findings import has_errors
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
        re.sub(r"^  audit_from: .*\n", "", text, flags=re.MULTILINE), encoding="utf-8"
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


def _correction(*fields: str) -> dict:
    entry = {"date": "2008-07-03", "by": "褚文静", "note": "按原始材料更正录入错误。"}
    if fields:
        entry["fields"] = list(fields)
    return entry


# A closed case's facts, each changed as a clerk (or someone covering a mistake) might, with the
# field a correction must name.
FACT_CHANGES = {
    "petitioner": ("petitioners", lambda d: d["petitioners"][1].update(name="马桂兰")),
    "id number": (
        "petitioners",
        lambda d: d["petitioners"][0].update(id_number="390521196504123404"),
    ),
    "investigation": ("investigation", lambda d: d.update(investigation="经调查，原处理正确。")),
    "registration date": ("registered", lambda d: d.update(registered="2008-04-19")),
    "event edited": ("events", lambda d: d["events"][0].update(level="county")),
    "event removed": ("events", lambda d: d["events"].pop(0)),
    "event backfilled": (
        "events",
        lambda d: d["events"].append(
            {"date": "2008-05-10", "form": "visit", "level": "provincial", "head_count": 8}
        ),
    ),
    "progress removed": ("progress", lambda d: d["progress"].pop(1)),
    "progress edited": ("progress", lambda d: d["progress"][0].update(date="2008-04-20")),
    "deadline": (
        "responsibility.deadline",
        lambda d: d["responsibility"].update(deadline="2008-07-30"),
    ),
    "extension added": (
        "extensions",
        lambda d: d.update(
            extensions=[
                {
                    "approved_by": "郑春生",
                    "approved_on": "2008-06-20",
                    "reason": "情况复杂，需补充调查。",
                    "days": 30,
                }
            ]
        ),
    ),
    "closure opinion": (
        "closure.report",
        lambda d: d["closure"]["report"].update(opinion="改写后的处理意见。"),
    ),
    "closure date": ("closure.date", lambda d: d["closure"].update(date="2008-06-29")),
    "head count": ("head_count", lambda d: d.update(head_count=3)),
    "evidence removed": ("evidence", lambda d: d["evidence"].pop()),
}


@pytest.mark.parametrize("change", FACT_CHANGES, ids=list(FACT_CHANGES))
def test_a_closed_case_s_facts_change_only_with_a_correction_naming_them(
    repo: Path, change: str
) -> None:
    field, edit = FACT_CHANGES[change]
    data = load(repo)
    edit(data)
    save(repo, data)
    assert rules(repo).get("guard-closed-fact-changed") == "error"
    data["corrections"] = [_correction()]  # a note that names no field
    save(repo, data)
    assert rules(repo).get("guard-closed-fact-changed") == "error"
    data["corrections"] = [_correction("root_cause")]  # names another field
    save(repo, data)
    assert rules(repo).get("guard-closed-fact-changed") == "error"
    data["corrections"] = [_correction(field)]
    save(repo, data)
    assert "guard-closed-fact-changed" not in rules(repo)


# A correction naming a narrow field, and a change that goes beyond it: the list or object above
# the named field rewritten. Each needs the wider field named.
BEYOND_THE_NAMED = {
    "another petitioner's name": (
        "petitioners.0.phone",
        lambda d: d["petitioners"][1].update(name="马桂兰"),
    ),
    "a petitioner removed": (
        "petitioners.0.phone",
        lambda d: d.update(petitioners=[{**d["petitioners"][0], "phone": "15455661235"}]),
    ),
    "petitioners reordered": ("petitioners.0.phone", lambda d: d["petitioners"].reverse()),
    "an event's level with its note": (
        "events.0.note",
        lambda d: d["events"][0].update(note="6 名村民到市信访局上访。", level="county"),
    ),
    "an event removed": ("events.1.note", lambda d: d["events"].pop(0)),
    "the report rewritten": (
        "closure.report.file",
        lambda d: d["closure"].update(report={"file": "evidence/XF2008-T01-001/谈话记录.txt"}),
    ),
    "the report's opinion": (
        "closure.report.file",
        lambda d: d["closure"]["report"].update(opinion="改写后的处理意见。"),
    ),
}


@pytest.mark.parametrize("change", BEYOND_THE_NAMED, ids=list(BEYOND_THE_NAMED))
def test_a_correction_covers_only_the_field_it_names(repo: Path, change: str) -> None:
    named, edit = BEYOND_THE_NAMED[change]
    data = load(repo)
    edit(data)
    data["corrections"] = [_correction(named)]
    save(repo, data)
    assert rules(repo).get("guard-closed-fact-changed") == "error"


NARROW_CORRECTIONS = {
    "petitioners.0.phone": lambda d: d["petitioners"][0].update(phone="15455661235"),
    "events.0.note": lambda d: d["events"][0].update(note="6 名村民到市信访局上访。"),
    "closure.report.file": lambda d: d["closure"]["report"].update(
        file="evidence/XF2008-T01-001/谈话记录.txt"
    ),
    "petitioners.1.id_number": lambda d: d["petitioners"][1].update(id_number="390521196803150023"),
    "petitioners.1": lambda d: d["petitioners"][1].update(
        address="XX县城关镇北街村四组", phone="15466012346"
    ),
}


@pytest.mark.parametrize("named", NARROW_CORRECTIONS)
def test_a_correction_naming_the_narrow_field_covers_its_change(repo: Path, named: str) -> None:
    data = load(repo)
    NARROW_CORRECTIONS[named](data)
    data["corrections"] = [_correction(named)]
    save(repo, data)
    assert rules(repo) == {}
    assert not has_errors(run_check(repo, base="HEAD").findings)  # the schema takes the path


@pytest.mark.parametrize(
    "named", ["petitioners.2.phone", "petitioners.0.mobile", "closure.report.files", "event"]
)
def test_a_correction_naming_a_field_the_record_lacks_is_refused(repo: Path, named: str) -> None:
    data = load(repo)
    data["petitioners"][0]["phone"] = "15455661235"
    data["corrections"] = [_correction("petitioners.0.phone", named)]
    save(repo, data)
    found = [f for f in run_check(repo, base="HEAD").findings if f.rule.startswith("guard-")]
    assert [(f.rule, f.severity) for f in found] == [("guard-correction-unknown-field", "error")]
    lines = (repo / "cases" / f"{CASE}.yml").read_text(encoding="utf-8").splitlines()
    assert named in lines[found[0].line - 1]
    assert named in found[0].message and "没有" in found[0].message


def test_news_after_the_closure_and_a_named_correction_in_one_change(repo: Path) -> None:
    data = load(repo)
    data["events"][0]["note"] = "6 名村民到市信访局上访。"
    data["events"].append(
        {"date": "2008-07-05", "form": "visit", "level": "county", "head_count": 1}
    )
    data["corrections"] = [_correction("events.0.note")]
    save(repo, data)
    assert rules(repo) == {}
    data["events"][1]["level"] = "city"  # an earlier entry the correction does not name
    save(repo, data)
    assert rules(repo).get("guard-closed-fact-changed") == "error"


def test_a_correction_may_name_what_it_removed(repo: Path) -> None:
    data = load(repo)
    data["petitioners"].pop()
    data["corrections"] = [_correction("petitioners.1")]
    save(repo, data)
    assert rules(repo) == {}


def test_the_message_names_the_field_and_its_line(repo: Path) -> None:
    data = load(repo)
    data["responsibility"]["deadline"] = "2008-07-30"
    save(repo, data)
    [finding] = [f for f in run_check(repo, base="HEAD").findings if f.rule.startswith("guard-")]
    text = (repo / "cases" / f"{CASE}.yml").read_text(encoding="utf-8").splitlines()
    assert text[finding.line - 1].strip().startswith("deadline:")
    assert "responsibility.deadline" in finding.message and "corrections" in finding.message


NEWS_AFTER_CLOSURE = {
    "a later petition": lambda d: d["events"].append(
        {"date": "2008-07-05", "form": "visit", "level": "county", "head_count": 1}
    ),
    "a later note": lambda d: d["progress"].append(
        {"date": "2008-07-01", "note": "回访后无新诉求。"}
    ),
    "a scan uploaded later": lambda d: d["evidence"].append("evidence/XF2008-T01-001/谈话记录.txt"),
    "next steps": lambda d: d.update(next_steps="继续做好政策解释。"),
    "made confidential": lambda d: d.update(confidential=True),
    # 息诉罢访 is observed after the closure: withdrawn after a new petition, news not a correction.
    "no longer settled": lambda d: d.update(settled=False, next_steps="再次回访，做好解释疏导。"),
}


@pytest.mark.parametrize("change", NEWS_AFTER_CLOSURE, ids=list(NEWS_AFTER_CLOSURE))
def test_news_after_the_closure_needs_no_correction(repo: Path, change: str) -> None:
    data = load(repo)
    NEWS_AFTER_CLOSURE[change](data)
    save(repo, data)
    assert rules(repo) == {}


def test_a_reopened_case_is_handled_again_without_corrections(repo: Path) -> None:
    data = load(repo)
    data["status"] = "in_progress"
    data["reopenings"] = [
        {"date": "2008-07-02", "by": "郑春生", "reason": "信访人提供了新的拆迁协议。"}
    ]
    data["responsibility"]["deadline"] = "2008-07-30"
    data["next_steps"] = "重新核查补偿标准。"
    save(repo, data)
    assert rules(repo) == {}


@pytest.fixture
def trail(repo: Path) -> Path:
    """The closed case with two corrections and a reopening already recorded at the base."""
    data = load(repo)
    data["reopenings"] = [
        {"date": "2008-06-26", "by": "郑春生", "reason": "信访人对补发金额有异议。"}
    ]
    data["corrections"] = [_correction("closure.report"), _correction("investigation")]
    data["corrections"][1]["note"] = "调查情况漏写 3 户，按档案补全。"
    save(repo, data)
    commit(repo, "补记更正和重新办理", day="2008-07-04")
    return repo


TRAIL_EDITS = {
    "correction deleted": lambda d: d["corrections"].pop(0),
    "last correction deleted": lambda d: d["corrections"].pop(),
    "all corrections deleted": lambda d: d.pop("corrections"),
    "correction edited": lambda d: d["corrections"][0].update(note="改写过的更正说明。"),
    "correction's fields edited": lambda d: d["corrections"][0].update(fields=["title"]),
    "corrections reordered": lambda d: d["corrections"].reverse(),
    "entry inserted before": lambda d: d["corrections"].insert(0, _correction("title")),
    "reopening deleted": lambda d: d.update(reopenings=[]),
    "reopening edited": lambda d: d["reopenings"][0].update(by="王爱华"),
}


@pytest.mark.parametrize("change", TRAIL_EDITS, ids=list(TRAIL_EDITS))
def test_corrections_and_reopenings_are_append_only(trail: Path, change: str) -> None:
    data = load(trail)
    TRAIL_EDITS[change](data)
    save(trail, data)
    assert rules(trail).get("guard-audit-trail-changed") == "error"


def test_appending_to_the_audit_trail_passes(trail: Path) -> None:
    data = load(trail)
    data["corrections"].append(_correction("title"))
    data["title"] = "城关镇北街村村民反映旧城改造拆迁补偿款未足额发放问题"
    save(trail, data)
    assert rules(trail) == {}
    assert not has_errors(run_check(trail, base="HEAD").findings)  # the schema knows `fields`


def test_the_trail_of_an_open_case_is_append_only_too(tmp_path: Path) -> None:
    root = audited_repo(tmp_path / "repo")
    shutil.copy(ROOT / "cases" / "XF2008-T02-001.yml", root / "cases")
    data = load(root, "XF2008-T02-001")
    assert data["status"] != "closed"
    data["corrections"] = [_correction("petitioners")]
    save(root, data, "XF2008-T02-001")
    commit(root, "更正")
    data.pop("corrections")
    save(root, data, "XF2008-T02-001")
    assert rules(root).get("guard-audit-trail-changed") == "error"


# A closed case's whole content replaced by a document that reads as no data, or as no mapping.
EMPTIED = [
    "~\n",
    "null\n",
    "---\n",
    "--- ~\n",
    "---\n...\n",
    "--- null\n...\n",
    "'' \n",
    "- a\n",
    "closed\n",
    "# 已结案\n---\n",
    "[]\n",
    "{}\n",
]


@pytest.mark.parametrize("text", EMPTIED)
def test_a_closed_case_emptied_is_refused(repo: Path, text: str) -> None:
    (repo / "cases" / f"{CASE}.yml").write_text(text, encoding="utf-8")
    assert "error" in rules(repo).values()
    assert has_errors(run_check(repo, base="HEAD").findings)


@pytest.mark.parametrize("text", ["~\n", "---\n...\n", "null\n"])
def test_an_open_case_emptied_fails_the_check(tmp_path: Path, text: str) -> None:
    root = audited_repo(tmp_path / "repo")
    shutil.copy(ROOT / "cases" / "XF2008-T02-001.yml", root / "cases")
    commit(root, "登记")
    (root / "cases" / "XF2008-T02-001.yml").write_text(text, encoding="utf-8")
    assert has_errors(run_check(root, base="HEAD").findings)


def test_a_closed_case_made_invalid_is_still_compared(repo: Path) -> None:
    data = load(repo)
    data.pop("corrections", None)
    data["petitioners"][0]["id_number"] = "390521196504123404"
    data["unknown_key"] = "让记录不符合模式"
    save(repo, data)
    assert rules(repo).get("guard-closed-fact-changed") == "error"


def test_only_the_named_files_are_compared(repo: Path) -> None:
    for other in ("XF2008-T01-002", "XF2008-T02-001", "XF2008-D01-001"):
        shutil.copy(ROOT / "cases" / f"{other}.yml", repo / "cases")
    commit(repo, "登记另外三件")
    named = repo / "cases" / "XF2008-T02-001.yml"
    found = run_check(repo, only=[named], base="HEAD").findings
    assert [f for f in found if f.rule.startswith("guard-")] == []
    (repo / "cases" / "XF2008-D01-001.yml").unlink()  # a real deletion is still a deletion
    found = run_check(repo, only=[named], base="HEAD").findings
    assert {(f.file, f.rule) for f in found if f.rule.startswith("guard-")} == {
        ("cases/XF2008-D01-001.yml", "guard-deleted")
    }


def test_only_the_named_files_from_the_command_line(repo: Path) -> None:
    shutil.copy(ROOT / "cases" / "XF2008-T02-001.yml", repo / "cases")
    commit(repo, "登记")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "xinfang.cli",
            "check",
            "--base",
            "HEAD",
            "cases/XF2008-T02-001.yml",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "guard-" not in result.stdout, result.stdout


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


@pytest.fixture
def deleted_long_ago(repo: Path) -> Path:
    """A history in which case T01-002 was registered, then deleted, then three more commits."""
    shutil.copy(ROOT / "cases" / "XF2008-T01-002.yml", repo / "cases")
    commit(repo, "登记城关镇第二件", day="2008-04-17")
    (repo / "cases" / "XF2008-T01-002.yml").unlink()
    commit(repo, "误登，删除", day="2008-04-18")
    for n, other in enumerate(("XF2008-T02-001", "XF2008-T03-001", "XF2008-D01-001")):
        shutil.copy(ROOT / "cases" / f"{other}.yml", repo / "cases")
        commit(repo, f"登记 {other}", day=f"2008-04-2{n}")
    return repo


def _shallow_clone(source: Path, target: Path, depth: int) -> Path:
    subprocess.run(
        ["git", "clone", "-q", "--depth", str(depth), f"file://{source}", str(target)], check=True
    )
    assert (target / ".git" / "shallow").is_file()
    return target


def test_a_shallow_history_that_misses_a_deletion_fails_closed(
    deleted_long_ago: Path, tmp_path: Path
) -> None:
    clone = _shallow_clone(deleted_long_ago, tmp_path / "clone", 3)  # reaches the base, not 04-18
    git(clone, "checkout", "-q", "-b", "补登")
    shutil.copy(ROOT / "cases" / "XF2008-T01-002.yml", clone / "cases")  # the deleted id again
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", "check", "--base", "origin/main"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [ln for ln in result.stdout.splitlines() if "[guard-shallow-history]" in ln]
    assert len(lines) == 1 and lines[0].startswith("cases/XF2008-T01-002.yml:1: 错误"), lines
    assert "git fetch --unshallow" in lines[0] and "fetch-depth: 0" in lines[0]
    # With the whole history the same change is refused for what it is.
    git(clone, "fetch", "-q", "--unshallow")
    assert rules(clone, base="origin/main").get("guard-id-reused") == "error"


def test_a_shallow_history_still_decides_what_it_can(
    deleted_long_ago: Path, tmp_path: Path
) -> None:
    clone = _shallow_clone(deleted_long_ago, tmp_path / "clone", 1)
    data = load(clone, "XF2008-D01-001")
    data["title"] = data["title"] + "（补正）"
    save(clone, data, "XF2008-D01-001")  # an edit, no new file: the base's tree is enough
    assert "guard-shallow-history" not in rules(clone, base="HEAD")
    (clone / "cases" / "XF2008-T02-001.yml").unlink()
    assert rules(clone, base="HEAD").get("guard-deleted") == "error"


def test_every_ci_checkout_fetches_the_whole_history() -> None:
    """The guard refuses a shallow history, so every workflow must fetch all of it."""
    checkouts = 0
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    checkouts += 1
                    assert step.get("with", {}).get("fetch-depth") == 0, (path.name, step)
    assert checkouts >= 2
    for path in sorted((ROOT / ".gitea" / "workflows").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert "git checkout" in text and "fetch" in text
        assert "--depth" not in text and "--shallow" not in text, path.name


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


def _add(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text
    (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")


CONFIG_CHANGES = {
    "a policy": ("campaign.yml", "policies", lambda r: _edit(r, "campaign.yml", "backdating_days: 7", "backdating_days: 70")),
    "a milestone's due date": ("campaign.yml", "milestones", lambda r: _edit(r, "campaign.yml", "due: '2008-04-20'", "due: '2008-05-20'")),
    "a phase": ("campaign.yml", "phases", lambda r: _edit(r, "campaign.yml", "end: '2008-07-31'", "end: '2008-08-10'")),
    "holidays": ("holidays.yml", "", lambda r: _add(r, "holidays.yml", "2008:\n  holidays: ['2008-05-01']\n")),
    "the schema": ("schema/case.schema.json", "", lambda r: _edit(r, "schema/case.schema.json", '"minLength": 4', '"minLength": 0')),
    "CODEOWNERS": (".github/CODEOWNERS", "", lambda r: _add(r, ".github/CODEOWNERS", "*  @someone\n")),
    "Gitea's CODEOWNERS": (".gitea/CODEOWNERS", "", lambda r: _add(r, ".gitea/CODEOWNERS", ".*  @someone\n")),
    "a root CODEOWNERS": ("CODEOWNERS", "", lambda r: _add(r, "CODEOWNERS", ".*  @someone\n")),
    "a workflow": (".github/workflows/ci.yml", "", lambda r: _add(r, ".github/workflows/ci.yml", "on: push\n")),
    "a Forgejo workflow": (".forgejo/workflows/x.yml", "", lambda r: _add(r, ".forgejo/workflows/x.yml", "on: push\n")),
    "the program": ("scripts/xinfang/history/guard.py", "", lambda r: _add(r, "scripts/xinfang/history/guard.py", "def guard(*a): return []\n")),
}  # fmt: skip


@pytest.mark.parametrize("change", CONFIG_CHANGES, ids=list(CONFIG_CHANGES))
def test_changes_to_what_the_gate_means_are_warned_with_who_approves(
    repo: Path, change: str
) -> None:
    path, section, edit = CONFIG_CHANGES[change]
    _add(repo, ".github/workflows/ci.yml", "on: [push, pull_request]\n")
    commit(repo, "工作流")
    edit(repo)
    found = [f for f in run_check(repo, base="HEAD").findings if f.rule == "guard-config-changed"]
    assert [(f.file, f.severity) for f in found] == [(path, "warning")]
    assert "须由领导小组办公室（县信访局：@xinfangju）审核批准" in found[0].message
    assert section in found[0].message
    if section:  # the line of the changed section
        lines = (repo / path).read_text(encoding="utf-8").splitlines()
        assert lines[found[0].line - 1].startswith(section + ":")


def test_a_committed_config_change_is_warned_too(repo: Path) -> None:
    git(repo, "branch", "base")
    _edit(repo, "campaign.yml", "backdating_days: 7", "backdating_days: 70")
    commit(repo, "改政策")
    found = [f for f in run_check(repo, base="base").findings if f.rule == "guard-config-changed"]
    assert [f.file for f in found] == ["campaign.yml"]


def test_case_edits_are_not_config_changes(repo: Path) -> None:
    data = load(repo)
    data["next_steps"] = "继续做好政策解释。"
    save(repo, data)
    _add(repo, "evidence/XF2008-T01-001/补充.txt", "补充材料\n")
    assert [f for f in run_check(repo, base="HEAD").findings if f.rule.startswith("guard")] == []


def _owner_github(text: str, path: str) -> str:
    """The owners of ``path`` by GitHub's rule: the last matching pattern wins."""
    owners = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *names = line.split()
        anchored = pattern.startswith("/")
        glob = pattern.lstrip("/")
        regex = re.escape(glob).replace(r"\*", "[^/]*")
        regex = regex + ".*" if glob.endswith("/") else regex + "(/.*)?"
        if glob == "*":
            regex = ".*"
        if re.fullmatch(regex, path) or (not anchored and re.fullmatch(".*/" + regex, path)):
            owners = " ".join(names)
    return owners


OFFICE_FILES = ["campaign.yml", "holidays.yml", "schema/case.schema.json", ".github/CODEOWNERS",
                ".gitea/CODEOWNERS", "CODEOWNERS", ".github/workflows/ci.yml",
                ".gitea/workflows/ci.yml", ".forgejo/workflows/ci.yml", "scripts/xinfang/cli/main.py",
                "tests/test_guard.py", "pyproject.toml", "mkdocs.yml", "requirements.txt"]  # fmt: skip


def test_codeowners_give_the_configuration_and_the_program_to_the_office(repo: Path) -> None:
    codeowners.write(open_repository(repo))
    github = (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    gitea = (repo / ".gitea" / "CODEOWNERS").read_text(encoding="utf-8")
    for path in OFFICE_FILES:
        assert _owner_github(github, path) == "@xinfangju", path
        office_lines = [line for line in gitea.splitlines() if line.endswith("@xinfangju")]
        patterns = [line.split()[0].replace("\\\\", "\\") for line in office_lines]
        assert any(re.fullmatch(p, path) for p in patterns if p != ".*"), path
    assert _owner_github(github, f"cases/{CASE}.yml") == "@chengguan-xf"


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
