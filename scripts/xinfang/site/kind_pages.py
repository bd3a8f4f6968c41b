"""Each record kind's pages on the site, declared once by the kind's name (``records/kinds.py``).

The site's sections iterate the kinds in their declared order and take each kind's pages from
``KIND_PAGES``: a new kind adds its page function here (a test checks that every kind has one,
and that its list page is in ``mkdocs.yml``'s navigation). After them come each unit's file,
the leaders' pages, the 六个到位 and, in the office's build, the key-person lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..records.kinds import KINDS
from . import duty_pages, work_pages
from .duty_common import Render
from .inputs import Page, SiteInputs
from .leader_pages import leader_pages
from .office_pages import office_pages
from .render import Renderer
from .unit_pages import SUBMISSIONS, submission_pages, unit_pages


@dataclass(frozen=True)
class KindPages:
    path: str  # the kind's list page (source path), as mkdocs.yml's nav names it
    pages: Callable[[SiteInputs, Render], list[Page]]


KIND_PAGES = {
    "risk": KindPages(duty_pages.RISKS, duty_pages.risk_pages),
    "person": KindPages(duty_pages.PERSONS, duty_pages.person_pages),
    "assignment": KindPages(duty_pages.ASSIGNMENTS, duty_pages.assignment_pages),
    "submission": KindPages(SUBMISSIONS, submission_pages),
    "accountability": KindPages(duty_pages.ACCOUNTABILITY, duty_pages.accountability_pages),
    "meeting": KindPages(work_pages.MEETINGS, work_pages.meeting_pages),
    "publicity": KindPages(work_pages.PUBLICITY, work_pages.publicity_pages),
    "inspection": KindPages(work_pages.INSPECTIONS, work_pages.inspection_pages),
    "commendation": KindPages(work_pages.SUMMARY, work_pages.summary_pages),
}


def pages(inputs: SiteInputs, r: Renderer) -> list[Page]:
    """Every kind's pages, then the pages across kinds."""
    out: list[Page] = []
    for kind in KINDS:
        out += KIND_PAGES[kind.name].pages(inputs, r.render)
    out += unit_pages(inputs, r.render)
    out += work_pages.six_pages(inputs, r.render)
    out += leader_pages(inputs, r.render)
    if inputs.office:
        out += office_pages(inputs, r.render)
    return out
