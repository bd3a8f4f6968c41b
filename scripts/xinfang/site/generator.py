"""The site generator: records, derived status and history in; pages (path, title, HTML) out.

Plain Python: the MkDocs plugin and `xinfang pages --out` are thin adapters around `build_site`.
Pages carry HTML bodies rendered by Jinja with autoescaping, so no text from a record can become
markup; links are relative `.html` paths (the site is built with `use_directory_urls: false`, which
also lets a reader open it straight from a folder).

The site is the home page, the case pages, and sections, each a function ``(inputs, renderer) ->
list[Page]`` listed in ``SECTIONS``: a module that adds pages writes one such function and adds it
to the list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from markupsafe import Markup

from ..campaign.statutory import binding, campaign_regulations, regulation_on, statutory_dues
from ..errors import XinfangError
from ..findings import Finding
from ..history.guard_rules import GUARD_RULES, NOT_FACTS
from ..parallel import Beside
from ..records.case import Case
from ..records.file_names import leaves_folder
from ..records.finding_groups import group
from ..records.kinds import is_private
from ..records.labels import CATEGORY_SHORT, LEVEL_ZH, OBLIGATION_ZH, STATUS_ZH
from ..rules.readings import READINGS
from ..rules.status import CaseStatus
from ..rules.table import RULES
from . import case_deadlines, casepage, changes, charts, kind_pages, lookup_index, registers
from .duty_pages import dashboard_context, obligation_contents, related, rule_catalogue
from .inputs import (
    CASE_INDEX,
    Asset,
    Page,
    Site,
    SiteInputs,
    case_url,
    gather,
    source,
    unit_register_url,
)
from .render import OFFICE, Renderer, prefix

Section = Callable[[SiteInputs, Renderer], list[Page]]


def _home(inputs: SiteInputs, r: Renderer, workbook: str | None) -> list[Page]:
    o, campaign = inputs.overview, inputs.campaign
    units = [u for u in o.units if u.cases]
    unit_rows = [(u.name, [u.closed, u.cases - u.closed - u.overdue, u.overdue]) for u in units]
    by_category: dict[str, list[int]] = {k: [0, 0] for k in CATEGORY_SHORT}
    for c in o.cases:
        by_category[c.case.category][0 if c.closed else 1] += 1
    home, lookup = "index.md", "lookup.md"
    url = r.url
    return [
        Page(home, "首页", r.render(
            "dashboard.html", home, o=o,
            timeline=Markup(charts.phase_timeline(campaign, o.as_of)),
            unit_chart=Markup(charts.bar_chart(unit_rows, ["已结案", "在办", "超期"], "各单位案件")),
            category_chart=Markup(charts.bar_chart(
                [(CATEGORY_SHORT[k], v) for k, v in by_category.items()], ["已结案", "未结案"], "各类别案件")),
            incidents=o.incidents[-INCIDENTS_ON_HOME:], incidents_total=len(o.incidents),
            levels=LEVEL_ZH, window=campaign.targets, unreadable=inputs.repo.unreadable(),
            index_url=url(home, CASE_INDEX), base_url=url(home, ".") + "/",
            urls={
                "overdue": url(home, "overdue.html"), "registers": url(home, "registers/index.html"),
                "obligations": url(home, "obligations.html"), "compliance": url(home, "compliance.html"),
                "units": url(home, "registers/units.html"),
                "workbook": url(home, workbook) if workbook else "",
            },
            **dashboard_context(inputs, home),
        ), searchable=False),
        Page(lookup, "案件查询", r.render(
            "lookup.html", lookup, index_url=url(lookup, CASE_INDEX), base_url=url(lookup, ".") + "/")),
    ]  # fmt: skip


# The dashboard lists the latest incidents; each unit's register lists all of its own.
INCIDENTS_ON_HOME = 30


def _lists(inputs: SiteInputs, r: Renderer) -> list[Page]:
    o = inputs.overview
    return [
        Page("overdue.md", "超期和临期", r.render("overdue.html", "overdue.md", o=o), searchable=False),
        Page("compliance.md", "合规检查", _compliance(inputs, r), searchable=False),
        Page("obligations.md", "各单位上报情况", r.render(
            "obligations.html", "obligations.md", o=o, states=OBLIGATION_ZH,
            unit_link=lambda code: r.url("obligations.md", unit_register_url(code)),
            **obligation_contents(inputs)), searchable=False),
        Page("changes.md", "修改记录", r.render(
            "changes.html", "changes.md",
            entries=changes.commit_changes(
                inputs.history, inputs.campaign.unit_name, inputs.hide_names
            )[:CHANGES_SHOWN],
            note=inputs.history_note), searchable=False),
        Page("rules.md", "规则目录", r.render(
            "rules.html", "rules.md", rules=RULES, guard_rules=GUARD_RULES, not_facts=NOT_FACTS,
            laws=campaign_regulations(inputs.campaign), readings=READINGS, **rule_catalogue())),
    ]  # fmt: skip


CHANGES_SHOWN = 200


def _compliance(inputs: SiteInputs, r: Renderer) -> str:
    """The findings `xinfang check` prints, grouped alike: by unit, then by record kind. Key
    persons' findings are counted in their unit, never listed (office_pages.py lists them)."""
    case_ids = {c.rel: c.id for c in inputs.cases}
    groups = []
    for g in group(inputs.repo, inputs.findings):
        kinds = [
            (
                kind,
                []
                if is_private(found[0].file)
                else [
                    # a finding may quote a record's text: shown as published
                    (case_ids.get(f.file, ""), replace(f, message=inputs.publish(f.message)))
                    for f in found
                ],
                len(found),
            )
            for kind, found in g.kinds.items()
        ]
        groups.append((g, kinds))
    return r.render(
        "compliance.html", "compliance.md", as_of=inputs.as_of,
        errors=sum(f.severity == "error" for f in inputs.findings),
        warnings=sum(f.severity == "warning" for f in inputs.findings),
        groups=groups, rules_url="rules.html", shallow=inputs.history_note,
    )  # fmt: skip


def _case_pages(inputs: SiteInputs, r: Renderer) -> Callable[[], list[Page]]:
    """Every case's page, from a function that waits for them: a large site renders a share of
    them beside the rest of the site (parallel.py)."""
    cases = inputs.cases
    split = int(len(cases) * SHARE_BESIDE) if len(cases) >= CASES_TO_SPLIT else 0
    beside = Beside(_case_bodies, inputs, r, cases[len(cases) - split :]) if split else None

    def pages() -> list[Page]:
        bodies = _case_bodies(inputs, r, cases[: len(cases) - split])
        if beside is not None:
            bodies += beside.result()
        return [
            Page(source(case_url(c.id)), f"{c.id} {c.title}", body, in_nav=False, menu=False)
            for c, body in zip(cases, bodies, strict=True)
        ]

    return pages


# Below this many cases, starting a process costs more than it saves; above it, the process
# beside renders this share, while this one also renders the registers and the other pages.
CASES_TO_SPLIT = 2000
SHARE_BESIDE = 0.55


def _case_bodies(inputs: SiteInputs, r: Renderer, cases: list[Case]) -> list[str]:
    statuses = {c.id: c for c in inputs.overview.cases}
    findings: dict[str, list[Finding]] = defaultdict(list)
    for f in inputs.findings:
        findings[f.file].append(f)
    template = r.masked_env.get_template("case.html")  # every text below is masked
    file_link = casepage.file_linker(inputs.campaign.file_url)
    edit, publish = inputs.campaign.edit_url, inputs.publish
    if not edit.startswith(("http://", "https://")):  # never a javascript: link
        edit = ""
    bodies = []
    for case in cases:
        page = source(case_url(case.id))
        up = prefix(page)
        status = statuses.get(case.id)
        bodies.append(template.render(
            **_case_context(inputs, case, status, file_link),
            findings=[replace(f, message=publish(f.message)) for f in findings.get(case.rel, ())],
            edit_url=(edit + case.rel) if edit else "",
            urls={"home": up + "index.html", "registers": up + "registers/index.html",
                  "unit": up + unit_register_url(case.unit), "rules": up + "rules.html"},
            related=[  # risks, assignments, accountability that name the case
                (kind, publish(title), url)
                for kind, title, url in related(inputs, case.id, page)
            ],
        ))  # fmt: skip
    return bodies


def _case_context(
    inputs: SiteInputs, case: Case, status: CaseStatus | None, file_link: Callable[[str], str]
) -> dict[str, object]:
    unit_name, schema = inputs.campaign.unit_name, inputs.schema
    dues = statutory_dues(case, inputs.campaign.policy, inputs.calendar, inputs.as_of)
    which = binding(status.deadline.effective if status and status.deadline else None, dues)
    return {
        "d": case,
        "case": status,
        "status": STATUS_ZH.get(case.status, case.status),
        "category": CATEGORY_SHORT.get(case.category, case.category),
        "unit": unit_name(case.unit),
        "people": casepage.petitioners(case, unit_name),
        "basics": casepage.basics(case, schema),
        "four_clear": casepage.four_clear(case, unit_name),
        "handling": casepage.handling(case, schema, file_link),
        "timeline": casepage.timeline(case),
        "checklist": casepage.closure_checklist(case),
        "closure": casepage.closure_items(
            case, schema, file_link, case_deadlines.settlement_text(status, inputs.campaign.policy)
        ),
        "deadline": case_deadlines.deadline_text(status),
        "statutory": dues,
        "statutory_text": case_deadlines.statutory_text,
        "binding": case_deadlines.binding_text(status, dues, which),
        "regulation": regulation_on(case.registered),
        "evidence": [casepage.Item("", path, file_link(path)) for path in case.evidence],
        "history": changes.case_history(inputs.history, case.id, unit_name, inputs.hide_names),
        "history_note": inputs.publish(inputs.history_note),
    }


SECTIONS: list[Section] = [_lists, registers.pages, kind_pages.pages]


def build_site(inputs: SiteInputs, workbook: str | None = None) -> Site:
    """The site's pages and assets; ``workbook`` is the ledger's path, written by the caller."""
    r = Renderer(inputs)
    case_pages = _case_pages(inputs, r)  # first: a share may start beside the rest
    site = Site(pages=_home(inputs, r, workbook))
    for section in SECTIONS:
        site.pages.extend(section(inputs, r))
    site.pages.extend(case_pages())
    statuses = {c.id: c for c in inputs.overview.cases}
    site.assets += [
        Asset(f.path, f.content)
        for f in lookup_index.build(inputs.cases, statuses, inputs.campaign.unit_name)
    ]
    for page in site.pages:  # titles go to <title>, the navigation and the search index
        if not page.path.startswith(OFFICE):
            page.title = inputs.publish(page.title)
    for path in [p.path for p in site.pages] + [a.path for a in site.assets]:
        if leaves_folder(path):  # names in paths are made safe (file_names.py): never happens
            raise XinfangError(f"网站页面的路径 {path!r} 会写到网站目录之外，已停止。")
    return site


def generate(root: Path, as_of: date | None = None) -> Site:
    """The whole site of the repository at ``root``, without the Excel ledger."""
    return build_site(gather(root, as_of))
