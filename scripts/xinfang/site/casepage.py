"""One case's page: every field under its Chinese label, deadline, checklist, merged timeline.

Every text from the record is escaped (markupsafe); identity-card and phone numbers are masked;
a confidential case shows no petitioner name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup

from ..campaign.statutory import StatutoryDue
from ..findings import Finding
from ..history.data import FileHistory
from ..records.case import Case, Closure, ClosureReport, FollowUp, LegalEnding, Signatures
from ..records.labels import FORM_ZH, LEVEL_ZH, OPINION_ZH, PLACE_ZH
from ..records.privacy import HIDDEN_NAME, mask_id_number, mask_phone
from ..records.schema import Schema
from ..rules.status import CaseStatus

# Keys shown elsewhere on the page, or not at all.
_SKIP_TOP = {"id", "title"}


UnitName = Callable[[str], str]


def _scalar(schema: Schema, path: tuple[str, ...], value: Any, unit_name: UnitName) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    labels = schema.labels.get(path)
    if labels is not None:
        return escape(labels.get(str(value), str(value)), quote=False)
    key = path[-1] if path else ""
    if key == "id_number":
        return escape(mask_id_number(str(value)), quote=False)
    if key == "phone":
        return escape(mask_phone(str(value)), quote=False)
    if key in ("unit", "locality"):
        return escape(f"{unit_name(str(value))}（{value}）", quote=False)
    return escape(str(value), quote=False)


_HEADINGS: dict[tuple[int, tuple[str, ...]], str] = {}


def _heading(schema: Schema, path: tuple[str, ...]) -> str:
    key = (id(schema), path)
    if key not in _HEADINGS:
        _HEADINGS[key] = f"<tr><th>{escape(schema.title(path), quote=False)}</th><td>"
    return _HEADINGS[key]


def _fields(
    schema: Schema, data: Any, unit_name: UnitName, path: tuple[str, ...], confidential: bool
) -> str:
    # Plain strings with html.escape on every value: this runs for every field of every case.
    if isinstance(data, dict):
        rows = []
        for key, value in data.items():
            if not path and key in _SKIP_TOP:
                continue
            sub = (*path, key)
            if sub == ("petitioners",) and confidential:
                value = _hidden(value)
            rows.append(
                _heading(schema, sub) + _fields(schema, value, unit_name, sub, confidential)
                + "</td></tr>"
            )
        return f'<table class="xf-fields">{"".join(rows)}</table>'
    if isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            return "、".join(_scalar(schema, path, item, unit_name) for item in data)
        return "".join(
            f'<div class="xf-item">{_fields(schema, item, unit_name, path, confidential)}</div>'
            for item in data
        )
    return _scalar(schema, path, data, unit_name)


def fields_html(schema: Schema, case: Case, unit_name: UnitName) -> Markup:
    """A definition table of the record as written, labelled with the schema's Chinese titles."""
    return Markup(_fields(schema, case.record, unit_name, (), case.confidential))


def _hidden(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the site may show of a confidential case's petitioners: no name, address or numbers."""
    shown = []
    for person in people:
        item = {k: v for k, v in person.items() if k not in ("address", "phone", "id_number")}
        item["name"] = HIDDEN_NAME
        shown.append({k: item[k] for k in person if k in item})
    return shown


@dataclass(frozen=True)
class CheckItem:
    label: str
    ok: bool
    applies: bool = True


def closure_checklist(case: Case) -> list[CheckItem]:
    """The closure standard's elements, each present or missing."""
    closure = case.closure or Closure()
    if case.category == "litigation":
        legal = closure.legal or LegalEnding()
        return [
            CheckItem("法律程序", bool(legal.procedure)),
            CheckItem("法律文书", bool(legal.document)),
            CheckItem("结案日期", bool(closure.date)),
        ]
    report = closure.report or ClosureReport()
    signatures = closure.signatures or Signatures()
    follow_up = closure.follow_up or FollowUp()
    needs_reason = follow_up.opinion in ("disagree", "refused")
    return [
        CheckItem("一、信访人反映的问题", bool(report.problem)),
        CheckItem("一、调查情况", bool(report.investigation)),
        CheckItem("一、处理意见或复查意见", bool(report.opinion)),
        CheckItem("二、加盖公章", closure.seal is True),
        CheckItem("二、责任单位领导签字", bool(signatures.leader)),
        CheckItem("二、具体办理责任人签字", bool(signatures.handler)),
        CheckItem("三、信访人签字的回访意见", bool(follow_up.opinion)),
        CheckItem("三、不同意或拒签时回访人注明原因", bool(follow_up.reason), needs_reason),
        CheckItem(
            "三、无法回访的原因和认定的领导",
            bool(follow_up.reason and follow_up.decided_by),
            follow_up.opinion == "unreachable",
        ),
        CheckItem(
            "三、回访在结案之前",
            not (follow_up.date and closure.date and follow_up.date > closure.date),
            bool(follow_up.date and closure.date),
        ),
        CheckItem("结案日期", bool(closure.date)),
    ]


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    kind: str
    text: str




def timeline(case: Case, history: FileHistory | None) -> list[TimelineEntry]:
    """Petition events, re-hearing, progress, extensions, closure and git history, by date."""
    out: list[TimelineEntry] = []
    for event in case.events:
        flag = "（非正常进京访）" if event.abnormal else ""
        place = f"（{PLACE_ZH[event.place]}）" if event.place in PLACE_ZH else ""
        people = f"联名 {event.signers} 人" if event.signers else f"{event.head_count} 人"
        text = f"{FORM_ZH.get(event.form, event.form)}到{LEVEL_ZH.get(event.level, '')}{place}{flag}，{people}"
        if event.note:
            text += f"：{event.note}"
        out.append(TimelineEntry(str(event.date), "信访", text))
    out.append(TimelineEntry(str(case.registered), "登记", "登记造册"))
    rehearing = case.rehearing
    if rehearing:
        out.append(TimelineEntry(str(rehearing.date), "谈话", f"{rehearing.interviewer}再次听取申诉"
                                 + (f"（{rehearing.place}）" if rehearing.place else "")))
    for note in case.progress:
        by = f"（{note.by}）" if note.by else ""
        out.append(TimelineEntry(str(note.date), "进展", note.note + by))
    for ext in case.extensions:
        to = ext.new_deadline or f"延长 {ext.days if ext.days is not None else '?'} 日"
        out.append(TimelineEntry(str(ext.approved_on), "延期", f"{ext.approved_by}批准延期至 {to}：{ext.reason}"))
    closure = case.closure or Closure()
    if closure.date:
        out.append(TimelineEntry(str(closure.date), "结案", "结案"))
    follow_up = closure.follow_up or FollowUp()
    if follow_up.date:
        opinion = OPINION_ZH.get(follow_up.opinion or "", "")
        out.append(TimelineEntry(str(follow_up.date), "回访", f"{follow_up.visitor or ''}回访，信访人意见：{opinion}"))
    for reopening in case.reopenings:
        out.append(TimelineEntry(str(reopening.date), "重新办理", f"{reopening.by}：{reopening.reason}"))
    if history:
        for commit in history.commits:
            out.append(TimelineEntry(commit.day, "修改记录", f"{commit.author}：{commit.subject}（{commit.hexsha[:8]}）"))
    return sorted(out, key=lambda e: e.date)


def deadline_text(case: CaseStatus | None) -> str:
    if case is None or case.deadline is None:
        return "未确定办结时限"
    d = case.deadline
    base = f"活动办结时限 {d.effective}"
    if d.extension_days:
        base += f"（原时限 {d.base}，延期 {d.extension_days} 日）"
    if case.closed:
        return base + ("，逾期办结" if d.closed_late else "，按期办结")
    if d.overdue:
        return base + f"，已超期 {-d.days_left} 天"
    return base + f"，剩余 {d.days_left} 天" + ("（临期）" if d.due_soon else "")


_CLOCK_STATE = {"met": "已按期完成", "late": "逾期完成", "overdue": "已超期", "running": "剩余"}


def statutory_text(due: StatutoryDue) -> str:
    """One statutory clock, citing the regulation in force on the day it started."""
    extended = f"，经批准延期 {due.extension_days} 日" if due.extension_days else ""
    state = _CLOCK_STATE[due.state]
    if due.state == "running":
        state += f" {due.days_left} 天"
    elif due.state == "overdue":
        state += f" {-due.days_left} 天"
    return (
        f"法定{due.clock.name}期限 {due.extended_due}（{due.citation}：自{due.clock.starts}"
        f" {due.start} 起 {due.clock.days} 日{extended}），{state}"
    )


def binding_text(case: CaseStatus | None, dues: list[StatutoryDue], which: str | None) -> str:
    """Which of the campaign's and the law's deadlines binds the handling, and why."""
    handling = next((d for d in dues if d.clock.key == "handling"), None)
    if which is None:
        return ""
    if handling is None:
        return "没有记录受理日期（statutory.accepted），法定办理期限无法计算：以活动办结时限为准。"
    if which == "statutory":
        return f"法定办理期限 {handling.extended_due} 早于活动办结时限：以法定期限为准。"
    return "活动办结时限不晚于法定办理期限：以活动办结时限为准，同时不得超过法定期限。"


def findings_for(findings: list[Finding], rel: str) -> list[Finding]:
    return [f for f in findings if f.file == rel]
