"""Each record kind's sheets in the workbook, declared once by the kind's name
(``records/kinds.py``): the workbook takes the figures sheet, then every kind's sheets in the
kinds' order, then the 六个到位. A new kind adds its sheet function here (a test checks that
every kind has one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...records.kinds import KINDS
from ...records.repository import Repository
from ...rules.duties_status import DutiesOverview
from ...rules.office_views import OfficeWork, office_work
from ...rules.six_in_place import six_in_place
from ...rules.status import Overview
from .duty_columns import assignment_sheet, figures_sheet, risk_sheet
from .duty_sheet import DutySheet
from .person_columns import person_sheets
from .unit_columns import accountability_sheet, submission_sheet
from .work_columns import (
    commendation_sheet,
    inspection_sheet,
    meeting_sheet,
    publicity_sheet,
    six_sheet,
)


@dataclass(frozen=True)
class SheetInputs:
    repo: Repository
    d: DutiesOverview
    work: OfficeWork
    unit: str | None
    masked: bool  # key persons masked
    persons: bool  # with the key-person sheets (never on the site's download)


KIND_SHEETS: dict[str, Callable[[SheetInputs], list[DutySheet]]] = {
    "risk": lambda s: [risk_sheet(s.d, s.repo.campaign)],
    "person": lambda s: person_sheets(s.repo, s.d.as_of, s.unit, s.masked) if s.persons else [],
    "assignment": lambda s: [assignment_sheet(s.d, s.repo.campaign)],
    "submission": lambda s: [submission_sheet(s.repo, s.d, s.masked)],
    "accountability": lambda s: [accountability_sheet(s.d, s.repo.campaign)],
    "meeting": lambda s: [meeting_sheet(s.work, s.repo.campaign)],
    "publicity": lambda s: [publicity_sheet(s.work, s.repo.campaign)],
    "inspection": lambda s: [inspection_sheet(s.work, s.repo.campaign)],
    "commendation": lambda s: [commendation_sheet(s.work, s.repo.campaign)],
}


def duty_sheets(
    repo: Repository,
    view: Overview,
    d: DutiesOverview,
    unit: str | None,
    masked: bool,
    persons: bool,
) -> list[DutySheet]:
    """Every sheet beside the ledger, in the workbook's order; ``persons``: with the key-person
    sheets."""
    work = office_work(repo.duties, repo.campaign, d.as_of, unit)
    given = SheetInputs(repo, d, work, unit, masked, persons)
    sheets = [figures_sheet(d)]
    for kind in KINDS:
        sheets += KIND_SHEETS[kind.name](given)
    sheets.append(six_sheet(six_in_place(repo, view, d, work), d.as_of))
    return sheets
