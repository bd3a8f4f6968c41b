"""A rule of the catalogue, and where the plan and the law say what the rules enforce.

Each rule's ``plan`` starts with its source: the part of the 实施方案 it quotes, or the article of
《信访条例》 (2005, in force in 2008). The tables are ``table.py`` (the campaign's rules on a case)
and ``entry_table.py`` (what a clerk can mistype: dates, numbers, head counts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..campaign.phases import has_started
from ..campaign.statutory import Regulation
from ..findings import Severity
from ..records.campaign import Campaign
from .context import CaseContext, Check

PHASE_NAMES = {
    "mobilize": "宣传发动阶段",
    "registration": "排查建档阶段",
    "resolution": "化解整治阶段",
    "summary": "总结验收阶段",
}


Levels = tuple[tuple[str | None, Severity], ...]  # (phase from whose start, severity); None: always


def severity_by_phase(levels: Levels, campaign: Campaign, as_of: date) -> Severity | None:
    """The severity a rule has on ``as_of``: that of the last phase in ``levels`` begun by then."""
    severity: Severity | None = None
    for phase_id, level in levels:
        if phase_id is None or has_started(campaign, phase_id, as_of):
            severity = level
    return severity


def levels_in_words(levels: Levels) -> str:
    words = {"error": "错误", "warning": "警告"}
    return "；".join(
        f"{'始终' if p is None else PHASE_NAMES.get(p, p) + '起'}：{words[s]}" for p, s in levels
    )


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    checks: str  # what the rule checks, for the catalogue
    plan: str  # the plan's (or the law's) own words: the reason for the rule
    levels: Levels
    check: Callable[[CaseContext], Check]
    on_record: bool = False  # judges the record as written, even before its registration date
    # (regulation key, sentence): what the rule says under each regulation, for a campaign's
    # papers to cite only the one in force during the campaign (``requirement``).
    by_regulation: tuple[tuple[str, str], ...] = ()

    def requirement(self, regulations: Iterable[Regulation]) -> str:
        """What the rule checks, citing only ``regulations`` (those of the campaign's dates)."""
        keys = {r.key for r in regulations}
        return self.checks + "".join(text for key, text in self.by_regulation if key in keys)

    def severity_on(self, campaign: Campaign, as_of: date) -> Severity | None:
        return severity_by_phase(self.levels, campaign, as_of)

    def levels_text(self) -> str:
        return levels_in_words(self.levels)


# Where the plan says it (实施方案, by part) and what the law says (《信访条例》 of 2005, in force
# in 2008; its words summarised, the plan's quoted). Each rule's ``plan`` starts with its source.
PLAN = "实施方案"
REGISTER = f"{PLAN}四（二）排查建档阶段"
RESOLVE = f"{PLAN}四（三）化解整治阶段"
CLOSING = f"{PLAN}四（三）结案标准"
LAW = "《信访条例》（2005）"
PLAN_REGISTER = f"{REGISTER}：“对排查出的信访问题，要登记造册，建立台帐，逐案落实承办单位、包案领导和具体责任人、稳控责任人，明确办结时限，提出具体工作要求。”"
PLAN_CLOSURE = (
    f"{CLOSING}：“所有案件的办理要严格程序和结案标准，保证每个案件文字材料齐全，程序完备合法。”"
)
PLAN_FOLLOW_UP = f"{CLOSING}：“三是要有信访人签字的回访意见，信访人签署‘不同意’和拒签的，回访人要注明原因。凡不具备上述要件的，不能结案。”"
PLAN_TARGETS = f"{PLAN}二、工作目标：“坚决防止越级集体访和非正常进京访的发生。”"
PLAN_PRIORITY = f"{RESOLVE}：“要把那些涉及群体性利益、屡次重信重访、非正常进京访的案件做为工作重点，首先抓紧办好。”"
START: tuple[tuple[str | None, Severity], ...] = (("resolution", "warning"), ("summary", "error"))
PLAN_REPORT = f"{REGISTER}：“各单位将排查情况于4月20日前上报县领导小组办公室（县信访局），上报后再出现新发问题随时上报。”"
GB_11643 = (
    "号码按 GB 11643-1999《公民身份号码》：十七位数字本体码和一位校验码，依次为六位地址码、"
    "八位出生日期码、三位顺序码和一位校验码。"
)
