"""What each compliance rule looks at in one case: hits (the offending key's path, a Chinese
message naming the fix). The rule table, with severities and the plan's words, is in rules.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .campaign import Campaign
from .deadlines import deadline_status, parse_date
from .loader import Loaded
from .workdays import WorkCalendar

Path_ = list[str | int]
Hit = tuple[Path_, str]

ABOVE_COUNTY = ("city", "province", "beijing")


@dataclass
class CaseContext:
    record: Loaded
    campaign: Campaign
    as_of: date
    root: Path
    calendar: WorkCalendar

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.record.data
        return data

    @property
    def closed(self) -> bool:
        return self.data["status"] == "closed"


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


# --- 四明确 -------------------------------------------------------------------------------------

_CLARITIES = [
    ("unit", "承办单位"),
    ("lead_official", "包案领导"),
    ("handler", "具体责任人"),
    ("stability_officer", "稳控责任人"),
    ("deadline", "办结时限"),
    ("requirements", "具体工作要求"),
]


def four_clarities(ctx: CaseContext) -> Iterator[Hit]:
    responsibility = ctx.data["responsibility"]
    for key, label in _CLARITIES:
        if not responsibility.get(key):
            yield (
                ["responsibility"],
                f"四明确未落实：缺少“{label}”：请在 responsibility 下填写 {key}。",
            )


# --- 化解：谈话记录、调查和症结 --------------------------------------------------------------------


def rehearing(ctx: CaseContext) -> Iterator[Hit]:
    if ctx.data["status"] not in ("in_progress", "closed"):
        return
    rehearing = ctx.data.get("rehearing")
    if not rehearing:
        yield (
            ["status"],
            "案件已进入化解或已结案，但没有再次听取信访人申诉的谈话记录："
            "请在 rehearing 下填写谈话日期 date、谈话人 interviewer、地点 place 和记录文件 record。",
        )
    elif not rehearing.get("record"):
        yield (
            ["rehearing"],
            "谈话记录没有写明记录文件在哪里：请在 rehearing 下填写 record（仓库内路径）。",
        )


def investigation(ctx: CaseContext) -> Iterator[Hit]:
    if not ctx.closed:
        return
    if not ctx.data.get("investigation"):
        yield (["status"], "结案前必须写明调查核实情况：请填写 investigation。")
    if not ctx.data.get("root_cause"):
        yield (["status"], "结案前必须分析症结、查找原因：请填写 root_cause。")


# --- 结案标准 ------------------------------------------------------------------------------------


def _non_litigation_closure(ctx: CaseContext) -> dict[str, Any] | None:
    if not ctx.closed or ctx.data["category"] == "litigation":
        return None
    return ctx.data.get("closure") or {}


def _closure_path(ctx: CaseContext) -> Path_:
    return ["closure"] if "closure" in ctx.data else ["status"]


def closure_report(ctx: CaseContext) -> Iterator[Hit]:
    closure = _non_litigation_closure(ctx)
    if closure is None:
        return
    report = closure.get("report") or {}
    for key, label in [
        ("problem", "信访人反映的问题"),
        ("investigation", "调查情况"),
        ("opinion", "责任单位处理意见或复查意见"),
    ]:
        if not report.get(key):
            yield (
                ["closure", "report"] if report else _closure_path(ctx),
                f"结案报告缺少“{label}”，不能结案：请在 closure.report 下填写 {key}。",
            )


def closure_seal_signatures(ctx: CaseContext) -> Iterator[Hit]:
    closure = _non_litigation_closure(ctx)
    if closure is None:
        return
    if closure.get("seal") is not True:
        path: Path_ = ["closure", "seal"] if "seal" in closure else _closure_path(ctx)
        yield (path, "结案报告未加盖责任单位公章，不能结案：请盖章后填写 closure.seal: true。")
    signatures = closure.get("signatures") or {}
    for key, label in [("leader", "责任单位领导"), ("handler", "具体办理责任人")]:
        if not signatures.get(key):
            yield (
                ["closure", "signatures"] if signatures else _closure_path(ctx),
                f"结案报告缺少{label}的签字，不能结案：请在 closure.signatures 下填写 {key}。",
            )


def closure_follow_up(ctx: CaseContext) -> Iterator[Hit]:
    closure = _non_litigation_closure(ctx)
    if closure is None:
        return
    follow_up = closure.get("follow_up")
    if not follow_up:
        yield (
            _closure_path(ctx),
            "没有信访人签字的回访意见，不能结案：请在 closure.follow_up 下填写回访日期 date、"
            "回访人 visitor 和信访人意见 opinion（agree 同意、disagree 不同意、refused 拒签）。",
        )
        return
    for key, label in [("date", "回访日期"), ("visitor", "回访人"), ("opinion", "信访人意见")]:
        if not follow_up.get(key):
            yield (
                ["closure", "follow_up"],
                f"回访缺少“{label}”：请在 closure.follow_up 下填写 {key}。",
            )
    if follow_up.get("opinion") in ("disagree", "refused") and not follow_up.get("reason"):
        word = "不同意" if follow_up["opinion"] == "disagree" else "拒签"
        yield (
            ["closure", "follow_up", "opinion"],
            f"信访人签署“{word}”，回访人必须注明原因：请在 closure.follow_up 下填写 reason。",
        )


def closure_legal(ctx: CaseContext) -> Iterator[Hit]:
    if not ctx.closed or ctx.data["category"] != "litigation":
        return
    legal = _get(ctx.data, "closure", "legal") or {}
    for key, label in [("procedure", "法律程序"), ("document", "法律文书")]:
        if not legal.get(key):
            yield (
                ["closure", "legal"] if legal else _closure_path(ctx),
                f"涉法涉诉案件按法律程序结案，须写明{label}：请在 closure.legal 下填写 {key}。",
            )


def closure_date(ctx: CaseContext) -> Iterator[Hit]:
    if not ctx.closed:
        return
    closed_on = parse_date(_get(ctx.data, "closure", "date"))
    if closed_on is None:
        yield (_closure_path(ctx), "已结案的案件必须写明结案日期：请在 closure 下填写 date。")
        return
    registered = parse_date(ctx.data["registered"])
    if registered and closed_on < registered:
        yield (
            ["closure", "date"],
            f"结案日期 {closed_on} 早于登记日期 {registered}：请核对日期。",
        )
    if closed_on > ctx.as_of:
        yield (
            ["closure", "date"],
            f"结案日期 {closed_on} 晚于统计日期 {ctx.as_of}：不能预先结案，请填写实际结案日期。",
        )


# --- 材料文件 ------------------------------------------------------------------------------------


def _evidence_paths(data: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    for i, item in enumerate(data.get("evidence") or []):
        yield ["evidence", i], item
    record = _get(data, "rehearing", "record")
    if record:
        yield ["rehearing", "record"], record
    report_file = _get(data, "closure", "report", "file")
    if report_file:
        yield ["closure", "report", "file"], report_file


def evidence(ctx: CaseContext) -> Iterator[Hit]:
    root = ctx.root.resolve()
    for path, value in _evidence_paths(ctx.data):
        text = str(value).replace("\\", "/")
        if text.startswith("/") or (len(text) > 1 and text[1] == ":") or ".." in text.split("/"):
            yield (
                path,
                f"材料路径 {value} 必须是仓库内的相对路径（不能以 / 或盘符开头，不能含 ..）："
                f"请把文件放到 evidence/ 下并写相对路径。",
            )
            continue
        target = ctx.root / text
        if not target.resolve().is_relative_to(root):
            yield (path, f"材料路径 {value} 通过链接指向仓库之外：请把文件本身放到 evidence/ 下。")
        elif not target.is_file():
            yield (path, f"材料文件 {value} 在仓库中不存在：请上传该文件，或改正路径。")


# --- 总结验收 ------------------------------------------------------------------------------------


def next_steps(ctx: CaseContext) -> Iterator[Hit]:
    if ctx.closed and ctx.data.get("settled") is True:
        return
    if not ctx.data.get("next_steps"):
        why = "未结案" if not ctx.closed else "已结案但未息诉罢访"
        yield (
            ["status"],
            f"案件{why}，总结验收阶段须有针对性地制定下一步工作措施：请填写 next_steps。",
        )


# --- 稳控、重点、集体访 -----------------------------------------------------------------------------


def territorial(ctx: CaseContext) -> Iterator[Hit]:
    officer = ctx.data["responsibility"].get("stability_officer")
    if not officer:
        return
    localities = {p["locality"] for p in ctx.data["petitioners"]}
    if officer["unit"] not in localities:
        names = "、".join(ctx.campaign.unit_name(code) for code in sorted(localities))
        yield (
            ["responsibility", "stability_officer", "unit"],
            f"稳控责任人来自{ctx.campaign.unit_name(officer['unit'])}，不是信访人所属的{names}："
            f"按属地管理原则，请由信访人所属乡镇或部门的人员担任稳控责任人。",
        )


def _priority_reasons(data: dict[str, Any]) -> list[str]:
    flags = set(data.get("flags") or [])
    reasons = []
    if "group_interest" in flags:
        reasons.append("涉及群体性利益")
    if "repeat" in flags:
        reasons.append("重信重访")
    events = data.get("events") or []
    if any(e["level"] == "beijing" and e.get("abnormal") for e in events):
        reasons.append("有非正常进京访")
    return reasons


def priority_flag(ctx: CaseContext) -> Iterator[Hit]:
    reasons = _priority_reasons(ctx.data)
    if reasons and ctx.data.get("priority") is not True:
        path: Path_ = ["priority"] if "priority" in ctx.data else ["title"]
        yield (path, f"案件{'、'.join(reasons)}，应列为重点案件：请填写 priority: true。")


def priority_lead(ctx: CaseContext) -> Iterator[Hit]:
    if ctx.data.get("priority") is True and not ctx.data["responsibility"].get("lead_official"):
        yield (
            ["priority"],
            "重点案件必须有包案领导全程负责：请在 responsibility 下填写 lead_official。",
        )


def collective_flag(ctx: CaseContext) -> Iterator[Hit]:
    threshold = ctx.campaign.policy.collective_threshold
    flags = set(ctx.data.get("flags") or [])
    for i, event in enumerate(ctx.data.get("events") or []):
        if event["head_count"] >= threshold and "collective" not in flags:
            yield (
                ["events", i, "head_count"],
                f"{event['date']} 的信访有 {event['head_count']} 人，达到集体访人数（{threshold} 人）："
                f"请在 flags 中加上 collective。",
            )
            return


def cross_level_flag(ctx: CaseContext) -> Iterator[Hit]:
    flags = set(ctx.data.get("flags") or [])
    for i, event in enumerate(ctx.data.get("events") or []):
        if event["level"] in ABOVE_COUNTY and "cross_level" not in flags:
            yield (
                ["events", i, "level"],
                f"{event['date']} 的信访到了县以上，属越级访：请在 flags 中加上 cross_level。",
            )
            return


# --- 延期 ----------------------------------------------------------------------------------------


def extensions(ctx: CaseContext) -> Iterator[Hit]:
    extensions = ctx.data.get("extensions") or []
    for i, extension in enumerate(extensions):
        if "new_deadline" not in extension and "days" not in extension:
            yield (["extensions", i], "延期记录没有写延到哪天：请填写 new_deadline 或 days。")
    cap = ctx.campaign.policy.extension_cap_days
    if not extensions or not cap:
        return
    status = deadline_status(ctx.data, ctx.as_of, ctx.campaign.policy, ctx.calendar)
    if status and status.extension_over_cap:
        yield (
            ["extensions"],
            f"累计延期 {status.extension_days} 日，超过上限 {cap} 日：请核对延期记录，"
            f"超出部分须重新报批并说明理由。",
        )
