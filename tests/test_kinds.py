"""Every kind of record is declared once (records/kinds.py), and every stage has its part for
each: schema, template, rules, page, sheet, folder. Then the plan's own machinery as it stood on
literal dates: the units' special meetings, inspections' problems, commendations, the screening's
basis documents and the 六个到位 unit by unit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from xinfang.campaign.workdays import WorkCalendar
from xinfang.county.init import RECORD_FOLDERS
from xinfang.history.codeowners import OFFICE_RECORDS
from xinfang.office.excel.kind_sheets import KIND_SHEETS
from xinfang.office.newrecord import NEW_KINDS
from xinfang.records.campaign import BasisDocument
from xinfang.records.kinds import KINDS
from xinfang.records.repository import open_repository
from xinfang.rules.duties_status import duties_overview
from xinfang.rules.duty_table import RECORD_RULES
from xinfang.rules.office_views import office_work
from xinfang.rules.readings import READINGS
from xinfang.rules.six_in_place import ITEMS, six_in_place
from xinfang.rules.status import overview
from xinfang.site.kind_pages import KIND_PAGES

from .conftest import ROOT

TEMPLATES = ROOT / "scripts" / "xinfang" / "office" / "templates"


def _nav_pages(node: object) -> set[str]:
    if isinstance(node, str):
        return {node}
    if isinstance(node, dict):
        return set().union(*(_nav_pages(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_nav_pages(v) for v in node))
    return set()


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_every_stage_has_its_part_for_every_kind(kind) -> None:  # type: ignore[no-untyped-def]
    assert (ROOT / "schema" / f"{kind.name}.schema.json").is_file()
    assert (TEMPLATES / f"new-{kind.name}.yml.j2").is_file() and kind.name in NEW_KINDS
    assert any(rule.kind == kind.name for rule in RECORD_RULES)
    assert kind.name in KIND_PAGES and kind.name in KIND_SHEETS
    nav = _nav_pages(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])
    assert KIND_PAGES[kind.name].path in nav
    assert kind.folder in RECORD_FOLDERS and kind.ending and kind.title
    assert (f"{kind.folder}/" in OFFICE_RECORDS) == kind.private
    assert sorted((ROOT / kind.folder).glob("*.yml")), f"no bundled {kind.folder}/"
    editor = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert f"{kind.folder}/*.yml" in editor["yaml.schemas"][f"./schema/{kind.name}.schema.json"]


def test_the_registries_name_only_declared_kinds() -> None:
    names = {kind.name for kind in KINDS}
    assert set(KIND_PAGES) == names and set(KIND_SHEETS) == names and set(NEW_KINDS) == names
    assert {rule.kind for rule in RECORD_RULES} <= names
    assert len({kind.folder for kind in KINDS}) == len(KINDS)
    assert len({kind.prefix for kind in KINDS if kind.prefix}) == len(
        [k for k in KINDS if k.prefix]
    )


@pytest.fixture(scope="module")
def repo():  # type: ignore[no-untyped-def]
    return open_repository(ROOT)


def test_a_unit_s_special_meeting_counts_from_its_day(repo) -> None:  # type: ignore[no-untyped-def]
    before = office_work(repo.duties, repo.campaign, date(2008, 4, 14))
    after = office_work(repo.duties, repo.campaign, date(2008, 4, 15))
    assert "T04" in before.without_meeting and "T04" not in after.without_meeting
    # two departments never recorded one
    assert after.without_meeting == ["D10", "D11"]
    assert before.summary_meetings == [] and after.summary_meetings == []
    held = office_work(repo.duties, repo.campaign, date(2008, 7, 29)).summary_meetings
    assert [m.id for m in held] == ["HY2008-D06-002"]


def test_an_inspection_problem_is_overdue_the_day_after_its_date(repo) -> None:  # type: ignore[no-untyped-def]
    def state(day: date) -> list[tuple[str, int, bool, date | None]]:
        work = office_work(repo.duties, repo.campaign, day, unit="D05")
        return [(p.inspection.id, p.number, p.overdue, p.rectified) for p in work.problems]

    assert state(date(2008, 4, 30)) == [("DC2008-001", 3, False, None)]
    assert state(date(2008, 5, 1)) == [("DC2008-001", 3, True, None)]
    assert state(date(2008, 6, 14)) == [
        ("DC2008-001", 3, True, None),
        ("DC2008-002", 2, False, date(2008, 6, 14)),
    ]
    # a problem rectified on the day is rectified on that day, not before
    t04 = office_work(repo.duties, repo.campaign, date(2008, 6, 12), unit="T04").problems
    assert [(p.number, p.rectified) for p in t04 if p.inspection.id == "DC2008-002"] == [(1, None)]


def test_commendations_are_decisions_shown_from_their_date(repo) -> None:  # type: ignore[no-untyped-def]
    assert office_work(repo.duties, repo.campaign, date(2008, 7, 24)).commendations == []
    work = office_work(repo.duties, repo.campaign, date(2008, 7, 25))
    assert [c.id for c in work.commendations] == ["BZ2008-001", "BZ2008-002"]
    assert all(c.decided for c in work.commendations)
    assert [c.id for c in work.unit_commendations("D03")] == ["BZ2008-001", "BZ2008-002"]
    assert work.unit_commendations("T01") == []


def test_the_screening_basis_documents_are_read_from_the_campaign(repo) -> None:  # type: ignore[no-untyped-def]
    assert repo.campaign.screening_basis == [
        BasisDocument("博办字20238号"),
        BasisDocument("博办字18号"),
    ]


def _six(repo, day: date):  # type: ignore[no-untyped-def]
    calendar = WorkCalendar.from_root(ROOT)
    view = overview(repo.campaign, repo.cases, day, calendar, assigned=repo.duties.dispatched())
    d = duties_overview(repo, view)
    units = six_in_place(repo, view, d, office_work(repo.duties, repo.campaign, day))
    return {u.code: {i.key: i for i in u.items} for u in units}


def test_six_in_place_lists_the_records_of_each_item_unit_by_unit(repo) -> None:  # type: ignore[no-untyped-def]
    early = _six(repo, date(2008, 4, 14))
    assert [i.key for i in early["T04"].values()] == [key for key, _, _ in ITEMS]
    assert "没有专门会议的记录" in early["T04"]["screening"].lacking
    late = _six(repo, date(2008, 7, 20))
    screening = late["T04"]["screening"]
    assert [(e.what, e.count) for e in screening.evidence][:1] == [("专门会议", 1)]
    assert screening.lacking == []
    assert late["D10"]["screening"].lacking == ["没有专门会议的记录"]
    assert late["D05"]["screening"].lacking == ["没有排查台账的上报记录"]
    assert "督查问题逾期未整改 1 个" in late["D05"]["accountability"].lacking
    counselling = [(e.what, e.count) for e in late["T01"]["counselling"].evidence]
    assert ("宣传活动", 1) in counselling
    # a unit with no key persons has nothing to show for support: no evidence, no gap
    assert late["D06"]["support"].evidence == [] and late["D06"]["support"].lacking == []


def test_the_reading_of_the_six_is_in_the_catalogue() -> None:
    names = [name for name, _, _ in READINGS]
    assert "六个到位的记录" in names
    reading = next(text for name, text, _ in READINGS if name == "六个到位的记录")
    for _, item, _ in ITEMS:
        assert item in reading


def test_a_repository_without_the_new_folders_still_loads(tmp_path: Path) -> None:
    from .conftest import make_repo

    root = make_repo(tmp_path / "repo", ROOT / "cases")
    loaded = open_repository(root)
    assert loaded.duties.meetings == [] and loaded.duties.inspections == []
    assert not [f for f in loaded.all_findings() if f.severity == "error"]


def test_status_states_the_machinery_in_one_paragraph(capsys: pytest.CaptureFixture[str]) -> None:
    from xinfang.cli import main

    assert main(["status", "--root", str(ROOT), "--as-of", "2008-05-01"]) == 0
    out = capsys.readouterr().out
    assert (
        "实施方案的工作：14/16 个单位记录了专门会议；宣传活动 2 次；督查督导 1 次，发现问题 3 个，"
        "逾期未整改 1 个；表彰决定 0 项" in out
    )
    assert "  DC2008-001  县司法局     整改期限 2008-04-30  排查情况没有上报" in out
