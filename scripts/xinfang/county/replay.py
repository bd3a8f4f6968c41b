"""A record file as it stood before each of its dated parts was written: lines cut, never rewritten.

A record's parts carry their own dates: a case's re-hearing, each progress entry, petition,
extension, correction and reopening, its closure; a risk's reviews; a key person's contacts; a
unit's reports; campaign.yml's units' submissions. A part is a mapping with a date of its own
(``date``, ``submitted``, ``approved_on``), as an item of a list or as the value of a key; it is
written on the latest date it holds (a closure is complete with its follow-up). Keys that depend
on parts (a case's 息诉罢访 on its closure) are given a day by the caller. A version of the file
for a day is the file with the lines of later parts left out (a list left empty goes with its
key) and, where the caller says so, one scalar's value replaced (a status): comments and layout
stay as written, and the version on the last day is the file itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

import yaml

DATE_KEYS = ("date", "submitted", "approved_on")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Span:
    """Lines ``first`` to ``end`` (exclusive, 0-based) that one part or key takes."""

    path: Path_
    first: int
    end: int


@dataclass
class Layout:
    """Where a record file's parts and keys are."""

    lines: list[str]
    data: dict[str, object]
    parts: list[tuple[Span, date]] = field(default_factory=list)
    keys: dict[str, Span] = field(default_factory=dict)  # the root mapping's keys
    lists: dict[Path_, Span] = field(default_factory=dict)  # a list's key and all its items
    items: dict[Path_, list[Span]] = field(default_factory=dict)  # the items of each list
    scalars: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # root key -> line, cols


def _blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _trim(lines: list[str], first: int, end: int) -> int:
    """Comments and blank lines at the end of a span belong to what follows."""
    while end > first + 1 and _blank(lines[end - 1]):
        end -= 1
    return end


def _dates(node: yaml.Node) -> Iterator[date]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in DATE_KEYS and isinstance(value, yaml.ScalarNode):
                with contextlib.suppress(ValueError):
                    yield date.fromisoformat(value.value)
            yield from _dates(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _dates(item)


def _own_date(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode) and any(k.value in DATE_KEYS for k, _ in node.value)


def _walk(layout: Layout, node: yaml.Node, path: Path_, end: int) -> None:
    """Record the spans of the dated parts under ``node``, which ends before line ``end``."""
    lines = layout.lines
    if isinstance(node, yaml.MappingNode):
        pairs = node.value
        for i, (key, value) in enumerate(pairs):
            first = key.start_mark.line
            stop = pairs[i + 1][0].start_mark.line if i + 1 < len(pairs) else end
            span = Span((*path, key.value), first, _trim(lines, first, stop))
            if not path:
                layout.keys[key.value] = span
                if (
                    isinstance(value, yaml.ScalarNode)
                    and value.start_mark.line == value.end_mark.line
                ):
                    cols = (value.start_mark.line, value.start_mark.column, value.end_mark.column)
                    layout.scalars[key.value] = cols
            if _own_date(value):
                layout.parts.append((span, max(_dates(value))))
            elif value.start_mark.line != first or value.end_mark.line != first:
                if isinstance(value, yaml.SequenceNode):
                    layout.lists[span.path] = span
                _walk(layout, value, span.path, span.end)
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
        starts = [item.start_mark.line for item in items]
        if len(set(starts)) < len(starts):
            return  # a flow list on one line: kept whole
        spans = []
        for i, item in enumerate(items):
            stop = starts[i + 1] if i + 1 < len(items) else end
            span = Span((*path, i), starts[i], _trim(lines, starts[i], stop))
            spans.append(span)
            if _own_date(item):
                layout.parts.append((span, max(_dates(item))))
            else:
                _walk(layout, item, span.path, span.end)
        layout.items[path] = spans


def layout(text: str) -> Layout:
    """The spans of a record file's dated parts, keys and lists."""
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    data = yaml.safe_load(text)
    found = Layout(lines, data if isinstance(data, dict) else {})
    if isinstance(root, yaml.MappingNode):
        _walk(found, root, (), len(lines))
    return found


def version(
    layout: Layout,
    cut: set[Path_],
    replace: Mapping[str, str] | None = None,
) -> str:
    """The file without the spans of the paths in ``cut`` (a list left with no item goes
    whole), with root scalars replaced as ``replace`` says."""
    spans = [s for s, _ in layout.parts if s.path in cut]
    spans += [layout.keys[str(p[0])] for p in cut if len(p) == 1 and str(p[0]) in layout.keys]
    spans += [s for p, items in layout.items.items() for s in items if s.path in cut]
    for path, items in layout.items.items():
        if path in layout.lists and items and all(_inside(s.path, cut) for s in items):
            spans.append(layout.lists[path])
    gone = {n for s in spans for n in range(s.first, s.end)}
    lines = list(layout.lines)
    for key, value in (replace or {}).items():
        line, start, end = layout.scalars[key]
        lines[line] = lines[line][:start] + value + lines[line][end:]
    return "".join(line for n, line in enumerate(lines) if n not in gone)


def _inside(path: Path_, cut: set[Path_]) -> bool:
    return any(path[: len(c)] == c for c in cut)
