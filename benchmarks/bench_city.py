"""The county snapshot and the city roll-up, measured side by side.

1. ``xinfang snapshot`` against ``xinfang check`` on the same generated county (N cases), run
   alternately, ``--repeat`` times each: the ratio of the fastest runs (target ≤ 1.2).
2. ``xinfang rollup`` (fetch, verify and keep every county's snapshot, load, figures, the city
   site with MkDocs and the workbook) for 1, 10, 30 and 100 counties of N cases each, made from
   the one county's snapshot with the county code changed and 1 % of the petitioners shared by
   all counties (the generated cases have no identity numbers: each petitioner is given a hash). Each run starts with an empty store, so every county's snapshot is new. Wall
   time and peak memory (``/usr/bin/time -v``, else ``os.wait4``); targets ≤ 20 s at 10 × 10,000,
   ≤ 60 s at 100 × 10,000, peak ≤ 2 GB.
3. The query stage at the largest count: the city's figures (every query of its pages, on the
   loaded views) against DuckDB's floor (load, aggregate and match the same rows from the same
   Parquet files with one query each), alternately; target ≤ 2 s.

    python benchmarks/bench_city.py [--n 10000] [--counties 1,10,30,100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_check import Run, run_timed  # noqa: E402
from generate_cases import ensure_generated  # noqa: E402
from xinfang.snapshot.identity import KEY_VARIABLE, key_from_text  # noqa: E402
from xinfang.snapshot.manifest import MANIFEST, sha256  # noqa: E402

KEY = "benchmark-city-key-0123456789"
AS_OF = "2008-07-20"
XINFANG = [sys.executable, "-m", "xinfang"]


def load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def _line(label: str, runs: list[Run]) -> str:
    walls = "、".join(f"{r.wall:.2f}" for r in runs)
    return (f"{label}：最快 {min(r.wall for r in runs):.2f} 秒（各次 {walls}），"
            f"CPU {min(r.cpu for r in runs):.2f} 秒，峰值 {max(r.peak_mb for r in runs):.0f} MB")  # fmt: skip


def snapshot_vs_check(repo: Path, out: Path, repeat: int) -> Path:
    check, snap = [], []
    for _ in range(repeat):
        check.append(
            run_timed(
                [*XINFANG, "check", "--root", str(repo), "--as-of", AS_OF, "--format", "json"], repo
            )
        )
        snap.append(
            run_timed(
                [*XINFANG, "snapshot", "--root", str(repo), "--as-of", AS_OF, "--out", str(out)],
                repo,
            )
        )
        assert snap[-1].code == 0, snap[-1].output[-2000:]
        print(
            f"  负载 {load()}：check {check[-1].wall:.2f} 秒，snapshot {snap[-1].wall:.2f} 秒",
            flush=True,
        )
    print(_line("xinfang check", check))
    print(_line("xinfang snapshot", snap))
    ratio = min(r.wall for r in snap) / min(r.wall for r in check)
    pairs = "、".join(f"{s.wall / c.wall:.2f}" for s, c in zip(snap, check, strict=True))
    cpu = min(r.cpu for r in snap) / min(r.cpu for r in check)
    print(f"CPU 时间（最少）：check {min(r.cpu for r in check):.2f} 秒，snapshot "
          f"{min(r.cpu for r in snap):.2f} 秒，比值 {cpu:.2f}（机器忙时墙钟时间波动大，CPU 时间较稳）")  # fmt: skip
    print(f"snapshot / check（最快之比）：{ratio:.2f}（每对 {pairs}；中位之比 "
          f"{statistics.median(r.wall for r in snap) / statistics.median(r.wall for r in check):.2f}）")  # fmt: skip
    return out


def county_copies(source: Path, base: Path, count: int) -> list[tuple[str, str, Path]]:
    """``count`` counties made from one snapshot: their own code and, except for 1 % of the
    cases, their own identity hashes."""
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    out = []
    con = duckdb.connect()
    for i in range(count):
        code, name = str(349001 + i), f"测试{i + 1:03d}县"
        folder = base / code
        out.append((code, name, folder))
        if (folder / MANIFEST).is_file():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        mine = {**manifest, "county_code": code, "county": name, "tables": {}}
        for table, entry in manifest["tables"].items():
            replace = f"'{code}' AS county"
            if table == "petitioners":
                # The generated cases carry no identity numbers: every petitioner gets a hash.
                who = "case_id || '/' || seq::VARCHAR"
                hashed = (f"CASE WHEN right(case_id, 2) = '00' THEN sha256({who}) "
                          f"ELSE sha256({who} || '{code}') END")  # fmt: skip
                replace += f", {hashed} AS id_hash, ('0x' || left({hashed}, 16))::UBIGINT AS id_key"
            target = folder / entry["file"]
            con.execute(
                f"COPY (SELECT * REPLACE ({replace}) FROM read_parquet('{source / entry['file']}')) "
                f"TO '{target}' (FORMAT parquet, COMPRESSION zstd)"
            )
            mine["tables"][table] = {**entry, "sha256": sha256(target)}
        (folder / MANIFEST).write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
    return out


def city_of(base: Path, counties: list[tuple[str, str, Path]]) -> Path:
    city = base / f"city-{len(counties)}"
    lines = ["city: 测试市", "counties:"]
    lines += [
        f"  - {{name: {name}, code: '{code}', folder: {folder}}}" for code, name, folder in counties
    ]
    shutil.rmtree(city, ignore_errors=True)
    city.mkdir(parents=True)
    (base / f"counties-{len(counties)}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run([*XINFANG, "init", "--city", str(city), "--counties", str(base / f"counties-{len(counties)}.yml")],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return city


def rollups(city: Path, repeat: int) -> list[Run]:
    runs = []
    for _ in range(repeat):
        for left in ("snapshots", ".xinfang", "site"):
            shutil.rmtree(city / left, ignore_errors=True)
        runs.append(run_timed([*XINFANG, "rollup", "--as-of", AS_OF, "--root", str(city)], city))
        assert runs[-1].code == 0, runs[-1].output[-2000:]
    return runs


def query_stage(city: Path, repeat: int) -> None:
    from xinfang.city.assigned import load_assigned, read_assigned
    from xinfang.city.build import recorded_states
    from xinfang.city.config import read_config
    from xinfang.city.figures import compute
    from xinfang.city.load import connect
    from xinfang.city.rollup import city_fingerprint, judge_keys

    config = read_config(city)
    files = sorted(city.glob("snapshots/*/*/"))
    cases = [str(f / "cases.parquet") for f in files]
    people = [str(f / "petitioners.parquet") for f in files]
    floor, ours = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        con = duckdb.connect()
        con.execute(
            f"SELECT county, count(*), count(closed_on), sum(overdue::INT) FROM read_parquet({cases}) GROUP BY county"
        ).fetchall()
        con.execute(f"SELECT id_hash FROM read_parquet({people}) WHERE id_hash IS NOT NULL "
                    "GROUP BY id_hash HAVING count(DISTINCT county) >= 2").fetchall()  # fmt: skip
        con.close()
        floor.append(time.perf_counter() - started)
        started = time.perf_counter()
        states, _ = recorded_states(config)
        judge_keys(states, city_fingerprint(config))
        con = connect(states, city)
        load_assigned(con, read_assigned(config))
        figures = compute(con, date.fromisoformat(AS_OF))
        con.close()
        ours.append(time.perf_counter() - started)
    rows = duckdb.sql(f"SELECT count(*) FROM read_parquet({cases})").fetchone()
    print(f"查询阶段（{len(files)} 个县，{rows[0] if rows else 0} 件，跨县信访人 {len(figures.cross)} 人）："
          f"DuckDB 底线 {min(floor):.2f} 秒（各次 {'、'.join(f'{t:.2f}' for t in floor)}），"
          f"市级全部统计 {min(ours):.2f} 秒（各次 {'、'.join(f'{t:.2f}' for t in ours)}），"
          f"比值 {min(ours) / min(floor):.1f}")  # fmt: skip
    sql = run_timed([*XINFANG, "rollup", "--root", str(city), "--sql",
                     "SELECT county, count(*) AS cases, count(closed_on) AS closed FROM cases GROUP BY county"], city)  # fmt: skip
    print(f"xinfang rollup --sql（含启动）：{sql.wall:.2f} 秒")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="县快照与市级汇总的性能测试")
    parser.add_argument("--n", type=int, default=10_000, help="每县案件数（默认 10000）")
    parser.add_argument(
        "--counties", default="1,10,30,100", help="县数（逗号分隔，默认 1,10,30,100）"
    )
    parser.add_argument("--repeat", type=int, default=3, help="每项运行次数（默认 3）")
    parser.add_argument("--dir", type=Path, default=HERE / ".work" / "city", help="工作目录")
    parser.add_argument(
        "--skip-snapshot", action="store_true", help="不比较 snapshot 和 check（快照已有时）"
    )
    parser.add_argument("--only-snapshot", action="store_true", help="只比较 snapshot 和 check")
    args = parser.parse_args(argv)
    os.environ[KEY_VARIABLE] = KEY
    key_from_text(KEY)
    repo = HERE / ".work" / f"check-{args.n}"
    ensure_generated(repo, args.n, 0)
    snap = args.dir / "source"
    print(f"== 1. 县快照与检查（{args.n} 件，负载 {load()}）", flush=True)
    if not (args.skip_snapshot and (snap / MANIFEST).is_file()):
        snapshot_vs_check(repo, snap, args.repeat)
    if args.only_snapshot:
        return 0
    counts = [int(c) for c in args.counties.split(",")]
    copies = county_copies(snap, args.dir / "counties", max(counts))
    print("== 2. 市级汇总（取回、核验、保存、统计、网站和汇总表）", flush=True)
    city = args.dir
    for count in counts:
        city = city_of(args.dir, copies[:count])
        runs = rollups(city, args.repeat)
        print(_line(f"{count} 个县 × {args.n} 件（负载 {load()}）", runs), flush=True)
    print("== 3. 查询阶段", flush=True)
    query_stage(city, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
