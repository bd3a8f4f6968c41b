"""Register table rows as HTML, built in plain Python: at 10,000 cases the registers hold tens of
thousands of rows, and a template per row would cost more than the rest of the site."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ..records.campaign import Campaign
from ..records.labels import CATEGORY_SHORT, STATUS_ZH
from ..rules.status import CaseStatus
from .inputs import case_url


class RowRenderer:
    """Renders each case's row once; pages at different depths only change the link prefix."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self._cells: dict[
            str, tuple[str, str, str]
        ] = {}  # id -> (tr attributes, title, other cells)

    def _parts(self, c: CaseStatus) -> tuple[str, str, str]:
        cached = self._cells.get(c.id)
        if cached:
            return cached
        d, status = c.case, STATUS_ZH[c.case.status]
        kind = "xf-overdue" if c.overdue else "xf-due-soon" if c.due_soon else ""
        state = status + (" 超期" if c.overdue else "") + (" 临期" if c.due_soon else "")
        deadline = c.deadline
        if c.closed:
            left, value = ("逾期办结" if deadline and deadline.closed_late else "—"), ""
        elif deadline:
            left = f"超期 {-deadline.days_left} 天" if c.overdue else str(deadline.days_left)
            value = str(deadline.days_left)
        else:
            left = value = ""
        cells = "".join(
            f"<td>{escape(text)}</td>"
            for text in (
                CATEGORY_SHORT[d.category],
                self.campaign.unit_name(c.unit),
                d.responsibility.lead_official or "",
                deadline.effective.isoformat() if deadline else "",
                status,
            )
        )
        cells += f'<td data-value="{value}">{left}</td><td>{_settled(c)}</td>'
        parts = (f'class="{kind}" data-state="{state}"', escape(d.title), cells)
        self._cells[c.id] = parts
        return parts

    def rows(self, cases: list[CaseStatus], prefix: str) -> Markup:
        out = []
        for c in cases:
            attrs, title, cells = self._parts(c)
            href = prefix + case_url(c.id)
            out.append(
                f'<tr {attrs}><td><a href="{href}">{c.id}</a></td>'
                f'<td><a href="{href}">{title}</a></td>{cells}</tr>'
            )
        return Markup("\n".join(out))


def _settled(c: CaseStatus) -> str:
    """息诉罢访: 是, 待观察 (closed, its observation period still running) or 否 once closed; a
    case still open has not come to it ("—")."""
    if not c.closed:
        return "—"
    return "是" if c.settled else "待观察" if c.observing else "否"
