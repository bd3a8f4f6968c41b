"""``xinfang snapshot``: the repository's state as Parquet tables and a manifest, for the city.

The records are read once; the findings are those of ``xinfang check`` (``history.gate``), the
state on the as-of date is derived once (``rules.status``) on the other core meanwhile, and every
table is written by DuckDB from one CSV file each. The snapshot is made in a
folder beside the output and put in its place only when complete: a failed run leaves the last
snapshot as it was.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..campaign.periods import resolve_as_of
from ..campaign.workdays import WorkCalendar
from ..errors import ConfigError, XinfangError, cannot_write
from ..history.gate import check_findings
from ..parallel import Beside
from ..records.repository import Repository, open_repository
from ..rules.duties_status import duties_overview
from ..rules.status import overview
from .duty_tables import duty_tables, finding_table
from .identity import CityKey
from .manifest import MANIFEST, TABLES, Manifest, TableFile, sha256
from .tables import Table, case_tables

CHINA = timezone(timedelta(hours=8))


@dataclass
class Snapshot:
    folder: Path
    manifest: Manifest


def _commit(root: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "-q", "HEAD"],
            cwd=root, capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return None
    return done.stdout.strip() or None


def county_code(campaign_code: str, given: str | None) -> str:
    code = given or campaign_code
    if not code:
        raise ConfigError(
            "campaign.yml 中没有本县的行政区划代码：请加一行 county_code: '341122'"
            "（换成本县的 6 位代码），或运行时用 --county-code 指定。"
        )
    if not (len(code) == 6 and code.isdigit()):
        raise ConfigError(f"行政区划代码 {code!r} 不对：应为 6 位数字，例如 '341122'。")
    return code


def write_table(con: Any, t: Table, folder: Path, scratch: Path) -> TableFile:
    """One table as Parquet (zstd), through a CSV file DuckDB reads with the columns' types.

    CSV because Python writes it fastest (at 10,000 cases, a third of the time JSON took): an
    empty field is NULL (no column holds empty text), a list is written joined by commas (its
    items are codes) and split again.
    """
    source = scratch / f"{t.name}.csv"
    lists = {name for name, kind in t.columns if kind.endswith("[]")}
    at = [i for i, (name, _) in enumerate(t.columns) if name in lists]
    with source.open("w", encoding="utf-8", newline="") as out:
        rows = t.rows if not at else (_joined(row, at) for row in t.rows)
        csv.writer(out).writerows(rows)
    read = ", ".join(
        f"'{name}': '{'VARCHAR' if name in lists else kind}'" for name, kind in t.columns
    )
    split = ", ".join(f"coalesce(string_split({name}, ','), []) AS {name}" for name in lists)
    target = folder / t.file
    con.execute(
        f"COPY (SELECT * {f'REPLACE ({split})' if split else ''} FROM read_csv('{_sql_path(source)}', header=false, "
        f"columns={{{read}}}, auto_detect=false, delim=',', nullstr='', quote='\"', escape='\"')) "
        f"TO '{_sql_path(target)}' (FORMAT parquet, COMPRESSION zstd)",
    )
    return TableFile(t.file, len(t.rows), sha256(target))


def _joined(row: tuple[Any, ...], at: list[int]) -> list[Any]:
    out = list(row)
    for i in at:
        out[i] = ",".join(out[i]) if out[i] else None
    return out


def _sql_path(path: Path) -> str:
    return path.as_posix().replace("'", "''")


def _replace(out: Path, made: Path) -> None:
    """Put the made snapshot where the old one was (only a snapshot is ever replaced)."""
    if out.exists():
        entries = {p.name for p in out.iterdir()}
        ours = {MANIFEST, *(f"{name}.parquet" for name in TABLES)}
        if entries - ours:
            shutil.rmtree(made, ignore_errors=True)
            raise XinfangError(
                f"输出目录 {out} 中有快照以外的文件（{'、'.join(sorted(entries - ours)[:3])}）："
                f"请另选一个空目录，免得覆盖其他文件。"
            )
        old = out.with_name(out.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        made.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        made.rename(out)


def state_tables(
    repo: Repository, day: date, calendar: WorkCalendar, county: str, key: CityKey | None
) -> list[Table]:
    """Every table but the findings: the records' state on ``day`` (``rules.status``)."""
    view = overview(repo.campaign, repo.cases, day, calendar)
    duty = duties_overview(repo, view)
    tables, _ = case_tables(county, view, key.hash if key else _no_hash)
    confidential = {c.id: c.confidential for c in repo.cases}
    return tables + duty_tables(county, view, duty, confidential)


def _no_hash(_number: str | None) -> None:
    return None


def build_snapshot(
    root: Path, out: Path, as_of: date | None, key: CityKey | None, code: str | None = None
) -> Snapshot:
    import duckdb

    repo = open_repository(root)
    day = resolve_as_of(repo.campaign, as_of)
    campaign = repo.campaign
    county = county_code(campaign.county_code, code)
    # The state's tables are made on the other core while the findings are (the same checks as
    # `xinfang check`, which take most of the time): both start from the records read once.
    job = Beside(state_tables, repo, day, WorkCalendar.from_root(root), county, key)
    try:
        findings = check_findings(repo, day)
    except BaseException:
        job.cancel()
        raise
    confidential = {c.id: c.confidential for c in repo.cases}
    tables = [*job.result(), finding_table(county, findings, confidential)]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        made = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as err:
        raise cannot_write(out, err) from err
    manifest = Manifest(
        county=campaign.county, county_code=county, campaign=campaign.name,
        campaign_year=campaign.year, commit=_commit(root), as_of=day.isoformat(),
        created=datetime.now(CHINA).isoformat(timespec="seconds"), xinfang_version=__version__,
        key_fingerprint=key.fingerprint if key else None,
    )  # fmt: skip
    try:
        with tempfile.TemporaryDirectory() as scratch:
            con = duckdb.connect()
            try:
                for t in tables:
                    manifest.tables[t.name] = write_table(con, t, made, Path(scratch))
            finally:
                con.close()
        (made / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        os.chmod(made, 0o755)
        _replace(out, made)
    except OSError as err:
        shutil.rmtree(made, ignore_errors=True)
        raise cannot_write(out, err) from err
    return Snapshot(out, manifest)
