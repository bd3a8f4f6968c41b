"""The site generator: records, derived status and history in; pages (path, title, HTML) out.

Plain Python: the MkDocs plugin and `xinfang pages --out` are thin adapters around `build_site`.
Pages carry HTML bodies rendered by Jinja with autoescaping, so no text from a record can become
markup; links are relative `.html` paths (the site is built with `use_directory_urls: false`, which
also lets a reader open it straight from a folder).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..campaign.statutory import binding, regulation_on, statutory_dues
from ..findings import Finding
from ..history.guard_rules import GUARD_RULES, NOT_FACTS
from ..records.case import Case
from ..records.duties import is_private
from ..records.labels import CATEGORY_SHORT, LEVEL_ZH, OBLIGATION_ZH, STATUS_ZH
from ..records.privacy import mask_text
from ..rules.status import CaseStatus, Overview
from ..rules.table import RULES
from . import casepage, charts
from .duty_pages import dashboard_context, duty_pages, obligation_contents, related, rule_catalogue
from .inputs import CASE_INDEX, Asset, Page, Site, SiteInputs, case_url, gather, relative
from .register_rows import RowRenderer

# Registers list every case: searched through Material's index only at a county's scale.
SEARCH_REGISTERS_UP_TO = 1000


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("xinfang.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,  # optional record keys may be absent
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_published,
    )
    env.globals.update(pct=lambda v: f"{v * 100:.1f}%")
    return env


def _published(value: Any) -> Any:
    """Every text a template prints, numbers masked: findings' messages, commits' subjects and
    authors, notes (the records themselves come masked already). Markup is built from masked
    values by our own code."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return mask_text(value)
    return value


def _prefix(page_path: str) -> str:
    """The way up from a page to the site's root, e.g. "../" for registers/index.md."""
    return "../" * page_path.count("/")


def _linker(page_path: str) -> Callable[[str], str]:
    prefix = _prefix(page_path)
    return lambda case_id: f"{prefix}{case_url(case_id)}"


def build_site(inputs: SiteInputs, workbook: str | None = None) -> Site:
    """The site's pages and assets; ``workbook`` is the ledger's path, written by the caller."""
    env = _environment()
    o, campaign = inputs.overview, inputs.campaign
    labels = {"status": STATUS_ZH, "category_short": CATEGORY_SHORT}
    many = len(o.cases) > SEARCH_REGISTERS_UP_TO
    site = Site()

    row_renderer = RowRenderer(campaign)

    def render(name: str, page_path: str, **context: Any) -> str:
        return env.get_template(name).render(
            campaign=campaign, labels=labels, link=_linker(page_path),
            prefix=_prefix(page_path), rows_html=row_renderer.rows, **context
        )

    def url(page_path: str, target: str) -> str:
        return relative(page_path, target)

    # Home: the dashboard.
    units = [u for u in o.units if u.cases]
    unit_rows = [(u.name, [u.closed, u.cases - u.closed - u.overdue, u.overdue]) for u in units]
    by_category: dict[str, list[int]] = {k: [0, 0] for k in CATEGORY_SHORT}
    for c in o.cases:
        by_category[c.case.category][0 if c.closed else 1] += 1
    home = "index.md"
    site.pages.append(Page(home, "首页", render(
        "dashboard.html", home, o=o,
        timeline=Markup(charts.phase_timeline(campaign, o.as_of)),
        unit_chart=Markup(charts.bar_chart(unit_rows, ["已结案", "在办", "超期"], "各单位案件")),
        category_chart=Markup(charts.bar_chart(
            [(CATEGORY_SHORT[k], v) for k, v in by_category.items()], ["已结案", "未结案"], "各类别案件")),
        incidents=o.incidents, levels=LEVEL_ZH, window=campaign.targets,
        unreadable=inputs.repo.unreadable(),
        index_url=url(home, CASE_INDEX), base_url=url(home, ".") + "/",
        urls={
            "overdue": url(home, "overdue.html"), "registers": url(home, "registers/index.html"),
            "obligations": url(home, "obligations.html"), "compliance": url(home, "compliance.html"),
            "workbook": url(home, workbook) if workbook else "",
        },
        **dashboard_context(inputs, home),
    )))
    lookup = "lookup.md"
    site.pages.append(Page(lookup, "案件查询", render(
        "lookup.html", lookup, index_url=url(lookup, CASE_INDEX), base_url=url(lookup, ".") + "/")))

    # Registers.
    all_path = "registers/index.md"
    site.pages.append(Page(all_path, "全部案件", render(
        "register.html", all_path, title="全部案件台账", intro=f"统计日期 {o.as_of}，共 {o.total} 件。",
        groups=None, rows=o.cases), searchable=not many))
    site.pages.extend(_grouped_registers(o, render, many))
    for u in o.units:
        path = f"registers/unit/{u.code}.md"
        rows = [c for c in o.cases if c.unit == u.code]
        site.pages.append(Page(path, f"{u.name}台账", render(
            "register.html", path, title=f"{u.name}案件台账", intro=f"统计日期 {o.as_of}，共 {len(rows)} 件。",
            groups=None, rows=rows, unit=u, levels=LEVEL_ZH), in_nav=False, searchable=False))

    site.pages.append(Page("overdue.md", "超期和临期", render("overdue.html", "overdue.md", o=o),
                           searchable=not many))
    site.pages.append(Page("compliance.md", "合规检查", _compliance(inputs, render), searchable=not many))
    site.pages.append(Page("obligations.md", "各单位上报情况", render(
        "obligations.html", "obligations.md", o=o, states=OBLIGATION_ZH,
        unit_link=lambda code: relative("obligations.md", f"registers/unit/{code}.html"),
        **obligation_contents(inputs))))
    site.pages.append(Page("changes.md", "修改记录", _changes(inputs, render), searchable=not many))
    site.pages.append(Page("rules.md", "规则目录", render(
        "rules.html", "rules.md", rules=RULES, guard_rules=GUARD_RULES, not_facts=NOT_FACTS,
        **rule_catalogue())))
    site.pages.extend(duty_pages(inputs, render))  # risks, key persons, assignments, leaders…

    statuses = {c.id: c for c in o.cases}
    for case in inputs.cases:
        site.pages.append(_case_page(inputs, env, case, statuses.get(case.id)))
    site.assets.append(Asset(CASE_INDEX, _case_index(inputs)))
    return site


def _grouped_registers(o: Overview, render: Callable[..., str], many: bool) -> list[Page]:
    campaign = o.campaign
    groupings: list[tuple[str, str, Callable[[CaseStatus], str], Callable[[str], str]]] = [
        ("registers/units.md", "按承办单位", lambda c: c.unit, campaign.unit_name),
        ("registers/leaders.md", "按包案领导", lambda c: c.case.responsibility.lead_official or "未落实",
         lambda k: k),
        ("registers/categories.md", "按问题类别", lambda c: c.case.category, lambda k: CATEGORY_SHORT.get(k, k)),
        ("registers/status.md", "按办理状态", lambda c: c.case.status, lambda k: STATUS_ZH.get(k, k)),
    ]
    pages = []
    for path, title, key, name in groupings:
        grouped: dict[str, list[CaseStatus]] = defaultdict(list)
        for c in o.cases:
            grouped[key(c)].append(c)
        order = list(campaign.units) if path.endswith("units.md") else sorted(grouped)
        groups = [
            {"anchor": f"g{i}", "title": name(k), "rows": grouped[k],
             "page": relative(path, f"registers/unit/{k}.html") if path.endswith("units.md") else ""}
            for i, k in enumerate(order) if grouped.get(k)
        ]
        pages.append(Page(path, title, render("register.html", path, title=f"台账：{title}", intro="",
                                              groups=groups, rows=[]), searchable=not many))
    return pages


def _compliance(inputs: SiteInputs, render: Callable[..., str]) -> str:
    case_unit = {c.rel: (c.id, c.unit) for c in inputs.cases}
    by_unit: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    private = [f for f in inputs.findings if is_private(f.file)]  # key persons: a count only
    for f in inputs.findings:
        if is_private(f.file):
            continue
        case_id, unit = case_unit.get(f.file, ("", ""))
        by_unit[inputs.campaign.unit_name(unit) if unit else "其他文件"].append((case_id, f))
    order = [u.name for u in inputs.campaign.units.values()] + ["其他文件"]
    return render(
        "compliance.html", "compliance.md", as_of=inputs.as_of,
        errors=sum(f.severity == "error" for f in inputs.findings),
        warnings=sum(f.severity == "warning" for f in inputs.findings),
        by_unit=[(name, by_unit[name]) for name in order if by_unit.get(name)],
        rules_url="rules.html", shallow=inputs.history_note, private=len(private),
    )


def _changes(inputs: SiteInputs, render: Callable[..., str], limit: int = 200) -> str:
    commits: dict[str, dict[str, Any]] = {}
    if inputs.history:
        for fh in inputs.history.files.values():
            for commit in fh.commits:
                entry = commits.setdefault(commit.hexsha, {
                    "hexsha": commit.hexsha, "day": commit.day, "date": commit.date,
                    "author": commit.author, "subject": commit.subject, "cases": []})
                entry["cases"].append(fh.id)
    ordered = sorted(commits.values(), key=lambda c: c["date"], reverse=True)
    for c in ordered:
        c["cases"].sort()
    return render("changes.html", "changes.md", commits=ordered[:limit], total=len(ordered),
                  note=inputs.history_note)


def _case_page(inputs: SiteInputs, env: Environment, case: Case, status: CaseStatus | None) -> Page:
    path = f"cases/{case.id}.md"
    history = inputs.history.for_id(case.id) if inputs.history else None
    edit = inputs.campaign.edit_url
    dues = statutory_dues(case, inputs.campaign.policy, inputs.calendar, inputs.as_of)
    if not edit.startswith(("http://", "https://")):  # never a javascript: link
        edit = ""
    body = env.get_template("case.html").render(
        d=case, case=status, status=STATUS_ZH.get(case.status, case.status),
        category=CATEGORY_SHORT.get(case.category, case.category),
        unit=inputs.campaign.unit_name(case.unit),
        deadline=casepage.deadline_text(status),
        statutory=dues, statutory_text=casepage.statutory_text,
        binding=casepage.binding_text(status, dues, binding(
            status.deadline.effective if status and status.deadline else None, dues)),
        regulation=regulation_on(case.registered),
        findings=casepage.findings_for(inputs.findings, case.rel),
        checklist=casepage.closure_checklist(case),
        timeline=casepage.timeline(case, history),
        history_note=inputs.history_note,
        fields=casepage.fields_html(inputs.schema, case, inputs.campaign.unit_name),
        edit_url=(edit + case.rel) if edit else "",
        back=_prefix(path) + "registers/index.html",
        related=related(inputs, case.id, path),
    )
    return Page(path, f"{case.id} {case.title}", body, in_nav=False, searchable=False)


def _case_index(inputs: SiteInputs) -> bytes:
    """The compact lookup index: what a reader's first case search downloads."""
    statuses = {c.id: c for c in inputs.overview.cases}
    rows = []
    for case in inputs.cases:
        status = statuses.get(case.id)
        rows.append([
            case.id, case.title, inputs.campaign.unit_name(case.unit),
            case.responsibility.lead_official or "", STATUS_ZH[case.status],
            1 if status and status.overdue else 0,
        ])
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def generate(root: Path, as_of: date | None = None) -> Site:
    """The whole site of the repository at ``root``, without the Excel ledger."""
    return build_site(gather(root, as_of))
