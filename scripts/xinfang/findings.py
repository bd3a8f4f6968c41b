"""Findings: problems in the records, collected as data and reported together."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is, which rule found it, how bad it is, and what to do."""

    file: str  # relative to the repository root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    rule: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
