"""One case's page, laid out as the office reads a case.

基本情况 (petitioners, demand, category, flags), 四明确, 办理过程 (re-hearing, investigation, root
cause and one timeline of events, progress, extensions, closure and follow-up), 结案 (the closure
standard's elements with ✔/✘, the report, the follow-up), the deadlines, the evidence and the
history. Each section is a list of ``Item`` (a label and a text): the template escapes every text,
and the texts come from the published case, whose numbers are masked already. A confidential case
shows no petitioner's name, address or numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from ..records.case import Case, Closure, ClosureReport, FollowUp, LegalEnding, Signatures
from ..records.labels import FORM_ZH, LEVEL_ZH, OPINION_ZH, PLACE_ZH
from ..records.privacy import HIDDEN_NAME
from ..records.schema import Schema
from .case_deadlines import acceptance_text

UnitName = Callable[[str], str]


@dataclass(frozen=True)
class Item:
    """One line of a section: a label, a text, and where the text links to (an evidence file)."""

    label: str
    text: str
    href: str = ""


def _file(label: str, path: str, file_link: Callable[[str], str], confidential: bool) -> Item:
    """An evidence file: its path, linked to the Git host; a confidential case's is not listed."""
    if confidential:
        return Item(label, "已登记（保密案件的材料不在网站上列出）")
    return Item(label, path, file_link(path))


def _label(schema: Schema, path: tuple[str, ...], code: str | None) -> str:
    return schema.labels.get(path, {}).get(code or "", code or "")


def _items(pairs: list[tuple[str, str | None]]) -> list[Item]:
    """The pairs whose text is written; a section leaves out what the record does not say."""
    return [Item(label, text) for label, text in pairs if text]


def basics(case: Case, schema: Schema) -> list[Item]:
    flags = "、".join(_label(schema, ("flags",), f) for f in case.flags)
    return _items([
        ("问题类别", _label(schema, ("category",), case.category)),
        ("案件标识", flags),
        ("信访诉求", case.demand),
        ("反映对象", case.about),
        ("涉及人数", f"{case.head_count} 人"),
        ("案件来源", _label(schema, ("source",), case.source)),
        ("首次信访", str(case.received) if case.received else None),
        ("受理告知", acceptance_text(case)),
        ("登记日期", str(case.registered)),
        ("案件级别", _label(schema, ("grade",), case.grade)),
        ("重点案件", "是" if case.priority else None),
        ("保密", "是（不公开信访人的姓名、住址和号码）" if case.confidential else None),
    ])  # fmt: skip


@dataclass(frozen=True)
class PersonRow:
    name: str
    locality: str
    id_number: str
    phone: str
    address: str
    representative: bool


def petitioners(case: Case, unit_name: UnitName) -> list[PersonRow]:
    """The petitioners as the site may show them (numbers masked; none of it when confidential)."""
    if case.confidential:
        return [PersonRow(HIDDEN_NAME, unit_name(p.locality), "", "", "", p.representative)
                for p in case.petitioners]  # fmt: skip
    return [
        PersonRow(p.name, unit_name(p.locality), p.id_number or "", p.phone or "",
                  p.address or "", p.representative)
        for p in case.petitioners
    ]  # fmt: skip


def four_clear(case: Case, unit_name: UnitName) -> list[Item]:
    r = case.responsibility
    officer = r.stability_officer
    deadline = str(r.deadline) if r.deadline else None
    if deadline and r.deadline_reason:
        deadline += f"（{r.deadline_reason}）"
    return [
        Item("承办单位", unit_name(r.unit)),
        Item("包案领导", r.lead_official or "未落实"),
        Item("具体责任人", r.handler or "未落实"),
        Item("稳控责任人", f"{officer.name}（{unit_name(officer.unit)}）" if officer else "未落实"),
        Item("办结时限", deadline or "未明确"),
        *_items([("工作要求", r.requirements)]),
    ]


def handling(case: Case, schema: Schema, file_link: Callable[[str], str]) -> list[Item]:
    items = _items([("化解方式", _label(schema, ("approach",), case.approach))])
    if case.rehearing:
        h = case.rehearing
        place = f"，{h.place}" if h.place else ""
        items.append(Item("再次听取申诉", f"{h.date}，{h.interviewer}{place}"))
        if h.record:
            items.append(_file("谈话记录", h.record, file_link, case.confidential))
        items += _items([("信访人坚持的理由", h.reasons)])
        # A person's state of mind and living conditions stay in the record (个人情况).
        items += [Item(label, PERSONAL) for label, text in
                  (("当前思想状况", h.mind), ("生活状况", h.living)) if text]  # fmt: skip
    else:
        items.append(
            Item("再次听取申诉", "尚未记录（每件案件都要再认真听取一次信访人的申诉，形成谈话记录）")
        )
    for action in case.by_law:
        text = f"{action.conduct_date} {action.conduct}"
        if action.decided:
            text += (
                f"；{action.decided} {action.organ}依据{action.article}决定{action.measure}"
                f"（{action.document}）"
            )
        items.append(Item("依法处理", text))
    sides = "、".join(_label(schema, ("cause_in",), side) for side in case.cause_in)
    return items + _items([
        ("调查核实情况", case.investigation),
        ("原处理意见的法律政策依据", case.basis),
        ("症结分析", case.root_cause),
        ("原因所在", sides),
    ])  # fmt: skip


PERSONAL = "已记录（信访人的个人情况，网站上不显示，请查阅案件记录）"


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    kind: str
    text: str


def timeline(case: Case) -> list[TimelineEntry]:
    """Petition events, registration, re-hearing, progress, extensions, closure, follow-up and
    reopenings, by date."""
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
        place = f"（{rehearing.place}）" if rehearing.place else ""
        out.append(
            TimelineEntry(
                str(rehearing.date), "谈话", f"{rehearing.interviewer}再次听取申诉{place}"
            )
        )
    for note in case.progress:
        by = f"（{note.by}）" if note.by else ""
        out.append(TimelineEntry(str(note.date), "进展", note.note + by))
    for ext in case.extensions:
        to = ext.new_deadline or f"延长 {ext.days if ext.days is not None else '?'} 日"
        out.append(
            TimelineEntry(
                str(ext.approved_on), "延期", f"{ext.approved_by}批准延期至 {to}：{ext.reason}"
            )
        )
    closure = case.closure or Closure()
    if closure.date:
        out.append(TimelineEntry(str(closure.date), "结案", "结案"))
    follow_up = closure.follow_up or FollowUp()
    if follow_up.date:
        opinion = OPINION_ZH.get(follow_up.opinion or "", "")
        out.append(
            TimelineEntry(
                str(follow_up.date), "回访", f"{follow_up.visitor or ''}回访，信访人意见：{opinion}"
            )
        )
    for reopening in case.reopenings:
        out.append(
            TimelineEntry(str(reopening.date), "重新办理", f"{reopening.by}：{reopening.reason}")
        )
    return sorted(out, key=lambda e: e.date)


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
    signed = follow_up.opinion in ("agree", "disagree")
    return [
        CheckItem("一、信访人反映的问题", bool(report.problem)),
        CheckItem("一、调查情况", bool(report.investigation)),
        CheckItem("一、处理意见或复查意见", bool(report.opinion)),
        CheckItem("二、加盖公章", closure.seal is True),
        CheckItem("二、责任单位领导签字", bool(signatures.leader)),
        CheckItem("二、具体办理责任人签字", bool(signatures.handler)),
        CheckItem(
            "三、信访人签字的回访意见",
            follow_up.opinion in ("agree", "disagree", "refused"),
        ),
        CheckItem(
            "三、签字的信访人（不是电话回访）",
            bool(follow_up.signed_by) and follow_up.method != "phone",
            signed,
        ),
        CheckItem("三、不同意或拒签时回访人注明原因", bool(follow_up.reason), needs_reason),
        CheckItem(
            "三、无法回访：不能结案（原因和认定的领导已写明）",
            False,
            follow_up.opinion == "unreachable",
        ),
        CheckItem(
            "三、回访在结案之前",
            not (follow_up.date and closure.date and follow_up.date > closure.date),
            bool(follow_up.date and closure.date),
        ),
        CheckItem("结案日期", bool(closure.date)),
    ]


def closure_items(
    case: Case, schema: Schema, file_link: Callable[[str], str], settlement: str
) -> list[Item]:
    """What the closure report and the follow-up say; ``settlement`` is the 息诉罢访 state in words."""
    closure = case.closure or Closure()
    report = closure.report or ClosureReport()
    signatures = closure.signatures or Signatures()
    follow_up = closure.follow_up or FollowUp()
    legal = closure.legal or LegalEnding()
    visit = None
    if follow_up.date or follow_up.opinion:
        method = _label(schema, ("closure", "follow_up", "method"), follow_up.method)
        parts = [str(follow_up.date or ""), follow_up.visitor or "", method]
        opinion = OPINION_ZH.get(follow_up.opinion or "", follow_up.opinion or "")
        visit = "，".join(p for p in parts if p) + (f"；信访人意见：{opinion}" if opinion else "")
    items = _items([
        ("结案日期", str(closure.date) if closure.date else None),
        ("反映的问题", report.problem),
        ("调查情况", report.investigation),
        ("处理意见", report.opinion),
        ("公章", "已加盖" if closure.seal else None),
        ("单位领导签字", signatures.leader),
        ("具体责任人签字", signatures.handler),
        ("回访", visit),
        ("签字的信访人", None if case.confidential else follow_up.signed_by),
        ("注明的原因", follow_up.reason),
        ("认定无法回访的领导", follow_up.decided_by),
        ("法律程序", legal.procedure),
        ("法律文书", legal.document),
    ])  # fmt: skip
    if report.file:
        items.append(_file("结案报告", report.file, file_link, case.confidential))
    items.append(Item("息诉罢访", settlement))
    return items + _items([("下一步工作措施", case.next_steps)])


def file_linker(base: str) -> Callable[[str], str]:
    """Links to the Git host's view of a file (campaign.yml ``site.file_url``); none when unset.

    Only http(s) addresses: a ``javascript:`` prefix in the configuration never becomes a link.
    """
    if not base.startswith(("http://", "https://")):
        return lambda path: ""
    base = base if base.endswith("/") else base + "/"
    return lambda path: base + quote(path.lstrip("/"), safe="/")
