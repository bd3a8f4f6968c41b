"""The campaign's compliance rules, each with its id, severity by phase, fix and the plan's words.

A rule looks at one case in its context (the campaign, the as-of date) and yields hits: the path of
the offending key and a Chinese message naming the fix. ``check_case`` turns hits into findings
with the severity the rule has on the as-of date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .campaign import Campaign
from .deadlines import deadline_status, parse_date
from .findings import Finding, Severity
from .loader import Loaded, line_of
from .workdays import WorkCalendar

Path_ = list[str | int]
Hit = tuple[Path_, str]

PHASE_NAMES = {
    "mobilize": "宣传发动阶段",
    "registration": "排查建档阶段",
    "resolution": "化解整治阶段",
    "summary": "总结验收阶段",
}
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


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    checks: str  # what the rule checks, for the catalogue
    plan: str  # the plan's (or the law's) own words: the reason for the rule
    levels: tuple[
        tuple[str | None, Severity], ...
    ]  # (phase from whose start, severity); None: always
    check: Callable[[CaseContext], Iterator[Hit]]

    def severity_on(self, campaign: Campaign, as_of: date) -> Severity | None:
        severity: Severity | None = None
        for phase_id, level in self.levels:
            if phase_id is None or campaign.has_started(phase_id, as_of):
                severity = level
        return severity

    def levels_text(self) -> str:
        words = {"error": "错误", "warning": "警告"}
        return "；".join(
            f"{'始终' if p is None else PHASE_NAMES.get(p, p) + '起'}：{words[s]}"
            for p, s in self.levels
        )


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


def _four_clarities(ctx: CaseContext) -> Iterator[Hit]:
    responsibility = ctx.data["responsibility"]
    for key, label in _CLARITIES:
        if not responsibility.get(key):
            yield (
                ["responsibility"],
                f"四明确未落实：缺少“{label}”：请在 responsibility 下填写 {key}。",
            )


# --- 化解：谈话记录、调查和症结 --------------------------------------------------------------------


def _rehearing(ctx: CaseContext) -> Iterator[Hit]:
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


def _investigation(ctx: CaseContext) -> Iterator[Hit]:
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


def _closure_report(ctx: CaseContext) -> Iterator[Hit]:
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


def _closure_seal_signatures(ctx: CaseContext) -> Iterator[Hit]:
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


def _closure_follow_up(ctx: CaseContext) -> Iterator[Hit]:
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


def _closure_legal(ctx: CaseContext) -> Iterator[Hit]:
    if not ctx.closed or ctx.data["category"] != "litigation":
        return
    legal = _get(ctx.data, "closure", "legal") or {}
    for key, label in [("procedure", "法律程序"), ("document", "法律文书")]:
        if not legal.get(key):
            yield (
                ["closure", "legal"] if legal else _closure_path(ctx),
                f"涉法涉诉案件按法律程序结案，须写明{label}：请在 closure.legal 下填写 {key}。",
            )


def _closure_date(ctx: CaseContext) -> Iterator[Hit]:
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


def _evidence(ctx: CaseContext) -> Iterator[Hit]:
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


def _next_steps(ctx: CaseContext) -> Iterator[Hit]:
    if ctx.closed and ctx.data.get("settled") is True:
        return
    if not ctx.data.get("next_steps"):
        why = "未结案" if not ctx.closed else "已结案但未息诉罢访"
        yield (
            ["status"],
            f"案件{why}，总结验收阶段须有针对性地制定下一步工作措施：请填写 next_steps。",
        )


# --- 稳控、重点、集体访 -----------------------------------------------------------------------------


def _territorial(ctx: CaseContext) -> Iterator[Hit]:
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


def _priority_flag(ctx: CaseContext) -> Iterator[Hit]:
    reasons = _priority_reasons(ctx.data)
    if reasons and ctx.data.get("priority") is not True:
        path: Path_ = ["priority"] if "priority" in ctx.data else ["title"]
        yield (path, f"案件{'、'.join(reasons)}，应列为重点案件：请填写 priority: true。")


def _priority_lead(ctx: CaseContext) -> Iterator[Hit]:
    if ctx.data.get("priority") is True and not ctx.data["responsibility"].get("lead_official"):
        yield (
            ["priority"],
            "重点案件必须有包案领导全程负责：请在 responsibility 下填写 lead_official。",
        )


def _collective_flag(ctx: CaseContext) -> Iterator[Hit]:
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


def _cross_level_flag(ctx: CaseContext) -> Iterator[Hit]:
    flags = set(ctx.data.get("flags") or [])
    for i, event in enumerate(ctx.data.get("events") or []):
        if event["level"] in ABOVE_COUNTY and "cross_level" not in flags:
            yield (
                ["events", i, "level"],
                f"{event['date']} 的信访到了县以上，属越级访：请在 flags 中加上 cross_level。",
            )
            return


# --- 延期 ----------------------------------------------------------------------------------------


def _extensions(ctx: CaseContext) -> Iterator[Hit]:
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


PLAN_REGISTER = "对排查出的信访问题，要登记造册，建立台帐，逐案落实承办单位、包案领导和具体责任人、稳控责任人，明确办结时限，提出具体工作要求。"
PLAN_CLOSURE = "所有案件的办理要严格程序和结案标准，保证每个案件文字材料齐全，程序完备合法。"

RULES: list[Rule] = [
    Rule(
        "four-clarities",
        "四明确",
        "每件案件都落实了承办单位、包案领导、具体责任人、稳控责任人、办结时限和具体工作要求。",
        PLAN_REGISTER,
        (("registration", "warning"), ("resolution", "error")),
        _four_clarities,
    ),
    Rule(
        "rehearing-record",
        "谈话记录",
        "化解中和已结案的案件有再次听取申诉的谈话记录（日期、谈话人、记录文件）。",
        "责任单位对分包的案件，不管是新问题还是老问题，都要再认真听取一次信访人的申诉（要形成谈话记录）。",
        (("resolution", "warning"), ("summary", "error")),
        _rehearing,
    ),
    Rule(
        "investigation-before-closure",
        "调查与症结",
        "已结案的案件写明了调查核实情况和症结分析。",
        "对信访人反映的问题进行全面调查核实……形成文字材料，分析症结，查找原因，决不能笼统、简单地把责任归咎于信访人及其他客观原因。",
        ((None, "error"),),
        _investigation,
    ),
    Rule(
        "closure-report",
        "结案要件一：报告内容",
        "已结案的非涉法涉诉案件，结案报告写明信访人反映的问题、调查情况和处理意见或复查意见。",
        "其他案件结案报告必须具备以下内容：一是信访人反映的问题、调查情况、责任单位处理意见或复查意见。",
        ((None, "error"),),
        _closure_report,
    ),
    Rule(
        "closure-seal-signatures",
        "结案要件二：公章和签字",
        "已结案的非涉法涉诉案件，结案报告加盖公章，并有责任单位领导和具体办理责任人签字。",
        "二是除加盖公章外，要有责任单位领导和具体办理责任人的签字。",
        ((None, "error"),),
        _closure_seal_signatures,
    ),
    Rule(
        "closure-follow-up",
        "结案要件三：回访意见",
        "已结案的非涉法涉诉案件有信访人签字的回访意见；签“不同意”或拒签的，回访人注明原因。",
        "三是要有信访人签字的回访意见，信访人签署“不同意”和拒签的，回访人要注明原因。凡不具备上述要件的，不能结案。",
        ((None, "error"),),
        _closure_follow_up,
    ),
    Rule(
        "closure-legal",
        "涉法涉诉结案",
        "已结案的涉法涉诉案件写明所依据的法律程序和法律文书（免于上述三项要件）。",
        "除涉法涉诉案件严格按法律规定办理外，其他案件结案报告必须具备以下内容。",
        ((None, "error"),),
        _closure_legal,
    ),
    Rule(
        "closure-date",
        "结案日期",
        "已结案的案件有结案日期，且不早于登记日期、不晚于统计日期。",
        PLAN_CLOSURE,
        ((None, "error"),),
        _closure_date,
    ),
    Rule(
        "evidence-files",
        "材料文件",
        "记录中写到的谈话记录、结案报告和证据材料都是仓库内存在的文件（不用绝对路径、不含 ..、不链接到仓库外）。",
        PLAN_CLOSURE,
        ((None, "error"),),
        _evidence,
    ),
    Rule(
        "next-steps",
        "下一步工作措施",
        "总结验收阶段，未结案或未息诉罢访的案件有下一步工作措施。",
        "对所包案件没能结案或没能息诉罢访的，有针对性地制定下一步工作措施。",
        (("summary", "error"),),
        _next_steps,
    ),
    Rule(
        "territorial-stability",
        "属地稳控",
        "稳控责任人来自信访人所属的乡镇或部门。",
        "稳控责任坚持“属地管理”原则，由信访人所属部门、乡镇负责。",
        ((None, "warning"),),
        _territorial,
    ),
    Rule(
        "priority-flag",
        "重点案件标识",
        "涉及群体性利益、重信重访或有非正常进京访的案件标为重点案件。",
        "要把那些涉及群体性利益、屡次重信重访、非正常进京访的案件做为工作重点，首先抓紧办好。",
        ((None, "warning"),),
        _priority_flag,
    ),
    Rule(
        "priority-lead",
        "重点案件包案领导",
        "重点案件有包案领导。",
        "包案的各级领导对所分包的信访案件要全程负责，直到“案结事了，息诉罢访”。",
        ((None, "error"),),
        _priority_lead,
    ),
    Rule(
        "collective-flag",
        "集体访标识",
        "一次信访人数达到活动政策的集体访人数（默认 5 人）的案件标有集体访。",
        "坚决防止越级集体访和非正常进京访的发生。",
        ((None, "warning"),),
        _collective_flag,
    ),
    Rule(
        "cross-level-flag",
        "越级访标识",
        "到市、省或进京信访的案件标有越级访。",
        "坚决防止越级集体访和非正常进京访的发生。",
        ((None, "warning"),),
        _cross_level_flag,
    ),
    Rule(
        "extension",
        "延期",
        "延期记录写明延到哪天（新时限或天数），累计延期不超过活动政策的上限（默认 30 日）。",
        "《信访条例》第三十三条：情况复杂的，经本行政机关负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。",
        ((None, "error"),),
        _extensions,
    ),
]

RULES_BY_ID = {rule.id: rule for rule in RULES}


def check_case(ctx: CaseContext) -> list[Finding]:
    found = []
    for rule in RULES:
        severity = rule.severity_on(ctx.campaign, ctx.as_of)
        if severity is None:
            continue
        for path, message in rule.check(ctx):
            line = line_of(ctx.data, path)
            found.append(Finding(ctx.record.rel, line, rule.id, severity, message))
    return found
