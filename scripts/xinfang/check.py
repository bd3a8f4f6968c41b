"""`xinfang check`: every finding for a repository, from loading to the campaign rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .findings import Finding
from .repository import Repository, open_repository


@dataclass
class CheckResult:
    repo: Repository
    findings: list[Finding]

    @property
    def checked(self) -> int:
        return len(self.repo.records)


def run_check(
    root: Path, as_of: date | None = None, only: Iterable[Path] | None = None
) -> CheckResult:
    repo = open_repository(root, only)
    findings = repo.all_findings()
    return CheckResult(repo, sorted(set(findings)))
