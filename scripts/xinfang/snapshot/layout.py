"""The snapshot's tables and their columns (name and DuckDB type), in one place.

The county writes them (``tables.py``, ``duty_tables.py``) and the city reads them
(``city/load.py``). Every table starts with the county's code. Changing a column's name or meaning
means raising ``manifest.SCHEMA_VERSION``; adding a column does not.
"""

from __future__ import annotations

CASES = (
    "case_id VARCHAR, category VARCHAR, source VARCHAR, status VARCHAR, registered DATE, "
    "received DATE, unit VARCHAR, unit_kind VARCHAR, priority BOOLEAN, grade VARCHAR, "
    "approach VARCHAR, head_count INTEGER, petitioners INTEGER, anonymous BOOLEAN, "
    "flags VARCHAR[], events INTEGER, closed_on DATE, settled BOOLEAN, deadline DATE, "
    "overdue BOOLEAN, due_soon BOOLEAN, closed_late BOOLEAN"
)
# id_key: the hash's first 64 bits as a number, for matching fast (a million rows group in a
# fraction of the time the 64-character text takes); matches are confirmed on the whole hash.
PETITIONERS = (
    "case_id VARCHAR, seq INTEGER, locality VARCHAR, id_hash VARCHAR, id_key UBIGINT, "
    "representative BOOLEAN"
)
EVENTS = (
    "case_id VARCHAR, seq INTEGER, date DATE, form VARCHAR, level VARCHAR, head_count INTEGER, "
    "cross_level BOOLEAN, collective BOOLEAN, abnormal BOOLEAN, counted BOOLEAN"
)
EVENT_COUNTS = (
    "level VARCHAR, form VARCHAR, cross_level BOOLEAN, collective BOOLEAN, abnormal BOOLEAN, "
    "counted BOOLEAN, events INTEGER, head_count INTEGER"
)
RESPONSIBILITY = (
    "case_id VARCHAR, unit VARCHAR, lead_level VARCHAR, handler BOOLEAN, stability_officer BOOLEAN, "
    "officer_unit VARCHAR, deadline_registered DATE, deadline_base DATE, base_source VARCHAR, "
    "deadline DATE, extensions INTEGER, extension_days INTEGER, extension_over_cap BOOLEAN"
)
CLOSURES = (
    "case_id VARCHAR, date DATE, completed_on DATE, report_complete BOOLEAN, report_file BOOLEAN, "
    "seal BOOLEAN, leader_signed BOOLEAN, handler_signed BOOLEAN, follow_up_date DATE, "
    "follow_up_method VARCHAR, follow_up_opinion VARCHAR, legal_procedure BOOLEAN, "
    "settled_declared BOOLEAN, settled BOOLEAN"
)
STATUS = (
    "scope VARCHAR, unit VARCHAR, unit_name VARCHAR, unit_kind VARCHAR, cases INTEGER, "
    "closed INTEGER, settled INTEGER, overdue INTEGER, due_soon INTEGER, closed_late INTEGER, "
    "confidential INTEGER, incidents INTEGER, cross_level INTEGER, collective INTEGER, "
    "cross_level_collective INTEGER, abnormal INTEGER, obligations_missing INTEGER, "
    "obligations_late INTEGER, risks_open INTEGER, key_persons INTEGER, "
    "report_backs_overdue INTEGER, acceptance VARCHAR"
)
SUBMISSIONS = "unit VARCHAR, milestone VARCHAR, due DATE, submitted DATE, state VARCHAR"
RISKS = (
    "risk_id VARCHAR, unit VARCHAR, kind VARCHAR, level VARCHAR, state VARCHAR, found DATE, "
    "review DATE, review_overdue BOOLEAN, case_id VARCHAR, people INTEGER"
)
PERSON_COUNTS = "unit VARCHAR, active INTEGER, removed INTEGER, contacts_overdue INTEGER"
ASSIGNMENTS = (
    "assignment_id VARCHAR, level VARCHAR, issuer VARCHAR, number VARCHAR, kind VARCHAR, "
    "issued DATE, received DATE, report_due DATE, case_id VARCHAR, unit VARCHAR, "
    "dispatched DATE, dispatch_due DATE, final_report DATE, reports INTEGER, state VARCHAR, "
    "supervisions INTEGER, supervisions_open INTEGER"
)
ACCOUNTABILITY = "unit VARCHAR, kind VARCHAR, actions INTEGER"
FINDINGS = (
    "record_kind VARCHAR, record_id VARCHAR, rule VARCHAR, severity VARCHAR, findings INTEGER"
)

LAYOUT = {
    "cases": CASES, "petitioners": PETITIONERS, "events": EVENTS, "event_counts": EVENT_COUNTS,
    "responsibility": RESPONSIBILITY, "closures": CLOSURES, "status": STATUS,
    "submissions": SUBMISSIONS, "risks": RISKS, "person_counts": PERSON_COUNTS,
    "assignments": ASSIGNMENTS, "accountability": ACCOUNTABILITY, "findings": FINDINGS,
}  # fmt: skip


def columns(name: str) -> tuple[tuple[str, str], ...]:
    """A table's columns, the county's code first."""
    pairs = [part.split() for part in f"county VARCHAR, {LAYOUT[name]}".split(",")]
    return tuple((n, t) for n, t in pairs)
