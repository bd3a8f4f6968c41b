"""The closure standard (结案标准): report, seal and signatures, the follow-up, legal endings.

The signed follow-up opinion is part of the closure report, so the follow-up comes first; the
signatures are those of the people the record names.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..records.case import Case, Closure, FollowUp
from .context import CaseContext, Check, KeyPath


def _filled(part: Any) -> bool:
    """A part of the closure that the record writes with at least one value."""
    return part is not None and any(
        getattr(part, f.name) is not None for f in dataclasses.fields(part)
    )


def _non_litigation_closure(case: Case) -> Closure | None:
    if not case.closed or case.category == "litigation":
        return None
    return case.closure or Closure()


def _closure_path(case: Case) -> KeyPath:
    return ("closure",) if case.has("closure") else ("status",)


def closure_report(ctx: CaseContext) -> Check:
    closure = _non_litigation_closure(ctx.case)
    if closure is None:
        return
    report = closure.report
    for key, label in [
        ("problem", "信访人反映的问题"),
        ("investigation", "调查情况"),
        ("opinion", "责任单位处理意见或复查意见"),
    ]:
        if not getattr(report, key, None):
            yield (
                ("closure", "report") if _filled(report) else _closure_path(ctx.case),
                f"结案报告缺少“{label}”，不能结案：请在 closure.report 下填写 {key}。",
            )


def closure_seal_signatures(ctx: CaseContext) -> Check:
    closure = _non_litigation_closure(ctx.case)
    if closure is None:
        return
    if closure.seal is not True:
        path: KeyPath = (
            ("closure", "seal") if ctx.case.has("closure", "seal") else _closure_path(ctx.case)
        )
        yield (path, "结案报告未加盖责任单位公章，不能结案：请盖章后填写 closure.seal: true。")
    signatures = closure.signatures
    for key, label in [("leader", "责任单位领导"), ("handler", "具体办理责任人")]:
        if not getattr(signatures, key, None):
            yield (
                ("closure", "signatures") if _filled(signatures) else _closure_path(ctx.case),
                f"结案报告缺少{label}的签字，不能结案：请在 closure.signatures 下填写 {key}。",
            )


def closure_follow_up(ctx: CaseContext) -> Check:
    """No petitioner's signed opinion, no closure: agree or disagree signed by a petitioner, or a
    refusal with the visitor's reason. 无法回访 is no opinion, so it cannot close a case."""
    closure = _non_litigation_closure(ctx.case)
    if closure is None:
        return
    follow_up = closure.follow_up
    if not _filled(follow_up):
        yield (
            _closure_path(ctx.case),
            "没有信访人签字的回访意见，不能结案：请在 closure.follow_up 下填写回访日期 date、"
            "回访人 visitor、回访结果 opinion（agree 同意、disagree 不同意、refused 拒签）和"
            "签字的信访人 signed_by；回访不到信访人的，status 写 unreachable（无法回访，不结案）。",
        )
        return
    assert follow_up is not None
    for key, label in [("date", "回访日期"), ("visitor", "回访人"), ("opinion", "回访结果")]:
        if not getattr(follow_up, key):
            yield (
                ("closure", "follow_up"),
                f"回访缺少“{label}”：请在 closure.follow_up 下填写 {key}。",
            )
    if follow_up.opinion == "unreachable":
        yield (
            ("closure", "follow_up", "opinion"),
            "无法回访就没有信访人签字的回访意见，不能结案（凡不具备上述要件的，不能结案）："
            "请把 status 改为 unreachable（无法回访，案件仍未结），删去 closure.date。",
        )
    if follow_up.opinion in ("disagree", "refused") and not follow_up.reason:
        word = "不同意" if follow_up.opinion == "disagree" else "拒签"
        yield (
            ("closure", "follow_up", "opinion"),
            f"信访人签署“{word}”，回访人必须注明原因：请在 closure.follow_up 下填写 reason。",
        )
    yield from _signature(ctx.case, follow_up)


def _signature(case: Case, follow_up: FollowUp) -> Check:
    """A signed opinion names who signed it: petitioners of the case, met in person."""
    if follow_up.opinion not in ("agree", "disagree"):
        return
    if not follow_up.signed_by:
        yield (
            ("closure", "follow_up", "opinion"),
            "回访意见须由信访人签字：请在 closure.follow_up 下填写 signed_by（签字的信访人姓名）；"
            "信访人不肯签字的，opinion 写 refused 并由回访人注明原因。",
        )
        return
    names = {p.name for p in case.petitioners}
    if not follow_up.signers <= names:
        yield (
            ("closure", "follow_up", "signed_by"),
            "签字的人不是本案登记的信访人：请核对 signed_by 与 petitioners 中的姓名"
            "（集体访由推选的代表签字，代表须列在 petitioners 中）。",
        )
    if follow_up.method == "phone":
        yield (
            ("closure", "follow_up", "method"),
            "电话回访取得的是口头意见，不是信访人签字的回访意见：请上门或约谈请信访人签字，"
            "并把 method 改为 in_person 或 meeting。",
        )


def unreachable(ctx: CaseContext) -> Check:
    """无法回访 keeps a case open: the follow-up says why and who decided; no closure date."""
    case = ctx.case
    closure = case.closure or Closure()
    follow_up = closure.follow_up
    opinion = follow_up.opinion if follow_up else None
    if not case.unreachable:
        if opinion == "unreachable" and not case.closed:
            yield (
                ("closure", "follow_up", "opinion"),
                "回访结果是无法回访：请把 status 改为 unreachable（无法回访，案件仍未结，单独统计）；"
                "还在联系信访人的，先不写回访结果。",
            )
        return
    if opinion != "unreachable":
        yield (
            ("status",),
            "办理状态是无法回访，但没有无法回访的回访记录：请在 closure.follow_up 下写 opinion: "
            "unreachable、回访日期 date、回访人 visitor、原因 reason 和认定的领导 decided_by。",
        )
        return
    assert follow_up is not None
    for key, label in [
        ("date", "回访日期"),
        ("visitor", "回访人"),
        ("reason", "无法回访的原因"),
        ("decided_by", "认定无法回访的领导"),
    ]:
        if not getattr(follow_up, key):
            yield (
                ("closure", "follow_up"),
                f"无法回访须写明{label}：请在 closure.follow_up 下填写 {key}。",
            )
    if closure.date:
        yield (
            ("closure", "date"),
            "无法回访的案件没有结案，不写结案日期：请删去 closure.date（结案报告的其他内容可以保留）。",
        )


def follow_up_order(ctx: CaseContext) -> Check:
    closure = ctx.case.closure
    follow_up = closure.follow_up if closure else None
    if closure is None or follow_up is None or not (closure.date and follow_up.date):
        return
    if follow_up.date > closure.date:
        yield (
            ("closure", "follow_up", "date"),
            f"回访日期 {follow_up.date} 晚于结案日期 {closure.date}：信访人签字的回访意见是结案报告"
            f"的一部分，应先回访后结案；请核对日期，结案日期不早于回访日期。",
        )


def _signers(names: str | None) -> set[str]:
    """The people a 具体责任人 entry names (several are written 甲、乙)."""
    return {n.strip() for n in (names or "").replace("，", "、").split("、") if n.strip()}


def signature_leader(ctx: CaseContext) -> Check:
    case, campaign = ctx.case, ctx.campaign
    signatures = case.closure.signatures if case.closure else None
    leader = signatures.leader if signatures else None
    unit = campaign.units.get(case.unit)
    if not leader or unit is None:  # an unknown unit is reported as such
        return
    if leader not in set(unit.leaders) | campaign.county_leaders():
        names = "、".join(unit.leaders) or "（未列出）"
        yield (
            ("closure", "signatures", "leader"),
            f"签字的单位领导 {leader} 不是承办单位{campaign.unit_name(case.unit)}的领导（{names}），"
            f"也不是县级领导：请由承办单位领导签字，或在 campaign.yml 的该单位 leaders 中补列。",
        )


def signature_handler(ctx: CaseContext) -> Check:
    case = ctx.case
    signatures = case.closure.signatures if case.closure else None
    signer = signatures.handler if signatures else None
    handler = case.responsibility.handler
    if signer and handler and not (_signers(signer) & _signers(handler)):
        yield (
            ("closure", "signatures", "handler"),
            f"签字的办理人 {signer} 与登记的具体责任人 {handler} 不一致：请核对；如已更换具体责任人，"
            f"请同时修改 responsibility.handler。",
        )


def closure_legal(ctx: CaseContext) -> Check:
    case = ctx.case
    if not case.closed or case.category != "litigation":
        return
    legal = case.closure.legal if case.closure else None
    for key, label in [("procedure", "法律程序"), ("document", "法律文书")]:
        if not getattr(legal, key, None):
            yield (
                ("closure", "legal") if _filled(legal) else _closure_path(case),
                f"涉法涉诉案件按法律程序结案，须写明{label}：请在 closure.legal 下填写 {key}。",
            )


def closure_date(ctx: CaseContext) -> Check:
    case = ctx.case
    if not case.closed:
        return
    closed_on = case.closure.date if case.closure else None
    if closed_on is None:
        yield (_closure_path(case), "已结案的案件必须写明结案日期：请在 closure 下填写 date。")
        return
    if closed_on < case.registered:
        yield (
            ("closure", "date"),
            f"结案日期 {closed_on} 早于登记日期 {case.registered}：请核对日期。",
        )
    if closed_on > ctx.as_of:
        yield (
            ("closure", "date"),
            f"结案日期 {closed_on} 晚于统计日期 {ctx.as_of}：不能预先结案，请填写实际结案日期。",
        )
