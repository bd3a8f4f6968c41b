"""What a rule sees of one case: the typed case in its campaign, on an as-of date.

A rule yields hits: the path of the offending key (its line is looked up in the source) and a
Chinese message naming the fix. The rule table (``table.py``) gives each its severity by phase.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..campaign.workdays import WorkCalendar
from ..records.campaign import Campaign
from ..records.case import Case

KeyPath = tuple[str | int, ...]
Hit = tuple[KeyPath, str]
Check = Iterator[Hit]


@dataclass
class CaseContext:
    case: Case
    campaign: Campaign
    as_of: date
    root: Path
    calendar: WorkCalendar


def where(case: Case, *paths: KeyPath) -> KeyPath:
    """The first of ``paths`` whose first key the record writes; the last one otherwise."""
    for path in paths:
        if case.has(path[0]):
            return path
    return paths[-1]
