"""《供领导小组研究的事项》: the program's own list, kept apart from the notice.

Each incident charged during a case's handling that no decision names, with the units jointly
responsible and the facts of the records that bear on the plan's fault element
(``rules/candidates.py``); then the incidents outside any handling, as background. The paper
states facts and says who decides; it proposes no sanction and is not issued. Laid out as the
leaders' briefs (``brief.write_markdown``, ``brief_docx.render``).
"""

from __future__ import annotations

from ...records.labels import LEVEL_ZH
from ...rules.duties_status import DutiesOverview
from ...rules.status import Overview
from ...rules.targets import Incident
from .brief import Brief
from .build import OFFICE, chinese_date, short_date
from .sections import ORDINALS, Block

PLAN = (
    "实施方案五、工作要求：“对责任不落实、处理不到位、敷衍应付、推诿扯皮，使问题得不到解决导致越级上访、"
    "集体上访的，要进行通报批评；造成严重影响的，坚决追究有关领导和直接责任人的责任。”"
)


def _visit(view: Overview, i: Incident) -> str:
    where = "进京" if i.level == "beijing" else f"到{LEVEL_ZH.get(i.level, i.level)}"
    titles = {c.id: c.case.title for c in view.cases}
    return (
        f"{short_date(i.date)}，{i.case_id}（{titles.get(i.case_id, '')}），信访人 {i.head_count} 人"
        f"{where}走访，属{'、'.join(i.kinds)}"
    )


def paper(view: Overview, duties: DutiesOverview) -> Brief:
    name = view.campaign.unit_name
    note = view.campaign.policy.cross_level_note
    about: list[Block] = [
        PLAN,
        "通报批评和责任追究由领导小组研究决定。下列越级访、集体访和非正常进京访发生在案件登记（交办）之后、"
        "结案之前，即实施方案所说的“调处化解期间”，尚无领导小组的决定。每起事件后列出记录中与上述情形"
        "有关的事实，供研究时参考；是否存在上述情形、是否造成严重影响，由领导小组认定。本材料只整理事实，"
        "不是处理意见，不印发。" + (note or ""),
    ]
    items: list[Block] = []
    for n, c in enumerate(duties.candidates):
        units = "、".join(name(u) for u in c.units)
        items.append(
            f"（{ORDINALS[n % 10]}）{_visit(view, c.incident)}。共同承担责任的单位：{units}。"
        )
        items += [f"{k}. {fact}" for k, fact in enumerate(c.facts, start=1)]
        if c.drafted:
            items.append(f"已起草记录 {c.drafted}，待领导小组决定后补全提交。")
    if not items:
        items = [
            f"截至{short_date(view.as_of)}，调处化解期间发生的越级访、集体访和非正常进京访都已有领导小组的决定。"
        ]
    sections = [("说明", about), ("尚未研究的事件和有关事实", items)]
    if view.background:
        sections.append(
            (
                "不计入单位责任的事件（背景）",
                [
                    "以下事件发生在案件登记（交办）之前或结案之后，不属调处化解期间，列出供了解：",
                    *(f"{k}. {_visit(view, i)}。" for k, i in enumerate(view.background, start=1)),
                ],
            )
        )
    sections.append(
        (
            "研究之后",
            [
                "领导小组作出决定的，由办公室用 xinfang propose --write 起草记录，按会议记录写明决定日期、"
                "会议、追究方式、认定的责任情形和事实后提交；下一期通报只点名有这样一份记录的单位。"
            ],
        )
    )
    return Brief("供领导小组研究的事项", f"{OFFICE}　截至{chinese_date(view.as_of)}", sections)
