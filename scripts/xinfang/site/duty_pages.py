"""The site's pages for the first kinds beside cases: risks, key persons (counts only), assigned
cases and accountability (each kind's pages are listed once, in ``kind_pages.py``); the
dashboard's figures and the links that cases, obligations and the rule catalogue show.

Key persons never appear here by name: the office's own build adds their lists
(``office_pages.py``). Every text is rendered by Jinja with autoescaping.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..records import duty_labels as zh
from ..records.accountability import Action
from ..records.assignment import Assignment
from ..records.risk import Risk
from ..rules.duty_table import RECORD_RULES
from ..rules.duty_views import days_over, registration_ledger
from .duty_common import Render, labels, risk_url, submission_url, unit_url
from .inputs import Page, SiteInputs, relative, source
from .unit_pages import SUBMISSIONS
from .work_pages import INSPECTIONS, MEETINGS, PUBLICITY, SIX, SUMMARY

RISKS, PERSONS, ASSIGNMENTS = "risks/index.md", "persons.md", "assignments.md"
ACCOUNTABILITY = "accountability.md"


def dashboard_context(inputs: SiteInputs, page: str) -> dict[str, Any]:
    """What the dashboard's section on the work beside cases needs."""
    return {
        "duties": inputs.duties,
        "work": inputs.work,
        "duty_urls": {
            name: relative(page, target[:-3] + ".html")
            for name, target in (
                ("risks", RISKS),
                ("persons", PERSONS),
                ("assignments", ASSIGNMENTS),
                ("submissions", SUBMISSIONS),
                ("accountability", ACCOUNTABILITY),
                ("meetings", MEETINGS),
                ("publicity", PUBLICITY),
                ("inspections", INSPECTIONS),
                ("summary", SUMMARY),
                ("six", SIX),
                ("leaders", "leaders/index.md"),
                ("brief", "brief.md"),
            )
        },
    }


def obligation_contents(inputs: SiteInputs) -> dict[str, Any]:
    """Short contents for the obligations table: (unit, milestone) → text, and each unit's
    acceptance, as of the site's date."""
    as_of, repo = inputs.as_of, inputs.repo
    contents: dict[tuple[str, str], str] = {}
    for report in repo.duties.reports:
        group, reg = report.working_group, report.registration
        if group and group.submitted <= as_of:
            contents[(report.unit, "working_group")] = f"成员 {len(group.members)} 人"
        if reg and reg.submitted <= as_of:
            held = registration_ledger(report.unit, reg.submitted, repo.cases, [], [])
            mark = "" if len(held.cases) == reg.reported.cases else "，不一致"
            contents[(report.unit, "registration")] = (
                f"报 {reg.reported.cases} 件，台账 {len(held.cases)} 件{mark}"
            )
        for item in report.progress:
            if item.submitted <= as_of:
                counts = item.counts
                contents[(report.unit, item.milestone)] = f"结案 {counts.closed}/{counts.cases} 件"
        if report.summary and report.summary.submitted <= as_of:
            contents[(report.unit, "summary")] = "已报总结"
    acceptance = {u.code: zh.ACCEPTANCE_ZH[u.acceptance] for u in inputs.duties.units}
    return {
        "contents": contents,
        "acceptance": acceptance,
        "submission_link": lambda code: relative("obligations.md", submission_url(code)),
    }


def related(inputs: SiteInputs, case_id: str, page: str) -> list[tuple[str, str, str]]:
    """The records that refer to a case, for its page: (what, text, link). No key persons: a
    case page must not say that its petitioner is one."""
    out = []
    for record in inputs.repo.duties.referring(case_id):
        if isinstance(record, Risk) and record.found <= inputs.as_of:
            text, target = f"{record.id} {record.title}", risk_url(record.id)
            out.append(("由苗头隐患形成", text, relative(page, target)))
        elif isinstance(record, Assignment) and record.received <= inputs.as_of:
            text = f"{record.from_}{zh.ASSIGN_KIND_ZH[record.kind]}（{record.number}）"
            out.append(("交办", text, relative(page, f"assignments.html#{record.id}")))
        elif isinstance(record, Action) and record.date <= inputs.as_of:
            text = f"{zh.ACTION_ZH[record.kind]} {record.number or record.id}（{record.date}）"
            out.append(("责任追究", text, relative(page, f"accountability.html#{record.id}")))
    return out


def person_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    """Key persons as counts (the office's build adds the lists: ``office_pages.py``)."""
    return [
        Page(
            PERSONS,
            "重点人员包保",
            render(
                "duty_persons.html",
                PERSONS,
                d=inputs.duties,
                office=inputs.office,
                office_url=relative(PERSONS, "office/persons/index.html"),
            ),
        )
    ]


def assignment_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    return [
        Page(
            ASSIGNMENTS,
            "交办督办",
            render(
                "duty_assignments.html",
                ASSIGNMENTS,
                d=inputs.duties,
                zh=labels(),
                days_over=days_over,
                unit_page=lambda code: relative(ASSIGNMENTS, unit_url(code)),
            ),
        )
    ]


def accountability_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    return [
        Page(
            ACCOUNTABILITY,
            "责任追究",
            render(
                "duty_accountability.html",
                ACCOUNTABILITY,
                d=inputs.duties,
                zh=labels(),
                unit_page=lambda code: relative(ACCOUNTABILITY, unit_url(code)),
            ),
        )
    ]


def rule_catalogue() -> dict[str, Any]:
    return {"record_rules": RECORD_RULES}


def risk_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    d, as_of = inputs.duties, inputs.as_of
    cases = {c.id: c for c in inputs.repo.cases}
    overdue = {r.id for r in d.reviews_overdue}
    pages = [
        Page(
            RISKS,
            "苗头隐患",
            render(
                "duty_risks.html",
                RISKS,
                d=d,
                zh=labels(),
                overdue=overdue,
                risk_page=lambda rid: relative(RISKS, risk_url(rid)),
                unit_page=lambda code: relative(RISKS, unit_url(code)),
            ),
        )
    ]
    findings: dict[str, list[Finding]] = {}
    for f in inputs.findings:
        findings.setdefault(f.file, []).append(f)
    for risk, state in d.risks:
        path = source(risk_url(risk.id))
        pages.append(
            Page(
                path,
                f"{risk.id} {risk.title}",
                render(
                    "duty_risk.html",
                    path,
                    r=risk,
                    state=state,
                    zh=labels(),
                    as_of=as_of,
                    level=risk.level_on(as_of),
                    overdue=risk.id in overdue,
                    reviews=[x for x in risk.reviews if x.date <= as_of],
                    case=cases.get(risk.case) if risk.case else None,
                    findings=findings.get(risk.rel, []),
                    days_over=days_over,
                    back=relative(path, RISKS[:-3] + ".html"),
                ),
                in_nav=False,
                searchable=False,
            )
        )
    return pages
