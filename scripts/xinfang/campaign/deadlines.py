"""Deadlines (办结时限): where a case stands against its deadline on a given day.

The deadline is the one registered, else the campaign file's default for the category (or its
shorter default for priority cases) counted from the registration date; extensions approved
before it passed move it (one approved after is lapsed and moves nothing), and a closure stops
the clock on the day the closure report was complete. A case an assignment links is bound by the
assigning organ's report-back date too, which no county extension moves: the earlier of the two
binds. Only configuration problems raise (UnknownYearError for a year no holiday notice covers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..records.case import Case, Extension
from ..records.policy import Policy
from .periods import add_period, next_working_day
from .workdays import WorkCalendar

BaseSource = Literal["registered", "default", "report_back"]
Binding = Literal["campaign", "report_back"]


@dataclass(frozen=True)
class DeadlineStatus:
    """Where a case stands against its deadline on a given day."""

    base: date  # 办结时限 as registered, or the policy default from the registration date
    base_source: BaseSource
    effective: date  # the binding date: the campaign's after extensions, or an earlier report-back
    extension_days: int  # calendar days the extensions approved in time asked for, summed
    extension_over_cap: bool
    days_left: int  # calendar days from as_of to effective; negative when overdue
    overdue: bool
    due_soon: bool
    closed_late: bool
    closed_on: date | None
    campaign_due: date | None = None  # the campaign's 办结时限 after extensions (None: none set)
    report_due: date | None = None  # the assigning organ's report-back date, when one binds too
    binding: Binding = "campaign"
    lapsed: tuple[Extension, ...] = ()  # approved only after the deadline had passed: not counted


def default_days(case: Case, policy: Policy) -> int | None:
    """The campaign file's default period for the case: its category's, or for a priority case
    the shorter priority default when the file sets one; None when the file sets neither."""
    days = policy.default_deadline_days.get(case.category)
    if case.priority and policy.priority_deadline_days is not None:
        return min(days or policy.priority_deadline_days, policy.priority_deadline_days)
    return days


def base_deadline(case: Case, policy: Policy, cal: WorkCalendar) -> tuple[date, BaseSource] | None:
    """The registered 办结时限, else the policy default counted from the registration date."""
    if case.responsibility.deadline is not None:
        return case.responsibility.deadline, "registered"
    days = default_days(case, policy)
    if days is None:
        return None
    return add_period(case.registered, days, policy.day_kind, policy, cal), "default"


def extension_steps(
    base: date, extensions: tuple[Extension, ...], policy: Policy, cal: WorkCalendar
) -> list[tuple[Extension, int, date]]:
    """Each extension in order with the calendar days it asked for and the deadline after it.

    An extension is approved before the deadline passes (on its last day at the latest); one
    approved later is lapsed: it asks for nothing and moves nothing (``lapsed``).
    """
    steps, effective = [], base
    for ext in extensions:
        asked = 0
        if ext.approved_on > effective:
            pass  # lapsed: the deadline had passed when it was approved
        elif ext.new_deadline is not None:
            if ext.new_deadline > effective:
                asked = (ext.new_deadline - effective).days
                effective = ext.new_deadline
        elif ext.days is not None and ext.days >= 1:
            asked = ext.days
            # The old deadline is already inside the period, so it is never counted again.
            end = effective + timedelta(days=ext.days)
            effective = next_working_day(end, cal) if policy.roll_forward else end
        steps.append((ext, asked, effective))
    return steps


def apply_extensions(
    base: date, extensions: tuple[Extension, ...], policy: Policy, cal: WorkCalendar
) -> tuple[date, int]:
    """The deadline after extensions, in order, and the calendar days they asked for.

    ``new_deadline`` replaces the deadline if later; otherwise ``days`` extends the current
    deadline by that many calendar days (rolled forward per policy). An entry with both uses
    ``new_deadline`` (the schema asks for one or the other); one with neither changes nothing.
    Days added by rolling forward off a holiday are the law's, not the extension's, so they do
    not count toward the cap.
    """
    steps = extension_steps(base, extensions, policy, cal)
    return (steps[-1][2] if steps else base), sum(asked for _, asked, _ in steps)


def lapsed(
    base: date, extensions: tuple[Extension, ...], policy: Policy, cal: WorkCalendar
) -> tuple[Extension, ...]:
    """The extensions approved only after the deadline then in force had passed."""
    out, effective = [], base
    for ext, _, after in extension_steps(base, extensions, policy, cal):
        if ext.approved_on > effective:
            out.append(ext)
        effective = after
    return tuple(out)


def deadline_status(
    case: Case, as_of: date, policy: Policy, cal: WorkCalendar
) -> DeadlineStatus | None:
    """The case's deadline status on ``as_of``; None when no deadline can be determined."""
    found = base_deadline(case, policy, cal)
    report = case.report_due.due if case.report_due else None
    if found is None and report is None:
        return None
    campaign_due: date | None = None
    late: tuple[Extension, ...] = ()
    asked = 0
    if found is not None:
        base, source = found
        campaign_due, asked = apply_extensions(base, case.extensions, policy, cal)
        late = lapsed(base, case.extensions, policy, cal)
    # The earlier date binds: a report-back date the county cannot move, or its own deadline.
    dues = [d for d in (campaign_due, report) if d is not None]
    effective = min(dues)
    binding: Binding = "campaign" if effective == campaign_due else "report_back"
    if found is None:
        base, source = effective, "report_back"
    # The clock stops at the closure, or at a follow-up that found no one (无法回访): the unit's
    # handling has ended, though the case stays open.
    stopped = case.closed or case.unreachable
    closed_on = case.closed_on
    days_left = (effective - as_of).days
    overdue = not stopped and as_of > effective
    return DeadlineStatus(
        base=base,
        base_source=source,
        effective=effective,
        extension_days=asked,
        extension_over_cap=policy.extension_cap_days > 0 and asked > policy.extension_cap_days,
        days_left=days_left,
        overdue=overdue,
        due_soon=not stopped and not overdue and days_left <= policy.due_soon_days,
        closed_late=closed_on is not None and closed_on > effective,
        closed_on=closed_on,
        campaign_due=campaign_due,
        report_due=report,
        binding=binding,
        lapsed=late,
    )
