"""The pull-request guard for risks, key persons, assigned cases, submissions and accountability:
nothing deleted, renamed or given out twice, and the work logs keep every entry once written.

The records live in a folder with a Chinese name and a space below the git top, so every path
git gives back is one it would quote without ``-z``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from xinfang.findings import Finding
from xinfang.history.gate import run_check
from xinfang.history.guard_rules import GUARD_RULES_BY_ID

from .conftest import ROOT, make_repo
from .test_guard import commit, git

FOLDERS = ("risks", "persons", "assignments", "submissions", "accountability")
PERSON = "persons/ZD2008-T01-002.yml"
RISK = "risks/YH2008-D08-001.yml"


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("top")
    root = make_repo(top / "县信访局 台账", ROOT / "cases")
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder)
    git(top, "init", "-q", "-b", "main")
    commit(top, "登记")
    return top


@pytest.fixture
def root(committed: Path, tmp_path: Path) -> Path:
    top = tmp_path / "top"
    shutil.copytree(committed, top)
    return top / "县信访局 台账"


def guard(root: Path) -> list[Finding]:
    return [f for f in run_check(root, base="HEAD").findings if f.rule.startswith("guard-")]


def load(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True  # entries copied in a test are written out, as a clerk would (no & and *)


def save(root: Path, rel: str, data: dict) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    (root / rel).write_text(text, encoding="utf-8")


def test_the_bundled_records_unchanged_pass(root: Path) -> None:
    assert guard(root) == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_record_of_any_kind_deleted_is_refused_with_how_it_ends(root: Path, folder: str) -> None:
    path = sorted((root / folder).glob("*.yml"))[0]
    path.unlink()
    found = guard(root)
    assert [(f.file, f.rule, f.severity) for f in found] == [
        (f"{folder}/{path.name}", "guard-deleted", "error")
    ]
    assert "记录不能删除" in found[0].message and "git checkout HEAD" in found[0].message


def test_a_person_is_ended_by_status_not_by_deleting(root: Path) -> None:
    (root / PERSON).unlink()
    (message,) = [f.message for f in guard(root)]
    assert message.startswith("重点人员 ZD2008-T01-002 的记录文件被删除") and "removed" in message


def test_a_renamed_record_is_refused_on_its_new_name(root: Path) -> None:
    (root / RISK).rename(root / "risks" / "YH2008-D08-009.yml")  # the id inside is still 001
    found = guard(root)
    assert [(f.file, f.rule) for f in found] == [("risks/YH2008-D08-009.yml", "guard-renamed")]
    assert "risks/YH2008-D08-001.yml 被改名" in found[0].message


def test_a_renamed_record_whose_id_follows_is_a_deletion(root: Path) -> None:
    data = load(root, RISK)
    data["id"] = "YH2008-D08-009"
    save(root, "risks/YH2008-D08-009.yml", data)
    (root / RISK).unlink()
    assert {(f.file, f.rule) for f in guard(root)} == {(RISK, "guard-deleted")}


def test_a_changed_id_is_refused(root: Path) -> None:
    text = (root / RISK).read_text(encoding="utf-8")
    (root / RISK).write_text(text.replace("id: YH2008-D08-001", "id: YH2008-D08-007"), "utf-8")
    assert "guard-id-changed" in {f.rule for f in guard(root)}


def test_an_id_that_ever_existed_is_not_given_out_again(root: Path) -> None:
    top = root.parent
    (root / RISK).unlink()
    commit(top, "删除隐患")
    git(top, "tag", "base")
    shutil.copy(ROOT / RISK, root / RISK)
    found = [f for f in run_check(root, base="base").findings if f.rule == "guard-id-reused"]
    assert [(f.file, f.severity) for f in found] == [(RISK, "error")]
    assert "以前用过" in found[0].message


@pytest.mark.parametrize(
    ("rel", "key"),
    [
        (PERSON, "contacts"),
        (RISK, "reviews"),
        ("assignments/JB2008-003.yml", "supervisions"),
        ("assignments/JB2008-001.yml", "report_backs"),
        ("submissions/T02.yml", "progress"),
        ("submissions/T02.yml", "acceptance"),
    ],
)
def test_a_log_entry_removed_is_refused_edited_is_warned_appended_passes(
    root: Path, rel: str, key: str
) -> None:
    original = load(root, rel)
    assert original.get(key), f"{rel} has no {key} to test with"

    data = load(root, rel)
    data[key].append(dict(data[key][-1]))
    save(root, rel, data)
    assert guard(root) == []

    data = dict(original)
    data[key] = original[key][1:]
    if len(original[key]) > 1:  # one appended to keep the count: still a removal
        data[key].append({**original[key][-1], "date": "2008-09-01"})
    save(root, rel, data)
    found = guard(root)
    assert [(f.file, f.rule, f.severity) for f in found] == [(rel, "guard-log-removed", "error")]
    assert "少了 1 条" in found[0].message

    data = dict(original)
    data[key] = [{**original[key][0], "date": "2008-04-01"}, *original[key]]
    save(root, rel, data)  # an earlier entry written in date order
    assert guard(root) == []

    data = dict(original)
    entry = dict(data[key][0])
    text_key = next(k for k, v in entry.items() if isinstance(v, str) and k not in ("date", "kind"))
    entry[text_key] = entry[text_key] + "（改）"
    data[key] = [entry, *data[key][1:]]
    save(root, rel, data)
    found = guard(root)
    assert [(f.file, f.rule, f.severity) for f in found] == [(rel, "guard-log-edited", "warning")]
    assert "第 1 条" in found[0].message and found[0].line > 1


def test_an_emptied_record_fails_the_check(root: Path) -> None:
    (root / PERSON).write_text("~\n", encoding="utf-8")
    found = run_check(root, base="HEAD").findings
    assert any(f.file == PERSON and f.severity == "error" for f in found)


def test_every_rule_the_guard_gives_is_in_the_catalogue() -> None:
    for rule in ("guard-log-removed", "guard-log-edited", "guard-deleted", "guard-id-reused"):
        entry = GUARD_RULES_BY_ID[rule]
        assert entry.checks and entry.reason
    assert GUARD_RULES_BY_ID["guard-log-removed"].severity == "error"
    assert GUARD_RULES_BY_ID["guard-log-edited"].severity == "warning"
