"""What a rule sees of one case: the typed case in its campaign, on an as-of date.

A rule yields hits: the path of the offending key (its line is looked up in the source) and a
Chinese message naming the fix. The rule table (``table.py``) gives each its severity by phase.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from ..campaign.deadlines import DeadlineStatus, deadline_status
from ..campaign.workdays import WorkCalendar
from ..records.campaign import Campaign
from ..records.case import Case
from ..records.unpublished import Unpublished

KeyPath = tuple[str | int, ...]
Hit = tuple[KeyPath, str]
Check = Iterator[Hit]


@dataclass
class CaseContext:
    """``case`` as it stood on ``as_of``; ``written`` the record as written, when that differs.

    On a past as-of date a closure made later does not count yet (``rules.check.case_on``), while
    the plausibility rules read the record as written and may not find a date after ``latest``.
    """

    case: Case
    campaign: Campaign
    as_of: date
    root: Path
    calendar: WorkCalendar
    written: Case | None = None
    latest: date | None = None  # no recorded event may be later; default: the as-of date
    unpublished: Unpublished | None = None  # what the repository never publishes, when known

    @property
    def record(self) -> Case:
        """The record as written, with every date it holds."""
        return self.written or self.case

    @property
    def last_day(self) -> date:
        return self.latest or self.as_of

    @cached_property
    def deadline(self) -> DeadlineStatus | None:
        """The case's deadline on the as-of date, computed once for the rules that need it."""
        return deadline_status(self.case, self.as_of, self.campaign.policy, self.calendar)


def where(case: Case, *paths: KeyPath) -> KeyPath:
    """The first of ``paths`` whose first key the record writes; the last one otherwise."""
    for path in paths:
        if case.has(path[0]):
            return path
    return paths[-1]
