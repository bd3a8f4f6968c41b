"""The counties' snapshots in one DuckDB database: a view per table over every county's file.

Views, not copies: DuckDB reads the Parquet files as each query needs them, so loading a hundred
counties costs nothing until a question is asked, and memory stays small. A table no county has
is an empty table with the layout's columns, so that every query runs. ``counties`` lists each
county of ``counties.yml`` with the state of its snapshot (a missing county has no rows
elsewhere: it is shown as missing, not as zeros); ``kept`` lists every snapshot the city keeps
(for the weekly trend).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..snapshot.layout import LAYOUT, columns
from .rollup import CountyState
from .store import kept

COUNTIES = (
    "code VARCHAR, name VARCHAR, position INTEGER, missing BOOLEAN, fresh BOOLEAN, "
    "as_of DATE, commit VARCHAR, key VARCHAR, problem VARCHAR"
)


def sql_value(value: Any) -> str:
    """A value as a SQL literal (text quoted, quotes doubled)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def insert(con: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Rows into a table in one statement of literals: DuckDB looks up optional data libraries
    for every Python parameter (``executemany`` of a hundred rows took a second)."""
    if rows:
        values = ", ".join("(" + ", ".join(sql_value(v) for v in row) + ")" for row in rows)
        con.execute(f"INSERT INTO {table} VALUES {values}")


def _literal(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def _files(paths: list[Path]) -> str:
    return "[" + ", ".join(_literal(p) for p in paths) + "]"


def connect(states: list[CountyState], root: Path | None = None) -> Any:
    """A DuckDB connection with the tables of the snapshots in use (and ``kept`` under ``root``)."""
    import duckdb

    con = duckdb.connect()
    used = [s for s in states if s.used is not None]
    # Snapshots written by one version of xinfang have the same columns: DuckDB need not read
    # every file's schema (at 100 counties that is most of the time a query takes).
    versions = {
        (s.used.manifest.xinfang_version, s.used.manifest.schema_version) for s in used if s.used
    }
    union = "true" if len(versions) > 1 else "false"
    for name in LAYOUT:
        paths = [s.used.folder / s.used.manifest.tables[name].file for s in used if s.used]
        if paths:
            con.execute(
                f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_files(paths)}, union_by_name={union})"
            )
        else:
            spec = ", ".join(f'"{n}" {t}' for n, t in columns(name))
            con.execute(f"CREATE TABLE {name} ({spec})")
    con.execute(f"CREATE TABLE counties ({COUNTIES})")
    insert(
        con,
        "counties",
        [
            (s.county.code, s.county.name, i, s.missing, s.fresh,
             s.manifest.as_of if s.manifest else None,
             s.manifest.commit if s.manifest else None, s.key, s.problem)
            for i, s in enumerate(states)
        ],
    )  # fmt: skip
    _kept_view(con, states, root)
    return con


def _kept_view(con: Any, states: list[CountyState], root: Path | None) -> None:
    """``kept``: each kept snapshot's as-of date and its county's status row (the trend)."""
    rows, files = [], []
    for state in states if root else []:
        for k in kept(root, state.county):  # type: ignore[arg-type]
            path = k.folder / k.manifest.tables["status"].file
            rows.append((state.county.code, k.manifest.as_of, k.manifest.created, path.as_posix()))
            files.append(path)
    con.execute(
        "CREATE TABLE kept_snapshots (county VARCHAR, as_of DATE, created VARCHAR, file VARCHAR)"
    )
    if rows:
        insert(con, "kept_snapshots", rows)
        con.execute(
            "CREATE VIEW kept AS SELECT k.county, k.as_of, k.created, s.* EXCLUDE (county) "
            f"FROM read_parquet({_files(files)}, filename=true, union_by_name=true) s "
            "JOIN kept_snapshots k ON k.file = s.filename WHERE s.scope = 'county'"
        )
    else:
        spec = ", ".join(f'"{n}" {t}' for n, t in columns("status"))
        con.execute(f"CREATE TABLE kept (as_of DATE, created VARCHAR, {spec})")
