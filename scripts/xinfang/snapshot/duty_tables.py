"""The snapshot's other tables: status figures, unit submissions, risks, key persons (counts),
assigned cases, accountability (counts) and findings.

Key persons and accountability name people: they leave the county as counts per unit only. A
finding leaves as its rule and severity, with the record's id unless the record is a key person or
a confidential case; never its message, which may quote a name.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from ..findings import Finding
from ..records.kinds import FOLDERS, is_private
from ..records.repository import CAMPAIGN_FILE, CASES_DIR
from ..rules.duties_status import DutiesOverview
from ..rules.duty_views import report_state
from ..rules.status import Overview, UnitStatus
from .tables import Row, Table, table


def _status_row(code: str, scope: str, unit: UnitStatus | None, view: Overview, duty: DutiesOverview,
                confidential: int) -> Row:  # fmt: skip
    if unit is None:
        cases = view.cases
        counts = (
            len(cases), view.closed, view.settled, len(view.overdue), len(view.due_soon),
            len(view.closed_late), confidential, len(view.incidents), len(view.cross_level),
            len(view.collective), len(view.cross_level_collective), len(view.abnormal_beijing),
        )  # fmt: skip
        states = Counter(o.state for u in view.units for o in u.obligations)
        duties = (
            len(duty.risks_in("open")),
            duty.persons_active,
            len(duty.report_backs_overdue),
            None,
        )
        return (code, scope, None, None, None, *counts, states["missing"], states["late"], *duties)
    late = [o.state for o in unit.obligations]
    mine = next((u for u in duty.units if u.code == unit.code), None)
    closed_late = sum(c.unit == unit.code for c in view.closed_late)
    return (
        code, scope, unit.code, unit.name, unit.kind, unit.cases, unit.closed, unit.settled,
        unit.overdue, unit.due_soon, closed_late, None, len(unit.incidents),
        unit.charged("cross_level"), unit.charged("collective"),
        unit.charged("cross_level_collective"), unit.charged("abnormal"),
        late.count("missing"), late.count("late"),
        mine.risks_open if mine else 0, mine.persons if mine else 0,
        mine.report_backs_overdue if mine else 0, mine.acceptance if mine else None,
    )  # fmt: skip


def duty_tables(
    code: str, view: Overview, duty: DutiesOverview, confidential: dict[str, bool]
) -> list[Table]:
    """Every table beside the case tables and the findings."""
    status = table("status")
    secret = sum(confidential.values())
    status.rows.append(_status_row(code, "county", None, view, duty, secret))
    status.rows += [_status_row(code, "unit", u, view, duty, secret) for u in view.units]
    submissions = table("submissions")
    submissions.rows = [
        (code, u.code, o.milestone.id, o.milestone.due, o.submitted, o.state)
        for u in view.units
        for o in u.obligations
    ]
    risks = table("risks")
    as_of = view.as_of
    overdue_reviews = {r.id for r in duty.reviews_overdue}
    risks.rows = [
        (code, r.id, r.unit, r.kind, r.level_on(as_of), state, r.found, r.review,
         r.id in overdue_reviews, None if confidential.get(r.case or "") else r.case,
         r.involved.people)
        for r, state in duty.risks
    ]  # fmt: skip
    persons = table("person_counts")
    persons.rows = [(code, u.code, u.persons, None, u.contacts_overdue) for u in duty.units]
    persons.rows.append(
        (code, None, duty.persons_active, duty.persons_removed, duty.contacts_overdue)
    )
    assignments = table("assignments")
    for a, state in duty.assignments:
        final = a.final_report(as_of)
        sent = [r for r in a.report_backs if r.date <= as_of]
        issued = [s for s in a.supervisions if s.date <= as_of]
        open_ = sum(s.answered is None or s.answered > as_of for s in issued)
        assignments.rows.append((
            code, a.id, a.level, a.from_, a.number, a.kind, a.issued, a.received, a.report_due,
            None if confidential.get(a.case or "") else a.case, a.unit,
            a.dispatch.date if a.dispatch else None, a.dispatch.due if a.dispatch else None,
            final.date if final else None, len(sent), state or report_state(a, as_of),
            len(issued), open_,
        ))  # fmt: skip
    actions = table("accountability")
    tally = Counter((unit, a.kind) for a in duty.actions for unit in a.units)
    actions.rows = [(code, unit, kind, n) for (unit, kind), n in sorted(tally.items())]
    return [status, submissions, risks, persons, assignments, actions]


def _kind_and_id(rel: str, confidential: dict[str, bool]) -> tuple[str, str | None]:
    path = PurePosixPath(rel)
    top = path.parts[0] if path.parts else ""
    if rel == CAMPAIGN_FILE:
        return "campaign", None
    if top == CASES_DIR:
        return "case", None if confidential.get(path.stem, False) else path.stem
    if top in FOLDERS:
        kind = FOLDERS[top].name
        return kind, None if is_private(rel) else path.stem
    return "other", None


def finding_table(code: str, findings: list[Finding], confidential: dict[str, bool]) -> Table:
    """The findings counted by record, rule and severity (messages stay in the county)."""
    tally: Counter[tuple[str, str | None, str, str]] = Counter()
    for f in findings:
        kind, record = _kind_and_id(f.file, confidential)
        tally[(kind, record, f.rule, f.severity)] += 1
    out = table("findings")
    out.rows = [
        (code, *key, n)
        for key, n in sorted(tally.items(), key=lambda kv: tuple(str(k) for k in kv[0]))
    ]
    return out
