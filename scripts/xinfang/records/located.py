"""What every typed record shares: its file, its validated mapping, and the lines of its keys.

The record kinds beside cases (risks, key persons, assignments, unit submissions,
accountability) are frozen dataclasses that inherit these two look-ups; findings find their line
through ``line(...)``, messages tell an absent key from an empty one through ``has(...)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from .yaml_nodes import LineDict, line_of

#: A reference a record makes: the key path and the value (a unit code, a case id).
Ref = tuple[tuple[str | int, ...], str]


class Located:
    __slots__ = ()
    rel: str
    record: LineDict

    @property
    def owner(self) -> str | None:
        """The unit whose work the record is (its findings go to that unit); None: the office's."""
        return None

    def unit_refs(self) -> Iterator[Ref]:
        """The unit codes the record names, each with its key path (checked against campaign.yml)."""
        return iter(())

    def case_refs(self) -> Iterator[Ref]:
        """The case ids the record names, each with its key path (checked against cases/)."""
        return iter(())

    def has(self, *path: str | int) -> bool:
        """Whether the record writes the key at ``path``."""
        node: Any = self.record
        for step in path:
            if isinstance(node, dict):
                if step not in node:
                    return False
            elif not (isinstance(node, list) and isinstance(step, int) and step < len(node)):
                return False
            node = node[step]
        return True

    def line(self, *path: str | int) -> int:
        """The line of the deepest key on ``path`` that the record writes (1 when none)."""
        return line_of(self.record, path)


def day(value: Any) -> date | None:
    """A record date (validated 'YYYY-MM-DD'), or None when absent."""
    return date.fromisoformat(value) if isinstance(value, str) else None


def text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def source(data: dict[str, Any]) -> LineDict:
    """The mapping with its line marks (a mapping read elsewhere gets line 1 everywhere)."""
    if isinstance(data, LineDict):
        return data
    unmarked = LineDict(data)
    unmarked.lines = {}
    return unmarked
