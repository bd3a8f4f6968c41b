"""The closure standard (结案标准): report, seal and signatures, the follow-up, legal endings."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..records.case import Case, Closure
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
    closure = _non_litigation_closure(ctx.case)
    if closure is None:
        return
    follow_up = closure.follow_up
    if not _filled(follow_up):
        yield (
            _closure_path(ctx.case),
            "没有信访人签字的回访意见，不能结案：请在 closure.follow_up 下填写回访日期 date、"
            "回访人 visitor 和信访人意见 opinion（agree 同意、disagree 不同意、refused 拒签）。",
        )
        return
    assert follow_up is not None
    for key, label in [("date", "回访日期"), ("visitor", "回访人"), ("opinion", "信访人意见")]:
        if not getattr(follow_up, key):
            yield (
                ("closure", "follow_up"),
                f"回访缺少“{label}”：请在 closure.follow_up 下填写 {key}。",
            )
    if follow_up.opinion in ("disagree", "refused") and not follow_up.reason:
        word = "不同意" if follow_up.opinion == "disagree" else "拒签"
        yield (
            ("closure", "follow_up", "opinion"),
            f"信访人签署“{word}”，回访人必须注明原因：请在 closure.follow_up 下填写 reason。",
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
