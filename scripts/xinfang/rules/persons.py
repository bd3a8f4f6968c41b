"""Rules on key persons: regular contact, a team from the person's own locality, linked cases
that name the person, dates in order, and nothing about whereabouts or movements."""

from __future__ import annotations

from collections.abc import Iterator

from ..records.case import Petitioner
from ..records.person import KeyPerson
from .context import Check, KeyPath
from .duty_context import RecordContext
from .duty_views import contact_due

#: Words that record where a person goes rather than what was done for them.
MOVEMENT_WORDS = (
    "行踪",
    "去向",
    "动向",
    "跟踪",
    "盯守",
    "盯控",
    "布控",
    "监控",
    "监视",
    "截访",
    "拦截",
    "劝返",
    "接返",
    "定位",
    "车站",
    "车票",
)


def contact(ctx: RecordContext[KeyPerson]) -> Check:
    person = ctx.record
    due = contact_due(person, ctx.as_of, ctx.settings)
    if due is None or not due.overdue:
        return
    plan = "本人帮扶安排" if person.help.every_days else "活动默认"
    path: KeyPath = (
        ("contacts", person.contacts.index(due.last), "date") if due.last else ("registered",)
    )
    what = "上次走访帮扶" if due.last else "列入重点人员"
    yield (
        path,
        f"距{what}（{due.since}）已 {due.days} 天，超过{plan}的走访间隔 {due.interval} 天："
        f"请属地责任人尽快上门走访，在 contacts 中记录做了什么、解决了什么。",
    )


def _texts(person: KeyPerson) -> Iterator[tuple[KeyPath, str]]:
    yield ("background",), person.background
    yield ("help", "resolve"), person.help.resolve
    yield ("help", "visits"), person.help.visits
    if person.help.relief:
        yield ("help", "relief"), person.help.relief
    for i, item in enumerate(person.contacts):
        yield ("contacts", i, "note"), item.note
        if item.help:
            yield ("contacts", i, "help"), item.help
    if person.removed:
        yield ("removed", "reason"), person.removed.reason


def no_movements(ctx: RecordContext[KeyPerson]) -> Check:
    for path, value in _texts(ctx.record):
        words = [w for w in MOVEMENT_WORDS if w in value]
        if words:
            yield (
                path,
                f"写到了“{'、'.join(words)}”：重点人员登记只记录为解决其问题所做的工作和帮扶，"
                f"不记录行踪、去向和动向，也不限制其依法信访的权利。请删去这部分内容，改写做了什么、解决了什么。",
            )


def local_team(ctx: RecordContext[KeyPerson]) -> Check:
    person, name = ctx.record, ctx.campaign.unit_name
    local = person.team.local
    if local.unit != person.locality:
        yield (
            ("team", "local", "unit"),
            f"属地责任人来自{name(local.unit)}，不是本人所在的{name(person.locality)}："
            f"按属地管理原则，请由{name(person.locality)}的人员担任属地责任人。",
        )


def is_petitioner(person: KeyPerson, petitioner: Petitioner) -> bool:
    """The same person: by ID number when both have one (two people may share a name), else by
    name."""
    if person.id_number and petitioner.id_number:
        return person.id_number == petitioner.id_number
    return person.name == petitioner.name


def cases_name_the_person(ctx: RecordContext[KeyPerson]) -> Check:
    person = ctx.record
    linked = [ctx.cases[c] for c in person.cases if c in ctx.cases]
    if linked and not any(is_petitioner(person, p) for c in linked for p in c.petitioners):
        by = "身份证号" if person.id_number else "姓名"
        yield (
            ("cases",),
            f"关联案件（{'、'.join(c.id for c in linked)}）的信访人中没有本人（按{by}核对）："
            f"请核对关联案件编号，或核对{by}的写法。",
        )


def duplicate(ctx: RecordContext[KeyPerson]) -> Check:
    """The same person (ID number) on the list twice: counted once; one record should go."""
    person = ctx.record
    if not person.id_number or person.status != "active":
        return
    earlier = [
        p.id
        for p in ctx.duties.persons
        if p.id < person.id and p.id_number == person.id_number and p.status == "active"
    ]
    if earlier:
        yield (
            ("id_number",),
            f"身份证号与 {earlier[0]} 相同：同一人登记了两次，统计时只算一人。请把本登记的走访帮扶"
            f"记录并入 {earlier[0]}，本登记写 status: removed，removed 中写明“与 {earlier[0]} "
            f"重复登记”。",
        )


def dates(ctx: RecordContext[KeyPerson]) -> Check:
    person = ctx.record
    for i, item in enumerate(person.contacts):
        if item.date < person.registered:
            yield (
                ("contacts", i, "date"),
                f"走访日期 {item.date} 早于列入日期 {person.registered}：请改正日期；"
                f"列入前的工作记入关联案件的 progress。",
            )
    if person.removed and person.removed.date < person.registered:
        yield (
            ("removed", "date"),
            f"退出日期 {person.removed.date} 早于列入日期 {person.registered}：请改正日期。",
        )
