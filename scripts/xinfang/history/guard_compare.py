"""One case file at the base and now: what the pull-request guard refuses.

- the id never changes;
- a closed case reopened needs a new reopening record;
- corrections and reopenings are append-only, for every case;
- a fact of a closed case (see ``guard_rules``) changed needs a new correction naming it, or a
  key above it (:mod:`.guard_facts`: never a narrower one);
- every field a new correction names is in the record, before or after the change.

Both sides are plain loaded data (not validated: a record broken at HEAD is still compared as far
as it reads).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..records.yaml_nodes import line_of
from .guard_facts import (
    appended,
    changed,
    covers,
    entries,
    keys_of,
    named_fields,
    ordered,
    unknown_names,
)
from .guard_rules import APPEND_AFTER_CLOSURE, NOT_FACTS

TRAILS = {"corrections": ("更正记录", "更正人 by 和更正内容 note"),
          "reopenings": ("重新办理记录", "决定人 by 和原因 reason")}  # fmt: skip


def _error(rel: str, line: int, rule: str, message: str) -> Finding:
    return Finding(rel, line, rule, "error", message)


def compare(before: dict[str, Any], after: dict[str, Any], rel: str) -> list[Finding]:
    found: list[Finding] = []
    if before.get("id") != after.get("id"):
        found.append(
            _error(
                rel,
                line_of(after, ["id"]),
                "guard-id-changed",
                f"案件编号由 {before.get('id')} 改成了 {after.get('id')}：编号一经使用不得更改，请改回。",
            )
        )
    found += trails(before, after, rel, TRAILS)
    found += unknown_names(before, after, rel, "案件")
    if before.get("status") != "closed":
        return found
    new_reopenings = appended(before, after, "reopenings")
    if after.get("status") != "closed":
        if not new_reopenings:
            found.append(
                _error(
                    rel,
                    line_of(after, ["status"]),
                    "guard-reopened-without-record",
                    "已结案的案件被重新打开，但没有重新办理记录：请在 reopenings 末尾写明日期 date、"
                    "决定人 by 和原因 reason。",
                )
            )
        return found  # reopened: the case is handled again, its facts may change
    named = [name for *_, name in named_fields(appended(before, after, "corrections"))]
    missing = [p for p in _changed_facts(before, after) if not any(covers(n, p) for n in named)]
    for paths in _by_key(missing):
        found.append(_fact_changed(after, rel, paths))
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
            _error(
                rel,
                line_of(after, where) if key in after else 1,
                "guard-audit-trail-changed",
                f"{key} 中原有的第 {lost + 1} 条{what}被{done}：{what}只能追加，不能删改。"
                f"请恢复原有记录；要补充或更正，在 {key} 末尾新增一条（日期 date、{fields}）。",
            )
        )
    return found


def _changed_facts(before: dict[str, Any], after: dict[str, Any]) -> Iterator[str]:
    """The changed facts, as deep as they differ (``petitioners.0.phone``)."""
    closed_on = _closure_date(before)
    for key in ordered(before, after):
        if key in NOT_FACTS:
            continue
        old, new = before.get(key), after.get(key)
        if key in APPEND_AFTER_CLOSURE and _only_later(key, old, new, closed_on):
            continue
        yield from changed(old, new, key)


def _by_key(paths: list[str]) -> list[list[str]]:
    """The paths grouped by the record's key they are under: one finding per key."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(path.split(".", 1)[0], []).append(path)
    return list(groups.values())


def _closure_date(data: dict[str, Any]) -> str:
    closure = data.get("closure")
    value = closure.get("date") if isinstance(closure, dict) else None
    return str(value) if value else ""


def _only_later(key: str, old: Any, new: Any, closed_on: str) -> bool:
    """``new`` is ``old`` with entries appended that are news after the closure."""
    old = old if isinstance(old, list) else [] if old is None else None
    if old is None or not isinstance(new, list) or new[: len(old)] != old:
        return False
    added = new[len(old) :]
    if key == "evidence":
        return True
    return bool(closed_on) and all(
        isinstance(e, dict) and isinstance(e.get("date"), str) and e["date"] > closed_on
        for e in added
    )


def fact_line(after: dict[str, Any], path: str) -> int:
    """The line of a changed fact, or of the nearest key above it that is still there."""
    keys = keys_of(path)
    return line_of(after, keys) if keys[0] in after else 1


def _fact_changed(after: dict[str, Any], rel: str, paths: list[str]) -> Finding:
    line = fact_line(after, paths[0])
    if line == 1 and "status" in after:
        line = line_of(after, ("status",))
    shown = "、".join(paths[:5]) + (f" 等 {len(paths)} 处" if len(paths) > 5 else "")
    return _error(
        rel,
        line,
        "guard-closed-fact-changed",
        f"已结案案件的 {shown} 被修改，但没有写明更正该字段的更正记录：请在 corrections 末尾追加"
        f"一条（日期 date、更正人 by、更正内容 note），并写 fields: [{', '.join(paths[:5])}]"
        f"（或它们所在的整项，如 {paths[0].split('.', 1)[0]}）；如果不该改，请恢复原内容。",
    )
