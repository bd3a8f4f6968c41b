"""The site generator: records, derived status and history in; pages (path, title, HTML) out.

Plain Python: the MkDocs plugin and `xinfang pages --out` are thin adapters around `build_site`.
Pages carry HTML bodies rendered by Jinja with autoescaping, so no text from a record can become
markup; links are relative `.html` paths (the site is built with `use_directory_urls: false`, which
also lets a reader open it straight from a folder).
"""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from . import casepage, charts
from .check import resolve_as_of, rule_findings
from .deadlines import statutory_dues
from .errors import ConfigError
from .findings import Finding
from .history import History, read_history
from .register_rows import CATEGORY_SHORT, RowRenderer
from .repository import Repository, open_repository
from .rules import RULES
from .status import OBLIGATION_ZH, STATUS_ZH, CaseStatus, Overview, overview
from .validate import Schema, load_schema
from .workdays import WorkCalendar

LEVEL_ZH = {"county": "县", "city": "市", "province": "省", "beijing": "进京"}
CASE_INDEX = "assets/cases.json"
# Registers list every case: searched through Material's index only at a county's scale.
SEARCH_REGISTERS_UP_TO = 1000


@dataclass
class Page:
    path: str  # the Markdown source path, e.g. "cases/XF2008-T01-001.md"
    title: str
    body: str  # HTML
    in_nav: bool = True
    searchable: bool = True

    @property
    def url(self) -> str:
        return self.path[:-3] + ".html"

    def meta(self) -> dict[str, Any]:
        """The page's front matter: title, what Material hides, whether search indexes it."""
        meta: dict[str, Any] = {"title": self.title, "hide": ["navigation", "toc"] if not self.in_nav else ["toc"]}
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
    return f"cases/{case_id}.html"


@dataclass
class SiteInputs:
    repo: Repository
    as_of: date
    overview: Overview
    findings: list[Finding]
    history: History | None
    history_note: str
    schema: Schema
    calendar: WorkCalendar

    @property
    def campaign(self) -> Any:
        return self.repo.campaign


def gather(root: Path, as_of: date | None = None) -> SiteInputs:
    repo = open_repository(root)
    day = resolve_as_of(repo.campaign, as_of)
    calendar = WorkCalendar.from_root(root)
    findings = sorted(set(repo.all_findings() + rule_findings(repo, day, calendar)))
    history: History | None
    try:
        history = read_history(root, with_fields=False)  # the site shows commits, not fields
        note = history.message or ""
    except ConfigError as err:
        history, note = None, f"没有 git 历史（{err}），修改记录不可用。"
    return SiteInputs(
        repo=repo,
        as_of=day,
        overview=overview(repo.campaign, repo.cases, day, calendar),
        findings=findings,
        history=history,
        history_note=note,
        schema=load_schema(root, "case"),
        calendar=calendar,
    )


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("xinfang", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,  # optional record keys may be absent
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(pct=lambda v: f"{v * 100:.1f}%")
    return env


def _prefix(page_path: str) -> str:
    """The way up from a page to the site's root, e.g. "../" for registers/index.md."""
    return "../" * page_path.count("/")


def _linker(page_path: str) -> Callable[[str], str]:
    prefix = _prefix(page_path)
    return lambda case_id: f"{prefix}{case_url(case_id)}"


def workbook_path(as_of: date) -> str:
    """Where the site offers the Excel ledger (masked) for download."""
    return f"downloads/信访台账-{as_of.isoformat()}.xlsx"


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
        by_category[c.data["category"]][0 if c.closed else 1] += 1
    incidents = [("越级集体访", i) for i in o.cross_level_collective] + [
        ("非正常进京访", i) for i in o.abnormal_beijing
    ]
    home = "index.md"
    site.pages.append(Page(home, "首页", render(
        "dashboard.html", home, o=o,
        timeline=Markup(charts.phase_timeline(campaign, o.as_of)),
        unit_chart=Markup(charts.bar_chart(unit_rows, ["已结案", "在办", "超期"], "各单位案件")),
        category_chart=Markup(charts.bar_chart(
            [(CATEGORY_SHORT[k], v) for k, v in by_category.items()], ["已结案", "未结案"], "各类别案件")),
        incidents=sorted(incidents, key=lambda pair: pair[1].date), levels=LEVEL_ZH,
        index_url=url(home, CASE_INDEX), base_url=url(home, ".") + "/",
        urls={
            "overdue": url(home, "overdue.html"), "registers": url(home, "registers/index.html"),
            "obligations": url(home, "obligations.html"), "compliance": url(home, "compliance.html"),
            "workbook": url(home, workbook) if workbook else "",
        },
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
            groups=None, rows=rows), in_nav=False, searchable=False))

    site.pages.append(Page("overdue.md", "超期和临期", render("overdue.html", "overdue.md", o=o),
                           searchable=not many))
    site.pages.append(Page("compliance.md", "合规检查", _compliance(inputs, render), searchable=not many))
    site.pages.append(Page("obligations.md", "各单位上报情况", render(
        "obligations.html", "obligations.md", o=o, states=OBLIGATION_ZH,
        unit_link=lambda code: relative("obligations.md", f"registers/unit/{code}.html"))))
    site.pages.append(Page("changes.md", "修改记录", _changes(inputs, render), searchable=not many))
    site.pages.append(Page("rules.md", "规则目录", render("rules.html", "rules.md", rules=RULES)))

    statuses = {c.id: c for c in o.cases}
    for record in inputs.repo.cases:
        site.pages.append(_case_page(inputs, env, record.data, record.rel, statuses.get(record.data["id"])))
    site.assets.append(Asset(CASE_INDEX, _case_index(inputs)))
    return site


def _grouped_registers(o: Overview, render: Callable[..., str], many: bool) -> list[Page]:
    campaign = o.campaign
    groupings: list[tuple[str, str, Callable[[CaseStatus], str], Callable[[str], str]]] = [
        ("registers/units.md", "按承办单位", lambda c: c.unit, campaign.unit_name),
        ("registers/leaders.md", "按包案领导", lambda c: c.data["responsibility"].get("lead_official") or "未落实",
         lambda k: k),
        ("registers/categories.md", "按问题类别", lambda c: c.data["category"], lambda k: CATEGORY_SHORT.get(k, k)),
        ("registers/status.md", "按办理状态", lambda c: c.data["status"], lambda k: STATUS_ZH.get(k, k)),
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
    case_unit = {r.rel: (r.data["id"], r.data["responsibility"]["unit"]) for r in inputs.repo.cases}
    by_unit: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for f in inputs.findings:
        case_id, unit = case_unit.get(f.file, ("", ""))
        by_unit[inputs.campaign.unit_name(unit) if unit else "其他文件"].append((case_id, f))
    order = [u.name for u in inputs.campaign.units.values()] + ["其他文件"]
    return render(
        "compliance.html", "compliance.md", as_of=inputs.as_of,
        errors=sum(f.severity == "error" for f in inputs.findings),
        warnings=sum(f.severity == "warning" for f in inputs.findings),
        by_unit=[(name, by_unit[name]) for name in order if by_unit.get(name)],
        rules_url="rules.html", shallow=inputs.history_note,
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


def _case_page(inputs: SiteInputs, env: Environment, data: dict[str, Any], rel: str,
               status: CaseStatus | None) -> Page:
    path = f"cases/{data['id']}.md"
    history = inputs.history.for_id(data["id"]) if inputs.history else None
    edit = inputs.campaign.edit_url
    body = env.get_template("case.html").render(
        d=data, case=status, status=casepage.status_label(data),
        category=CATEGORY_SHORT.get(data["category"], data["category"]),
        unit=inputs.campaign.unit_name(data["responsibility"]["unit"]),
        deadline=casepage.deadline_text(status),
        statutory=statutory_dues(data, inputs.campaign.policy, inputs.calendar),
        findings=casepage.findings_for(inputs.findings, rel),
        checklist=casepage.closure_checklist(data),
        timeline=casepage.timeline(data, history),
        history_note=inputs.history_note,
        fields=casepage.fields_html(inputs.schema, data, inputs.campaign.unit_name),
        edit_url=(edit + rel) if edit else "",
        back=_prefix(path) + "registers/index.html",
    )
    return Page(path, f"{data['id']} {data['title']}", body, in_nav=False, searchable=False)


def _case_index(inputs: SiteInputs) -> bytes:
    """The compact lookup index: what a reader's first case search downloads."""
    statuses = {c.id: c for c in inputs.overview.cases}
    rows = []
    for record in inputs.repo.cases:
        d = record.data
        status = statuses.get(d["id"])
        rows.append([
            d["id"], d["title"], inputs.campaign.unit_name(d["responsibility"]["unit"]),
            d["responsibility"].get("lead_official") or "", STATUS_ZH[d["status"]],
            1 if status and status.overdue else 0,
        ])
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def generate(root: Path, as_of: date | None = None, workbook: bool = False) -> Site:
    """The whole site; with ``workbook``, the Excel ledger too (built here, synchronously)."""
    inputs = gather(root, as_of)
    if not workbook:
        return build_site(inputs)
    from .excel_export import workbook_bytes

    path = workbook_path(inputs.as_of)
    site = build_site(inputs, path)
    site.assets.append(Asset(path, workbook_bytes(root, inputs.as_of, repo=inputs.repo)[1]))
    return site
