"""The city's site: its pages as HTML, with the county site's templates, styles and print layout.

Rendered like the county's pages (``site.render``: autoescaping, numbers masked in any text), the
templates in ``city/templates`` importing the county's ``_macros.html`` (print button, sign-off
block). The MkDocs plugin (``city_plugin.py``) serves them in the same Material theme.
"""

from __future__ import annotations

from typing import Any

from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, select_autoescape

from ..records.privacy import mask_text
from ..site.inputs import Page
from .build import CityInputs
from .figures import CROSS_SHOWN

PAGES = (
    ("index.md", "各县情况", "city_index.html"),
    ("incidents.md", "信访事件", "city_events.html"),
    ("visits.md", "到市走访", "city_visits.html"),
    ("cross.md", "跨县信访人", "city_cross.html"),
    ("assigned.md", "市交办件", "city_assigned.html"),
    ("trend.md", "每周趋势", "city_trend.html"),
)
KEYS = {"same": "与市里一致", "differs": "密钥与市里不同", "none": "无（县里没有设置密钥）"}
TOTALS = (
    "cases", "closed", "settled", "overdue", "due_soon", "confidential", "cross_level_collective",
    "abnormal", "cross_level", "collective", "report_backs_overdue",
)  # fmt: skip


def rate(part: int | None, base: int | None) -> str:
    """A rate with its base: 45.2%（19/42）."""
    if base is None:
        return "—"
    part = part or 0
    return f"{part / base * 100:.1f}%（{part}/{base}）" if base else "—（0/0）"


def _finalize(value: Any) -> Any:
    return mask_text(value) if isinstance(value, str) else value


def environment() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [PackageLoader("xinfang.city", "templates"), PackageLoader("xinfang.site", "templates")]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


def key_notices(inputs: CityInputs) -> list[str]:
    out = [inputs.notice] if inputs.notice else []
    for s in inputs.states:
        if s.manifest and s.key == "differs":
            out.append(
                f"{s.county.name}的快照所用的密钥与市里的不同：它的信访人无法与其他县比对"
                f"（即使是同一人也找不到），没有参加比对。请该县核对 CI 中的 XINFANG_CITY_KEY。"
            )
        elif s.manifest and s.key == "none":
            out.append(
                f"{s.county.name}的快照没有身份证号散列（县里没有设置市级密钥），没有参加比对。"
            )
    return out


def city_pages(inputs: CityInputs) -> list[Page]:
    f = inputs.figures
    present = [c for c in f.counties if not c["missing"]]
    total: dict[str, Any] = {
        k: sum(c[k] or 0 for c in present) if present else None for k in TOTALS
    }
    total["counties"] = len(present)
    notices = key_notices(inputs)
    missing = [s.county.name for s in inputs.states if s.missing]
    if missing:
        notices.insert(0, f"缺少 {len(missing)} 个县的快照：{'、'.join(missing)}。合计不含这些县。")
    env = environment()
    day = f.as_of
    context = {
        "f": f, "city": inputs.config.city, "states": inputs.states, "keys": KEYS, "rate": rate,
        "total": total, "notices": notices, "key_notices": key_notices(inputs),
        "shown": f.cross[:CROSS_SHOWN],
        "signoff": {"unit": f"{inputs.config.city}信访局", "date": f"{day.year} 年 {day.month} 月 {day.day} 日"},
    }  # fmt: skip
    pages = []
    for path, title, template in PAGES:
        body = env.get_template(template).render(title=title, **context)
        pages.append(Page(path, title, body))
    return pages
