"""`xinfang check`: every finding for a repository, from loading to the campaign rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import codeowners
from .audit import audit
from .campaign import Campaign
from .deadlines import deadline_status, today_in_shanghai
from .errors import ConfigError
from .findings import Finding
from .guard import guard
from .history import read_history
from .repository import Repository, open_repository
from .rules import CaseContext, check_case
from .workdays import WorkCalendar


def resolve_as_of(campaign: Campaign, as_of: date | None) -> date:
    """The as-of date: given, else the campaign's own (an archived or example campaign), else today."""
    return as_of or campaign.as_of or today_in_shanghai()


@dataclass
class CheckResult:
    repo: Repository
    as_of: date
    findings: list[Finding]

    @property
    def checked(self) -> int:
        return len(self.repo.records)


def rule_findings(repo: Repository, as_of: date, calendar: WorkCalendar) -> list[Finding]:
    found: list[Finding] = []
    for record in repo.cases:
        # Computing every deadline makes a year without holiday data fail here, loudly.
        deadline_status(record.data, as_of, repo.campaign.policy, calendar)
        found.extend(check_case(CaseContext(record, repo.campaign, as_of, repo.root, calendar)))
    return found


def history_findings(repo: Repository, base: str | None) -> list[Finding]:
    """Audit signals from git history, CODEOWNERS freshness and, given a base, the PR guard."""
    try:
        history = read_history(repo.root)
    except ConfigError:
        if base is not None:
            raise
        return []  # not a git repository: no history to audit, no host to ask for reviews
    found = codeowners.stale(repo) + audit(repo, history)
    if base is not None:
        found += guard(repo, base)
    return found


def run_check(
    root: Path,
    as_of: date | None = None,
    only: Iterable[Path] | None = None,
    base: str | None = None,
) -> CheckResult:
    repo = open_repository(root, only)
    day = resolve_as_of(repo.campaign, as_of)
    calendar = WorkCalendar.from_root(root)
    findings = repo.all_findings() + rule_findings(repo, day, calendar)
    findings += history_findings(repo, base)
    return CheckResult(repo, day, sorted(set(findings)))
