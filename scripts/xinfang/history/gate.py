"""`xinfang check`: every finding for a repository, from loading to the rules, history and guard."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..campaign.periods import resolve_as_of
from ..campaign.workdays import WorkCalendar
from ..errors import ConfigError
from ..findings import Finding
from ..records.repository import Repository, open_repository
from ..rules.check import rule_findings
from . import codeowners
from .audit import audit
from .data import History
from .guard import guard
from .reader import read_history


@dataclass
class CheckResult:
    repo: Repository
    as_of: date
    findings: list[Finding]

    @property
    def checked(self) -> int:
        return len(self.repo.records)


def history_findings(repo: Repository, base: str | None, only: bool = False) -> list[Finding]:
    """Audit signals from git history, CODEOWNERS freshness and, given a base, the PR guard.

    With ``only`` (some files checked, as before a commit) the history is read for those files
    alone: the audit looks at no other case.
    """
    paths = [record.rel for record in repo.records] if only else None
    try:
        history = read_history(repo.root, paths=paths)
    except ConfigError:
        if base is not None:
            raise
        return []  # not a git repository: no history to audit, no host to ask for reviews
    found = history_signals(repo, history)
    if base is not None:
        found += guard(repo, base)
    return found


def history_signals(repo: Repository, history: History) -> list[Finding]:
    """What the history and CODEOWNERS say against the records (the site counts them too)."""
    return codeowners.stale(repo) + audit(repo, history)


def check_findings(
    repo: Repository, day: date, base: str | None = None, only: bool = False
) -> list[Finding]:
    """Every finding of a loaded repository on ``day``: records, rules, history, guard."""
    today = resolve_as_of(repo.campaign, None)  # an archived campaign's own date, else today
    calendar = WorkCalendar.from_root(repo.root)
    findings = repo.all_findings() + rule_findings(repo, day, calendar, today)
    findings += history_findings(repo, base, only)
    return sorted(set(findings))


def run_check(
    root: Path,
    as_of: date | None = None,
    only: Iterable[Path] | None = None,
    base: str | None = None,
) -> CheckResult:
    repo = open_repository(root, only)
    day = resolve_as_of(repo.campaign, as_of)
    return CheckResult(repo, day, check_findings(repo, day, base, only is not None))
