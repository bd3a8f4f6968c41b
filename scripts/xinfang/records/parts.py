"""The parts of a case record (the petitioners, the 四明确, events, the closure…), typed.

Dates are ``datetime.date``, enums stay codes, absent optional values are None. The whole
record is ``records.case.Case``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Petitioner:
    name: str
    locality: str
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    representative: bool = False


@dataclass(frozen=True, slots=True)
class StabilityOfficer:
    name: str
    unit: str


@dataclass(frozen=True, slots=True)
class Responsibility:
    """The 四明确: unit, lead official, handler, stability officer, deadline, requirements."""

    unit: str
    lead_official: str | None = None
    handler: str | None = None
    stability_officer: StabilityOfficer | None = None
    deadline: date | None = None
    requirements: str | None = None
    deadline_reason: str | None = None  # why the deadline lies past the resolution phase


@dataclass(frozen=True, slots=True)
class Rehearing:
    """The re-hearing (谈话记录) and what it found of the petitioner: the reasons they hold to,
    their present state of mind and their living conditions."""

    date: date
    interviewer: str
    place: str | None = None
    record: str | None = None
    reasons: str | None = None
    mind: str | None = None
    living: str | None = None


@dataclass(frozen=True, slots=True)
class LawfulAction:
    """依法处理: an unlawful act that happened, and the decision on it when one was made."""

    conduct: str
    conduct_date: date
    measure: str | None = None
    article: str | None = None
    organ: str | None = None
    document: str | None = None
    decided: date | None = None


@dataclass(frozen=True, slots=True)
class ProgressNote:
    date: date
    note: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A petition event: a visit, letter, joint letter, call or online submission, at some level.

    ``abnormal`` is the 非正常进京访 flag; ``place`` says where in Beijing a visit went.
    """

    date: date
    form: str
    level: str
    head_count: int
    abnormal: bool = False
    note: str | None = None
    signers: int | None = None  # a joint letter's signatures
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Extension:
    approved_by: str
    approved_on: date
    reason: str
    new_deadline: date | None = None
    days: int | None = None


@dataclass(frozen=True, slots=True)
class ReportDue:
    """The report-back date an assigning organ set (交办件的报结期限), from the assignment record
    that links the case: it binds the case as much as its own 办结时限."""

    due: date
    assignment: str  # the assignment's id, e.g. JB2008-003
    organ: str  # who assigned it, e.g. 市信访局


@dataclass(frozen=True, slots=True)
class ClosureReport:
    problem: str | None = None
    investigation: str | None = None
    opinion: str | None = None
    file: str | None = None


@dataclass(frozen=True, slots=True)
class Signatures:
    leader: str | None = None
    handler: str | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    date: date | None = None
    visitor: str | None = None
    method: str | None = None
    opinion: str | None = None  # agree | disagree | refused | unreachable (无法回访)
    reason: str | None = None
    decided_by: str | None = None  # who decided that no follow-up could be made
    signed_by: str | None = None  # the petitioners who signed the opinion (甲、乙)

    @property
    def signers(self) -> set[str]:
        return {
            n.strip() for n in (self.signed_by or "").replace("，", "、").split("、") if n.strip()
        }


@dataclass(frozen=True, slots=True)
class LegalEnding:
    procedure: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Closure:
    date: date | None = None
    report: ClosureReport | None = None
    seal: bool | None = None
    signatures: Signatures | None = None
    follow_up: FollowUp | None = None
    legal: LegalEnding | None = None

    @property
    def completed_on(self) -> datetime.date | None:
        """The day the closure report was complete: its date, or a later follow-up's.

        The signed follow-up is part of the report, so a follow-up after the closure date
        (itself a finding) completes the closure only then.
        """
        follow_up = self.follow_up.date if self.follow_up else None
        if self.date is None:
            return None
        return max(self.date, follow_up) if follow_up else self.date


@dataclass(frozen=True, slots=True)
class Statutory:
    """The acceptance decision and its written notice (Art. 21/22), and the days the statutory
    clocks start from."""

    received: date | None = None
    accepted: date | None = None
    review_requested: date | None = None
    second_review_requested: date | None = None
    declined: date | None = None  # 不予受理
    reason: str | None = None  # why declined, and where the petitioner was told to go
    notified: date | None = None  # the written notice to the petitioner
    notice: str | None = None  # the notice's title and number

    @property
    def decided(self) -> date | None:
        """The day of the acceptance decision, either way."""
        return self.accepted or self.declined


@dataclass(frozen=True, slots=True)
class Reopening:
    date: date
    by: str
    reason: str


@dataclass(frozen=True, slots=True)
class Correction:
    date: date
    by: str
    note: str
    fields: tuple[str, ...] = ()  # the keys corrected, e.g. ("petitioners", "closure.report")
