"""Benchmark: `xinfang export xlsx` of N generated cases (and of 1,000, for the slope).

Generates (or reuses) repositories of synthetic cases with ``generate_cases.generate`` under
``benchmarks/.work/export-<N>``, then runs, as a subprocess,

    xinfang export xlsx --root DIR --out OUT.xlsx --as-of 2008-07-20 --force

and reports the best wall time of ``--repeat`` runs, in seconds and cases per second, with the
CPU time (user + system) of that run and the workbook's size. Target (issue: the intranet site
builds the workbook at every build): 10,000 cases in at most 8 seconds on a 2-core machine.

``--stages`` also times the stages of an export, in a new process each time: importing the export
module, loading the repository (``open_repository``), building the rest of the workbook, and
saving it (into memory); each stage's best of ``--repeat``.

Usage::

    python benchmarks/bench_export.py [--n 10000] [--small 1000] [--repeat 1] [--seed 0]
                                      [--dir DIR] [--full] [--keep OUT_DIR] [--stages]

``--baseline SRC`` runs, alternately with this checkout's export, the export of another version
of the package: ``SRC`` is the folder that holds its ``xinfang`` package (for example the
``scripts`` folder of ``git archive main scripts | tar -x -C /tmp/main``); both are timed the
same way and the ratio (this one / baseline) of the best wall times is reported.

``--small 0`` skips the smaller run. ``--full`` exports with ``--full`` (unmasked numbers).
``--keep`` leaves the workbooks in OUT_DIR (for a look at them). The exit status is 1 when the
export fails or the target is missed at N = 10,000, else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_cases import ensure_generated

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
AS_OF = "2008-07-20"
TARGET_N = 10_000
TARGET_SECONDS = 8.0


def _command() -> list[str]:
    """The export of the package this interpreter imports (not another ``xinfang`` on PATH)."""
    return [sys.executable, "-m", "xinfang.cli"]


def export_once(
    root: Path, out: Path, full: bool, source: Path | None = None
) -> tuple[float, float]:
    """One export as a subprocess (of the package in ``source``, if given): wall and CPU seconds."""
    env = None if source is None else {**os.environ, "PYTHONPATH": str(source)}
    argv = [*_command(), "export", "xlsx", "--root", str(root), "--out", str(out)]
    argv += ["--as-of", AS_OF, "--force", *(["--full"] if full else [])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(
            f"导出失败（{root}，退出码 {result.returncode}）：\n{result.stderr[-3000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


STAGES = """
import io, json, sys, time
from datetime import date
from pathlib import Path

started = time.perf_counter()
from xinfang.office.excel import export as excel_export

imported = time.perf_counter()
load = excel_export.open_repository
spent = []


def timed_load(*args, **kwargs):
    begun = time.perf_counter()
    try:
        return load(*args, **kwargs)
    finally:
        spent.append(time.perf_counter() - begun)


excel_export.open_repository = timed_load
begun = time.perf_counter()
built = excel_export.build_workbook(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), None,
                                    sys.argv[3] == "full")
done = time.perf_counter()
built.save(io.BytesIO())
saved = time.perf_counter()
print(json.dumps([imported - started, sum(spent), done - begun - sum(spent), saved - done]))
"""


def stages(root: Path, full: bool) -> tuple[float, ...]:
    """Seconds, in a new process, to import the export, load the repository, build the rest of
    the workbook and save it (into memory)."""
    argv = [sys.executable, "-c", STAGES, str(root), AS_OF, "full" if full else "masked"]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"分段计时失败：\n{result.stderr[-3000:]}")
    return tuple(json.loads(result.stdout.splitlines()[-1]))


@dataclass
class Result:
    n: int
    wall: float
    cpu: float
    size: int
    stages: tuple[float, ...] | None = None
    baseline: tuple[float, float, int] | None = None  # wall, CPU, size


def bench(n: int, args: argparse.Namespace, out_dir: Path) -> Result:
    root = (args.dir or HERE / ".work") / f"export-{n}"
    ensure_generated(root, n, args.seed)
    out = out_dir / f"台账-{n}.xlsx"
    runs, base_runs, base_size = [], [], 0
    for _ in range(args.repeat):  # alternately, so that both see the same load
        runs.append(export_once(root, out, args.full))
        if args.baseline:
            base_out = out_dir / f"基线-{n}.xlsx"
            base_runs.append(export_once(root, base_out, args.full, args.baseline))
            base_size = base_out.stat().st_size
    wall, cpu = min(runs)
    result = Result(n, wall, cpu, out.stat().st_size)
    if base_runs:
        result.baseline = (*min(base_runs), base_size)
    if args.stages:
        runs = [stages(root, args.full) for _ in range(args.repeat)]
        result.stages = tuple(min(stage) for stage in zip(*runs, strict=True))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=TARGET_N, help="案件数（默认 10000）")
    parser.add_argument("--small", type=int, default=1000, help="另测的较小案件数（0 为不测）")
    parser.add_argument("--repeat", type=int, default=1, help="每个规模导出几次，取最快")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dir", type=Path, help="生成仓库的目录（默认 benchmarks/.work）")
    parser.add_argument("--full", action="store_true", help="导出完整号码（--full）")
    parser.add_argument("--keep", type=Path, help="把导出的工作簿留在这个目录")
    parser.add_argument("--stages", action="store_true", help="另在新进程中分段计时")
    parser.add_argument(
        "--baseline", type=Path, help="对比的另一版本：含 xinfang 包的目录（交替运行）"
    )
    args = parser.parse_args()

    sizes = [s for s in dict.fromkeys([args.small, args.n]) if s > 0]
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for n in sorted(sizes):
            results.append(bench(n, args, out_dir))

    print(f"xinfang export xlsx --as-of {AS_OF}{' --full' if args.full else ''}，"
          f"每个规模 {args.repeat} 次取最快")  # fmt: skip
    print(f"{'案件数':>8}{'秒':>9}{'CPU 秒':>9}{'案件/秒':>9}{'工作簿 MB':>11}")
    for r in results:
        print(f"{r.n:>11}{r.wall:>10.2f}{r.cpu:>10.2f}{r.n / r.wall:>12.0f}{r.size / 1e6:>13.1f}")
    for r in results:
        if r.baseline:
            wall, cpu, size = r.baseline
            print(f"{'基线':>6}{r.n:>5}{wall:>10.2f}{cpu:>10.2f}{r.n / wall:>12.0f}{size / 1e6:>13.1f}"
                  f"   比值（本版/基线）：墙钟 {r.wall / wall:.2f}，CPU {r.cpu / cpu:.2f}")  # fmt: skip
    for r in results:
        if r.stages:
            imports, load, build, save = r.stages
            print(f"{r.n} 个案件分段（秒）：导入模块 {imports:.2f}，读取仓库 {load:.2f}，"
                  f"建工作簿（读取以外）{build:.2f}，保存 {save:.2f}")  # fmt: skip
    missed = [r for r in results if r.n == TARGET_N and r.wall > TARGET_SECONDS]
    if any(r.n == TARGET_N for r in results):
        verdict = "未达标" if missed else "达标"
        print(f"目标：{TARGET_N} 个案件 ≤ {TARGET_SECONDS:.0f} 秒：{verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
