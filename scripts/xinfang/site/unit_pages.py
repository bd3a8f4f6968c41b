"""Each unit's pages: what it submitted with the office's acceptance, and its file of cases,
risks, key persons (a count), assigned cases and accountability."""

from __future__ import annotations

from ..records.privacy import mask_phone
from ..rules.duty_views import registration_ledger
from .duty_common import Render, labels, risk_url, submission_url, unit_url
from .inputs import Page, SiteInputs, relative, source, unit_register_url

SUBMISSIONS = "submissions/index.md"


def submission_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    repo, as_of = inputs.repo, inputs.as_of
    reports = inputs.duties.reports
    rows = []
    pages = []
    for unit in inputs.duties.units:
        report = reports.get(unit.code)
        path = source(submission_url(unit.code))
        ledger = None
        if report and report.registration and report.registration.submitted <= as_of:
            ledger = registration_ledger(
                unit.code,
                report.registration.submitted,
                repo.cases,
                repo.duties.risks,
                repo.duties.persons,
            )
        rows.append((unit, report, ledger))
        pages.append(
            Page(
                path,
                f"{unit.name}上报材料",
                render(
                    "duty_submission.html",
                    path,
                    unit=unit,
                    report=report,
                    ledger=ledger,
                    as_of=as_of,
                    zh=labels(),
                    mask_phone=mask_phone,
                    milestones={m.id: m for m in inputs.campaign.milestones},
                    unit_page=relative(path, unit_url(unit.code)),
                ),
                in_nav=False,
                searchable=False,
            )
        )
    pages.insert(
        0,
        Page(
            SUBMISSIONS,
            "上报材料和验收",
            render(
                "duty_submissions.html",
                SUBMISSIONS,
                rows=rows,
                as_of=as_of,
                zh=labels(),
                page=lambda code: relative(SUBMISSIONS, submission_url(code)),
            ),
        ),
    )
    return pages


def unit_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    d = inputs.duties
    pages = []
    for unit in d.units:
        path = source(unit_url(unit.code))
        pages.append(
            Page(
                path,
                f"{unit.name}工作档案",
                render(
                    "duty_unit.html",
                    path,
                    unit=unit,
                    d=d,
                    zh=labels(),
                    status=next((u for u in inputs.overview.units if u.code == unit.code), None),
                    risks=[(r, s) for r, s in d.risks if r.unit == unit.code],
                    assignments=[
                        (a, s)
                        for a, s in d.assignments
                        if (a.unit or inputs.campaign.office) == unit.code
                    ],
                    work=inputs.work,
                    six=relative(path, f"six.html#{unit.code}"),
                    register=relative(path, unit_register_url(unit.code)),
                    submission=relative(path, submission_url(unit.code)),
                    risk_page=lambda rid, path=path: relative(path, risk_url(rid)),
                    record_page=lambda target, path=path: relative(path, target),
                ),
                in_nav=False,
                searchable=False,
            )
        )
    return pages
