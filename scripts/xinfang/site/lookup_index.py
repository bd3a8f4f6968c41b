"""The case lookup's index: small files a reader's browser fetches as the query needs them.

``assets/cases.json`` holds one compact row per case (id, title, unit, lead official,
state), with the repeated names in tables; it answers queries for ids, titles, units and leaders.
People are looked up in chunks: ``assets/lookup/p-<code>.json`` lists the petitioners whose
name (lower-cased) holds that character (``<code>`` is its code point in hex), ``assets/lookup/id-<d>.json`` the
last four characters of identity-card numbers that begin with digit ``d``. A query for a name
fetches the chunk of its first character, a query of four digits the chunk of its first digit:
one small file, never the whole register of names.

Never indexed: the names and numbers of a confidential case, the name ``匿名``, and anything of an
identity-card number but its last four characters (what the case page shows, masked).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from ..records.case import Case
from ..records.labels import STATUS_ZH
from ..records.privacy import HIDDEN_NAME
from ..rules.status import CaseStatus

LOOKUP_DIR = "assets/lookup"
CASES = "assets/cases.json"
UNNAMED = frozenset({"匿名", HIDDEN_NAME, ""})


@dataclass(frozen=True)
class LookupFile:
    path: str
    content: bytes


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def state_label(case: Case, status: CaseStatus | None) -> str:
    label = STATUS_ZH[case.status]
    if status and status.overdue:
        return label + " 超期"
    if status and status.due_soon:
        return label + " 临期"
    return label


def id_tail(id_number: str | None) -> str:
    """The last four characters of an identity-card number, as the site shows them ('' if fewer
    are written, or if any of them is masked)."""
    tail = (id_number or "").strip()[-4:].upper()
    return tail if len(tail) == 4 and all(ch.isdigit() or ch == "X" for ch in tail) else ""


def _common_prefix(ids: list[str]) -> str:
    """The start all ids share ('XF2008-'), written once in the index instead of in each row."""
    if len(ids) < 2:
        return ""
    first, last = min(ids), max(ids)
    n = 0
    while n < len(first) and n < len(last) and first[n] == last[n]:
        n += 1
    return first[:n]


def chunk_name(ch: str) -> str:
    return f"{LOOKUP_DIR}/p-{ord(ch):x}.json"


def build(
    cases: list[Case], statuses: dict[str, CaseStatus], unit_name: object
) -> list[LookupFile]:
    """Every file of the lookup index, for the published (masked) ``cases``."""
    tables: dict[str, dict[str, int]] = {"units": {}, "leaders": {}, "states": {}}

    def ref(table: str, value: str) -> int:
        index = tables[table]
        if value not in index:
            index[value] = len(index)
        return index[value]

    ids = [c.id for c in cases]
    prefix = _common_prefix(ids)
    rows = []
    names: dict[str, list[list[object]]] = defaultdict(list)
    tails: dict[str, list[list[object]]] = defaultdict(list)
    for row, case in enumerate(cases):
        rows.append([
            case.id[len(prefix):], case.title,
            ref("units", unit_name(case.unit)),  # type: ignore[operator]
            ref("leaders", case.responsibility.lead_official or ""),
            ref("states", state_label(case, statuses.get(case.id))),
        ])  # fmt: skip
        if case.confidential:
            continue
        for person in case.petitioners:
            name = person.name.strip()
            if name not in UNNAMED:
                for ch in set(name.lower()):  # the lookup lower-cases the query too
                    if not ch.isspace():
                        names[ch].append([row, name])
            tail = id_tail(person.id_number)
            if tail:
                tails[tail[0]].append([row, tail, "" if name in UNNAMED else name])
    index = {
        "prefix": prefix,
        **{table: list(values) for table, values in tables.items()},
        "rows": rows,
        # Which chunks exist: a query for a character without one fetches nothing.
        "people": "".join(sorted(names)),
        "ids": "".join(sorted(tails)),
    }
    files = [LookupFile(CASES, _json(index))]
    files += [LookupFile(chunk_name(ch), _json(entries)) for ch, entries in sorted(names.items())]
    files += [
        LookupFile(f"{LOOKUP_DIR}/id-{digit}.json", _json(entries))
        for digit, entries in sorted(tails.items())
    ]
    return files
