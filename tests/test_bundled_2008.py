"""The bundled campaign reads as a county's records of 2008 would, and passes its own check."""

from __future__ import annotations

from datetime import date

import yaml

from xinfang.history.gate import run_check

from .conftest import ROOT

CASES = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "cases").glob("*.yml"))
}
CAMPAIGN = yaml.safe_load((ROOT / "campaign.yml").read_text(encoding="utf-8"))
EVIDENCE = {p: p.read_text(encoding="utf-8") for p in (ROOT / "evidence").rglob("*.txt")}


def texts() -> list[str]:
    return [yaml.safe_dump(c, allow_unicode=True) for c in CASES.values()] + list(EVIDENCE.values())


def test_no_error_in_the_bundled_campaign() -> None:
    findings = run_check(ROOT, date(2008, 7, 20)).findings
    assert [f for f in findings if f.severity == "error"] == []
    # The examples of warnings the bundled campaign is meant to show: a statutory deadline
    # passed; a key person not visited, risks past their review, a report-back and a
    # supervision notice overdue, units whose reported counts differ from their ledgers; a
    # cause analysis that finds the petitioner alone at fault (D02-003); deadlines later than
    # the city's report-back date (D01-002 as registered, D07-003 after a county extension); a
    # special meeting held after the mobilisation phase (T04) and an inspection's problem not
    # rectified by its date (D05's ledger, DC2008-001).
    assert {f.rule for f in findings} == {
        "statutory-handling", "person-contact", "risk-review", "report-back-overdue",
        "supervision-overdue", "registration-ledger", "cause-blame", "report-due",
        "meeting-mobilisation", "rectification-overdue",
    }  # fmt: skip
    assert [f.file for f in findings if f.rule == "meeting-mobilisation"] == [
        "meetings/HY2008-T04-001.yml"
    ]
    assert [f.file for f in findings if f.rule == "rectification-overdue"] == [
        "inspections/DC2008-001.yml"
    ]
    assert [f.file for f in findings if f.rule == "cause-blame"] == ["cases/XF2008-D02-003.yml"]
    assert [f.file for f in findings if f.rule == "report-due"] == [
        "cases/XF2008-D01-002.yml", "cases/XF2008-D07-003.yml",
    ]  # fmt: skip


def test_no_online_petition_before_2009() -> None:
    for case_id, case in CASES.items():
        assert case.get("source") != "online", case_id
        assert all(e["form"] != "online" for e in case.get("events", [])), case_id
    assert not [t for t in texts() if "网上" in t or "网站" in t]


def test_institutions_and_words_of_2008() -> None:
    for text in texts():
        assert "住建" not in text and "住房和城乡建设" not in text  # 建设局 or 房管局 in 2008
        assert "司法救助" not in text  # 涉法涉诉信访救助 in 2008
        assert "派出所对其行政拘留" not in text  # the county bureau decides a detention


def test_the_bureau_assigns_and_the_departments_exist() -> None:
    units = {u["code"]: u["name"] for u in CAMPAIGN["units"]}
    assert {units["D09"], units["D10"], units["D11"]} == {
        "县民政局",
        "县劳动和社会保障局",
        "县建设局",
    }
    handled = {c["responsibility"]["unit"] for c in CASES.values()}
    assert "D06" not in handled  # the petition bureau assigns (交办) its matters
    assert {"D09", "D10", "D11"} <= handled


def test_the_leading_group_has_every_member_the_plan_names() -> None:
    group = CAMPAIGN["leading_group"]
    roles = [m["role"] for m in group]
    assert roles.count("leader") == 1 and roles.count("deputy") == 1
    members = {m.get("unit") for m in group if m["role"] == "member"}
    # 政法委、法院、检察院、公安局、司法局、信访局、国土资源局、发展改革局和各乡镇主要领导
    assert members == {"D01", "D02", "D03", "D04", "D05", "D06", "D07", "D08"} | {
        f"T0{i}" for i in range(1, 6)
    }


def test_matters_decided_by_review_or_litigation_are_litigation() -> None:
    for case_id in ("XF2008-T04-001", "XF2008-D02-005"):
        assert CASES[case_id]["category"] == "litigation", case_id


# --- Key persons: help, not control (issue 23 point 13) -------------------------------------------

PERSONS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "persons").glob("*.yml"))
}
ACTIONS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "accountability").glob("*.yml"))
}
#: What a record of help never says: watching a person, keeping them at home, escorting them
#: back, stopping them from petitioning, written promises not to petition, round-the-clock watch.
CONTROL = (
    "稳控措施", "专人稳控", "双人稳控", "一对一", "三级包保", "24 小时", "跟踪", "劝返", "盯",
    "看护", "严防", "防止进京", "防止再次", "不再上访", "不再组织上访", "不再反映", "息诉罢访承诺",
    "签字表示", "签字息诉罢访", "奥运期间落实", "敏感时期每周", "至奥运会结束",
)  # fmt: skip


def test_no_one_is_listed_for_being_a_chosen_representative() -> None:
    assert all("collective_representative" not in p["reasons"] for p in PERSONS.values())
    for p in PERSONS.values():
        assert "推选的代表" not in p["background"] and "带领" not in p["background"], p["id"]


def test_the_records_describe_help_and_solving_problems() -> None:
    written = texts() + [
        yaml.safe_dump(r, allow_unicode=True) for r in (*PERSONS.values(), *ACTIONS.values())
    ]
    found = sorted({word for text in written for word in CONTROL if word in text})
    assert found == []


def test_no_one_is_punished_because_a_person_went_to_beijing() -> None:
    talk = ACTIONS["ZZ2008-003"]
    assert talk["kind"] == "admonition" and "incidents" not in talk
    said = talk["reason"] + "".join(talk["facts"]) + talk["outcome"]
    assert "进京" not in said and "北京" not in said and "帮扶措施" in said


def test_a_key_person_is_the_petitioner_of_the_linked_case_by_id_number() -> None:
    for person in PERSONS.values():
        numbers = {
            p.get("id_number") for case in person["cases"] for p in CASES[case]["petitioners"]
        }
        assert person["id_number"] in numbers, person["id"]
