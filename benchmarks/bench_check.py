"""Benchmark: `xinfang check` against check-jsonschema on the same N generated cases.

Generates (or reuses) a repository of N valid synthetic cases with ``generate_cases.generate``,
then runs, as subprocesses, side by side:

(a) ``xinfang check --root DIR --format json --as-of 2008-07-20`` (schema with line numbers,
    the cross-record checks and the campaign rules);
(b) ``check-jsonschema --schemafile schema/case.schema.json cases/*.yml`` (schema only).

Each run is timed by the wall clock; its peak memory (maximum resident set size) comes from
``/usr/bin/time -v`` when present, else from ``os.wait4``'s resource usage of that child. The
targets: at 10,000 cases, (a) in at most 0.25 × the wall time of (b), and at most 500 MB.

Usage::

    python benchmarks/bench_check.py [--n 10000] [--dir DIR] [--repeat 1] [--seed 0]

The exit status is 1 when a target is missed (or a tool fails), else 0.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_cases import ensure_generated

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
TIME = Path("/usr/bin/time")
AS_OF = "2008-07-20"
MAX_RATIO = 0.25
MAX_MB = 500.0


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, of the child and its children
    peak_mb: float  # maximum resident set size
    code: int
    output: str


@dataclass
class Tool:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return min(r.cpu for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


def _command(name: str, module: str) -> list[str]:
    found = shutil.which(name)
    return [found] if found else [sys.executable, "-m", module]


def run_timed(argv: list[str], cwd: Path) -> Run:
    """Run ``argv`` once: wall and CPU seconds, peak RSS in MB, exit code, stdout + stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "time.txt"
        use_time = TIME.is_file() and os.access(TIME, os.X_OK)
        full = [str(TIME), "-v", "-o", str(report), *argv] if use_time else argv
        out = Path(tmp) / "out.txt"
        with open(out, "wb") as sink:
            started = time.perf_counter()
            proc = subprocess.Popen(full, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
        peak_kb = float(usage.ru_maxrss)  # KB on Linux
        if use_time:
            text = report.read_text(encoding="utf-8", errors="replace")
            found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
            if found:
                peak_kb = float(found.group(1))
        output = out.read_text(encoding="utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, peak_kb / 1024, proc.returncode, output)


def run_batched(argv: list[str], files: list[str], cwd: Path) -> Run:
    """``argv + files`` in one exec, or in batches (times summed) when too long for one."""
    try:
        return run_timed([*argv, *files], cwd)
    except OSError as err:
        if err.errno != errno.E2BIG:
            raise
    size = max(1, len(files) // 2)
    while True:
        try:
            runs = [
                run_timed([*argv, *files[i : i + size]], cwd) for i in range(0, len(files), size)
            ]
            break
        except OSError as err:
            if err.errno != errno.E2BIG or size == 1:
                raise
            size //= 2
    print(f"  （参数过长，分 {len(runs)} 批运行，时间相加）", flush=True)
    return Run(
        sum(r.wall for r in runs),
        sum(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
        max(r.code for r in runs),
        "\n".join(r.output for r in runs),
    )


def _line(run: Run) -> str:
    return f"墙钟 {run.wall:7.2f} 秒  CPU {run.cpu:7.2f} 秒  峰值 {run.peak_mb:7.1f} MB"


def _check_xinfang(run: Run, n: int) -> str | None:
    try:
        summary = json.loads(run.output)["summary"]
    except (ValueError, KeyError):
        return f"xinfang check 输出无法解析（退出码 {run.code}）：{run.output[-500:]}"
    if summary["checked"] != n or run.code != 0 or summary["errors"]:
        return f"xinfang check 结果异常（退出码 {run.code}）：{summary}"
    if summary["warnings"]:
        print(f"  注意：xinfang check 报告了 {summary['warnings']} 个警告", flush=True)
    return None


def _check_jsonschema(run: Run) -> str | None:
    if run.code != 0:
        return f"check-jsonschema 失败（退出码 {run.code}）：{run.output[-500:]}"
    return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="xinfang check 与 check-jsonschema 在同一批生成案件上的对比测试。"
    )
    parser.add_argument("--n", type=int, default=10_000, help="案件数（默认 10000）")
    parser.add_argument("--dir", type=Path, help="工作目录（默认 benchmarks/.work/check-N）")
    parser.add_argument("--repeat", type=int, default=1, help="每个工具运行次数（默认 1）")
    parser.add_argument("--seed", type=int, default=0, help="生成案件的随机种子（默认 0）")
    args = parser.parse_args(argv)

    folder: Path = (args.dir or HERE / ".work" / f"check-{args.n}").resolve()
    ensure_generated(folder, args.n, args.seed)
    files = sorted(f"cases/{name}" for name in os.listdir(folder / "cases"))

    xinfang = _command("xinfang", "xinfang.cli")
    cjs = _command("check-jsonschema", "check_jsonschema")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"机器：{os.cpu_count()} 核 {_cpu_model()}，Python {platform.python_version()}，"
        f"开始时 1 分钟平均负载 {load:.2f}",
        flush=True,
    )
    tools = {"xinfang check": Tool("xinfang check"), "check-jsonschema": Tool("check-jsonschema")}
    problems: list[str] = []
    for i in range(args.repeat):
        print(f"第 {i + 1}/{args.repeat} 轮：", flush=True)
        run = run_timed(
            [*xinfang, "check", "--root", str(folder), "--format", "json", "--as-of", AS_OF],
            folder,
        )
        print(f"  xinfang check     {_line(run)}", flush=True)
        problem = _check_xinfang(run, args.n)
        tools["xinfang check"].runs.append(run)
        run = run_batched([*cjs, "--schemafile", "schema/case.schema.json"], files, folder)
        print(f"  check-jsonschema  {_line(run)}", flush=True)
        problem = problem or _check_jsonschema(run)
        tools["check-jsonschema"].runs.append(run)
        if problem:
            problems.append(problem)

    ours, theirs = tools["xinfang check"], tools["check-jsonschema"]
    ratio = ours.best / theirs.best
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"结束时 1 分钟平均负载 {load:.2f}")
    print()
    print(f"{args.n} 个案件（{folder}）：")
    print(f"{'工具':<18}{'墙钟最短秒':>8}{'墙钟中位秒':>8}{'CPU 秒':>9}{'峰值 MB':>10}")
    for tool in tools.values():
        print(
            f"{tool.name:<20}{tool.best:>12.2f}{tool.median:>13.2f}{tool.cpu:>10.2f}"
            f"{tool.peak_mb:>10.1f}"
        )
    print(f"CPU 时间比值 {ours.cpu / theirs.cpu:.3f}（仅供参考：机器繁忙时比墙钟更稳定）")
    time_ok = ratio <= MAX_RATIO
    memory_ok = ours.peak_mb <= MAX_MB
    print(
        f"比值 xinfang/check-jsonschema = {ratio:.3f}（目标 ≤ {MAX_RATIO}）："
        f"{'达标' if time_ok else '未达标'}"
    )
    print(
        f"xinfang check 峰值内存 {ours.peak_mb:.1f} MB（目标 ≤ {MAX_MB:.0f} MB）："
        f"{'达标' if memory_ok else '未达标'}"
    )
    for problem in problems:
        print(f"错误：{problem}", file=sys.stderr)
    return 0 if time_ok and memory_ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
