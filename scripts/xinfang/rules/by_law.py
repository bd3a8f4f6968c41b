"""依法处理: handling "by law" records an act that happened, and who decided what on which article.

The plan lets a unit act by law only against 违法上访人员 who persist after counselling, "充分固定
证据，依法严肃处理". So a case handled by law names the conduct and its date; a decision names
the measure, the article relied on, the deciding organ, its document and date. A threat or an
intention (扬言进京, 准备上访) is no conduct: words that say so are flagged for a reviewer, who
decides (a word list cannot).
"""

from __future__ import annotations

from datetime import date

from ..records.case import LawfulAction
from .context import CaseContext, Check, KeyPath

#: The parts of a decision, all written once any is.
DECISION = [
    ("measure", "处理措施"),
    ("article", "依据的法律条款"),
    ("organ", "决定机关"),
    ("document", "决定文书"),
    ("decided", "决定日期"),
]
#: Words that describe a threat or an intention rather than an act.
INTENT_WORDS = (
    "扬言", "声称", "表示要", "准备", "打算", "企图", "意图", "想要", "威胁要", "可能会", "将要",
)  # fmt: skip
#: The petition regulations by the day they took effect; an article cites the one in force.
REGULATION_2022_FROM = date(2022, 5, 1)


def _decision_problems(action: LawfulAction) -> list[str]:
    written = [key for key, _ in DECISION if getattr(action, key)]
    if not written:
        return []
    return [label for key, label in DECISION if not getattr(action, key)]


def _law_problem(action: LawfulAction) -> str | None:
    """An article of a petition regulation not in force on the day of the decision."""
    article, decided = action.article or "", action.decided
    if decided is None:
        return None
    if "《信访工作条例》" in article and decided < REGULATION_2022_FROM:
        return (
            f"《信访工作条例》2022 年 5 月 1 日起施行，{decided} 的决定应依据《信访条例》（2005）"
        )
    if "《信访条例》" in article and decided >= REGULATION_2022_FROM:
        return f"《信访条例》已由 2022 年 5 月 1 日起施行的《信访工作条例》取代，{decided} 的决定应依据后者"
    return None


def by_law(ctx: CaseContext) -> Check:
    case = ctx.case
    if case.approach == "by_law" and not case.by_law:
        yield (
            ("approach",),
            "化解方式为依法处理，但没有写违法行为：依法处理只能针对已经发生的违法行为，请在 by_law 下"
            "写明行为 conduct 和行为日期 conduct_date；作出决定的，写明处理措施、依据的法律条款、"
            "决定机关、决定文书和决定日期。没有违法行为的，请改用其他化解方式。",
        )
    for i, action in enumerate(case.by_law):
        path: KeyPath = ("by_law", i)
        missing = _decision_problems(action)
        if missing:
            yield (
                path,
                f"依法处理的决定缺少{'、'.join(missing)}：请写明谁依据哪条法律作出了什么决定"
                f"（measure、article、organ、document、decided）；还没有作出决定的，只写行为和行为日期。",
            )
        if action.decided and action.decided < action.conduct_date:
            yield (
                (*path, "decided"),
                f"决定日期 {action.decided} 早于行为日期 {action.conduct_date}：先有行为才能处理，"
                f"请核对日期。",
            )
        law = _law_problem(action)
        if law:
            yield ((*path, "article"), f"{law}：请按决定当日有效的法律改正依据的条款。")
        if "拘留" in (action.measure or "") and "派出所" in (action.organ or ""):
            yield (
                (*path, "organ"),
                "派出所不能决定行政拘留（治安管理处罚法第九十一条：由县级以上公安机关决定）："
                "请写明作出决定的县公安局和它的决定书。",
            )


def intent_not_conduct(ctx: CaseContext) -> Check:
    for i, action in enumerate(ctx.case.by_law):
        words = [w for w in INTENT_WORDS if w in action.conduct]
        if words:
            yield (
                ("by_law", i, "conduct"),
                f"违法行为写的是“{'、'.join(words)}”一类的意图或威胁，不是已经发生的行为："
                f"依法处理只能针对已经发生的违法行为；请写明行为本身（何时、何地、做了什么），"
                f"只是扬言或打算的，请删去这一项，改为疏导和帮扶。",
            )
