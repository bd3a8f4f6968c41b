"""Audit signals from git history, as warnings: what the records say against when git saw it.

- a closure committed long after its declared closure date (backdating);
- a closed case edited after the commit that closed it, with no correction or reopening noted;
- a case first committed after the registration deadline although registered before it;
- a deadline moved in a commit that added no extension record.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from ..findings import Finding
from ..records.case import Case
from ..records.repository import Repository
from .data import SHALLOW_MESSAGE, FileHistory, History


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _warn(case: Case, path: tuple[str, ...], rule: str, message: str) -> Finding:
    return Finding(case.rel, case.line(*path), rule, "warning", message)


def _backdating(case: Case, fh: FileHistory, limit: int) -> list[Finding]:
    if not case.closed:
        return []
    closings = [c for c in fh.timeline("status") if c.new == "closed"]
    declared = case.closure.date if case.closure else None
    if not closings or declared is None:
        return []
    committed = date.fromisoformat(closings[-1].commit.day)
    late = (committed - declared).days
    if late <= limit:
        return []
    return [
        _warn(
            case,
            ("closure", "date"),
            "audit-backdated-closure",
            f"结案日期写的是 {declared}，但结案在 {committed} 才提交（{closings[-1].commit.author}，"
            f"{closings[-1].commit.hexsha[:8]}），晚了 {late} 天，超过 {limit} 天：请核实是否补记，"
            f"并在 corrections 中说明。",
        )
    ]


def _edited_after_closure(case: Case, fh: FileHistory, start: date | None) -> list[Finding]:
    if not case.closed or case.corrections or case.reopenings:
        return []
    closings = [c for c in fh.timeline("status") if c.new == "closed"]
    if not closings:
        return []
    shas = [c.hexsha for c in fh.commits]
    closing = closings[-1].commit.hexsha
    after = fh.commits[shas.index(closing) + 1 :] if closing in shas else []
    if start is not None:
        after = [c for c in after if c.day >= start.isoformat()]
    if not after:
        return []
    last = after[-1]
    return [
        _warn(
            case,
            ("status",),
            "audit-edited-after-closure",
            f"案件结案后又被修改了 {len(after)} 次（最近一次：{last.day} {last.author}，"
            f"{last.hexsha[:8]}“{last.subject}”）：结案后的修改须在 corrections 中写明更正说明。",
        )
    ]


def _late_registration(case: Case, fh: FileHistory, due: date | None) -> list[Finding]:
    registered = case.registered
    if due is None or registered > due or fh.truncated:
        return []
    committed = date.fromisoformat(fh.created.day)
    if committed <= due:
        return []
    return [
        _warn(
            case,
            ("registered",),
            "audit-late-registration",
            f"登记日期 {registered} 在排查建档截止日 {due} 之前，但案件 {committed} 才提交"
            f"（{fh.created.author}）：请核实登记日期；截止后新发现的案件应按实际日期登记。",
        )
    ]


def _deadline_moves(case: Case, fh: FileHistory) -> list[Finding]:
    extended = {
        c.commit.hexsha
        for c in fh.timeline("extensions")
        if isinstance(c.new, int) and c.new > (c.old if isinstance(c.old, int) else 0)
    }
    found = []
    for change in fh.timeline("responsibility.deadline"):
        if change.old is None or change.new is None or change.commit.hexsha in extended:
            continue
        found.append(
            _warn(
                case,
                ("responsibility", "deadline"),
                "audit-deadline-moved",
                f"办结时限在 {change.commit.day} 由 {change.old} 改为 {change.new}"
                f"（{change.commit.author}，{change.commit.hexsha[:8]}），但同一提交没有延期记录："
                f"办结时限不能直接改，请恢复原时限并在 extensions 中写明批准人和理由。",
            )
        )
    return found


def _since(fh: FileHistory, start: date | None) -> FileHistory:
    """The file's history without the commits before ``start`` (records imported in bulk)."""
    if start is None:
        return fh
    first = start.isoformat()
    return dataclasses.replace(
        fh,
        commits=[c for c in fh.commits if c.day >= first],
        changes=[c for c in fh.changes if c.commit.day >= first],
        truncated=fh.truncated or fh.created.day < first,
    )


def audit(repo: Repository, history: History) -> list[Finding]:
    found: list[Finding] = []
    if history.shallow:
        found.append(Finding(".", 1, "shallow-clone", "warning", SHALLOW_MESSAGE))
    policy = repo.campaign.policy
    limit = policy.backdating_days
    due = next((m.due for m in repo.campaign.milestones if m.id == "registration"), None)
    for case in repo.cases:
        full = history.files.get(case.rel)
        if full is None:  # not committed yet
            continue
        fh = _since(full, policy.audit_from)
        found += _backdating(case, fh, limit)
        found += _edited_after_closure(case, full, policy.audit_from)
        found += _late_registration(case, fh, due)
        found += _deadline_moves(case, fh)
    return found
