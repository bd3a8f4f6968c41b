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

from .findings import Finding
from .history import FileHistory
from .privacy import mask_id_number, mask_phone, petitioner_name
from .status import STATUS_ZH, CaseStatus
from .validate import Schema

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


def _fields(schema: Schema, data: Any, unit_name: UnitName, path: tuple[str, ...]) -> str:
    # Plain strings with html.escape on every value: this runs for every field of every case.
    if isinstance(data, dict):
        rows = []
        for key, value in data.items():
            if not path and key in _SKIP_TOP:
                continue
            sub = (*path, key)
            if sub == ("petitioners",):
                value = _petitioners(data, value)
            rows.append(_heading(schema, sub) + _fields(schema, value, unit_name, sub) + "</td></tr>")
        return f'<table class="xf-fields">{"".join(rows)}</table>'
    if isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            return "、".join(_scalar(schema, path, item, unit_name) for item in data)
        return "".join(
            f'<div class="xf-item">{_fields(schema, item, unit_name, path)}</div>' for item in data
        )
    return _scalar(schema, path, data, unit_name)


def fields_html(schema: Schema, data: Any, unit_name: UnitName) -> Markup:
    """A definition table of the data, labelled with the schema's Chinese titles."""
    return Markup(_fields(schema, data, unit_name, ()))


def _petitioners(case: dict[str, Any], people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the site may show of the petitioners: no name, address or numbers if confidential."""
    shown = []
    for person in people:
        item = dict(person)
        item["name"] = petitioner_name(case, person)
        if case.get("confidential") is True:
            for key in ("address", "phone", "id_number"):
                item.pop(key, None)
        shown.append(item)
    return shown


@dataclass(frozen=True)
class CheckItem:
    label: str
    ok: bool
    applies: bool = True


def closure_checklist(data: dict[str, Any]) -> list[CheckItem]:
    """The closure standard's elements, each present or missing."""
    closure = data.get("closure") or {}
    if data["category"] == "litigation":
        legal = closure.get("legal") or {}
        return [
            CheckItem("法律程序", bool(legal.get("procedure"))),
            CheckItem("法律文书", bool(legal.get("document"))),
            CheckItem("结案日期", bool(closure.get("date"))),
        ]
    report = closure.get("report") or {}
    signatures = closure.get("signatures") or {}
    follow_up = closure.get("follow_up") or {}
    needs_reason = follow_up.get("opinion") in ("disagree", "refused")
    return [
        CheckItem("一、信访人反映的问题", bool(report.get("problem"))),
        CheckItem("一、调查情况", bool(report.get("investigation"))),
        CheckItem("一、处理意见或复查意见", bool(report.get("opinion"))),
        CheckItem("二、加盖公章", closure.get("seal") is True),
        CheckItem("二、责任单位领导签字", bool(signatures.get("leader"))),
        CheckItem("二、具体办理责任人签字", bool(signatures.get("handler"))),
        CheckItem("三、信访人签字的回访意见", bool(follow_up.get("opinion"))),
        CheckItem("三、不同意或拒签时回访人注明原因", bool(follow_up.get("reason")), needs_reason),
        CheckItem("结案日期", bool(closure.get("date"))),
    ]


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    kind: str
    text: str


_FORM = {"letter": "来信", "visit": "来访", "online": "网上信访", "phone": "电话"}
_LEVEL = {"county": "县", "city": "市", "province": "省", "beijing": "进京"}
_OPINION = {"agree": "同意", "disagree": "不同意", "refused": "拒签"}


def timeline(data: dict[str, Any], history: FileHistory | None) -> list[TimelineEntry]:
    """Petition events, re-hearing, progress, extensions, closure and git history, by date."""
    out: list[TimelineEntry] = []
    for event in data.get("events") or []:
        flag = "（非正常）" if event.get("abnormal") else ""
        text = f"{_FORM.get(event['form'], event['form'])}到{_LEVEL.get(event['level'], '')}{flag}，{event['head_count']} 人"
        if event.get("note"):
            text += f"：{event['note']}"
        out.append(TimelineEntry(event["date"], "信访", text))
    out.append(TimelineEntry(data["registered"], "登记", "登记造册"))
    rehearing = data.get("rehearing")
    if rehearing:
        out.append(TimelineEntry(rehearing["date"], "谈话", f"{rehearing['interviewer']}再次听取申诉"
                                 + (f"（{rehearing['place']}）" if rehearing.get("place") else "")))
    for note in data.get("progress") or []:
        by = f"（{note['by']}）" if note.get("by") else ""
        out.append(TimelineEntry(note["date"], "进展", note["note"] + by))
    for ext in data.get("extensions") or []:
        to = ext.get("new_deadline") or f"延长 {ext.get('days', '?')} 日"
        out.append(TimelineEntry(ext["approved_on"], "延期", f"{ext['approved_by']}批准延期至 {to}：{ext['reason']}"))
    closure = data.get("closure") or {}
    if closure.get("date"):
        out.append(TimelineEntry(closure["date"], "结案", "结案"))
    follow_up = closure.get("follow_up") or {}
    if follow_up.get("date"):
        opinion = _OPINION.get(follow_up.get("opinion", ""), "")
        out.append(TimelineEntry(follow_up["date"], "回访", f"{follow_up.get('visitor', '')}回访，信访人意见：{opinion}"))
    for reopening in data.get("reopenings") or []:
        out.append(TimelineEntry(reopening["date"], "重新办理", f"{reopening['by']}：{reopening['reason']}"))
    if history:
        for commit in history.commits:
            out.append(TimelineEntry(commit.day, "修改记录", f"{commit.author}：{commit.subject}（{commit.hexsha[:8]}）"))
    return sorted(out, key=lambda e: e.date)


def deadline_text(case: CaseStatus | None) -> str:
    if case is None or case.deadline is None:
        return "未确定办结时限"
    d = case.deadline
    base = f"办结时限 {d.effective}"
    if d.extension_days:
        base += f"（原时限 {d.base}，延期 {d.extension_days} 日）"
    if case.closed:
        return base + ("，逾期办结" if d.closed_late else "，按期办结")
    if d.overdue:
        return base + f"，已超期 {-d.days_left} 天"
    return base + f"，剩余 {d.days_left} 天" + ("（临期）" if d.due_soon else "")


def status_label(data: dict[str, Any]) -> str:
    return STATUS_ZH.get(data["status"], data["status"])


def findings_for(findings: list[Finding], rel: str) -> list[Finding]:
    return [f for f in findings if f.file == rel]
