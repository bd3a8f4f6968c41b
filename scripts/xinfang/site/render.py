"""Rendering pages from templates: one Jinja environment with autoescaping and masking.

Every page module (the registers, case pages, the change log, and pages that other modules add)
renders through :class:`Renderer`, so that every page gets the same globals: the campaign, links
to case pages relative to the page, the register rows, and the print sign-off block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..records.labels import CATEGORY_SHORT, STATUS_ZH, percent, percent_value
from ..records.privacy import mask_text
from .inputs import SiteInputs, case_url, relative
from .register_rows import RowRenderer


def _publisher(hide: Callable[[str], str]) -> Callable[[Any], Any]:
    """Every text a template prints, numbers masked and names never published hidden: findings'
    messages, commits' subjects and authors, notes (the records themselves come published
    already). Markup is built from published values by our own code."""

    def published(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, Markup):
            return hide(mask_text(value))
        return value

    return published


def environment(mask: bool = True, hide: Callable[[str], str] = str) -> Environment:
    """The templates' environment; ``mask=False`` for templates whose every text is masked
    already (case pages: the published case, and the few other texts masked by their builder);
    ``hide`` takes the names never published out of every text printed."""
    env = Environment(
        loader=PackageLoader("xinfang.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,  # optional record keys may be absent
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_publisher(hide) if mask else None,
    )
    env.globals.update(pct=percent, pct_value=percent_value)
    return env


OFFICE = "office/"  # the folder of the office's own pages (site/office_pages.py)


def prefix(page_path: str) -> str:
    """The way up from a page to the site's root, e.g. "../" for registers/index.md."""
    return "../" * page_path.count("/")


def linker(page_path: str) -> Callable[[str], str]:
    up = prefix(page_path)
    return lambda case_id: f"{up}{case_url(case_id)}"


class Renderer:
    """Renders a template for a page at a given path, with the site's common context."""

    def __init__(self, inputs: SiteInputs) -> None:
        self.inputs = inputs
        self.env = environment(hide=inputs.hide_names)
        self.office_env = environment()  # the office's own pages list the key persons by name
        self.masked_env = environment(mask=False)
        self.rows = RowRenderer(inputs.campaign)
        self.labels = {"status": STATUS_ZH, "category_short": CATEGORY_SHORT}

    def signoff(self, unit_code: str | None = None) -> dict[str, str]:
        """The printed register's sign-off block: 填报单位 (the unit, else the campaign's office),
        制表人 and 审核人 left blank to sign, and the as-of date."""
        campaign = self.inputs.campaign
        unit = campaign.unit_name(unit_code) if unit_code else ""
        office = campaign.unit_name(campaign.office)
        return {"unit": unit or f"{campaign.county}信访问题专项治理活动领导小组办公室（{office}）",
                "date": f"{self.inputs.as_of.year} 年 {self.inputs.as_of.month} 月 {self.inputs.as_of.day} 日"}  # fmt: skip

    def url(self, page_path: str, target: str) -> str:
        return relative(page_path, target)

    def render(self, name: str, page_path: str, **context: Any) -> str:
        context.setdefault("signoff", self.signoff())
        env = self.office_env if page_path.startswith(OFFICE) else self.env
        return env.get_template(name).render(
            campaign=self.inputs.campaign, labels=self.labels, link=linker(page_path),
            prefix=prefix(page_path), rows_html=self.rows.rows, **context
        )  # fmt: skip
