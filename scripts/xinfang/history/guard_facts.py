"""What a correction covers: the facts of a record that changed, path by path, and the paths the
new corrections name.

Facts are compared down to the deepest value that differs: a mapping key by key, a list entry by
entry (``petitioners.0.phone``, ``events.2``). A correction covers the path it names and
everything below it, never the list or object above it: naming ``petitioners.0.phone`` covers a
new phone number, not a petitioner removed or the list rewritten. A name that is a path of
neither side of the change is an error (a typo would otherwise cover nothing and pass unseen).

Used for closed cases (:mod:`.guard_compare`) and settled records of the other kinds
(:mod:`.guard_archive`). Both sides are plain loaded data, not validated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..records.yaml_nodes import line_of

_MISSING = object()  # a list entry one side does not have


def entries(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return list(value) if isinstance(value, list) else []


def appended(before: dict[str, Any], after: dict[str, Any], key: str) -> list[Any]:
    """The entries added at the end of a list that kept its earlier entries."""
    old, new = entries(before, key), entries(after, key)
    return new[len(old) :] if new[: len(old)] == old else []


def empty(value: Any) -> bool:
    """An absent key and an empty value are the same (``false`` and ``0`` are values)."""
    return value is None or value == "" or (isinstance(value, (list, dict)) and not value)


def _same(old: Any, new: Any) -> bool:
    return (empty(old) and empty(new)) or (type(old) is type(new) and old == new)


def changed(old: Any, new: Any, path: str) -> Iterator[str]:
    """The deepest paths under ``path`` whose values differ between ``old`` and ``new``."""
    if empty(old) and isinstance(new, (list, dict)):
        old = (
            [] if isinstance(new, list) else {}
        )  # a list or object written where there was none: compare its entries
    if empty(new) and isinstance(old, (list, dict)):
        new = [] if isinstance(old, list) else {}
    if old is _MISSING or new is _MISSING:
        yield path
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in ordered(old, new):
            yield from changed(old.get(key), new.get(key), f"{path}.{key}")
    elif isinstance(old, list) and isinstance(new, list):
        for i in range(max(len(old), len(new))):
            yield from changed(
                old[i] if i < len(old) else _MISSING,
                new[i] if i < len(new) else _MISSING,
                f"{path}.{i}",
            )
    elif not _same(old, new):
        yield path  # a value, or a list or object put where the other side has something else


def ordered(*sides: dict[str, Any]) -> list[str]:
    """The keys of both sides in the order the files write them."""
    return list(dict.fromkeys(key for side in sides for key in side))


def covers(name: str, path: str) -> bool:
    """A correction naming ``closure.report`` covers ``closure.report.file``; never the reverse."""
    return path == name or path.startswith(name + ".")


def named_fields(corrections: list[Any]) -> list[tuple[int, int | None, str]]:
    """Each name in the corrections' ``fields``: (correction, position in fields, the name)."""
    named: list[tuple[int, int | None, str]] = []
    for n, entry in enumerate(corrections):
        fields = entry.get("fields") if isinstance(entry, dict) else None
        if isinstance(fields, list):
            named += [(n, i, f.strip()) for i, f in enumerate(fields) if isinstance(f, str)]
        elif isinstance(fields, str):
            named.append((n, None, fields.strip()))
    return named


def by_key(paths: list[str]) -> list[list[str]]:
    """The paths grouped by the record's key they are under: one finding per key."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(path.split(".", 1)[0], []).append(path)
    return list(groups.values())


def fact_line(after: dict[str, Any], path: str) -> int:
    """The line of a changed fact, or of the nearest key above it that is still there."""
    keys = keys_of(path)
    return line_of(after, keys) if keys[0] in after else 1


def keys_of(path: str) -> tuple[str | int, ...]:
    """A dotted path as the keys and list positions that ``line_of`` follows."""
    return tuple(int(part) if part.isdigit() else part for part in path.split("."))


def has_path(data: Any, path: str) -> bool:
    node = data
    for step in keys_of(path):
        in_object = isinstance(node, dict) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and step < len(node)
        if not (in_object or in_list):
            return False
        node = node[step]
    return bool(path)


def unknown_names(
    before: dict[str, Any], after: dict[str, Any], rel: str, what: str
) -> list[Finding]:
    """A name in a new correction's fields that is a path of neither side: located on it."""
    old = entries(before, "corrections")
    new = appended(before, after, "corrections")
    found = []
    for n, i, name in named_fields(new):
        if has_path(before, name) or has_path(after, name):
            continue
        where: tuple[str | int, ...] = ("corrections", len(old) + n, "fields")
        found.append(
            Finding(
                rel,
                line_of(after, where if i is None else (*where, i)),
                "guard-correction-unknown-field",
                "error",
                f"corrections 第 {len(old) + n + 1} 条的 fields 写了 {name}，但这份{what}记录修改前后"
                f"都没有这个字段：请照记录中的键名写，列表中的一项写它的序号（从 0 数起），"
                f"如 petitioners.0.phone、events.2.note；写错了就改正，多写了就删去。",
            )
        )
    return found


def trails(
    before: dict[str, Any], after: dict[str, Any], rel: str, kept: dict[str, tuple[str, str]]
) -> list[Finding]:
    """The audit trails (``kept``: key, what an entry is called, its fields) only grew."""
    found = []
    for key, (what, fields) in kept.items():
        old, new = entries(before, key), entries(after, key)
        lost = next((i for i, entry in enumerate(old) if i >= len(new) or new[i] != entry), None)
        if lost is None:
            continue
        where: tuple[str | int, ...] = (key, lost) if lost < len(new) else (key,)
        done = "删除" if lost >= len(new) or old[lost] not in new else "修改或调换了次序"
        found.append(
            Finding(
                rel,
                line_of(after, where) if key in after else 1,
                "guard-audit-trail-changed",
                "error",
                f"{key} 中原有的第 {lost + 1} 条{what}被{done}：{what}只能追加，不能删改。"
                f"请恢复原有记录；要补充或更正，在 {key} 末尾新增一条（日期 date、{fields}）。",
            )
        )
    return found
