"""Progress text of a county ledger (化解进展情况, 办理情况) as dated progress notes.

Ledgers keep progress as one cell of text, often one step a line or a clause, each starting with
its date: ``5月10日召开协调会；6月2日补发到位``. Each step becomes a note on the date written in it
(a year left out is the campaign's year); a line without a date continues the step before it, or,
at the start, becomes a note on the fallback date (the registration date), counted as undated.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_STEP = re.compile(r"[\n；;]+")
_DATE = re.compile(
    r"(?:(?P<y>(?:19|20)[0-9]{2})\s*[年./-]\s*)?(?P<m>[0-9]{1,2})\s*[月./-]\s*(?P<d>[0-9]{1,2})(?:\s*日|(?![0-9.万元%人户亩]))"
)
_LEAD = re.compile(r"^[\s，,：:、]+")


def _date_in(text: str, year: int) -> tuple[date, str] | None:
    """The first date written in a step, and the step without it when it led the step."""
    for found in _DATE.finditer(text):
        try:
            day = date(int(found["y"] or year), int(found["m"]), int(found["d"]))
        except ValueError:
            continue
        if found.start() == 0 or not text[: found.start()].strip():
            return day, _LEAD.sub("", text[found.end() :])
        return day, text
    return None


def progress_notes(text: str, year: int, fallback: str) -> tuple[list[dict[str, Any]], int]:
    """The notes of a progress cell (date as 'YYYY-MM-DD', note) and how many had no date."""
    notes: list[dict[str, Any]] = []
    undated = 0
    for step in (s.strip() for s in _STEP.split(text)):
        if not step:
            continue
        dated = _date_in(step, year)
        if dated is not None:
            day, rest = dated
            if len(rest.strip()) >= 2:
                notes.append({"date": day.isoformat(), "note": rest.strip()})
            continue
        if notes:
            notes[-1]["note"] += "；" + step
        elif len(step) >= 2:
            notes.append({"date": fallback, "note": step})
            undated += 1
    return notes, undated
