"""Who answers for a visit: 越级 by Art. 16, joint responsibility only during handling, and the
same visit counted once.

Issue 23 points 2 and 3, issue 20 point 5. Cases are the rules' base case (registered
2008-04-15, closed 2008-06-25) with the events and dates a clerk would write.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from xinfang.campaign.workdays import WorkCalendar
from xinfang.history.gate import run_check
from xinfang.office.excel.export import export_workbook
from xinfang.records.repository import open_repository
from xinfang.rules.status import Overview, overview
from xinfang.site.generator import generate

from .test_status import write_case

AS_OF = date(2008, 7, 20)
TO_CITY = {"date": "2008-05-15", "form": "visit", "level": "city", "head_count": 6}


def view_of(root: Path, as_of: date = AS_OF, unit: str | None = None) -> Overview:
    repo = open_repository(root)
    assert len(repo.cases) == len(repo.records), repo.findings
    calendar = WorkCalendar()
    return overview(repo.campaign, repo.cases, as_of, calendar, unit, repo.duties.dispatched())


def set_policy(root: Path, line: str) -> None:
    path = root / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  due_soon_days: 7\n", f"  due_soon_days: 7\n{line}\n"), "utf-8")


# --- 23.3: 越级访 by 《信访条例》 Art. 16 --------------------------------------------------------


def test_a_visit_to_the_city_is_lawful_by_default(repo: Path) -> None:
    events = [
        TO_CITY,
        {"date": "2008-06-16", "form": "visit", "level": "province", "head_count": 5},
    ]
    write_case(repo, "XF2008-T03-003", events=events)
    o = view_of(repo)
    assert [i.date for i in o.cross_level] == [date(2008, 6, 16)]
    assert [i.date for i in o.cross_level_collective] == [date(2008, 6, 16)]
    assert [i.kinds for i in o.incidents] == [["集体访"], ["越级集体访"]]
    assert (
        repo.joinpath("campaign.yml").read_text(encoding="utf-8").count("cross_level_above:") == 1
    )
    assert o.campaign.policy.cross_level_note is None


def test_a_county_that_counts_the_city_says_so_on_every_figure(repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from xinfang.cli import main
    from xinfang.office.notice.build import build_notice, write_markdown

    set_policy(repo, "  cross_level_above: county")
    write_case(repo, "XF2008-T03-003", events=[TO_CITY])
    o = view_of(repo)
    assert [i.kinds for i in o.incidents] == [["越级集体访"]]
    note = o.campaign.policy.cross_level_note
    assert note is not None and "cross_level_above: county" in note and "第十六条" in note
    assert main(["status", "--root", str(repo), "--as-of", "2008-07-20"]) == 0
    assert note in capsys.readouterr().out
    assert note in write_markdown(build_notice(repo, AS_OF))
    assert main(["brief", "--root", str(repo), "--as-of", "2008-07-20"]) == 0
    assert note in capsys.readouterr().out
    home = next(p.body for p in generate(repo, AS_OF).pages if p.path == "index.md")
    assert note in home
    book = openpyxl.load_workbook(export_workbook(repo, repo / "台账.xlsx", AS_OF))
    assert note in [c.value for row in book["汇总"].iter_rows() for c in row]


def test_the_bundled_county_uses_the_regulations_line() -> None:
    from .conftest import ROOT

    repo = open_repository(ROOT)
    assert repo.campaign.policy.cross_level_above == "city"
    assert repo.campaign.policy.cross_level_note is None


# --- 23.2: joint responsibility only 在调处化解期间 -----------------------------------------------


def test_a_visit_before_registration_is_background_not_charged(repo: Path) -> None:
    # 刘集村 parents came to the county on 15 April; 东关乡 registered the case on 21 April.
    events = [{"date": "2008-04-15", "form": "visit", "level": "county", "head_count": 12}]
    write_case(repo, "XF2008-T02-003", registered="2008-04-21", responsibility__unit="T02",
               petitioners=[{"name": "刘长顺", "locality": "T02"}], events=events)  # fmt: skip
    o = view_of(repo)
    (incident,) = o.collective  # the county's figure counts it
    assert not incident.charged and o.background == [incident] and o.charged == []
    units = {u.code: u for u in o.units}
    assert units["T02"].charged("any") == 0 and units["T02"].incidents == []


def test_a_visit_after_the_closure_is_not_charged(repo: Path) -> None:
    events = [{"date": "2008-07-01", "form": "visit", "level": "province", "head_count": 5}]
    write_case(repo, "XF2008-T01-001", events=events)  # closed 2008-06-25
    o = view_of(repo)
    assert [i.charged for i in o.incidents] == [False]
    assert view_of(repo, date(2008, 6, 24)).incidents == []  # not yet happened then


def test_a_visit_during_handling_is_charged_to_both_units(repo: Path) -> None:
    events = [{"date": "2008-06-03", "form": "visit", "level": "city", "head_count": 12}]
    write_case(repo, "XF2008-D07-001", responsibility__unit="D07",
               petitioners=[{"name": "凌德宝", "locality": "T04"}], events=events)  # fmt: skip
    o = view_of(repo)
    units = {u.code: u for u in o.units}
    assert [i.charged for i in o.incidents] == [True]
    assert units["D07"].charged("collective") == units["T04"].charged("collective") == 1


def test_an_assigned_case_is_handled_from_its_dispatch(repo: Path) -> None:
    # 市信访局 assigned the matter on 12 April; the bureau registered the case on 15 April.
    events = [{"date": "2008-04-13", "form": "visit", "level": "county", "head_count": 30}]
    write_case(repo, "XF2008-D06-001", responsibility__unit="D11", events=events)
    assert view_of(repo).incidents[0].charged is False
    (repo / "assignments").mkdir()
    (repo / "assignments" / "JB2008-001.yml").write_text(
        "id: JB2008-001\nlevel: city\nfrom: 市信访局\nnumber: 市信交〔2008〕9号\nkind: assign\n"
        "received: '2008-04-11'\nsubject: 锦绣家园购房户反映无法办理房产证。\ncase: XF2008-D06-001\n"
        "report_due: '2008-06-10'\ndispatch:\n  unit: D11\n  date: '2008-04-12'\n"
        "  due: '2008-06-05'\n",
        encoding="utf-8",
    )
    import shutil

    from .conftest import ROOT

    shutil.copy(ROOT / "schema" / "assignment.schema.json", repo / "schema")
    assert view_of(repo).incidents[0].charged is True


# --- 20.5: the same visit written twice is counted once --------------------------------------------


def test_the_same_visit_written_twice_in_one_case_counts_once(repo: Path) -> None:
    visit = {"date": "2008-06-16", "form": "visit", "level": "province", "head_count": 5}
    letter = {"date": "2008-06-18", "form": "letter", "level": "county", "head_count": 1}
    write_case(repo, "XF2008-T03-003", events=[visit, letter, {**visit, "note": "补录"}])
    o = view_of(repo)
    assert len(o.cross_level_collective) == 1 and len(o.incidents) == 1
    assert {u.code: u.charged("any") for u in o.units}["T01"] == 1
    found = [f for f in run_check(repo, AS_OF).findings if f.rule == "event-duplicate"]
    assert [(f.file, f.severity) for f in found] == [("cases/XF2008-T03-003.yml", "warning")]


def test_the_same_visit_in_two_cases_of_the_same_people_counts_once(repo: Path) -> None:
    people = [{"name": "何长林", "locality": "T01", "id_number": "390521196501012012"}]
    visit = {"date": "2008-06-16", "form": "visit", "level": "province", "head_count": 5}
    write_case(repo, "XF2008-T01-001", petitioners=people, events=[visit])
    write_case(repo, "XF2008-T01-002", petitioners=people, events=[visit])
    write_case(repo, "XF2008-T01-003", events=[visit])  # other people, the same day: two visits
    o = view_of(repo)
    assert [i.case_id for i in o.incidents] == ["XF2008-T01-001", "XF2008-T01-003"]
    found = [f for f in run_check(repo, AS_OF).findings if f.rule == "event-duplicate"]
    assert [f.file for f in found] == ["cases/XF2008-T01-002.yml"]
    assert "XF2008-T01-001" in found[0].message and "只算一次" in found[0].message


def test_the_same_person_registered_twice_counts_once(tmp_path: Path) -> None:
    from xinfang.rules.duties_status import duties_overview

    from .test_duty_records import bundled

    root = bundled(tmp_path / "repo")
    first = root / "persons" / "ZD2008-T03-001.yml"
    again = first.read_text(encoding="utf-8").replace("id: ZD2008-T03-001", "id: ZD2008-T03-009")
    (root / "persons" / "ZD2008-T03-009.yml").write_text(again, encoding="utf-8")
    repo = open_repository(root)
    view = view_of(root)
    d = duties_overview(repo, view)
    assert (d.persons_active, d.contacts_overdue) == (13, 1)
    assert {u.code: u.persons for u in d.units}["T03"] == 3
    found = [f for f in run_check(root, AS_OF).findings if f.rule == "person-duplicate"]
    assert [(f.file, f.severity) for f in found] == [("persons/ZD2008-T03-009.yml", "warning")]
    assert "ZD2008-T03-001" in found[0].message and "只算一人" in found[0].message
