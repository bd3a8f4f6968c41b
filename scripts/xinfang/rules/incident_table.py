"""The rules on petition events: what makes a visit collective, cross-level or an abnormal visit
to Beijing, joint letters and representatives, and one event counted once (the control targets).

Each rule's ``plan`` names its source first, as in ``table.py``; where the plan and the regulation
are silent, the ``checks`` text says which reading the system takes.
"""

from __future__ import annotations

from . import incidents
from .rule import LAW, PLAN_CLOSURE, PLAN_TARGETS, Rule

INCIDENT_RULES: list[Rule] = [
    Rule(
        "collective-flag",
        "集体访标识",
        "一次走访人数达到活动政策的集体访人数（默认 5 人）的案件标有集体访；来信、电话、联名信不算集体访。"
        "条例没有规定集体访的人数，本系统把人数作为活动设置。",
        f"{PLAN_TARGETS}{LAW}第十八条：多人采用走访形式提出同一信访事项的，应当推选代表。",
        ((None, "warning"),),
        incidents.collective_flag,
    ),
    Rule(
        "cross-level-flag",
        "越级访标识",
        "走访越过了《信访条例》第十六条允许的本级或上一级机关（县里的事项到市走访不是越级，到省、进京才是）的案件标有越级访；"
        "要多计的县在 campaign.yml 写 cross_level_above: county，此后每个数字和每份文件都注明这一设定。来信、电话、网上信访不算越级访。",
        f"{PLAN_TARGETS}{LAW}第十六条：走访应当向依法有权处理的本级或者上一级机关提出。",
        ((None, "warning"),),
        incidents.cross_level_flag,
    ),
    Rule(
        "event-duplicate",
        "同一次信访只记一次",
        "同一次信访（日期、形式、层级、地点和人数相同，且是同一批信访人）在一件案件中或在两件案件中"
        "各写了一次的，提示删去重复的一条；每个数字都只算一次（实施方案和条例都没有规定重复登记怎样"
        "计数，本系统采用此读法）。",
        f"{PLAN_TARGETS}{PLAN_CLOSURE}",
        ((None, "warning"),),
        incidents.duplicate_events,
        on_record=True,
    ),
    Rule(
        "joint-letter",
        "联名信",
        "联名信（form: joint_letter）写明联名人数；联名人数只写在联名信上。",
        f"{LAW}第二条：信访采用书信、电子邮件、传真、电话、走访等形式；联名信是书信，按签名人数登记，不计为集体访（走访）。",
        ((None, "error"),),
        incidents.joint_letter,
    ),
    Rule(
        "representatives",
        "集体访代表人数",
        "集体访的案件标为代表（representative）的信访人不超过 5 人。",
        f"{LAW}第十八条：多人采用走访形式提出同一信访事项的，应当推选代表，代表人数不超过 5 人。",
        ((None, "warning"),),
        incidents.representatives,
    ),
    Rule(
        "abnormal-beijing",
        "非正常进京访",
        "非正常进京访只标在进京走访上并写明地点：到国家信访局等设立或指定的接待场所是正常进京访，"
        "在其他地方（天安门地区、中南海周边、使馆区、拦截车辆等）属非正常进京访。",
        f"{PLAN_TARGETS}{LAW}第十八条：走访应当到有关机关设立或者指定的接待场所提出。",
        ((None, "error"),),
        incidents.abnormal_beijing,
    ),
]
