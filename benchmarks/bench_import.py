"""Benchmark: `xinfang import xlsx` of a workbook of N cases, and of a tenth as many (the slope).

Generates (or reuses) repositories of synthetic cases with ``generate_cases`` under
``benchmarks/.work/export-<N>``, exports each once with ``xinfang export xlsx --full`` (kept in
``benchmarks/.work/import-<N>.xlsx``), then runs, as a subprocess, the dry-run import into an
empty repository with the same campaign:

    xinfang import xlsx WORKBOOK --root EMPTY [--sheet 全部案件]

By default the import reads the data sheet (the full records); ``--ledger`` reads the 全部案件
sheet as a county ledger instead (headings, labels, unit names). ``--write`` times the import
that writes the case files (each run into a fresh empty repository). The best wall time of
``--repeat`` runs is reported, with CPU time, and the ratio of the two sizes' times (10 for an
import linear in rows). Target: 10,000 rows in at most 10 seconds on a 2-core machine.

``--baseline SRC`` also runs, alternately, the import of another version of the package: ``SRC``
is the folder that holds its ``xinfang`` package (for example the ``scripts`` folder of
``git archive main scripts | tar -x -C /tmp/main``); the ratio this / baseline is reported.

Usage::

    python benchmarks/bench_import.py [--n 10000] [--small 1000] [--repeat 1] [--ledger]
                                      [--write] [--baseline SRC]

The exit status is 1 when an import fails or the target is missed at N = 10,000, else 0.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_cases import ensure_generated

HERE = Path(__file__).resolve().parent
AS_OF = "2008-07-20"
TARGET_N = 10_000
TARGET_SECONDS = 10.0


def _xinfang(*args: str, source: Path | None = None, cwd: Path) -> tuple[float, float, str]:
    """Run the package's CLI (of ``source``, if given): wall and CPU seconds, and its output."""
    env = None if source is None else {**os.environ, "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "xinfang.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"命令失败（退出码 {result.returncode}）：{args}\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout


def prepare(n: int, seed: int) -> tuple[Path, Path]:
    """The workbook of ``n`` cases and an empty repository with the same campaign."""
    root = HERE / ".work" / f"export-{n}"
    ensure_generated(root, n, seed)
    workbook = HERE / ".work" / f"import-{n}.xlsx"
    marker = root / ".generated.json"
    if not workbook.is_file() or workbook.stat().st_mtime < marker.stat().st_mtime:
        _xinfang("export", "xlsx", "--root", str(root), "--out", str(workbook), "--as-of",
                 AS_OF, "--full", "--force", cwd=root)  # fmt: skip
    empty = HERE / ".work" / f"import-empty-{n}"
    shutil.rmtree(empty, ignore_errors=True)
    (empty / "cases").mkdir(parents=True)
    shutil.copy(root / "campaign.yml", empty / "campaign.yml")
    shutil.copytree(root / "schema", empty / "schema")
    return workbook, empty


def bench(n: int, args: argparse.Namespace) -> dict[str, tuple[float, float]]:
    workbook, empty = prepare(n, args.seed)
    argv = ["import", "xlsx", str(workbook), "--root", str(empty)]
    if args.ledger:
        argv += ["--sheet", "全部案件"]
    if args.write:
        argv.append("--write")
    expected = f"已新建 {n} 个案件文件" if args.write else f"将新建 {n} 个案件文件"
    runs: dict[str, list[tuple[float, float]]] = {"本版": [], "基线": []}
    for _ in range(args.repeat):  # alternately, so that both see the same load
        for name, source in (("本版", None), ("基线", args.baseline)):
            if name == "基线" and source is None:
                continue
            if args.write:  # each run writes into an empty cases/ folder
                shutil.rmtree(empty / "cases")
                (empty / "cases").mkdir()
            wall, cpu, out = _xinfang(*argv, source=source, cwd=empty)
            if expected not in out:
                raise SystemExit(f"导入结果不对（{name}）：\n{out[:2000]}")
            runs[name].append((wall, cpu))
    return {name: min(times) for name, times in runs.items() if times}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=TARGET_N, help="行数（默认 10000）")
    parser.add_argument("--small", type=int, default=1000, help="另测的较小行数（0 为不测）")
    parser.add_argument("--repeat", type=int, default=1, help="每个规模导入几次，取最快")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ledger", action="store_true", help="按台账读取“全部案件”表")
    parser.add_argument("--write", action="store_true", help="写入案件文件（默认只检查）")
    parser.add_argument("--baseline", type=Path, help="对比的另一版本：含 xinfang 包的目录")
    args = parser.parse_args()

    sizes = sorted(s for s in {args.small, args.n} if s > 0)
    results = {n: bench(n, args) for n in sizes}
    sheet = "全部案件（按台账）" if args.ledger else "数据（勿改）（完整记录）"
    mode = "写入案件文件" if args.write else "只检查不写入"
    print(f"xinfang import xlsx（{mode}），读取 {sheet}，每个规模 {args.repeat} 次取最快")
    print(f"{'版本':>6}{'行数':>8}{'秒':>9}{'CPU 秒':>9}{'行/秒':>9}")
    for n, found in results.items():
        for name, (wall, cpu) in found.items():
            print(f"{name:>6}{n:>10}{wall:>10.2f}{cpu:>10.2f}{n / wall:>10.0f}")
        if "基线" in found:
            print(f"{n} 行比值（本版/基线）：墙钟 {found['本版'][0] / found['基线'][0]:.2f}")
    if len(results) == 2:
        small, big = sizes
        slope = results[big]["本版"][0] / results[small]["本版"][0]
        print(f"{big} 行与 {small} 行的时间比：{slope:.1f}（行数比 {big / small:.0f}：线性时相近）")
    missed = TARGET_N in results and results[TARGET_N]["本版"][0] > TARGET_SECONDS
    if TARGET_N in results:
        print(f"目标：{TARGET_N} 行 ≤ {TARGET_SECONDS:.0f} 秒：{'未达标' if missed else '达标'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
