"""Synthetic case repositories for the benchmarks: a campaign, its schemas and N valid cases.

``generate(root, n, seed)`` writes a complete repository into ``root``: the project's
``campaign.yml`` and ``schema/``, and ``n`` case records ``cases/XF2008-<UNIT>-<NNNNN>.yml`` of
about 1.5 KB each (1.0 to 2.4 KB). The cases are varied (the three natures, some assigned by the
city or province; registered, in progress and closed;
collective and cross-level visits, joint letters, Beijing visits lawful and not; extensions;
agreed, disagreed and refused follow-ups; litigation closed by legal procedure) and consistent,
so that ``xinfang check --as-of 2008-07-20`` finds nothing in them:

- units and lead officials come from ``campaign.yml``; every petitioner's locality is the
  stability officer's unit (属地管理); a task force or a major case has a county-level lead;
- every date is a quoted 'YYYY-MM-DD' in 2008, mostly on working days, in order (received ≤ events ≤
  registered ≤ rehearing ≤ progress, follow-up ≤ closure ≤ as-of), and registration falls in the
  campaign; no petition is online (the national online intake opened in 2009), and petitions
  were received before the campaign (so none needs its acceptance notice); cases registered
  a week or more after the registration phase are marked ``reported_later``;
- open cases are due after the as-of date plus the due-soon window, with the reason a deadline
  past the resolution phase needs; closed ones closed in time;
- flags agree with the visits (repeat; cross-level above the policy's level and collective at its
  head count, both for visits only); a visit to Beijing names its place, and only one outside the
  reception places is a 非正常进京访;
- cases in hand carry the written material (facts, basis, the petitioner's reasons, state of
  mind and living conditions, the cause and where it lies); a case handled by law names the act
  and the decision;
- closed cases carry a full closure (report, seal, the unit leader's and the handler's signatures,
  a follow-up in person before the closure with the petitioner's signed opinion, and a reason
  when it is not "agree"; litigation adds ``legal``); only agreed closures are settled; unsettled cases carry
  ``next_steps``; every case names its rehearing record (谈话记录), which is written to
  ``evidence/谈话记录/<id>.txt``; no case lists other evidence;
- personal numbers are invented so that they belong to nobody: phones in the unassigned 154
  block (see the staff guide);
- ``.github/CODEOWNERS`` and ``.gitea/CODEOWNERS`` are written as ``xinfang codeowners --write``
  would write them.

The output depends only on ``n`` and ``seed``. Run as a script::

    python benchmarks/generate_cases.py OUT_DIR [-n N] [--seed S]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import shutil
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import yaml

PROJECT = Path(__file__).resolve().parent.parent
AS_OF = date(2008, 7, 20)
DUE_SOON_MARGIN = 10  # open cases are due at least this many days after AS_OF
# Registered later than this (a week after the registration phase): marked as a new problem.
REPORTED_LATER_AFTER = date(2008, 4, 27)
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/case.schema.json\n"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国秀英桂芳长河春生文静庆丰明亮志强丽华德胜晓红海波振宇玉兰国强丽萍雪梅美玲立新淑珍永刚金凤宝山红霞保国素芬家富翠兰"
VILLAGES = [
    "北街村", "南关村", "东风村", "红旗村", "前进村", "柳林村", "王庄村", "李家湾村",
    "石门村", "青龙村", "杨树沟村", "河口村", "新华村", "大营村", "小张庄村", "姚店村",
]  # fmt: skip
GROUPS = "一二三四五六七八九"
TOWN_PLACES = ["东街社区", "西关社区", "文化路社区", "纺织厂家属院"]
PLACES = ["信访接待室", "群众工作站", "村委会", "信访人家中", "联合接访中心"]
BEIJING_PLACES = ["tiananmen", "zhongnanhai"]  # outside the reception places: 非正常进京访
CAMPAIGN_START = date(2008, 4, 12)
MINDS = [
    "对处理意见基本认可，情绪平稳。",
    "急于解决问题，对拖延不满。",
    "对原处理有抵触，经解释后有所缓和。",
]
LIVINGS = ["务农，家庭收入一般。", "外出务工，家中有老人和学生。", "年纪较大，靠子女和低保生活。"]
BASES = ["原处理依据当时的政策作出。", "新问题，无原处理意见；按现行政策和有关规定处理。"]


@dataclass(frozen=True)
class Topic:
    """A kind of problem: how its title, demand and closure read, and which departments own it."""

    category: str
    title: str  # {place}: where the petitioners come from
    demand: str
    about: str
    owners: tuple[str, ...]  # departments that may handle it, besides the petitioners' township
    investigation: str
    root_cause: str
    finding: str  # the closure report's 调查情况, in brief
    opinion: str


TOPICS = [
    Topic(
        "prominent",
        "{place}{who}反映征地补偿款未足额发放",
        "反映 {year} 年修路征地每亩少发补偿款 {money} 元，要求补足差额。",
        "{town}人民政府",
        ("D07", "D08"),
        "经调取征地档案，{k} 户补偿款按旧标准计算，属政策执行偏差。",
        "征地单位未执行新标准，乡镇监督不到位。",
        "{k} 户按旧标准计算属实。",
        "按现行标准补发差额，{month} 月底前发放到位。",
    ),
    Topic(
        "prominent",
        "{place}{who}反映村务不公开要求清查账目",
        "反映近 {k} 年村集体收支未公开，承包费去向不明，要求审计。",
        "{place}村民委员会",
        ("D06",),
        "经管站审计发现 {k} 笔承包费入账不及时，未发现侵占。",
        "村级财务管理不规范，村务公开流于形式。",
        "入账不及时属实，未发现侵占。",
        "限期公开近三年账目，经管站每季度抽查。",
    ),
    Topic(
        "litigation",
        "{place}{who}不服民事判决反复申诉",
        "不服 {year} 年宅基地纠纷判决，认为认定事实不清，要求再审。",
        "县人民法院",
        ("D01", "D02", "D03", "D05"),
        "经调阅卷宗，原判决认定事实清楚，{k} 项申诉理由均无新证据。",
        "信访人不了解法律程序，前期释法工作不够。",
        "原判决认定事实清楚。",
        "告知申请再审途径，安排法律援助律师解答。",
    ),
    Topic(
        "litigation",
        "{place}{who}反映交通事故赔偿执行不到位",
        "反映 {year} 年交通事故赔偿判决生效后 {money} 元至今未执行到位。",
        "县人民法院、县公安局",
        ("D01", "D02", "D04"),
        "被执行人名下无可供执行财产，法院已限制高消费，程序合法。",
        "被执行人无履行能力，申请人对执行进展不了解。",
        "执行程序合法，暂无可执行财产。",
        "继续查控财产，按规定给予临时救助。",
    ),
    Topic(
        "assigned",
        "市交办：{place}{who}反映拖欠工资",
        "反映在县城工地务工被拖欠工资 {money} 元，要求建设单位代付。",
        "县发展改革局",
        ("D08", "D06"),
        "经核实，{k} 名务工人员被拖欠工资属实，总包单位监管不力。",
        "分包单位违规转包，工资保证金制度未落实。",
        "拖欠工资属实。",
        "责令总包单位先行垫付，{month} 月底前付清。",
    ),
    Topic(
        "assigned",
        "省交办：{place}{who}反映低保评定不公",
        "反映 {k} 户条件较好的村干部亲属享受低保，要求重新评定。",
        "{town}人民政府",
        ("D06",),
        "经入户核查，其中 2 户不符合条件，其余符合条件。",
        "低保评定未严格执行民主评议和公示程序。",
        "2 户不符合条件。",
        "取消不符合条件的低保，重新评议并公示。",
    ),
    Topic(
        "hotspot",
        "{place}{who}反映养殖场污染饮用水源",
        "反映养殖场粪污直排河道，{k} 户水井发臭，要求关停或治理。",
        "{town}人民政府",
        ("D08",),
        "经现场检查和水质检测，养殖场治污设施不全，水井氨氮超标。",
        "养殖场未配套治污设施，环保监管缺位。",
        "污染属实。",
        "限期建设治污设施，为受影响农户接通自来水。",
    ),
    Topic(
        "hotspot",
        "{place}{who}反映危房改造补助未到位",
        "反映 {year} 年危房改造已验收，{money} 元补助至今未发，要求兑现。",
        "{town}人民政府",
        ("D08", "D06"),
        "补助已下拨乡镇财政所，因验收资料不全暂缓发放，涉及 {k} 户。",
        "验收资料整理滞后，未及时告知农户原因。",
        "补助暂缓发放属实。",
        "补齐资料，{month} 月中旬前打卡发放到户。",
    ),
]

PROGRESS_NOTES = [
    "座谈听取诉求。",
    "调取档案核对情况。",
    "召开协调会研究意见。",
    "入户走访解释政策。",
    "现场查看提出意见。",
    "书面反馈调查情况。",
]
REQUIREMENTS = [
    "查清事实，按期提出处理意见。",
    "包案领导接谈，依法解决合理诉求。",
    "联合调查，结果书面告知信访人。",
]
NEXT_STEPS = [
    "继续稳控，每半月走访一次。",
    "督促落实处理意见后回访。",
    "包案领导再次接谈，引导依法解决。",
]
REFUSALS = {
    "disagree": "信访人认为处理偏轻，坚持原诉求。",
    "refused": "信访人对结果有异议，拒绝签字。",
}
LEGAL = [
    ("申诉再审", "（2008）某民监字第 {k} 号驳回再审申请通知书"),
    ("诉讼", "（2008）某民初字第 {k} 号民事判决书"),
    ("强制执行", "（2008）某执字第 {k} 号执行裁定书"),
    ("行政复议", "某政复决字〔2008〕{k} 号行政复议决定书"),
]


@functools.cache
def _is_workday(day: date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def _campaign(path: Path) -> tuple[dict[str, dict[str, Any]], list[str], int]:
    """Units by code (name, kind, leaders), county leaders, and the collective-visit threshold."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    units = {
        u["code"]: {
            "name": u["name"],
            "kind": u["kind"],
            "leaders": [leader["name"] for leader in u.get("leaders", [])],
        }
        for u in data["units"]
    }
    leaders = [leader["name"] for leader in data.get("leaders", [])]
    threshold = int(data.get("policies", {}).get("collective_threshold", 5))
    return units, leaders, threshold


LEVELS = ["county", "city", "province", "beijing"]
RESOLUTION_END = date(2008, 7, 15)
DEADLINE_REASONS = [
    "须待县政府常务会研究处理方案，化解整治阶段内无法办结。",
    "登记时化解整治阶段将尽，按 60 日确定办结时限。",
]


class _Case:
    """One synthetic case, rendered straight to YAML text."""

    def __init__(self, rng: random.Random, ctx: _Context, case_id: str, unit: str, home: str):
        self.rng, self.ctx = rng, ctx
        self.id, self.unit, self.home = case_id, unit, home
        self.talk_record: str | None = None  # the rehearing record's text, when there is one

    def person(self) -> str:
        rng = self.rng
        given = rng.randrange(len(GIVEN) // 2)
        name = rng.choice(SURNAMES) + GIVEN[2 * given : 2 * given + 2]
        return name if rng.random() < 0.7 else name[:2]

    def record_path(self) -> str:
        """The rehearing record (谈话记录), a file the generator writes beside the case."""
        return f"evidence/谈话记录/{self.id}.txt"

    def working_day(self, start: date, end: date) -> date:
        """A working day in [start, end] (end itself when the range has none)."""
        span = (end - start).days
        day = start + timedelta(days=self.rng.randint(0, max(span, 0)))
        while not _is_workday(day) and day < end:
            day += timedelta(days=1)
        return day

    def render(self, category: str, status: str) -> str:
        rng, ctx = self.rng, self.ctx
        topic = rng.choice([t for t in TOPICS if t.category == category])
        rural = ctx.units[self.home]["kind"] == "township"
        town = ctx.units[self.home]["name"] if rural else "县城"
        place = rng.choice(VILLAGES) if rural else rng.choice(TOWN_PLACES)
        fill = {
            "place": place,
            "who": "村民" if rural else "居民",
            "town": town,
            "year": rng.choice(["2005", "2006", "2007"]),
            "money": rng.choice(["3000", "4800", "8000", "12000", "26000"]),
            "k": str(rng.randint(2, 19)),
            "month": rng.choice(["6", "7"]),
        }

        # Dates, from the status backwards: open cases are due after the as-of date.
        days_allowed = ctx.default_days[category]
        extension = 0
        if status == "closed":
            if rng.random() < 0.8:
                registered = self.working_day(date(2008, 4, 14), date(2008, 4, 18))
            else:
                registered = self.working_day(date(2008, 4, 21), date(2008, 5, 16))
            deadline = registered + timedelta(days=days_allowed - rng.randint(0, 10))
            deadline = self.working_day(deadline, deadline + timedelta(days=7))
            if rng.random() < 0.1:
                extension = rng.choice([15, 20, 30])
            due = deadline + timedelta(days=extension)
            closed_latest = min(due, AS_OF - timedelta(days=8))
            closed_on = self.working_day(
                max(registered + timedelta(days=20), closed_latest - timedelta(days=30)),
                closed_latest,
            )
        else:
            earliest_due = AS_OF + timedelta(days=DUE_SOON_MARGIN)
            earliest = max(earliest_due - timedelta(days=days_allowed - 1), date(2008, 4, 14))
            latest = AS_OF - timedelta(days=3 if status == "registered" else 25)
            if status == "registered":
                earliest = max(earliest, date(2008, 7, 1))
            registered = self.working_day(earliest, latest)
            deadline = registered + timedelta(days=days_allowed - rng.randint(0, 5))
            if deadline < earliest_due:
                deadline = earliest_due
            deadline = self.working_day(deadline, deadline + timedelta(days=7))
            closed_on = None
        received = self.working_day(date(2008, 1, 3), registered - timedelta(days=10))

        # Petitioners and visits.
        collective = rng.random() < 0.25
        head_count = rng.randint(ctx.threshold, 40) if collective else rng.randint(1, 3)
        n_pet = min(head_count, rng.randint(2, 3) if collective else rng.choice([1, 1, 1, 2]))
        n_events = rng.choices([1, 2, 3], [7, 2, 1])[0]
        visit_days = sorted(
            {received} | {self.working_day(received, registered) for _ in range(n_events - 1)}
        )
        events: list[tuple[date, str, str, int, bool]] = []
        for k, day in enumerate(visit_days):
            form = "visit" if collective or k else rng.choice(["visit", "letter", "phone"])
            level = "county"
            if k and rng.random() < 0.3:
                level = rng.choice(["city", "city", "province", "beijing"])
            count = rng.randint(ctx.threshold, head_count) if collective and k == 0 else 1
            if collective and k and form == "visit":
                count = rng.randint(1, ctx.threshold - 1)
            events.append((day, form, level, count, level == "beijing" and rng.random() < 0.5))
        if collective and rng.random() < 0.3:  # the group wrote a joint letter first
            events.insert(0, (received, "joint_letter", "county", 1, False))
        visits = [e for e in events if e[1] == "visit"]
        flags = []
        if len(events) > 1:
            flags.append("repeat")
        if any(LEVELS.index(e[2]) > LEVELS.index(ctx.cross_level_above) for e in visits):
            flags.append("cross_level")
        if any(e[3] >= ctx.threshold for e in visits):
            flags.append("collective")
        if received < date(2008, 2, 1) and len(events) > 2:
            flags.append("long_term")
        if collective:
            flags.append("group_interest")
        grade = (
            "major"
            if "cross_level" in flags and collective
            else rng.choice(["significant", "general", "general"])
        )
        abnormal_beijing = any(e[2] == "beijing" and e[4] for e in visits)
        priority = bool({"repeat", "group_interest"} & set(flags)) or abnormal_beijing
        priority = priority or grade == "major"
        approach = None
        if status != "registered":
            approach = "by_law" if category == "litigation" and rng.random() < 0.5 else None
            approach = approach or rng.choice(
                ["solve_now", "create_conditions", "task_force", "counsel"]
            )

        # The four 明确: unit, lead official, handler, stability officer (属地).
        unit_leaders = ctx.units[self.unit]["leaders"]
        county_lead = grade == "major" or approach == "task_force"
        lead = rng.choice(ctx.leaders if county_lead else unit_leaders + ctx.leaders)
        handler = self.person()
        officer = self.person()
        source = rng.choice(["screening", "visit", "letter"])
        if category == "assigned":  # a source, not a nature: these topics are 热点难点
            source = "city_assigned" if topic.title.startswith("市") else "province_assigned"
        if source != "screening" and received >= CAMPAIGN_START:
            # A petition of the campaign's own weeks would need its acceptance notice and the
            # statutory clocks: the generated ones are older matters, accepted before it began.
            received = CAMPAIGN_START - timedelta(days=rng.randint(2, 60))

        out = [
            SCHEMA_LINE,
            f"id: {self.id}\n",
            f"title: {topic.title.format(**fill)}\n",
            f"category: {'hotspot' if category == 'assigned' else category}\n",
        ]
        if flags:
            out.append(f"flags: [{', '.join(flags)}]\n")
        out += [
            f"source: {source}\n",
            f"received: '{received}'\n",
            f"registered: '{registered}'\n",
        ]
        if registered > REPORTED_LATER_AFTER:
            out.append("reported_later: true\n")
        out.append("petitioners:\n")
        first = ""  # the petitioner who signs the follow-up opinion
        for k in range(n_pet):
            name = self.person()
            first = first or name
            out.append(f"  - name: {name}\n")
            if k == 0 and rng.random() < 0.7:
                out.append(f"    phone: '154{rng.randrange(10**8):08d}'\n")
            if rng.random() < 0.2:
                out.append(f"    address: XX县{town}{place}{rng.choice(GROUPS)}组\n")
            out.append(f"    locality: {self.home}\n")
            if collective:
                out.append("    representative: true\n")
        out += [
            f"head_count: {head_count}\n",
            f"demand: {topic.demand.format(**fill)}\n",
            f"about: {topic.about.format(**fill)}\n" if rng.random() < 0.5 else "",
            "responsibility:\n",
            f"  unit: {self.unit}\n",
            f"  lead_official: {lead}\n",
            f"  handler: {handler}\n",
            "  stability_officer:\n",
            f"    name: {officer}\n",
            f"    unit: {self.home}\n",
            f"  deadline: '{deadline}'\n",
            f"  deadline_reason: {rng.choice(DEADLINE_REASONS)}\n"
            if deadline > RESOLUTION_END
            else "",
            f"  requirements: {rng.choice(REQUIREMENTS)}\n",
            f"grade: {grade}\n",
            f"priority: {'true' if priority else 'false'}\n",
            f"status: {status}\n",
        ]
        # Every case is heard again once the resolution phase has begun, registered ones too.
        latest_talk = min(registered + timedelta(days=9), AS_OF - timedelta(days=1))
        talk = self.working_day(registered + timedelta(days=1), latest_talk)
        self.talk_record = (
            f"谈话记录\n案件编号：{self.id}\n时间：{talk}\n谈话人：{handler}\n"
            f"信访人陈述：{topic.demand.format(**fill)}\n"
        )
        out += [f"approach: {approach}\n"] if approach else []
        if approach == "by_law":  # an act that happened after the hearing, and the decision
            acted = self.working_day(talk + timedelta(days=1), talk + timedelta(days=10))
            out += [
                "by_law:\n",
                "  - conduct: 在县信访局接待场所滞留吵闹，经劝阻不听\n",
                f"    conduct_date: '{acted}'\n",
                "    measure: 训诫\n",
                "    article: 《信访条例》第二十条、第四十七条\n",
                "    organ: 县公安局\n",
                f"    document: 县公安局训诫书（X公训字〔2008〕{rng.randint(1, 399)}号）\n",
                f"    decided: '{acted + timedelta(days=1)}'\n",
            ]
        out += [
            "rehearing:\n",
            f"  date: '{talk}'\n",
            f"  interviewer: {handler}\n",
            f"  place: {town}{rng.choice(PLACES)}\n",
            f"  record: {self.record_path()}\n",
        ]
        if status != "registered":
            out += [  # what the hearing found of the petitioner
                f"  reasons: {topic.demand.format(**fill)}\n",
                f"  mind: {rng.choice(MINDS)}\n",
                f"  living: {rng.choice(LIVINGS)}\n",
                f"investigation: {topic.investigation.format(**fill)}\n",
                f"basis: {rng.choice(BASES)}\n",
                f"root_cause: {topic.root_cause}\n",
                "cause_in: [handling]\n",
            ]
            end = closed_on or AS_OF - timedelta(days=1)
            n_progress = rng.choices([1, 2], [7, 3])[0]
            days = sorted({self.working_day(talk, end) for _ in range(n_progress)})
            out.append("progress:\n")
            for day in days:
                out.append(f"  - date: '{day}'\n    note: {rng.choice(PROGRESS_NOTES)}\n")
        out.append("events:\n")
        for day, form, level, count, abnormal in events:
            out += [
                f"  - date: '{day}'\n",
                f"    form: {form}\n",
                f"    level: {level}\n",
                f"    head_count: {count}\n",
            ]
            if form == "joint_letter":
                out.append(f"    signers: {head_count}\n")
            if form == "visit" and level == "beijing":
                out.append(
                    f"    place: {rng.choice(BEIJING_PLACES) if abnormal else 'reception'}\n"
                )
                if abnormal:
                    out.append("    abnormal: true\n")
        if extension:
            # Approved before the deadline ran out, and before the closure.
            latest_ok = min(deadline - timedelta(days=3), (closed_on or AS_OF) - timedelta(days=1))
            earliest_ok = max(registered + timedelta(days=1), latest_ok - timedelta(days=7))
            approved = self.working_day(earliest_ok, latest_ok)
            out += [
                "extensions:\n",
                f"  - approved_by: {rng.choice(ctx.leaders)}\n",
                f"    approved_on: '{approved}'\n",
                f"    days: {extension}\n",
                "    reason: 涉及多个部门，需延长调查核实时间，已告知信访人。\n",
            ]
        settled = False
        if closed_on is not None:
            # The signed follow-up is part of the closure report: it comes first.
            visited = self.working_day(max(talk, closed_on - timedelta(days=6)), closed_on)
            opinion = rng.choices(["agree", "disagree", "refused"], [8, 1, 1])[0]
            settled = opinion == "agree"
            signer = rng.choice(unit_leaders)
            out += [
                "closure:\n",
                f"  date: '{closed_on}'\n",
                "  report:\n",
                f"    problem: {topic.title.format(**fill)}。\n",
                f"    investigation: {topic.finding.format(**fill)}\n",
                f"    opinion: {topic.opinion.format(**fill)}\n",
                "  seal: true\n",
                "  signatures:\n",
                f"    leader: {signer}\n",
                f"    handler: {handler}\n",
                "  follow_up:\n",
                f"    date: '{visited}'\n",
                f"    visitor: {officer}\n",
                f"    method: {rng.choice(['in_person', 'meeting'])}\n",
                f"    opinion: {opinion}\n",
            ]
            if opinion != "refused":  # a signed opinion names who signed it
                out.append(f"    signed_by: {first}\n")
            if opinion in REFUSALS:
                out.append(f"    reason: {REFUSALS[opinion]}\n")
            if category == "litigation":
                procedure, document = rng.choice(LEGAL)
                out += [
                    "  legal:\n",
                    f"    procedure: {procedure}\n",
                    f"    document: {document.format(k=rng.randint(3, 399))}\n",
                ]
        out.append(f"settled: {'true' if settled else 'false'}\n")
        if not settled:
            out.append(f"next_steps: {rng.choice(NEXT_STEPS)}\n")
        return "".join(out)


@dataclass
class _Context:
    units: dict[str, dict[str, Any]]
    leaders: list[str]
    threshold: int
    default_days: dict[str, int]
    cross_level_above: str = "city"


def generate(root: Path, n: int, seed: int = 0) -> None:
    """Write a repository of ``n`` valid synthetic cases into ``root`` (created if missing).

    Copies the project's ``campaign.yml`` and ``schema/``; replaces any ``cases/`` folder.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "campaign.yml", root / "campaign.yml")
    shutil.copytree(PROJECT / "schema", root / "schema", dirs_exist_ok=True)
    cases, evidence = root / "cases", root / "evidence"
    for folder in (cases, evidence):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
    (evidence / "谈话记录").mkdir()

    units, leaders, threshold = _campaign(root / "campaign.yml")
    policies = yaml.safe_load((root / "campaign.yml").read_text(encoding="utf-8")).get(
        "policies", {}
    )
    # The deadlines the generator registers: the campaign's defaults, 60 days where it sets none.
    default_days = dict.fromkeys(["litigation", "prominent", "assigned", "hotspot"], 60)
    default_days.update(policies.get("default_deadline_days", {}))
    ctx = _Context(
        units, leaders, threshold, default_days, policies.get("cross_level_above", "city")
    )
    townships = [c for c, u in units.items() if u["kind"] == "township"]
    departments = [c for c, u in units.items() if u["kind"] == "department"]
    owners_ok = set(units)

    rng = random.Random(seed)
    serial: dict[str, int] = {}
    categories = ["prominent", "litigation", "assigned", "hotspot"]
    for _ in range(n):
        category = rng.choices(categories, [35, 20, 20, 25])[0]
        status = rng.choices(["registered", "in_progress", "closed"], [25, 35, 40])[0]
        home = (
            rng.choice(townships)
            if rng.random() < 0.85 or not departments
            else rng.choice(departments)
        )
        candidates = [
            c for t in TOPICS if t.category == category for c in t.owners if c in owners_ok
        ]
        unit = home if rng.random() < 0.5 or not candidates else rng.choice(candidates)
        serial[unit] = serial.get(unit, 0) + 1
        case_id = f"XF2008-{unit}-{serial[unit]:05d}"
        case = _Case(random.Random(rng.getrandbits(64)), ctx, case_id, unit, home)
        text = case.render(category, status)
        (cases / f"{case_id}.yml").write_text(text, encoding="utf-8")
        if case.talk_record is not None:
            (root / case.record_path()).write_text(case.talk_record, encoding="utf-8")
    _write_codeowners(root)


def _write_codeowners(root: Path) -> None:
    """CODEOWNERS as ``xinfang codeowners --write`` makes them, so that check finds them current.

    They list each unit's cases by id, plus the cases handled by a unit other than the one in
    their id; every generated case is handled by its id's unit, so the campaign alone decides
    them and the cases need not be loaded.
    """
    try:
        from xinfang.history import codeowners
        from xinfang.records.repository import open_repository
    except ImportError:  # an xinfang without CODEOWNERS support
        return
    codeowners.write(open_repository(root, only=[]))


MARKER = ".generated.json"  # what generated a work folder: n, seed and the inputs' digest


def ensure_generated(folder: Path, n: int, seed: int) -> None:
    """Generate the repository unless ``folder`` holds one from the same n, seed and inputs."""
    marker = folder / MARKER
    digest = hashlib.sha256()
    for source in [Path(__file__), PROJECT / "campaign.yml"]:
        digest.update(source.read_bytes())
    for source in sorted((PROJECT / "schema").iterdir()):
        digest.update(source.read_bytes())
    wanted = {"n": n, "seed": seed, "inputs": digest.hexdigest()}
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == wanted:
        return
    print(f"生成 {n} 个案件到 {folder} ……", flush=True)
    started = time.perf_counter()
    generate(folder, n, seed)
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    print(f"  用时 {time.perf_counter() - started:.1f} 秒", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="生成 N 个合法的合成案件记录（含活动配置和模式）。"
    )
    parser.add_argument("out", type=Path, help="输出目录（仓库根目录）")
    parser.add_argument("-n", type=int, default=10_000, help="案件数（默认 10000）")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)
    print(f"已在 {args.out} 生成 {args.n} 个案件。")


if __name__ == "__main__":
    main()
