"""The registers (台账): all cases, grouped by unit, leader, category, source and status, one page
per unit.

Registers print as official documents (docs/assets/xinfang.css): bordered, the header repeated on
each page, page numbers, and a sign-off block; the grouped register by unit can start each unit
on a new page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..records.labels import CATEGORY_SHORT, LEVEL_ZH, SOURCE_SHORT, STATUS_ZH
from ..rules.status import CaseStatus
from .inputs import Page, SiteInputs, relative, source, unit_register_url
from .render import Renderer


def pages(inputs: SiteInputs, r: Renderer) -> list[Page]:
    o = inputs.overview
    all_path = "registers/index.md"
    out = [Page(all_path, "全部案件", r.render(
        "register.html", all_path, title="全部案件台账", intro=f"统计日期 {o.as_of}，共 {o.total} 件。",
        groups=None, rows=o.cases), searchable=False)]  # fmt: skip
    out += _grouped(inputs, r)
    by_unit: dict[str, list[CaseStatus]] = defaultdict(list)
    for c in o.cases:
        by_unit[c.unit].append(c)
    for u in o.units:
        path = source(unit_register_url(u.code))
        rows = by_unit.get(u.code, [])
        out.append(Page(path, f"{u.name}台账", r.render(
            "register.html", path, title=f"{u.name}案件台账", intro=f"统计日期 {o.as_of}，共 {len(rows)} 件。",
            groups=None, rows=rows, unit=u, levels=LEVEL_ZH, signoff=r.signoff(u.code),
        ), in_nav=False, searchable=False))  # fmt: skip
    return out


def _grouped(inputs: SiteInputs, r: Renderer) -> list[Page]:
    o = inputs.overview
    campaign = o.campaign
    groupings: list[tuple[str, str, Callable[[CaseStatus], str], Callable[[str], str]]] = [
        ("registers/units.md", "按承办单位", lambda c: c.unit, campaign.unit_name),
        ("registers/leaders.md", "按包案领导", lambda c: c.case.responsibility.lead_official or "未落实",
         lambda k: k),
        ("registers/categories.md", "按问题类别", lambda c: c.case.category, lambda k: CATEGORY_SHORT.get(k, k)),
        ("registers/sources.md", "按案件来源", lambda c: c.case.source or "", lambda k: SOURCE_SHORT.get(k, k or "未写来源")),
        ("registers/status.md", "按办理状态", lambda c: c.case.status, lambda k: STATUS_ZH.get(k, k)),
    ]  # fmt: skip
    out = []
    for path, title, key, name in groupings:
        by_unit = path.endswith("units.md")
        grouped: dict[str, list[CaseStatus]] = defaultdict(list)
        for c in o.cases:
            grouped[key(c)].append(c)
        order = list(campaign.units) if by_unit else sorted(grouped)
        groups = [
            {"anchor": f"g{i}", "title": name(k), "rows": grouped[k],
             "page": relative(path, unit_register_url(k)) if by_unit else "",
             "signoff": r.signoff(k) if by_unit else None}
            for i, k in enumerate(order) if grouped.get(k)
        ]  # fmt: skip
        out.append(Page(path, title, r.render(
            "register.html", path, title=f"台账：{title}", intro=f"统计日期 {o.as_of}，共 {o.total} 件。",
            groups=groups, rows=[], page_per_group=by_unit), searchable=False))  # fmt: skip
    return out
