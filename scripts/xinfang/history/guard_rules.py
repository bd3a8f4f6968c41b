"""What the pull-request guard (`xinfang check --base REF`) checks, and why: its rule catalogue.

The site's rule page shows this table next to the campaign's rules; the guard's messages use the
same ids. Which keys of a closed case are facts, and which may change without a correction, is
decided here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Severity
from ..records.kinds import KINDS


@dataclass(frozen=True)
class GuardRule:
    id: str
    name: str
    severity: Severity
    checks: str  # what the guard compares, for the catalogue
    reason: str  # why: the plan's or the law's words, or the reading chosen


#: Keys of a closed case that may change without a correction, and why. Every other key of the
#: record is a fact of the closed case (a key added to the schema later is a fact too).
NOT_FACTS: dict[str, str] = {
    "id": "编号不得更改，由 guard-id-changed 单独检查",
    "status": "重新办理由 guard-reopened-without-record 检查（须有 reopenings 记录）",
    "reopenings": "只能追加，由 guard-audit-trail-changed 检查",
    "corrections": "只能追加，由 guard-audit-trail-changed 检查",
    "next_steps": "总结验收阶段要求未息诉罢访的案件写下一步工作措施，结案后仍要补写",
    "confidential": "只影响网站是否显示信访人姓名；保护信访人不必等更正",
    "settled": "息诉罢访是结案后观察到的事：观察期满后填报，结案后又信访的改为 false，"
    "都不是更正；是否属实由 settled-verified 规则核实",
}

#: Lists of a closed case to which later entries may be appended without a correction: what
#: happened after the closure is news, not a correction (a new petition, a return visit, a scan
#: of a signed report uploaded later). Entries already written are facts.
APPEND_AFTER_CLOSURE: dict[str, str] = {
    "events": "结案日期之后的新信访事件",
    "progress": "结案日期之后的工作进展",
    "evidence": "后来上传的材料文件",
}

FACTS_TEXT = (
    "已结案案件的事实（信访人及其身份证号和电话、登记日期、反映的问题、调查核实情况、症结、"
    "四明确和办结时限、信访事件、工作进展、延期、结案要件、材料文件等，"
    "即除 " + "、".join(NOT_FACTS) + " 以外的全部字段）被修改时，同一修改须在 corrections "
    "末尾追加一条更正记录，并在 fields 中写明改了哪些字段（如 petitioners、"
    "responsibility.deadline，列表中的一项写序号，如 petitioners.0.phone）。写出的字段只涵盖它自己"
    "和它下面的内容：写 petitioners.0.phone 只能改这个电话，删掉或调换信访人、改姓名都要另写"
    "（或写整项 petitioners）。例外："
    + "；".join(f"{key} 可追加{what}" for key, what in APPEND_AFTER_CLOSURE.items())
    + "。"
)


def _archived_text() -> str:
    """Per kind beside the cases: when a record is settled, and which keys stay open then."""
    parts = []
    for kind in KINDS:
        archive = kind.archive
        if archive is None:
            continue
        keys = [f"{kind.id_key}（{kind.id_title}）"]
        keys += [f"{key}（{what}，只能追加）" for key, what in kind.logs.items()]
        keys += [f"{key}（{why}）" for key, why in archive.free.items()]
        text = f"{kind.title}在{archive.when}时归档，此后除 {'、'.join(keys)} 和 corrections 以外都是事实"
        text += "".join(f"；{key} 没写过的可以补写（{why}）" for key, why in archive.later.items())
        parts.append(text + (f"；{archive.note}" if archive.note else ""))
    return (
        "归档的记录与已结案案件一样只能整体追加：事实被修改时，同一修改须在该记录的 corrections 末尾"
        "追加一条更正记录（日期、更正人、更正内容），fields 写明改了哪些字段；否则应另写一条新记录。"
        "本系统的理解（实施方案没有规定何时归档）：" + "。".join(parts) + "。"
        "交办件不在此列：它的报告办理情况和督办是工作记录，只能追加。"
    )


GUARD_RULES: list[GuardRule] = [
    GuardRule(
        "guard-deleted",
        "记录不能删除",
        "error",
        "基准分支中有的案件文件，以及隐患、重点人员、交办件、单位上报材料和责任追究记录的文件，合并请求中仍然存在。",
        "实施方案“对排查出的信访问题，要登记造册，建立台帐”：台账中的案件办完应结案，不是删除。",
    ),
    GuardRule(
        "guard-renamed",
        "文件不能改名",
        "error",
        "案件文件和其他记录文件不改名、不移走后用另一个名字出现。",
        "实施方案“对排查出的信访问题，要登记造册，建立台帐”：文件名等于案件编号，编号一经使用不得更改。",
    ),
    GuardRule(
        "guard-id-changed",
        "编号不能更改",
        "error",
        "案件记录中的 id（以及隐患、重点人员、交办件、责任追究记录的编号和上报材料的单位代码）与基准分支相同。",
        "实施方案“对排查出的信访问题，要登记造册，建立台帐”：编号是案件在台账、通报和网站上的唯一标识。",
    ),
    GuardRule(
        "guard-id-reused",
        "编号不能重复使用",
        "error",
        "新文件的编号在基准分支的历史中从未用过（包括已删除或改名的案件和其他记录）。",
        "实施方案“对排查出的信访问题，要登记造册，建立台帐”：同一编号指两件案件，会混淆历史记录和上报数据。",
    ),
    GuardRule(
        "guard-shallow-history",
        "历史不全时不放行新文件",
        "error",
        "仓库是浅克隆、基准分支的历史被截断时，新增的案件或其他记录文件无法确认编号以前没有用过"
        "（删除或改名的记录只在历史中），报错并说明怎样取回完整历史（git fetch --unshallow；"
        "CI 中 fetch-depth: 0）。修改、删除和改名与基准分支的文件比较，不受影响。",
        "实施方案“对排查出的信访问题，要登记造册，建立台帐”：编号是案件在台账和上报数据中的唯一标识；"
        "历史不全时无从确认，守卫宁可不放行，也不让重复使用的编号混进台账。",
    ),
    GuardRule(
        "guard-no-record",
        "记录不能清空",
        "error",
        "基准分支中的案件记录现在仍读得出内容（不是空文档、~、null 或只有 ---）。"
        "已结案的案件无论原因都不能读不出；其他案件读不出时由格式检查报告。",
        "实施方案“保证每个案件文字材料齐全”：读不出内容的记录无法与基准比较，"
        "已结案案件的结案要件和审计记录会因此丢失。",
    ),
    GuardRule(
        "guard-reopened-without-record",
        "重新办理须有记录",
        "error",
        "已结案的案件改为未结案时，reopenings 末尾新增了一条记录（日期、决定人、原因）。",
        "实施方案“包案的各级领导对所分包的信访案件要全程负责，直到‘案结事了，息诉罢访’”："
        "重新办理要有人决定、有据可查。",
    ),
    GuardRule(
        "guard-audit-trail-changed",
        "更正和重新办理记录只能追加",
        "error",
        "案件的 corrections 和 reopenings、其他记录的 corrections 中已有的记录没有被删除、修改或"
        "调换次序；新记录写在末尾。",
        "实施方案“保证每个案件文字材料齐全，程序完备合法”：这两项是案件的审计记录，"
        "删改它们就抹去了谁在何时改过结案内容。",
    ),
    GuardRule(
        "guard-closed-fact-changed",
        "已结案案件的事实须有更正记录",
        "error",
        FACTS_TEXT,
        "实施方案“所有案件的办理要严格程序和结案标准，保证每个案件文字材料齐全，程序完备合法”。"
        "结案后改事实而不留更正记录，结案标准就无从核对。",
    ),
    GuardRule(
        "guard-archived-fact-changed",
        "归档记录的事实须有更正记录",
        "error",
        _archived_text(),
        "实施方案“对出现问题、影响全县稳定大局的，落实责任追究”“对排查出的信访问题，要登记造册，建立台帐”："
        "追究决定、化解和退出的结论、验收通过的上报材料是考核和追责的依据，"
        "事后改写而不留更正记录，就无从查考当时的决定。",
    ),
    GuardRule(
        "guard-correction-unknown-field",
        "更正记录写的字段须在记录中",
        "error",
        "新追加的更正记录 fields 中的每一项，在修改前或修改后的记录中确有这个字段（键名，列表中的一项"
        "写序号，从 0 数起）。",
        "实施方案“保证每个案件文字材料齐全，程序完备合法”：写错的字段名什么也不涵盖，"
        "更正记录就说不清改了什么。",
    ),
    GuardRule(
        "guard-log-removed",
        "工作记录只能追加",
        "error",
        "隐患的复查记录、重点人员的走访帮扶记录、交办件的报告办理情况和督办、单位的阶段进展报告和"
        "验收意见，基准分支中已有的条目一条不少。（本系统的理解：这些记录不像案件那样有更正记录，"
        "删掉的条目就无从查考，所以删除是错误。）",
        "实施方案“对排查出的信访问题，要登记造册，建立台帐”“加强对重点人员的稳控”和"
        "“严格责任追究”：复查、走访、督办和验收的记录是追究责任时的依据。",
    ),
    GuardRule(
        "guard-log-edited",
        "修改已有工作记录须经审核",
        "warning",
        "上述工作记录中已有的条目被修改时提出警告，由领导小组办公室审核（CODEOWNERS）后合并；"
        "新情况写成新的一条。（本系统的理解：写错的日期、错字需要能改，所以只警告不拒绝。）",
        "实施方案“保证每个案件文字材料齐全，程序完备合法”：改动已有记录要有人把关。",
    ),
    GuardRule(
        "guard-config-changed",
        "配置和程序的修改须经领导小组办公室批准",
        "warning",
        "campaign.yml（阶段、上报节点、政策）、holidays.yml、schema/、CODEOWNERS、CI 工作流和程序"
        "（scripts/、tests/、pyproject.toml、mkdocs.yml，县仓库记下程序版本的 requirements.txt）与基准分支相比的每处修改，"
        "并写明须由谁批准。",
        "实施方案“县领导小组负责对整体活动统筹指挥……办公室设在县信访局”：这些文件决定检查的标准和由谁审核；"
        "CI 运行的是合并请求分支自己的程序，"
        "所以它们都归领导小组办公室所有（见 CODEOWNERS）。",
    ),
]

GUARD_RULES_BY_ID = {rule.id: rule for rule in GUARD_RULES}
