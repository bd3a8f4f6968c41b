"""Rules on the petition events: flags that agree with the visits, joint letters, representatives,
非正常进京访 stated with its place, and no visit written twice."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..records.case import Case
from ..records.labels import LEVEL_ZH, PLACE_ZH
from ..records.policy import LEVELS
from .context import CaseContext, Check, KeyPath
from .visits import MAX_REPRESENTATIVES, RECEPTION_PLACES, is_collective, is_cross_level, same_visit


def _flag_fix(ctx: CaseContext, event: KeyPath, flag: str) -> tuple[KeyPath, str]:
    """Where a missing flag is fixed: the flags line, or (none written) the event that calls
    for it, with the line to add."""
    if ctx.case.has("flags"):
        return ("flags",), f"请在这一行的 flags 中加上 {flag}。"
    return event, f"请在记录中添加一行 flags: [{flag}]。"


def collective_flag(ctx: CaseContext) -> Check:
    policy = ctx.campaign.policy
    if "collective" in ctx.case.flags:
        return
    for i, event in enumerate(ctx.case.events):
        if is_collective(event, policy):
            where, fix = _flag_fix(ctx, ("events", i, "head_count"), "collective")
            yield (
                where,
                f"{event.date} 的走访有 {event.head_count} 人，达到集体访人数"
                f"（{policy.collective_threshold} 人）：{fix}",
            )
            return


def cross_level_flag(ctx: CaseContext) -> Check:
    policy = ctx.campaign.policy
    if "cross_level" in ctx.case.flags:
        return
    allowed = LEVEL_ZH[policy.cross_level_above]
    for i, event in enumerate(ctx.case.events):
        if is_cross_level(event, policy):
            where, fix = _flag_fix(ctx, ("events", i, "level"), "cross_level")
            yield (
                where,
                f"{event.date} 走访到了{LEVEL_ZH[event.level]}，超过本活动允许的{allowed}级，"
                f"属越级访：{fix}",
            )
            return


def joint_letter(ctx: CaseContext) -> Check:
    for i, event in enumerate(ctx.case.events):
        if event.form == "joint_letter" and event.signers is None:
            yield (
                ("events", i, "form"),
                f"{event.date} 的联名信没有写联名人数：请填写 signers（签名的人数）。",
            )
        elif event.form != "joint_letter" and event.signers is not None:
            yield (
                ("events", i, "signers"),
                f"{event.date} 的信访不是联名信，却写了联名人数：联名信请写 form: joint_letter，"
                f"否则请删去 signers。",
            )


def representatives(ctx: CaseContext) -> Check:
    case, policy = ctx.case, ctx.campaign.policy
    named = sum(p.representative for p in case.petitioners)
    if named <= MAX_REPRESENTATIVES:
        return
    if any(is_collective(e, policy) for e in case.events) or "collective" in case.flags:
        yield (
            ("petitioners",),
            f"集体访推选了 {named} 名代表，超过《信访条例》第十八条规定的 {MAX_REPRESENTATIVES} 人："
            f"请核对代表名单，其余人员不标 representative。",
        )


def abnormal_beijing(ctx: CaseContext) -> Check:
    beijing = LEVELS[-1]
    for i, event in enumerate(ctx.case.events):
        where = PLACE_ZH.get(event.place or "", "")
        if event.place and (event.level != beijing or event.form != "visit"):
            yield (
                ("events", i, "place"),
                f"{event.date} 的信访写了进京地点，但不是进京走访：进京地点只用于 level: beijing、"
                f"form: visit 的走访，请核对层级和形式。",
            )
        elif event.abnormal and (event.level != beijing or event.form != "visit"):
            yield (
                ("events", i, "abnormal"),
                f"{event.date} 的信访标为非正常进京访，但不是进京走访：非正常进京访只能是进京走访，"
                f"请核对层级和形式，或删去 abnormal。",
            )
        elif event.abnormal and event.place in RECEPTION_PLACES:
            yield (
                ("events", i, "abnormal"),
                f"{event.date} 到{where}走访是正常进京访，不是非正常进京访：请删去 abnormal，"
                f"或改正 place。",
            )
        elif event.abnormal and not event.place:
            yield (
                ("events", i, "abnormal"),
                f"{event.date} 的非正常进京访没有写地点：请填写 place（天安门地区、中南海周边等）。",
            )
        elif event.place and event.place not in RECEPTION_PLACES and not event.abnormal:
            yield (
                ("events", i, "place"),
                f"{event.date} 在{where}走访，不在国家机关设立或指定的接待场所，属非正常进京访："
                f"请填写 abnormal: true。",
            )


DUPLICATE = (
    "统计时只算一次：请删去重复的一条（已有的事件不能改写时，在 corrections 中写明更正），"
    "或改正日期、人数。"
)


def duplicate_events(ctx: CaseContext) -> Check:
    """The same visit (date, form, level, place, people) written twice in one case."""
    case = ctx.record
    seen: dict[tuple[object, ...], int] = {}
    for i, event in enumerate(case.events):
        key = same_visit(case, event)
        if key in seen:
            yield (
                ("events", i, "date"),
                f"{event.date} 的这次信访与 events 第 {seen[key] + 1} 条的日期、形式、层级、地点和人数"
                f"都相同，是同一次信访写了两次，{DUPLICATE}",
            )
        else:
            seen[key] = i


def duplicate_visits(cases: Sequence[Case]) -> Iterator[tuple[Case, int, Case]]:
    """The same visit of the same people written in two cases: (later case, its event index,
    the case that has it first), cases in id order."""
    first: dict[tuple[object, ...], Case] = {}
    for case in sorted(cases, key=lambda c: c.id):
        for i, event in enumerate(case.events):
            key = same_visit(case, event)
            earlier = first.setdefault(key, case)
            if earlier is not case:
                yield case, i, earlier


def duplicate_visit_message(case: Case, i: int, earlier: Case) -> str:
    return (
        f"{case.events[i].date} 的这次信访与 {earlier.id} 中同一批信访人的一次信访日期、形式、层级、"
        f"地点和人数都相同，是同一次信访在两件案件中各写了一次，{DUPLICATE}"
    )
