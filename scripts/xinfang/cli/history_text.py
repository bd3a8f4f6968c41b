"""`xinfang history` as text: a case's creation, its later commits and key field changes, in Chinese."""

from __future__ import annotations

from collections.abc import Callable

from ..history.data import FIELD_ZH, FieldChange, FieldValue, FileHistory
from ..records.labels import STATUS_ZH

NONE = "（无）"

STATE_ZH = {
    "untracked": "还没有提交到 git（新文件）",
    "added": "已暂存、还没有提交",
    "modified": "有尚未提交的修改，以上记录不含这些修改",
    "deleted": "在工作区中被删除了，尚未提交",
}


def value_text(field: str, value: FieldValue, unit_name: Callable[[str], str]) -> str:
    """A traced value as a person reads it: codes named, None as （无）, booleans as 是/否."""
    if value is None or value == "":
        return NONE
    if isinstance(value, bool):
        return "是" if value else "否"
    if field == "status":
        return STATUS_ZH.get(str(value), str(value))
    if field in ("responsibility.unit",):
        name = unit_name(str(value))
        return f"{value} {name}" if name != value else str(value)
    if field == "extensions":
        return f"{value} 条"
    return str(value)


def _change(ch: FieldChange, unit_name: Callable[[str], str]) -> str:
    old = value_text(ch.field, ch.old, unit_name)
    new = value_text(ch.field, ch.new, unit_name)
    label = FIELD_ZH.get(ch.field, ch.field)
    return (
        f"  {ch.commit.day}  {label}：{old} → {new}（{ch.commit.author}，{ch.commit.hexsha[:8]}）"
    )


def as_text(
    case_id: str, fh: FileHistory, unit_name: Callable[[str], str], state: str = ""
) -> list[str]:
    """The lines of the history; the creation is not counted as a change."""
    lines = [f"{case_id}{'（已删除）' if fh.deleted else ''}  {fh.path}"]
    if fh.former_paths:
        lines.append(f"曾用文件名：{'、'.join(fh.former_paths)}")
    created = fh.created
    cut = "（浅克隆截断处最早可见的提交，真正的创建更早）" if fh.truncated else ""
    lines.append(
        f"创建：{created.day} {created.author}（{created.hexsha[:8]}）{cut}：{created.subject}"
    )
    at_creation = [c for c in fh.changes if c.commit.hexsha == created.hexsha]
    if at_creation:
        values = "；".join(
            f"{FIELD_ZH.get(c.field, c.field)} {value_text(c.field, c.new, unit_name)}"
            for c in at_creation
            if c.new is not None
        )
        lines.append(f"创建时：{values}")
    later = [c for c in fh.commits if c.hexsha != created.hexsha]
    if later:
        lines.append(f"创建后修改 {len(later)} 次：")
        lines += [f"  {c.day}  {c.hexsha[:8]}  {c.author}：{c.subject}" for c in later]
    else:
        lines.append("创建后没有修改。")
    changes = [c for c in fh.changes if c.commit.hexsha != created.hexsha]
    if changes:
        lines.append("关键字段变化：")
        lines += [_change(c, unit_name) for c in changes]
    elif later:
        lines.append("关键字段（状态、四明确、结案日期、息诉罢访、延期）创建后没有变化。")
    if state:
        lines.append(f"注意：{fh.path} {STATE_ZH[state]}。")
    return lines
