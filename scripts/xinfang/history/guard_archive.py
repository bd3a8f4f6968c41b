"""The pull-request guard for a settled record beside the cases: a decided accountability
record, a resolved risk, a removed key person, an accepted unit submission.

Like a closed case, such a record is archived as a whole: a changed fact (each kind declares its
facts and when it is settled: ``records.kinds.KINDS``) needs a new entry at the end of its
``corrections`` naming the fact, in the same change; a new record is the other way. Corrections
are append-only for every record, settled or not, and every field they name must be in the record.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..records.kinds import Kind
from .guard_facts import (
    appended,
    by_key,
    changed,
    covers,
    empty,
    fact_line,
    named_fields,
    ordered,
    trails,
    unknown_names,
)

CORRECTIONS = {"corrections": ("更正记录", "更正人 by 和更正内容 note")}


def archived(kind: Kind, before: dict[str, Any], after: dict[str, Any], rel: str) -> list[Finding]:
    found = trails(before, after, rel, CORRECTIONS)
    found += unknown_names(before, after, rel, kind.title)
    archive = kind.archive
    if archive is None or not archive.settled(before):
        return found
    open_keys = {kind.id_key, "corrections", *kind.logs, *archive.free}
    named = [name for *_, name in named_fields(appended(before, after, "corrections"))]
    missing: list[str] = []
    for key in ordered(before, after):
        old = before.get(key)
        if key in open_keys or (key in archive.later and empty(old)):
            continue
        missing += [
            p for p in changed(old, after.get(key), key) if not any(covers(n, p) for n in named)
        ]
    for paths in by_key(missing):
        shown = "、".join(paths[:5]) + (f" 等 {len(paths)} 处" if len(paths) > 5 else "")
        found.append(
            Finding(
                rel,
                fact_line(after, paths[0]),
                "guard-archived-fact-changed",
                "error",
                f"{archive.name}的 {shown} 被修改，但没有写明更正该字段的更正记录：{archive.name}"
                f"已归档，事实只能由新记录或更正记录改变。请在 corrections 末尾追加一条（日期 date、"
                f"更正人 by、更正内容 note），并写 fields: [{', '.join(paths[:5])}]；"
                f"如果不该改，请恢复原内容。",
            )
        )
    return found
