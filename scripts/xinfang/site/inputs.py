"""What the site is made from, and what it is made of.

``gather`` loads the records, derives status and findings and reads the history once;
``build_site`` (generator.py) turns them into pages (path, title, HTML) and assets.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from ..campaign.periods import resolve_as_of
from ..campaign.workdays import WorkCalendar
from ..errors import ConfigError
from ..findings import Finding
from ..history.gate import history_signals
from ..history.reader import History, read_history
from ..parallel import Beside
from ..records.campaign import Campaign
from ..records.case import Case
from ..records.file_names import file_name
from ..records.privacy import mask_text
from ..records.repository import Repository, open_repository
from ..records.schema import Schema, load_schema
from ..records.unpublished import published_repository, unpublished
from ..rules.check import rule_findings
from ..rules.duties_status import DutiesOverview, duties_overview
from ..rules.office_views import OfficeWork, office_work
from ..rules.status import Overview, overview

CASE_INDEX = "assets/cases.json"


@dataclass
class Page:
    path: str  # the Markdown source path, e.g. "cases/XF2008-T01-001.md"
    title: str
    body: str  # HTML
    in_nav: bool = True
    # The theme's search indexes the written guides only: a generated page is tables and
    # figures, which the search shows as raw cell text; cases are found by the case block
    # above the theme's results (xinfang.js) and on the 案件查询 page.
    searchable: bool = False
    # The left menu: on every page but the case pages (10,000 of them: a short one, the plugin's).
    menu: bool = True

    @property
    def url(self) -> str:
        return self.path[:-3] + ".html"

    def meta(self) -> dict[str, Any]:
        """The page's front matter: title, what Material hides, whether search indexes it.

        The title is HTML-escaped here: MkDocs and Material print page titles into the header,
        the <title>, the navigation and the search index without escaping them, and a case's
        title or a unit's name is a record's text.
        """
        meta: dict[str, Any] = {
            "title": html.escape(self.title),
            "hide": ["toc"] if self.menu else ["navigation", "toc"],
        }
        if not self.searchable:
            meta["search"] = {"exclude": True}
        return meta

    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the HTML body (no blank lines)."""
        head = "---\n" + json.dumps(self.meta(), ensure_ascii=False) + "\n---\n\n"
        return head + "\n".join(line for line in self.body.splitlines() if line.strip()) + "\n"


@dataclass
class Asset:
    path: str
    content: bytes


@dataclass
class Site:
    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)


def relative(from_page: str, to_url: str) -> str:
    """A link from the page at ``from_page`` (source path) to a site URL path."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_url, start)


def case_url(case_id: str) -> str:
    return f"cases/{file_name(case_id)}.html"


def unit_register_url(code: str) -> str:
    return f"registers/unit/{file_name(code)}.html"


def source(url: str) -> str:
    """The Markdown source path of a page's URL: cases/X.html → cases/X.md."""
    return url.removesuffix(".html") + ".md"


@dataclass
class SiteInputs:
    """What the site is made from, as published (records.unpublished): every number in the
    records' texts masked, and what is never published (key persons' names and status, the
    petitioners of confidential cases) taken out of their free text. ``repo`` keeps the key persons
    as written, for the office's own pages; ``cases`` and ``campaign`` are ``repo``'s."""

    repo: Repository
    as_of: date
    overview: Overview
    findings: list[Finding]
    history: History | None
    history_note: str
    schema: Schema
    calendar: WorkCalendar
    cases: list[Case]
    campaign: Campaign
    duties: DutiesOverview  # risks, key persons (counts), assignments, submissions, accountability
    office: bool = False  # the office's own build: adds the units' key-person lists
    # Names never published (key persons, petitioners of confidential cases) hidden in free
    # text that does not come from the records: commit messages, every text a template prints.
    hide_names: Callable[[str], str] = str
    # A text from or about a record (a finding's message) as published: numbers, names, status.
    publish: Callable[[str], str] = mask_text

    @cached_property
    def work(self) -> OfficeWork:
        """Meetings, publicity, inspections and commendations on the site's date."""
        return office_work(self.repo.duties, self.campaign, self.as_of)


def _history(root: Path) -> tuple[History | None, str]:
    try:
        history = read_history(root)  # with field timelines: the change log names what changed
    except ConfigError as err:
        return None, f"没有 git 历史（{err}），修改记录不可用。"
    return history, history.message or ""


def _rule_findings(
    repo: Repository, day: date, calendar: WorkCalendar, today: date
) -> list[Finding]:
    return rule_findings(repo, day, calendar, today)


def gather(root: Path, as_of: date | None = None, office: bool = False) -> SiteInputs:
    # The git history is read beside the records (parallel.py), and the rules run beside
    # the making of the published copies: at 10,000 cases each pair takes a second or two.
    history_job = Beside(_history, root)
    try:
        written = open_repository(root)
        day = resolve_as_of(written.campaign, as_of)
        calendar = WorkCalendar.from_root(root)
    except BaseException:
        history_job.cancel()
        raise
    # The same findings as `xinfang check`: the compliance page and the command count alike.
    today = resolve_as_of(written.campaign, None)
    findings_job = Beside(_rule_findings, written, day, calendar, today)
    hidden = unpublished(written)
    repo = published_repository(written)
    view = overview(repo.campaign, repo.cases, day, calendar, assigned=repo.duties.dispatched())
    history, note = history_job.result()
    return SiteInputs(
        repo=repo,
        as_of=day,
        overview=view,
        findings=sorted(
            set(
                written.all_findings()
                + findings_job.result()
                + (history_signals(written, history) if history is not None else [])
            )
        ),
        history=history,
        history_note=note,
        schema=load_schema(root, "case"),
        calendar=calendar,
        cases=repo.cases,
        campaign=repo.campaign,
        duties=duties_overview(repo, view),
        office=office,
        hide_names=hidden.hide_names,
        publish=lambda text: hidden.text(mask_text(text)),
    )


def workbook_path(as_of: date) -> str:
    """Where the site offers the Excel ledger (masked) for download."""
    return f"downloads/信访台账-{as_of.isoformat()}.xlsx"
