"""The pull-request guard for the records beside the cases, every kind of ``records/kinds.py``.

Like cases, these records are never deleted (each kind says how a record ends instead), never renamed,
their ids are never given out twice, a settled record's facts change only with a correction
(:mod:`.guard_archive`), and their logs (``Kind.logs``: reviews, contacts, report-backs,
rectifications…) keep every entry once written. An entry
edited in place is a warning naming the office, which approves it (a typo in a date is fixed that
way); an entry that disappears is an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..records.duties import SUFFIXES, record_files
from ..records.kinds import KINDS, Kind
from ..records.loader import Loaded
from ..records.yaml_nodes import line_of
from .guard_archive import archived
from .guard_files import Kept, base_files, lifecycle, reads_now


def guard_duties(
    root: Path,
    loaded: Iterable[Loaded],
    changed: set[str],
    base: Any,  # guard._Base: the base commit, its paths and its records
) -> list[Finding]:
    by_rel = {record.rel: record for record in loaded}
    found: list[Finding] = []
    for kind in KINDS:
        found += _kind(root, kind, by_rel, changed, base)
    return found


def _kept(kind: Kind) -> Kept:
    return Kept(
        kind.folder,
        SUFFIXES,
        kind.id_key,
        kind.title,
        kind.id_title,
        f"记录不能删除，{kind.ending}",
        "请另取一个新编号",
    )


def _kind(
    root: Path, kind: Kind, loaded: dict[str, Loaded], changed: set[str], at: Any
) -> list[Finding]:
    kept = _kept(kind)
    at_base = base_files(kept, at)
    present = {p.relative_to(root).as_posix() for p in record_files(root, kind)}
    found = lifecycle(kept, at, at_base, present, loaded.values(), present)
    for rel in sorted(changed & at_base & present):
        before = at.data(rel)
        after = reads_now(root, rel, loaded.get(rel))
        if isinstance(before, dict) and isinstance(after, dict):
            found += _compare(kind, before, after, rel, at.name)
    return found


def _compare(
    kind: Kind, before: dict[str, Any], after: dict[str, Any], rel: str, base: str
) -> list[Finding]:
    found: list[Finding] = []
    if before.get(kind.id_key) != after.get(kind.id_key):
        found.append(
            _error(
                rel,
                line_of(after, [kind.id_key]),
                "guard-id-changed",
                f"{kind.id_title}由 {before.get(kind.id_key)} 改成了 {after.get(kind.id_key)}："
                f"编号一经使用不得更改，请改回。",
            )
        )
    for key, what in kind.logs.items():
        found += _log(before, after, key, what, rel, base)
    return found + archived(kind, before, after, rel)


def _entries(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return list(value) if isinstance(value, list) else []


def _log(
    before: dict[str, Any], after: dict[str, Any], key: str, what: str, rel: str, base: str
) -> list[Finding]:
    """Entries of a log lined up before and after: an entry may be added anywhere (a forgotten
    visit written in date order), one gone is an error, one changed in place a warning."""
    old, new = _entries(before, key), _entries(after, key)
    if old == new[: len(old)]:
        return []
    matcher = SequenceMatcher(None, [_key(e) for e in old], [_key(e) for e in new], autojunk=False)
    removed: list[Any] = []
    edited: list[tuple[int, Any]] = []  # (position now, entry as it was)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
            edited += [(j1 + k, old[i1 + k]) for k in range(paired)]
            removed += old[i1 + paired : i2]
    found: list[Finding] = []
    if removed:
        dated = "、".join(d for d in map(date_of, removed) if d)
        found.append(
            _error(
                rel,
                line_of(after, [key]),
                "guard-log-removed",
                f"{what}（{key}）少了 {len(removed)} 条"
                + (f"（{dated}）" if dated else "")
                + f"：已写下的记录不能删除，新记录写在末尾。请从 {base} 恢复删掉的条目。",
            )
        )
    for position, was in edited:
        day = date_of(was)
        found.append(
            Finding(
                rel,
                line_of(after, [key, position]),
                "guard-log-edited",
                "warning",
                f"{what}（{key}）第 {position + 1} 条"
                + (f"（{day}）" if day else "")
                + "写下后被修改：更正已有记录须经领导小组办公室审核（CODEOWNERS），"
                "新情况请写成新的一条。",
            )
        )
    return found


def _key(entry: Any) -> str:
    """An entry as comparable text (entries are mappings, which cannot be matched as they are)."""
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)


def date_of(entry: Any) -> str:
    """The date an entry of a log carries, for the message."""
    if not isinstance(entry, dict):
        return ""
    return str(entry.get("date") or entry.get("submitted") or "")


def _error(rel: str, line: int, rule: str, message: str) -> Finding:
    return Finding(rel, line, rule, "error", message)
