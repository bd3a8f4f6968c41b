"""One case file at the base and now: what the pull-request guard refuses.

- the id never changes;
- a closed case reopened needs a new reopening record;
- corrections and reopenings are append-only, for every case;
- a fact of a closed case (see ``guard_rules``) changed needs a new correction naming it.

Both sides are plain loaded data (not validated: a record broken at HEAD is still compared as far
as it reads).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Finding
from ..records.yaml_nodes import line_of
from .guard_rules import APPEND_AFTER_CLOSURE, NOT_FACTS

TRAILS = {"corrections": ("更正记录", "更正人 by 和更正内容 note"),
          "reopenings": ("重新办理记录", "决定人 by 和原因 reason")}  # fmt: skip


def _error(rel: str, line: int, rule: str, message: str) -> Finding:
    return Finding(rel, line, rule, "error", message)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return list(value) if isinstance(value, list) else []


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
    found += _trails(before, after, rel)
    if before.get("status") != "closed":
        return found
    new_reopenings = _appended(before, after, "reopenings")
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
    named = _named_fields(_appended(before, after, "corrections"))
    for path in _changed_facts(before, after):
        if not any(_covers(name, path) for name in named):
            found.append(_fact_changed(after, rel, path))
    return found


def _appended(before: dict[str, Any], after: dict[str, Any], key: str) -> list[Any]:
    """The entries added at the end of a list that kept its earlier entries."""
    old, new = _list(before, key), _list(after, key)
    return new[len(old) :] if new[: len(old)] == old else []


def _trails(before: dict[str, Any], after: dict[str, Any], rel: str) -> list[Finding]:
    found = []
    for key, (what, fields) in TRAILS.items():
        old, new = _list(before, key), _list(after, key)
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


def _named_fields(corrections: list[Any]) -> set[str]:
    named: set[str] = set()
    for entry in corrections:
        fields = entry.get("fields") if isinstance(entry, dict) else None
        if isinstance(fields, list):
            named.update(f.strip() for f in fields if isinstance(f, str))
        elif isinstance(fields, str):
            named.add(fields.strip())
    return named


def _covers(name: str, path: str) -> bool:
    """A correction naming ``responsibility`` covers ``responsibility.deadline``, and back."""
    return name == path or path.startswith(name + ".") or name.startswith(path + ".")


def _changed_facts(before: dict[str, Any], after: dict[str, Any]) -> Iterator[str]:
    """Changed facts: top-level keys, or their children where both sides are mappings."""
    closed_on = _closure_date(before)
    for key in sorted(set(before) | set(after), key=_order(before, after)):
        if key in NOT_FACTS:
            continue
        old, new = before.get(key), after.get(key)
        if old == new or (not old and not new):  # absent and empty are the same
            continue
        if key in APPEND_AFTER_CLOSURE and _only_later(key, old, new, closed_on):
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            for child in sorted(set(old) | set(new), key=_order(old, new)):
                if old.get(child) != new.get(child):
                    yield f"{key}.{child}"
        else:
            yield key


def _order(*sides: dict[str, Any]) -> Any:
    """Keys in the order the files write them."""
    seen: dict[str, int] = {}
    for side in sides:
        for key in side:
            seen.setdefault(key, len(seen))
    return lambda key: seen.get(key, len(seen))


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


def _fact_changed(after: dict[str, Any], rel: str, path: str) -> Finding:
    keys = tuple(path.split("."))
    line = line_of(after, keys) if keys[0] in after else line_of(after, ("status",))
    return _error(
        rel,
        line,
        "guard-closed-fact-changed",
        f"已结案案件的 {path} 被修改，但没有写明更正该字段的更正记录：请在 corrections 末尾追加"
        f"一条（日期 date、更正人 by、更正内容 note），并写 fields: [{path}]；"
        f"如果不该改，请恢复原内容。",
    )
