"""The office's own pages: each unit's key persons, for the leading-group office only.

Built only when asked for (``xinfang pages --office``, or the MkDocs plugin's ``office: true``
in the office's own site): the public site shows key persons as counts. Identity-card and
phone numbers stay masked here too; the full record is in the repository.
"""

from __future__ import annotations

from ..records import duty_labels as zh
from ..records.file_names import file_name
from ..records.kinds import is_private
from ..records.privacy import mask_id_number, mask_phone
from ..rules.duty_views import contact_due, one_per_person
from .duty_common import Render
from .inputs import Page, SiteInputs, relative, source

INDEX = "office/persons/index.md"


def _persons_url(code: str) -> str:
    return f"office/persons/{file_name(code)}.html"


def office_pages(inputs: SiteInputs, render: Render) -> list[Page]:
    repo, as_of = inputs.repo, inputs.as_of
    settings = repo.duties.settings
    listed = [p for p in repo.duties.persons if p.registered <= as_of]
    pages = []
    counts = []
    for code, unit in inputs.campaign.units.items():
        mine = sorted((p for p in listed if p.unit == code), key=lambda p: p.id)
        if not mine:
            continue
        path = source(_persons_url(code))
        rows = [(p, contact_due(p, as_of, settings), p.contacts_until(as_of)) for p in mine]
        # The figures count a person registered twice once (the list shows both records).
        people = one_per_person(mine)
        overdue = sum(
            bool(d and d.overdue) for d in (contact_due(p, as_of, settings) for p in people)
        )
        counts.append((code, unit.name, len(people), overdue))
        pages.append(
            Page(
                path,
                f"{unit.name}重点人员名单",
                render(
                    "office_persons.html",
                    path,
                    unit=unit,
                    rows=rows,
                    as_of=as_of,
                    reasons=zh.PERSON_REASON_ZH,
                    methods=zh.CONTACT_METHOD_ZH,
                    mask_id=mask_id_number,
                    mask_phone=mask_phone,
                ),
                in_nav=False,
                searchable=False,
            )
        )
    by_file = {p.rel: p for p in listed}
    # The key-person findings, which the public compliance page only counts.
    notes = [(f, by_file.get(f.file)) for f in inputs.findings if is_private(f.file)]
    pages.insert(
        0,
        Page(
            INDEX,
            "重点人员名单（领导小组办公室）",
            render(
                "office_index.html",
                INDEX,
                counts=counts,
                as_of=as_of,
                notes=notes,
                page=lambda code: relative(INDEX, _persons_url(code)),
            ),
            in_nav=False,
            searchable=False,
        ),
    )
    return pages
