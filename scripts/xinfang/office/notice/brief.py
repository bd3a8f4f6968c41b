"""The leaders' briefs: the leading group's one-page weekly brief, and a county leader's brief
on the cases they carry. Content as plain data (headings, paragraphs, tables), written as
Markdown here and as Word by ``brief_docx.py``. Key persons appear as counts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...records.labels import LEVEL_ZH, STATUS_ZH, percent
from ...rules.leaders import LeaderView, next_step
from ...rules.weekly import WeeklyBrief
from .build import OFFICE, chinese_date
from .sections import Block, Table

MAX_IDS = 8


@dataclass
class Brief:
    title: str
    byline: str  # who and when, under the title
    sections: list[tuple[str, list[Block]]] = field(default_factory=list)


def _ids(ids: list[str]) -> str:
    return "、".join(ids[:MAX_IDS]) + (f"等 {len(ids)} 件" if len(ids) > MAX_IDS else "")


def weekly(b: WeeklyBrief) -> Brief:
    v, d = b.view, b.duties
    name = v.campaign.unit_name
    start, end = f"{b.start.month}月{b.start.day}日", f"{b.end.month}月{b.end.day}日"
    summary = (
        f"{start}至{end}，新登记案件 {len(b.new_cases)} 件，结案 {len(b.closures)} 件，"
        f"发生越级访、集体访和非正常进京访 {len(b.events)} 起，新发现苗头隐患 {len(b.new_risks)} 件，"
        f"走访帮扶重点人员 {b.contacts} 次。截至{end}，全县登记案件 {v.total} 件，已结案 {v.closed} 件"
        f"（结案率 {percent(v.closed, v.total)}），息诉罢访 {v.settled} 件"
        + (f"，待观察 {v.observing} 件" if v.observing else "")
        + (f"，无法回访 {v.unreachable} 件（未结案）" if v.unreachable else "")
        + "。"
    )
    week: list[Block] = [summary + (v.campaign.policy.cross_level_note or "")]
    if b.new_cases:
        week.append(f"新登记：{_ids([f'{c.id}（{name(c.unit)}）' for c in b.new_cases])}。")
    if b.closures:
        week.append(f"结案：{_ids([c.id for c in b.closures])}。")
    for e in b.events:
        level = LEVEL_ZH.get(e.event.level, e.event.level)
        week.append(
            f"{e.event.date.month}月{e.event.date.day}日，{e.case.id}信访人 "
            f"{e.event.head_count} 人{'进京' if level == '进京' else '到' + level}（{e.what}）。"
        )
    rows = [
        ["超期未结案件", str(len(v.overdue)), _ids([c.id for c in v.overdue])],
        [
            "交办件超期未报结",
            str(len(d.report_backs_overdue)),
            _ids([a.id for a in d.report_backs_overdue]),
        ],
        [
            "督办逾期未回复",
            str(len(d.supervisions_overdue)),
            _ids([a.id for a, _ in d.supervisions_overdue]),
        ],
        ["隐患逾期未复查", str(len(d.reviews_overdue)), _ids([r.id for r in d.reviews_overdue])],
        ["重点人员超过走访间隔", str(d.contacts_overdue), "名单由领导小组办公室掌握"],
    ]
    overdue: list[Block] = [Table(["事项", "数量", "明细"], rows, [4.2, 1.4, 10.0])]
    decide: list[Block] = []
    if d.candidates:
        listed = "、".join(
            f"{c.incident.case_id}（{c.incident.date.month}月{c.incident.date.day}日）"
            for c in d.candidates
        )
        decide.append(
            f"化解期间发生、尚无领导小组决定的越级访、集体访和非正常进京访 {len(d.candidates)} 起："
            f"{listed}；有关事实见《供领导小组研究的事项》（xinfang propose）。"
        )
    decide += [
        f"{r.id}{r.title}：重大隐患，复查已逾期。"
        for r in d.reviews_overdue
        if r.level_on(d.as_of) == "high"
    ]
    sections = [("本周情况", week), ("逾期事项", overdue)]
    if decide:
        sections.append(("需要领导小组研究的事项", decide))
    return Brief(
        "信访问题专项治理活动周报",
        f"{OFFICE}　{chinese_date(b.end)}",
        sections,
    )


def leader(v: LeaderView, as_of_words: str, unit_name: object, note: str | None = None) -> Brief:
    """``note``: the campaign's own count of 越级访, when it is not the regulation's."""
    name = unit_name if callable(unit_name) else (lambda code: code)
    decisions: list[Block] = (
        [
            Table(
                ["编号", "情况", "需要决定或督促的"],
                [[x.ref, x.what, x.why] for x in v.decisions],
                [2.8, 6.0, 6.8],
            )
        ]
        if v.decisions
        else ["目前没有需要决定的事项。"]
    )
    rows = []
    for c in v.cases:
        d = c.deadline
        left = (
            ""
            if c.closed or d is None
            else (f"（超期 {-d.days_left} 天）" if c.overdue else f"（剩 {d.days_left} 天）")
        )
        rows.append(
            [
                f"{c.id} {c.case.title}（{name(c.unit)}，{STATUS_ZH[c.case.status]}）",
                f"{d.effective} {left}".strip() if d else "",  # a space: the date may end a line
                next_step(c),
            ]
        )
    # Three columns on a portrait page, so that 下一步 (what the leader reads for) is the
    # widest: the id, the unit and the state go with the name, the days left with the deadline.
    cases: list[Block] = [
        f"包案 {len(v.cases)} 件，已结案 {v.closed} 件，息诉罢访 {v.settled} 件。",
        Table(["案件（承办单位，状态）", "办结时限", "下一步"], rows, [5.4, 3.0, 7.2]),
    ]
    incidents: list[Block] = [
        f"{i.date.month}月{i.date.day}日{kind}：{i.case_id}，{LEVEL_ZH.get(i.level, i.level)}，{i.head_count} 人。"
        for kind, i in v.incidents
    ] or ["包案案件在活动期间没有越级集体访和非正常进京访。"]
    if note:
        incidents.append(note)
    persons = [
        f"包保重点人员 {v.persons} 人，超过走访间隔 {v.contacts_overdue} 人（名单由领导小组办公室提供）。"
    ]
    return Brief(
        f"{v.name}同志包案情况",
        f"{v.post}　截至{as_of_words}",
        [
            ("需要决定的事项", decisions),
            ("包案案件", cases),
            ("信访事件", incidents),
            ("包保的重点人员", list(persons)),
        ],
    )


def _md_table(table: Table) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "｜").replace("\n", " ") for c in cells) + " |"

    return [line(table.headers), line(["---"] * len(table.headers)), *map(line, table.rows)]


def write_markdown(brief: Brief) -> str:
    out = [f"# {brief.title}", "", f'<p align="center">{brief.byline}</p>']
    for i, (heading, blocks) in enumerate(brief.sections):
        out += ["", f"## {'一二三四五六七八九十'[i]}、{heading}", ""]
        for block in blocks:
            out += (_md_table(block) if isinstance(block, Table) else [block]) + [""]
        out.pop()
    return "\n".join(out) + "\n"
