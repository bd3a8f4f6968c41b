"""The campaign rules over every case of a repository, each case as it stood on the as-of date."""

from __future__ import annotations

from datetime import date

from ..campaign.deadlines import deadline_status
from ..campaign.workdays import WorkCalendar
from ..errors import UnknownYearError
from ..findings import Finding
from ..records.case import Case
from ..records.repository import Repository
from ..records.unpublished import unpublished
from . import incidents, plausibility, private_text
from .context import CaseContext
from .duty_table import record_findings
from .incidents import duplicate_visit_message as message
from .status import as_of_view
from .table import RULES_BY_ID, UNPUBLISHED, check_case


def case_on(case: Case, as_of: date, latest: date) -> Case | None:
    """The case as the rules judge it on ``as_of``; None when it was not registered yet.

    A closure dated after a past as-of date had not happened then: the case is judged open, as
    `xinfang status` counts it. A closure dated after ``latest`` (today, or a later as-of date)
    cannot have happened at all: the record is judged as written, and the closure-date rule
    names the mistake.
    """
    if case.registered > as_of:
        return None
    closed_on = case.closure.date if case.closed and case.closure else None
    if closed_on is not None and as_of < closed_on <= latest:
        return as_of_view(case, as_of)
    return case


def rule_findings(
    repo: Repository, as_of: date, calendar: WorkCalendar, today: date | None = None
) -> list[Finding]:
    """Every rule's findings on ``as_of``; ``today`` is the last day a record may mention."""
    latest = max(as_of, today) if today else as_of
    found: list[Finding] = []
    hidden = unpublished(repo)
    for case in repo.cases:
        view = case_on(case, as_of, latest)
        ctx = CaseContext(
            view or case, repo.campaign, as_of, repo.root, calendar, written=case, latest=latest,
            unpublished=hidden,
        )  # fmt: skip
        try:
            # Computing every deadline makes a year without holiday data fail here, loudly.
            deadline_status(case, as_of, repo.campaign.policy, calendar)
        except UnknownYearError:
            if not _dates_in_doubt(ctx):
                raise
            view = None  # a mistyped year, not a missing holiday notice: only its findings
        found.extend(check_case(ctx, registered=view is not None))
    found.extend(_duplicate_visits(repo, as_of))
    found.extend(record_findings(repo, as_of))  # risks, key persons, assignments, submissions…
    rule = RULES_BY_ID[UNPUBLISHED]  # the same rule on the published records beside cases
    severity = rule.severity_on(repo.campaign, as_of)
    if severity is not None:
        found += [
            Finding(rel, line, rule.id, severity, text)
            for rel, line, text in private_text.in_records(repo.duties, hidden, repo.root)
        ]
    return found


def _duplicate_visits(repo: Repository, as_of: date) -> list[Finding]:
    """The same visit written in two cases: one finding on the later case (rule event-duplicate)."""
    rule = RULES_BY_ID["event-duplicate"]
    severity = rule.severity_on(repo.campaign, as_of)
    if severity is None:
        return []
    return [
        Finding(
            case.rel, case.line("events", i, "date"), rule.id, severity, message(case, i, first)
        )
        for case, i, first in incidents.duplicate_visits(repo.cases)
    ]


def _dates_in_doubt(ctx: CaseContext) -> bool:
    """Whether the plausibility rules find the case's dates wrong (a year typed 2080, 1998)."""
    checks = (plausibility.date_range, plausibility.date_order, plausibility.registration_date)
    return any(next(iter(check(ctx)), None) for check in checks)
