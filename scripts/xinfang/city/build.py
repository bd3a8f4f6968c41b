"""The roll-up's steps for the command line and the MkDocs plugin.

``update`` fetches, verifies and keeps each county's latest snapshot and records the outcome in
``.xinfang/rollup.json`` (which snapshot each county uses, and why a newer one was not used);
``gather`` reads that record, loads the snapshots into DuckDB and computes the figures, for the
site (``city_plugin.py``) and the workbook. ``run_sql`` answers an analyst's query on the same
tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..campaign.periods import today_in_shanghai
from ..errors import XinfangError
from ..snapshot.manifest import ManifestError
from .assigned import load_assigned, read_assigned
from .config import CityConfig, read_config
from .figures import CityFigures, compute
from .load import connect
from .rollup import CountyState, city_fingerprint, judge_keys, last_good, update_all
from .store import Kept, check_kept

STATE_FILE = Path(".xinfang") / "rollup.json"


@dataclass
class CityInputs:
    config: CityConfig
    states: list[CountyState]
    notice: str | None
    figures: CityFigures


@dataclass
class UpdateResult:
    states: list[CountyState]
    report: list[str]

    @property
    def failed(self) -> bool:
        return any(s.problem or s.missing for s in self.states)


def _save(root: Path, states: list[CountyState], as_of: date) -> None:
    record = {
        "as_of": as_of.isoformat(),
        "counties": {
            s.county.code: {
                "used": s.used.folder.relative_to(root).as_posix() if s.used else None,
                "fresh": s.fresh,
                "problem": s.problem,
            }
            for s in states
        },
    }
    path = root / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _line(s: CountyState) -> str:
    head = f"{s.county.name}（{s.county.code}）："
    if s.missing:
        return head + f"缺失。{s.problem or '没有快照。'}"
    assert s.manifest is not None
    if s.problem:
        return head + f"新快照不能用：{s.problem} 沿用上一份 {s.manifest.label}。"
    return head + ("取回新快照 " if s.fresh else "使用已保存的快照 ") + s.manifest.label


def update(root: Path, as_of: date | None, fetch_new: bool = True) -> UpdateResult:
    config = read_config(root)
    states, _ = update_all(config, fetch_new)
    _save(root, states, as_of or today_in_shanghai())
    return UpdateResult(states, [_line(s) for s in states])


def recorded_states(config: CityConfig) -> tuple[list[CountyState], date]:
    """The states the last ``update`` recorded (without one: the kept snapshots as they are)."""
    path = config.root / STATE_FILE
    record: dict[str, Any] = {}
    if path.is_file():
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as err:
            raise XinfangError(f"{path} 已损坏：删除它，再运行一次 xinfang rollup。") from err
    as_of = date.fromisoformat(record["as_of"]) if "as_of" in record else today_in_shanghai()
    states = []
    for county in config.counties:
        entry = record.get("counties", {}).get(county.code, {})
        state = CountyState(county, fresh=bool(entry.get("fresh")), problem=entry.get("problem"))
        if entry.get("used"):
            folder = config.root / entry["used"]
            try:
                state.used = Kept(folder, check_kept(folder, county))
            except ManifestError as err:
                state.problem, state.fresh = str(err), False
        if state.used is None:
            state.used = last_good(config.root, county)
        states.append(state)
    return states, as_of


def gather(root: Path, as_of: date | None = None) -> CityInputs:
    config = read_config(root)
    states, recorded = recorded_states(config)
    notice = judge_keys(states, city_fingerprint(config))
    con = connect(states, root)
    try:
        load_assigned(con, read_assigned(config))
        figures = compute(con, as_of or recorded)
    finally:
        con.close()
    return CityInputs(config, states, notice, figures)


def run_sql(root: Path, sql: str) -> str:
    """The query's result as a text table (DuckDB's own layout), or a Chinese error."""
    config = read_config(root)
    states, _ = recorded_states(config)
    judge_keys(states, city_fingerprint(config))
    con = connect(states, root)
    try:
        load_assigned(con, read_assigned(config))
        try:
            return str(con.sql(sql))
        except Exception as err:  # duckdb's errors: syntax, unknown table or column…
            names = "、".join(sorted(r[0] for r in con.execute("SHOW TABLES").fetchall()))
            raise XinfangError(f"查询出错：{err}\n可用的表：{names}。") from err
    finally:
        con.close()
