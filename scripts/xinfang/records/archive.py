"""When a record beside the cases is settled, and which of its keys are facts from then on.

Each record kind declares its :class:`Archive` next to its folder and schema (``kinds.KINDS``).
A settled record is archived like a closed case: the pull-request guard
(``history/guard_archive.py``) refuses a changed fact unless a new entry of the record's
``corrections`` names it, and the rule page shows the reading (``history/guard_rules.py``).

A record's facts are all its keys except its id, its logs (append-only entries of their own),
``corrections`` itself and the keys ``free`` names; the keys ``later`` names may still be written
while they are empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Settled = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Archive:
    settled: Settled  # read on the record as the base has it
    name: str  # what a settled record is called: 已退出的重点人员
    when: str  # the reading: when a record of the kind counts as settled, in the catalogue's words
    free: Mapping[str, str] = field(default_factory=dict)  # keys that stay open, and why
    later: Mapping[str, str] = field(default_factory=dict)  # keys written once, after settling
    note: str = ""  # anything else the reader of the catalogue should know


def status_in(*values: str) -> Settled:
    """Settled once the record's ``status`` is one of ``values``."""
    return lambda data: data.get("status") in values


def always(data: Mapping[str, Any]) -> bool:
    """A record that is a decision: settled from the moment it is merged."""
    return True


def accepted(data: Mapping[str, Any]) -> bool:
    """A unit's submission, settled once the office's latest acceptance opinion (by its date,
    then as written) accepted it."""
    opinions = data.get("acceptance")
    dated = [o for o in opinions if isinstance(o, Mapping)] if isinstance(opinions, list) else []
    if not dated:
        return False
    latest = max(reversed(dated), key=lambda o: str(o.get("date", "")))
    return latest.get("result") == "accepted"
