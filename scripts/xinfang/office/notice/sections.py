"""The sections of the office's notice, as paragraphs and tables, from the overview and findings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ...campaign.phases import has_started
from ...campaign.statutory import campaign_regulations
from ...findings import Finding
from ...records.accountability import Action
from ...records.duty_labels import FAULT_ZH
from ...records.labels import LEVEL_ZH, percent, percent_value, ratio
from ...records.repository import Repository
from ...rules.status import Overview, UnitStatus
from ...rules.table import RULES_BY_ID
from ...rules.targets import BACKGROUND, Incident

MAX_IDS = 8  # case ids listed in one sentence before “等”
ORDINALS = "一二三四五六七八九十"
#: Rules that are about what the plan calls compliance: the 四明确 and the closure standard.
COMPLIANCE_RULES = (
    "four-clarities",
    "rehearing-record",
    "investigation-before-closure",
    "closure-report",
    "closure-seal-signatures",
    "closure-follow-up",
    "closure-legal",
    "closure-date",
    "evidence-files",
    "next-steps",
    "priority-lead",
    "county-lead",
    "territorial-stability",
    "deadline-in-phase",
    "extension",
    "statutory-handling",
    "signature-leader",
    "signature-handler",
    "follow-up-before-closure",
    "settled-verified",
    "anonymous",
)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)  # centimetres, for Word


Block = str | Table


def _day(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _ids(ids: list[str]) -> str:
    shown = "、".join(ids[:MAX_IDS])
    return shown + (f"等 {len(ids)} 件" if len(ids) > MAX_IDS else "")


def _gaps(unit: UnitStatus) -> list[str]:
    out = []
    for state, word in (("missing", "逾期未报"), ("late", "逾期报送")):
        names = [f"“{o.milestone.label}”" for o in unit.obligations if o.state == state]
        if names:
            out.append(f"{''.join(names)}{word}")
    return out


def progress_table(view: Overview) -> list[Block]:
    rows = []
    for i, u in enumerate(view.units, start=1):
        reports = "；".join(_gaps(u)) or "按时上报"
        rows.append(
            [
                str(i),
                u.name,
                str(u.cases),
                str(u.closed),
                percent_value(u.closed, u.cases),
                str(u.settled),
                str(u.overdue),
                reports,
            ]
        )
    # Only units with cases due by the as-of date are compared: a unit whose cases are not yet
    # due has not had the chance to close them.
    ranked = [u for u in view.units if u.due]
    blocks: list[Block] = []
    if ranked:
        rate = {u.code: ratio(u.closed, u.cases) for u in ranked}
        best, worst = max(rate.values()), min(rate.values())

        def named(value: float) -> str:
            return "、".join(
                f"{u.name} {percent(u.closed, u.cases)}" for u in ranked if rate[u.code] == value
            )

        blocks.append(
            f"截至{_day(view.as_of)}有案件到办结时限的 {len(ranked)} 个单位中，结案率（已结案件数与"
            f"登记案件数之比）最高的是{named(best)}，最低的是{named(worst)}。"
            f"各单位案件办理和材料上报情况见下表。"
        )
    headers = ["序号", "单位", "案件", "已结案", "结案率", "息诉罢访", "超期", "上报材料"]
    blocks.append(Table(headers, rows, [1.1, 2.7, 1.1, 1.5, 1.6, 1.9, 1.1, 4.6]))
    return blocks


def overdue_section(view: Overview) -> list[Block]:
    """督办: the cases past their 办结时限, which the office follows up case by case."""
    cases = view.overdue
    if not cases:
        return [f"截至{_day(view.as_of)}，没有超期未结案件。"]
    units = {c.unit for c in cases}
    text = (
        f"截至{_day(view.as_of)}，超期未结案件 {len(cases)} 件，涉及 {len(units)} 个单位。"
        f"这些案件已超过登记时明确的办结时限（含期限内批准的延期；上级交办的案件以交办机关要求的"
        f"报结期限为准，两者取较早的），由县领导小组办公室逐案督办，"
        f"承办单位和包案领导要逐案说明原因、明确办结时间。"
    )
    rows = []
    for c in cases:
        d = c.deadline
        lead = c.case.responsibility.lead_official or "未明确"
        rows.append([
            c.id, c.case.title, view.campaign.unit_name(c.unit), lead,
            d.effective.isoformat() if d else "", str(-d.days_left) if d else "",
        ])  # fmt: skip
    headers = ["编号", "案件名称", "承办单位", "包案领导", "办结时限", "超期天数"]
    return [text, Table(headers, rows, [3.2, 4.6, 2.6, 1.6, 2.3, 1.3])]


def reminders_section(view: Overview) -> list[Block]:
    """提醒: cases due soon and reports not yet made or made late."""
    blocks: list[Block] = []
    soon = view.due_soon
    days = view.campaign.policy.due_soon_days
    if soon:
        listing = "、".join(
            f"{c.id}（{view.campaign.unit_name(c.unit)}，{_day(c.deadline.effective)}）"
            for c in soon
            if c.deadline
        )
        blocks.append(
            f"（一）{days} 日内到期的案件 {len(soon)} 件：{listing}。请承办单位按期办结。"
        )
    late = [(u.name, _gaps(u)) for u in view.units if _gaps(u)]
    if late:
        listing = "；".join(f"{name}{'，'.join(gaps)}" for name, gaps in late)
        number = "（二）" if soon else "（一）"
        blocks.append(f"{number}阶段材料上报：{listing}。请尽快补报。")
    return blocks or [f"没有 {days} 日内到期的案件，阶段材料均按时上报。"]


def compliance_section(view: Overview, findings: list[Finding], repo: Repository) -> list[Block]:
    by_file = {c.rel: c for c in repo.cases}
    hits: dict[str, dict[str, str]] = defaultdict(dict)  # rule → case id → unit
    for f in findings:
        case = by_file.get(f.file)
        if f.rule in COMPLIANCE_RULES and case is not None:
            hits[f.rule][case.id] = case.unit
    blocks: list[Block] = []
    laws = campaign_regulations(view.campaign)  # the law of the campaign's dates only
    n = 0
    for rule_id in COMPLIANCE_RULES:
        cases = hits.get(rule_id)
        if not cases:
            continue
        rule = RULES_BY_ID[rule_id]
        units = "、".join(dict.fromkeys(view.campaign.unit_name(u) for u in cases.values()))
        blocks.append(
            f"（{ORDINALS[n % 10]}）{rule.name}：{len(cases)} 件（{_ids(sorted(cases))}），"
            f"涉及{units}。要求：{rule.requirement(laws)}"
        )
        n += 1
    if not blocks:
        return ["各单位案件的“四明确”和结案要件均已落实。"]
    opening = (
        "对照实施方案“逐案落实承办单位、包案领导和具体责任人、稳控责任人，明确办结时限”和"
        "结案标准“凡不具备上述要件的，不能结案”的要求，经系统检查，存在以下问题："
    )
    return [opening, *blocks]


def _units_of(view: Overview, x: Incident) -> str:
    name = view.campaign.unit_name
    home = "、".join(name(code) for code in x.home_units if code != x.unit)
    return f"{name(x.unit)}承办" + (f"、信访人属{home}" if home else "")


def incidents_section(view: Overview) -> list[Block]:
    """Every visit that was 越级, 集体 or a 非正常进京访 in the target window, each once, with
    both units; a visit outside its case's handling is background, charged to no unit."""
    window = view.campaign.targets
    span = f"{_day(window.start)}至{_day(min(window.end, view.as_of))}"
    note = view.campaign.policy.cross_level_note
    if not view.incidents:
        return [f"{span}，未发生越级访、集体访和非正常进京访。"]
    titles = {c.id: c.case.title for c in view.cases}
    blocks: list[Block] = [
        f"{span}，发生越级集体访 {len(view.cross_level_collective)} 起、非正常进京访 "
        f"{len(view.abnormal_beijing)} 起（目标均为零）；另有越级访 {len(view.cross_level)} 起、"
        f"集体访 {len(view.collective)} 起（均指走访，一次走访只计一起）。"
        + (note or "")
        + "按实施方案，“在调处化解期间出现问题，信访人所属部门、乡镇和调处化解责任单位要共同承担"
        "责任”：案件登记（交办）之后、结案之前发生的，列明两者；之前或之后发生的，作为背景列出。"
    ]
    for i, x in enumerate(view.incidents, start=1):
        level = LEVEL_ZH.get(x.level, x.level)
        where = "进京" if x.level == "beijing" else f"到{level}"
        blocks.append(
            f"{i}. {_day(x.date)}，{x.case_id}（{titles.get(x.case_id, '')}，{_units_of(view, x)}）"
            f"信访人 {x.head_count} 人{where}走访，属{'、'.join(x.kinds)}"
            + ("。" if x.charged else f"（{BACKGROUND}）。")
        )
    return blocks


def named_units(view: Overview, decisions: list[Action]) -> list[Block]:
    """通报批评: only the units the leading group decided on (a whole decision record not yet
    issued), each with who decided, when, at which meeting and on which facts."""
    if not decisions:
        return [
            f"截至{_day(view.as_of)}，领导小组没有尚未印发的通报批评决定，本期通报不点名批评任何单位。"
            "化解期间发生的越级访、集体访及与之有关的事实，已另行整理为《供领导小组研究的事项》"
            "（xinfang propose），由领导小组研究认定。"
        ]
    name = view.campaign.unit_name
    blocks: list[Block] = []
    for i, a in enumerate(decisions):
        units = "、".join(name(u) for u in a.units)
        faults = "、".join(FAULT_ZH.get(f, f) for f in a.fault)
        refs = "、".join(f"{r.case}（{_day(r.date)}）" for r in a.incidents)
        blocks.append(
            f"（{ORDINALS[i % 10]}）经{a.by}（{a.meeting}，{_day(a.date)}）研究，认定{units}存在"
            f"{faults}的问题，决定予以通报批评。认定的事实：{''.join(_sentence(f) for f in a.facts)}"
            + (f"（关联事件：{refs}）" if refs else "")
        )
    days = view.campaign.policy.rectification_days
    if days:
        blocks.append(
            f"被通报批评的单位要在 {days} 个工作日内将整改措施书面报县领导小组办公室（县信访局）。"
        )
    opening = (
        "根据实施方案“对责任不落实、处理不到位、敷衍应付、推诿扯皮，使问题得不到解决导致越级上访、"
        "集体上访的，要进行通报批评”的要求，领导小组研究决定："
    )
    return [opening, *blocks]


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


def requirements(view: Overview) -> list[Block]:
    campaign = view.campaign
    upcoming = [m for m in campaign.milestones if m.due >= view.as_of]
    items = [
        "抓紧办结超期案件。超期案件的承办单位和包案领导要逐案明确办结时间；期限已过的不能再延期。"
        "临期案件确需延期的，须在期限届满前经批准办理延期手续并告知信访人，累计延期不得超过 "
        f"{campaign.policy.extension_cap_days} 日；上级交办案件的报结期限以交办机关的要求为准。",
        "严格执行结案标准。结案报告须写明信访人反映的问题、调查情况和处理意见，加盖公章并有单位领导和"
        "具体办理责任人签字，附信访人签字的回访意见；凡不具备上述要件的，不能结案。",
        "落实属地责任。信访人所属乡镇、部门要对重点案件明确专人负责，帮助信访人解决实际问题，"
        "引导其依法逐级反映诉求，不得限制其依法信访的权利。",
    ]
    if upcoming:
        nxt = upcoming[0]
        items.append(
            f"按时上报阶段材料。各单位要于{_day(nxt.due)}前向县领导小组办公室（县信访局）{nxt.name}。"
        )
    if has_started(campaign, "summary", view.as_of):
        items.append(
            "做好总结验收。对未结案或未息诉罢访的案件，有针对性地制定下一步工作措施，写入案件记录。"
        )
    items.append(
        "县领导小组将不定期督查督导；对造成严重影响的，坚决追究有关领导和直接责任人的责任。"
    )
    return [f"{i}. {text}" for i, text in enumerate(items, start=1)]
