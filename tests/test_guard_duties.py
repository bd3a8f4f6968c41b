"""The pull-request guard for every kind beside the cases (risks, key persons, assigned cases,
submissions, accountability, meetings, publicity, inspections, commendations): nothing deleted,
renamed or given out twice, and the work logs keep every entry once written.

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
from xinfang.records.kinds import KINDS

from .conftest import ROOT, make_repo
from .test_guard import commit, git

FOLDERS = tuple(kind.folder for kind in KINDS)
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
        ("inspections/DC2008-002.yml", "rectifications"),
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


# --- settled records are archived: their facts change only with a correction naming them -------

ACTION = "accountability/ZZ2008-001.yml"
RESOLVED = "risks/YH2008-D05-001.yml"
REMOVED = "persons/ZD2008-T02-001.yml"
ACCEPTED = "submissions/T02.yml"

# A fact of each settled record, changed as someone tidying up an old file might, and the field
# a correction must name for it.
SETTLED_FACTS = {
    "a decision's reason": (ACTION, "reason", lambda d: d.update(reason="石桥乡对原民办教师问题化解不力。")),
    "a decision's units": (ACTION, "units", lambda d: d["units"].remove("D05")),
    "a decision's outcome": (ACTION, "outcome", lambda d: d.update(outcome="已整改。")),
    "a decision's incident dropped": (ACTION, "incidents.1", lambda d: d["incidents"].pop()),
    "a decision's number": (ACTION, "number", lambda d: d.update(number="县信访专项治理办〔2008〕3号")),
    "a resolved risk's description": (RESOLVED, "description", lambda d: d.update(description="邻里纠纷，已调解。")),
    "a resolved risk reopened": (RESOLVED, "status", lambda d: d.update(status="open")),
    "how a risk was resolved": (RESOLVED, "resolved.how", lambda d: d["resolved"].update(how="双方自行和解。")),
    "a removed person's phone": (REMOVED, "phone", lambda d: d.update(phone="15400000000")),
    "why a person was removed": (REMOVED, "removed.reason", lambda d: d["removed"].update(reason="本人不再上访。")),
    "an accepted unit's reported figure": (ACCEPTED, "registration.reported.cases", lambda d: d["registration"]["reported"].update(cases=4)),
    "an accepted unit's member removed": (ACCEPTED, "working_group.members", lambda d: d["working_group"]["members"].pop()),
    "an accepted unit's summary": (ACCEPTED, "summary.text", lambda d: d["summary"].update(text="全乡工作成效显著。")),
    "a meeting's date": ("meetings/HY2008-T04-001.yml", "date", lambda d: d.update(date="2008-04-13")),
    "a publicity session's audience": ("publicity/XC2008-T01-001.yml", "audience", lambda d: d.update(audience=800)),
    "an inspection's problem": ("inspections/DC2008-001.yml", "findings.2.rectify_by", lambda d: d["findings"][2].update(rectify_by="2008-08-30")),
    "a commendation's units": ("commendations/BZ2008-001.yml", "units", lambda d: d["units"].append("T03")),
}  # fmt: skip


def _correction(*fields: str) -> dict:
    entry = {"date": "2008-08-20", "by": "孔德明", "note": "按原始材料更正录入错误。"}
    return {**entry, "fields": list(fields)} if fields else entry


@pytest.mark.parametrize("change", SETTLED_FACTS, ids=list(SETTLED_FACTS))
def test_a_settled_record_s_facts_change_only_with_a_correction_naming_them(
    root: Path, change: str
) -> None:
    rel, field, edit = SETTLED_FACTS[change]
    data = load(root, rel)
    edit(data)
    save(root, rel, data)
    found = guard(root)
    assert [(f.file, f.rule, f.severity) for f in found] == [
        (rel, "guard-archived-fact-changed", "error")
    ]
    assert field.split(".")[0] in found[0].message and "corrections" in found[0].message
    data["corrections"] = [_correction()]  # names no field
    save(root, rel, data)
    assert [f.rule for f in guard(root)] == ["guard-archived-fact-changed"]
    other = next(k for k in data if k not in (field.split(".")[0], "corrections"))
    data["corrections"] = [_correction(other)]  # names another field
    save(root, rel, data)
    assert [f.rule for f in guard(root)] == ["guard-archived-fact-changed"]
    data["corrections"] = [_correction(field)]
    save(root, rel, data)
    assert guard(root) == []
    assert not [f for f in run_check(root).findings if f.severity == "error" and f.file == rel]


def test_the_message_names_the_kind_the_field_and_its_line(root: Path) -> None:
    data = load(root, RESOLVED)
    data["resolved"]["how"] = "双方自行和解。"
    save(root, RESOLVED, data)
    [finding] = guard(root)
    lines = (root / RESOLVED).read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].strip().startswith("how:")
    assert finding.message.startswith("已化解或形成案件的苗头隐患的 resolved.how 被修改")


@pytest.mark.parametrize(
    ("rel", "edit"),
    [
        ("risks/YH2008-D08-001.yml", lambda d: d.update(description="职工代表表示若不解决将到省里上访。")),
        ("persons/ZD2008-T01-002.yml", lambda d: d.update(phone="15400376633")),
        ("risks/YH2008-D08-001.yml", lambda d: d.update(review="2008-07-30")),
        (RESOLVED, lambda d: d.update(review="2008-07-30")),  # the next review: a plan, not a fact
        (RESOLVED, lambda d: d.setdefault("reviews", []).append({"date": "2008-07-20", "by": "卫国强", "note": "回访双方，未再发生纠纷。"})),
        (REMOVED, lambda d: d.setdefault("contacts", []).append({"date": "2008-07-20", "by": "卫国强", "method": "phone", "note": "电话回访，本人生活正常。"})),
    ],
)  # fmt: skip
def test_open_records_and_the_logs_of_settled_ones_change_freely(
    root: Path, rel: str, edit: object
) -> None:
    data = load(root, rel)
    edit(data)  # type: ignore[operator]
    save(root, rel, data)
    assert guard(root) == []


def test_an_outcome_not_yet_written_may_be_added_later(root: Path) -> None:
    data = load(root, ACTION)
    data.pop("outcome")
    save(root, ACTION, data)
    commit(root.parent, "通报印发")
    data["outcome"] = "三个单位均于 6 月 13 日前书面报送整改措施。"
    save(root, ACTION, data)
    assert guard(root) == []


def test_a_submission_is_settled_by_its_acceptance(root: Path) -> None:
    data = load(root, ACCEPTED)
    data["acceptance"] = data["acceptance"][:1]  # returned, not yet accepted
    save(root, ACCEPTED, data)
    commit(root.parent, "退回")
    data["registration"]["reported"]["cases"] = 4
    save(root, ACCEPTED, data)
    assert guard(root) == []


def test_corrections_of_the_other_kinds_are_append_only(root: Path) -> None:
    data = load(root, ACTION)
    data["reason"] = "石桥乡对原民办教师问题化解不力。"
    data["corrections"] = [_correction("reason")]
    save(root, ACTION, data)
    commit(root.parent, "更正")
    data.pop("corrections")
    save(root, ACTION, data)
    rules = {f.rule for f in guard(root)}
    assert "guard-audit-trail-changed" in rules


def test_a_correction_naming_a_field_a_record_lacks_is_refused(root: Path) -> None:
    data = load(root, REMOVED)
    data["phone"] = "15400000000"
    data["corrections"] = [_correction("phone", "mobile")]
    save(root, REMOVED, data)
    found = guard(root)
    assert [(f.rule, f.severity) for f in found] == [("guard-correction-unknown-field", "error")]
    assert "mobile" in found[0].message


def test_the_catalogue_states_when_each_kind_is_settled_and_its_facts() -> None:
    rule = GUARD_RULES_BY_ID["guard-archived-fact-changed"]
    assert rule.severity == "error"
    archived = [kind for kind in KINDS if kind.archive is not None]
    assert {kind.name for kind in archived} == {
        "risk", "person", "submission", "accountability",
        "meeting", "publicity", "inspection", "commendation",
    }  # fmt: skip
    for kind in archived:
        assert kind.title in rule.checks and kind.archive.when in rule.checks
        for key in kind.logs:
            assert key in rule.checks
    assert "outcome" in rule.checks
