"""The change log as people read it: per commit, the cases and the key fields changed, in Chinese.

Read from the one-pass history (``history.reader.read_history`` with field timelines): a commit
that created a case says so, a field change reads "办理状态：化解中 → 已结案", a commit that changed
only other parts of a record (progress notes, the closure report…) says "修改其他内容". The commit
message, whatever the committer wrote, is the secondary line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..history.data import FIELD_ZH, Commit, FieldChange, FieldValue, History
from ..records.labels import STATUS_ZH
from ..records.privacy import mask_text


def value_text(name: str, value: FieldValue, unit_name: Callable[[str], str]) -> str:
    if value is None:
        return "（未填）"
    if name == "status":
        return STATUS_ZH.get(str(value), str(value))
    if name == "responsibility.unit":
        return unit_name(str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def change_text(change: FieldChange, unit_name: Callable[[str], str]) -> str:
    """One field change in words: '办理状态：化解中 → 已结案'."""
    label = FIELD_ZH.get(change.field, change.field)
    new = value_text(change.field, change.new, unit_name)
    if change.old is None:
        return f"{label}：填写为 {new}"
    return f"{label}：{value_text(change.field, change.old, unit_name)} → {new}"


@dataclass
class CaseChange:
    """What one commit did to one case."""

    case_id: str
    what: list[str] = field(default_factory=list)  # '新建案件', field changes, '修改其他内容'


@dataclass
class Entry:
    commit: Commit
    cases: list[CaseChange] = field(default_factory=list)


def commit_changes(
    history: History | None,
    unit_name: Callable[[str], str],
    hide: Callable[[str], str] = str,
) -> list[Entry]:
    """Every commit that touched a record, newest first, with what it changed in each case;
    ``hide`` takes the names never published out of the commits' messages and authors."""
    if history is None:
        return []
    entries: dict[str, Entry] = {}
    for fh in history.files.values():
        by_commit: dict[str, list[FieldChange]] = {}
        for change in fh.changes:
            by_commit.setdefault(change.commit.hexsha, []).append(change)
        last = fh.commits[-1] if fh.commits else None
        for commit in fh.commits:
            entry = entries.setdefault(commit.hexsha, Entry(_shown(commit, hide)))
            item = CaseChange(fh.id)
            if fh.deleted and commit is last:
                item.what.append("删除案件文件")
            elif commit.hexsha == fh.created.hexsha and not fh.truncated:
                item.what.append("新建案件")  # its values are on the case's page
            else:
                item.what += [change_text(c, unit_name) for c in by_commit.get(commit.hexsha, [])]
                item.what = item.what or ["修改其他内容"]
            entry.cases.append(item)
    ordered = sorted(entries.values(), key=lambda e: e.commit.date, reverse=True)
    for entry in ordered:
        entry.cases.sort(key=lambda c: c.case_id)
    return ordered


def case_history(
    history: History | None,
    case_id: str,
    unit_name: Callable[[str], str],
    hide: Callable[[str], str] = str,
) -> list[tuple[Commit, list[str]]]:
    """One case's commits, oldest first, each with the key fields it changed. The commits'
    authors and messages come masked (they are free text)."""
    fh = history.for_id(case_id) if history else None
    if fh is None:
        return []
    by_commit: dict[str, list[str]] = {}
    for change in fh.changes:
        by_commit.setdefault(change.commit.hexsha, []).append(
            mask_text(change_text(change, unit_name))
        )
    out = []
    for commit in fh.commits:
        shown = _shown(commit, hide)
        if commit.hexsha == fh.created.hexsha and not fh.truncated:
            out.append((shown, ["新建案件"]))
        else:
            out.append((shown, by_commit.get(commit.hexsha) or ["修改其他内容"]))
    return out


def _shown(commit: Commit, hide: Callable[[str], str]) -> Commit:
    """The commit as published: numbers masked and unpublished names hidden in its free text."""
    return replace(
        commit, author=hide(mask_text(commit.author)), subject=hide(mask_text(commit.subject))
    )
