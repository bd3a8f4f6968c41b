"""The leaders' pages: one per county leader who carries cases, printable, and the leading
group's weekly brief. Key persons appear as counts only."""

from __future__ import annotations

from ..records.duty_labels import ACTION_ZH
from ..records.file_names import file_name
from ..records.labels import LEVEL_ZH, STATUS_ZH
from ..rules.leaders import leader_views, next_step
from ..rules.weekly import weekly_brief
from .duty_common import Render, risk_url
from .inputs import Page, SiteInputs, case_url, relative, source

LEADERS, BRIEF = "leaders/index.md", "brief.md"


def leader_url(name: str) -> str:
    return f"leaders/{file_name(name)}.html"


def record_link(page: str, ref: str) -> str:
    """The page of a case, assignment or risk id, from ``page``."""
    if ref.startswith("JB"):
        return relative(page, f"assignments.html#{ref}")
    if ref.startswith("YH"):
        return relative(page, risk_url(ref))
    return relative(page, case_url(ref))


def leader_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    views = leader_views(inputs.repo, inputs.overview, inputs.duties)
    pages = [
        Page(
            LEADERS,
            "县级包案领导",
            render(
                "duty_leaders.html",
                LEADERS,
                views=views,
                as_of=inputs.as_of,
                page=lambda name: relative(LEADERS, leader_url(name)),
            ),
        )
    ]
    for view in views:
        path = source(leader_url(view.name))
        pages.append(
            Page(
                path,
                f"{view.name}包案情况",
                render(
                    "duty_leader.html",
                    path,
                    v=view,
                    as_of=inputs.as_of,
                    next_step=next_step,
                    statuses=STATUS_ZH,
                    levels=LEVEL_ZH,
                    to=lambda ref, path=path: record_link(path, ref),
                    back=relative(path, LEADERS[:-3] + ".html"),
                ),
                in_nav=False,
                searchable=False,
            )
        )
    brief = weekly_brief(inputs.repo, inputs.overview, inputs.duties)
    pages.append(
        Page(
            BRIEF,
            "本周简报",
            render(
                "duty_brief.html",
                BRIEF,
                b=brief,
                levels=LEVEL_ZH,
                actions=ACTION_ZH,
                to=lambda ref: record_link(BRIEF, ref),
            ),
        )
    )
    return pages
