"""The campaign rules over every case of a repository."""

from __future__ import annotations

from datetime import date

from ..campaign.deadlines import deadline_status
from ..campaign.workdays import WorkCalendar
from ..findings import Finding
from ..records.repository import Repository
from .context import CaseContext
from .duty_table import record_findings
from .table import check_case


def rule_findings(repo: Repository, as_of: date, calendar: WorkCalendar) -> list[Finding]:
    found: list[Finding] = []
    for case in repo.cases:
        # Computing every deadline makes a year without holiday data fail here, loudly.
        deadline_status(case, as_of, repo.campaign.policy, calendar)
        found.extend(check_case(CaseContext(case, repo.campaign, as_of, repo.root, calendar)))
    found.extend(record_findings(repo, as_of))  # risks, key persons, assignments, submissions…
    return found
