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
    by_key,
    changed,
    covers,
    fact_line,
    named_fields,
    ordered,
    trails,
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
    for paths in by_key(missing):
        found.append(_fact_changed(after, rel, paths))
    return found


def _changed_facts(before: dict[str, Any], after: dict[str, Any]) -> Iterator[str]:
    """The changed facts, as deep as they differ (``petitioners.0.phone``)."""
    closed_on = _closure_date(before)
    for key in ordered(before, after):
        if key in NOT_FACTS:
            continue
        old, new = before.get(key), after.get(key)
        if key in APPEND_AFTER_CLOSURE:
            new = _without_news(key, old, new, closed_on)
        yield from changed(old, new, key)


def _closure_date(data: dict[str, Any]) -> str:
    closure = data.get("closure")
    value = closure.get("date") if isinstance(closure, dict) else None
    return str(value) if value else ""


def _without_news(key: str, old: Any, new: Any, closed_on: str) -> Any:
    """``new`` without the entries appended at its end that are news after the closure (a
    correction of an earlier entry in the same change still needs naming)."""
    old = old if isinstance(old, list) else [] if old is None else None
    if old is None or not isinstance(new, list) or len(new) <= len(old):
        return new
    added = new[len(old) :]
    later = key == "evidence" or (
        bool(closed_on)
        and all(
            isinstance(e, dict) and isinstance(e.get("date"), str) and e["date"] > closed_on
            for e in added
        )
    )
    return new[: len(old)] if later else new


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
