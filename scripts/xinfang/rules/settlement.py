"""息诉罢访 verified, not declared: what a case must show before its settlement counts.

The plan's goal is 案结事了、息诉罢访: the petitioner stops petitioning, a fact observed after the
closure. A declared ``settled: true`` counts only when the case is closed (for 涉法涉诉, by its
legal ending), the closure was complete by the as-of date, the petitioner agreed at the follow-up
(a disagreement, a refusal or no follow-up at all cannot show it), no petition event came after
the closure, and the campaign's observation period after the closure has passed: until then the
case is 待观察 (observing), not 息诉罢访.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from ..records.case import Case
from ..records.labels import FORM_ZH, LEVEL_ZH, OPINION_ZH
from ..records.policy import Policy
from .context import CaseContext, Check

Settlement = Literal["settled", "observing"]


def settlement_problems(case: Case, as_of: date) -> list[str]:
    """Why the case's 息诉罢访 cannot be verified on ``as_of`` (empty when it can)."""
    closed_on = case.closed_on
    if not case.closed or closed_on is None or closed_on > as_of:
        return ["案件尚未结案（或结案要件在统计日期前尚未齐全）"]
    problems = []
    follow_up = case.closure.follow_up if case.closure else None
    opinion = follow_up.opinion if follow_up else None
    if opinion not in (None, "agree") or (opinion is None and case.category != "litigation"):
        word = OPINION_ZH.get(opinion or "", "没有回访意见")
        problems.append(f"回访结果为“{word}”")
    closure_date = case.closure.date if case.closure else None
    for event in case.events:
        if closure_date and closure_date < event.date <= as_of:
            form = FORM_ZH.get(event.form, event.form)
            problems.append(f"结案后 {event.date} 又有{form}到{LEVEL_ZH.get(event.level, '')}")
    return problems


def settled_verified(ctx: CaseContext) -> Check:
    case = ctx.case
    if not case.settled:
        return
    problems = settlement_problems(case, ctx.as_of)
    if problems:
        yield (
            ("settled",),
            f"填写了息诉罢访，但{'；'.join(problems)}：息诉罢访须在结案、信访人同意且结案后"
            f"不再信访时才能认定，请改为 settled: false，并在 next_steps 写明下一步措施。",
        )


def observed_until(case: Case, policy: Policy) -> date | None:
    """The last day of the observation period after the closure (None when not closed).

    Calendar days from the day the closure was complete, the first not counted; it is a span of
    watching, not a deadline, so it is not moved off a holiday.
    """
    closed_on = case.closed_on
    if closed_on is None:
        return None
    return closed_on + timedelta(days=policy.settlement_observation_days)


def settlement_state(case: Case, as_of: date, policy: Policy) -> Settlement | None:
    """息诉罢访 once the observation period has passed with no new petition; 待观察 before."""
    if not case.settled or settlement_problems(case, as_of):
        return None
    until = observed_until(case, policy)
    return "settled" if until is not None and as_of > until else "observing"
