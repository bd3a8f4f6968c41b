"""The city's figures, each one SQL query on the loaded snapshots (``load.connect``).

Rates carry their bases (closed of cases); a missing county has its row with no figures. Incidents
and visits count the events in each county's target window up to its as-of date (``counted``),
confidential cases included (``event_counts``). Petitioners in several counties are matched on
their keyed identity hashes, among the counties that hashed with the city's key only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Row = dict[str, Any]
CROSS_SHOWN = 500  # on the page; the workbook has them all


def rows(con: Any, sql: str, params: list[Any] | None = None) -> list[Row]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


SIDE_BY_SIDE = """
SELECT c.code, c.name, c.missing, c.fresh, c.as_of, c.commit, c.key, c.problem,
       s.cases, s.closed, s.settled, s.overdue, s.due_soon, s.closed_late, s.confidential,
       s.incidents, s.cross_level, s.collective, s.cross_level_collective, s.abnormal,
       s.risks_open, s.key_persons, s.report_backs_overdue,
       f.errors, f.warnings
FROM counties c
LEFT JOIN status s ON s.county = c.code AND s.scope = 'county'
LEFT JOIN (SELECT county, sum(findings) FILTER (severity = 'error') AS errors,
                  sum(findings) FILTER (severity = 'warning') AS warnings
           FROM findings GROUP BY county) f ON f.county = c.code
ORDER BY c.position
"""

EVENTS = """
SELECT c.code, c.name, c.missing,
       sum(e.events) FILTER (e.form = 'visit' AND e.level = 'county') AS visit_county,
       sum(e.events) FILTER (e.form = 'visit' AND e.level = 'city') AS visit_city,
       sum(e.head_count) FILTER (e.form = 'visit' AND e.level = 'city') AS visit_city_persons,
       sum(e.events) FILTER (e.form = 'visit' AND e.level = 'city' AND e.collective) AS visit_city_collective,
       sum(e.events) FILTER (e.form = 'visit' AND e.level = 'province') AS visit_province,
       sum(e.events) FILTER (e.form = 'visit' AND e.level = 'beijing') AS visit_beijing,
       sum(e.events) FILTER (e.form = 'letter') AS letter,
       sum(e.events) FILTER (e.form = 'joint_letter') AS joint_letter,
       sum(e.events) FILTER (e.form = 'online') AS online,
       sum(e.events) FILTER (e.form = 'phone') AS phone,
       sum(e.events) FILTER (e.form = 'visit') AS visit,
       sum(e.events) FILTER (e.cross_level) AS cross_level,
       sum(e.events) FILTER (e.collective) AS collective,
       sum(e.events) FILTER (e.cross_level AND e.collective) AS cross_level_collective,
       sum(e.events) FILTER (e.abnormal) AS abnormal
FROM counties c LEFT JOIN event_counts e ON e.county = c.code AND e.counted
GROUP BY c.code, c.name, c.missing, c.position ORDER BY c.position
"""

CROSS = """
WITH p AS (
    SELECT county, case_id, id_key, id_hash FROM petitioners
    WHERE id_key IS NOT NULL AND county IN (SELECT code FROM counties WHERE key = 'same')),
m AS (SELECT id_key FROM p GROUP BY id_key HAVING min(county) <> max(county)),
hits AS (SELECT DISTINCT county, case_id, id_hash FROM p WHERE id_key IN (SELECT id_key FROM m))
SELECT h.id_hash, count(DISTINCT h.county) AS counties,
       list(DISTINCT c.name ORDER BY c.name) AS county_names,
       list(c.name || ' ' || h.case_id ORDER BY c.position, h.case_id) AS cases
FROM hits h JOIN counties c ON c.code = h.county
GROUP BY h.id_hash HAVING count(DISTINCT h.county) >= 2 ORDER BY counties DESC, h.id_hash
"""

ASSIGNED = """
SELECT ca.number, ca.county, c.name, c.missing, ca.issued, ca.report_due, a.received,
       a.report_due AS county_due, a.final_report, a.unit, a.case_id, a.assignment_id
FROM city_assigned ca JOIN counties c ON c.code = ca.county
LEFT JOIN assignments a ON a.county = ca.county AND a.number = ca.number AND a.level = 'city'
ORDER BY c.position, ca.issued, ca.number
"""

UNLISTED = """
SELECT a.county, c.name, a.number, a.received, a.report_due, a.final_report, a.assignment_id
FROM assignments a JOIN counties c ON c.code = a.county
WHERE a.level = 'city' AND NOT EXISTS (
    SELECT 1 FROM city_assigned ca WHERE ca.county = a.county AND ca.number = a.number)
ORDER BY c.position, a.received, a.number
"""

TREND = """
SELECT county, week, as_of, cases, closed, settled, overdue FROM (
    SELECT county, strftime(as_of, '%G-W%V') AS week, as_of, cases, closed, settled, overdue,
           row_number() OVER (PARTITION BY county, strftime(as_of, '%G-W%V')
                              ORDER BY as_of DESC, created DESC) AS n
    FROM kept) WHERE n = 1 ORDER BY week, county
"""


def assignment_state(row: Row, as_of: date) -> str:
    """收到与否、报结与否、逾期与否: the reconciliation's verdict for one city assignment."""
    if row["missing"]:
        return "县快照缺失"
    if row["assignment_id"] is None:
        return "县里没有登记" + ("（已逾期）" if as_of > row["report_due"] else "")
    final = row["final_report"]
    if final is not None:
        return "按期报结" if final <= row["report_due"] else "逾期报结"
    return "逾期未报结" if as_of > row["report_due"] else "办理中"


@dataclass
class Trend:
    weeks: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], Row] = field(default_factory=dict)  # (county, week) -> figures


@dataclass
class CityFigures:
    as_of: date
    counties: list[Row]
    events: list[Row]
    cross: list[Row]
    assigned: list[Row]
    unlisted: list[Row]
    trend: Trend
    notices: list[str] = field(default_factory=list)


def compute(con: Any, as_of: date, weeks: int = 8) -> CityFigures:
    assigned = rows(con, ASSIGNED)
    for row in assigned:
        row["state"] = assignment_state(row, as_of)
    trend = Trend()
    for row in rows(con, TREND):
        trend.cells[(row["county"], row["week"])] = row
    trend.weeks = sorted({week for _, week in trend.cells})[-weeks:]
    return CityFigures(
        as_of=as_of,
        counties=rows(con, SIDE_BY_SIDE),
        events=rows(con, EVENTS),
        cross=rows(con, CROSS),
        assigned=assigned,
        unlisted=rows(con, UNLISTED),
        trend=trend,
    )
