"""Where a case came from is its source, not its category: a 交办 case has a nature too, and the
nature decides how it closes (issue 23, point 8)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from xinfang.errors import ConfigError
from xinfang.history.gate import run_check
from xinfang.records.repository import open_repository

from .conftest import ROOT, make_repo
from .test_status import write_case

CASES = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "cases").glob("*.yml")
}
ASSIGNMENTS = [
    yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "assignments").glob("*.yml")
]

CLOSED_BY_LAW = {
    "status": "closed",
    "closure": {
        "date": "2008-07-08",
        "legal": {"procedure": "刑事诉讼", "document": "（2008）X刑初字第41号刑事判决书"},
    },
}


def test_the_category_is_the_nature_and_assigned_is_a_source(repo: Path) -> None:
    write_case(repo, "XF2008-T01-001", category="assigned", source="city_assigned")
    found = run_check(repo, date(2008, 7, 20)).findings
    (fault,) = [f for f in found if f.rule.startswith("schema")]
    assert "问题类别" in fault.message and "hotspot" in fault.message
    assert "assigned" not in fault.message.split("：", 1)[1]


def test_a_city_assigned_case_about_a_lawsuit_closes_by_legal_procedure(repo: Path) -> None:
    """市交办 and 涉法涉诉 at once: the legal ending suffices, no follow-up is asked for."""
    write_case(
        repo, "XF2008-T01-001", remove=("closure", "settled"),
        category="litigation", source="city_assigned", next_steps="等待二审。", **CLOSED_BY_LAW,
    )  # fmt: skip
    found = run_check(repo, date(2008, 7, 20)).findings
    assert not [f for f in found if f.severity == "error"], found
    # The same record as a 热点难点 matter needs the three elements of the closure standard.
    write_case(
        repo, "XF2008-T01-001", remove=("closure", "settled"),
        category="hotspot", source="city_assigned", next_steps="等待二审。", **CLOSED_BY_LAW,
    )  # fmt: skip
    rules = {f.rule for f in run_check(repo, date(2008, 7, 20)).findings if f.severity == "error"}
    assert {"closure-report", "closure-seal-signatures", "closure-follow-up"} <= rules


def test_a_campaign_default_for_assigned_cases_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    text = (root / "campaign.yml").read_text(encoding="utf-8")
    text = text.replace("    prominent: 60\n", "    prominent: 60\n    assigned: 60\n")
    (root / "campaign.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="assigned"):
        open_repository(root)


def test_the_bundled_cases_have_natures_and_the_assigned_ones_their_source() -> None:
    assert {c["category"] for c in CASES.values()} == {"litigation", "prominent", "hotspot"}
    for item in ASSIGNMENTS:
        if item["kind"] == "assign" and item.get("case"):
            case = CASES[item["case"]]
            assert case["source"] == f"{item['level']}_assigned", item["id"]
    # A city-assigned case about a police investigation is 涉法涉诉.
    assert CASES["XF2008-D01-002"]["source"] == "city_assigned"
    assert CASES["XF2008-D01-002"]["category"] == "litigation"
