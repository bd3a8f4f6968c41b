"""The site's pages for the plan's own machinery: the units' special meetings, publicity
sessions, the leading group's inspections, the summary meeting with its commendations beside the
accountability decisions, and the 六个到位 unit by unit.

Every text is rendered by Jinja with autoescaping; records come as published (numbers masked).
"""

from __future__ import annotations

from ..rules.six_in_place import ITEMS, six_in_place
from .duty_common import Render, labels, submission_url, unit_url
from .inputs import Page, SiteInputs, relative, unit_register_url

MEETINGS, PUBLICITY, INSPECTIONS = "meetings.md", "publicity.md", "inspections.md"
SUMMARY, SIX = "commendations.md", "six.md"


def _work_page(
    inputs: SiteInputs, render: Render, path: str, title: str, template: str, **extra: object
) -> list[Page]:
    """One page of the office's work: its records as of the date (``w``), the labels, and links
    to each unit's page."""
    return [
        Page(
            path,
            title,
            render(
                template, path, w=inputs.work, zh=labels(),
                unit_page=lambda code: relative(path, unit_url(code)), **extra,
            ),
        )
    ]  # fmt: skip


def meeting_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    meetings = inputs.work.meetings
    return _work_page(
        inputs, render, MEETINGS, "专门会议", "work_meetings.html",
        phase=inputs.campaign.phase("mobilize"),
        units=[(u, meetings.get(u.code, [])) for u in inputs.campaign.units.values()],
    )  # fmt: skip


def publicity_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    return _work_page(inputs, render, PUBLICITY, "宣传活动", "work_publicity.html")


def inspection_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    return _work_page(inputs, render, INSPECTIONS, "督查督导", "work_inspections.html")


def summary_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    """The summary meeting, its commendations, and beside them the accountability decisions."""
    return _work_page(
        inputs, render, SUMMARY, "总结表彰和责任追究", "work_summary.html",
        d=inputs.duties, accountability=relative(SUMMARY, "accountability.html"),
    )  # fmt: skip


#: Where each kind of evidence is listed, as a link from the 六个到位 page (by unit).
EVIDENCE_PAGES = {
    "meetings": lambda code: MEETINGS[:-3] + ".html#" + code,
    "submission": submission_url,
    "register": unit_register_url,
    "risks": unit_url,
    "assignments": unit_url,
    "publicity": lambda code: PUBLICITY[:-3] + ".html",
    "persons": unit_url,
    "accountability": unit_url,
    "inspections": lambda code: INSPECTIONS[:-3] + ".html",
}


def six_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    units = six_in_place(inputs.repo, inputs.overview, inputs.duties, inputs.work)
    return [
        Page(
            SIX,
            "六个到位",
            render(
                "six_in_place.html", SIX, units=units, items=ITEMS, as_of=inputs.as_of,
                basis=inputs.campaign.screening_basis,
                evidence_link=lambda page, code: relative(SIX, EVIDENCE_PAGES[page](code)),
                unit_page=lambda code: relative(SIX, unit_url(code)),
            ),
            searchable=False,
        )
    ]  # fmt: skip
