"""What a rule on a record beside cases sees: the record in its repository, on an as-of date.

Like ``context.CaseContext`` for cases: a rule yields hits, the path of the offending key and a
Chinese message naming the fix; the rule table (``duty_table.py``) gives each its severity.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from ..findings import Severity
from ..records.campaign import Campaign
from ..records.case import Case
from ..records.duties import Duties
from ..records.duty_settings import DutySettings
from ..records.located import Located
from .context import Check
from .rule import Levels, levels_in_words, severity_by_phase

R = TypeVar("R", bound=Located)


@dataclass
class RecordContext(Generic[R]):
    record: R
    campaign: Campaign
    as_of: date
    cases: Mapping[str, Case]
    repo_cases: list[Case]
    duties: Duties

    @property
    def settings(self) -> DutySettings:
        return self.duties.settings


@dataclass(frozen=True)
class RecordRule(Generic[R]):
    id: str
    name: str
    kind: str  # the record kind's name (records/kinds.py)
    checks: str  # what the rule checks, for the catalogue
    plan: str  # the plan's (or the law's) words: the reason for the rule
    levels: Levels
    check: Callable[[RecordContext[R]], Check]

    def severity_on(self, campaign: Campaign, as_of: date) -> Severity | None:
        return severity_by_phase(self.levels, campaign, as_of)

    def levels_text(self) -> str:
        return levels_in_words(self.levels)
