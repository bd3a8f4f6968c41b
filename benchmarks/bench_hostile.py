"""Benchmark: `xinfang check` of one hostile record of about 250 KB, against an ordinary one.

The records come from ``tests/hostile_records.py`` (long arrays, arrays of unique items filled
with objects, a wrong item repeated thousands of times, long text, deep nesting, thousands of
unknown keys). Each is put alone in a repository made from the project's campaign and schemas;
``xinfang check --as-of 2008-07-20`` runs on each as a subprocess, the records taking turns so
that the machine's load falls on all alike. Wall and CPU time (``wait4``) are recorded; what a
record adds is its CPU time less the ordinary record's (starting Python, imports and compiling
the schemas are the same for both).

With ``--baseline DIR`` each record is also checked with the package found in ``DIR/scripts``
(another version's source, e.g. ``git archive <commit> scripts | tar -x -C DIR``), stopped after
``--timeout`` seconds.

Target: what each record adds is under 1 s of CPU. The exit status is 1 when it is missed.

Usage::

    python benchmarks/bench_hostile.py [--repeat 3] [--timeout 60] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.hostile_records import GENERATORS  # noqa: E402

TARGET_SECONDS = 1.0
CASE = "XF2008-T01-001"


@dataclass
class Runs:
    name: str
    root: Path
    env: dict[str, str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    lines: int = 0


def make_repo(root: Path, text: str) -> Path:
    if root.exists():
        shutil.rmtree(root)
    (root / "cases").mkdir(parents=True)
    shutil.copy(HERE.parent / "campaign.yml", root / "campaign.yml")
    shutil.copytree(HERE.parent / "schema", root / "schema")
    shutil.copytree(HERE.parent / "evidence", root / "evidence")
    (root / "cases" / f"{CASE}.yml").write_text(text, encoding="utf-8")
    return root


def cpu_of(runs: Runs, timeout: float) -> None:
    """One run, measured with wait4 so that the child's CPU time is its own."""
    argv = [sys.executable, "-m", "xinfang", "check", "--as-of", "2008-07-20"]
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=runs.root, env=runs.env, stdout=out, stderr=out)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                runs.wall.append(float("inf"))
                runs.cpu.append(float("inf"))
                return
            time.sleep(0.005)
        runs.wall.append(time.perf_counter() - started)
        runs.cpu.append(usage.ru_utime + usage.ru_stime)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        runs.lines = len(out.read().splitlines())


def _shown(seconds: float) -> str:
    return "超时" if seconds == float("inf") else f"{seconds:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查一个约 250 KB 的恶意记录，与普通记录对比。")
    parser.add_argument("--repeat", type=int, default=3, help="每个记录运行次数（默认 3）")
    parser.add_argument("--timeout", type=float, default=60.0, help="每次运行的上限秒数（默认 60）")
    parser.add_argument("--dir", type=Path, help="工作目录（默认 benchmarks/.work/hostile）")
    parser.add_argument("--baseline", type=Path, help="另一版本的源代码目录，与之对比")
    args = parser.parse_args(argv)

    folder = (args.dir or HERE / ".work" / "hostile").resolve()
    env = dict(os.environ)
    commands: list[Runs] = []
    for name, make in GENERATORS.items():
        root = make_repo(folder / name, make(CASE))
        commands.append(Runs(name, root, env))
        if args.baseline:
            scripts = str(args.baseline.resolve() / "scripts")
            commands.append(Runs(f"{name}（对比版本）", root, {**env, "PYTHONPATH": scripts}))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} 核，开始时 1 分钟平均负载 {load:.2f}", flush=True)
    for i in range(args.repeat):
        for runs in commands:
            if runs.cpu and runs.cpu[-1] == float("inf"):
                continue  # timed out once: enough
            cpu_of(runs, args.timeout)
            print(
                f"  第 {i + 1} 轮  {runs.name}  墙钟 {_shown(runs.wall[-1])} 秒  "
                f"CPU {_shown(runs.cpu[-1])} 秒  {runs.lines} 行",
                flush=True,
            )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"结束时 1 分钟平均负载 {load:.2f}\n")
    ordinary = min(next(r for r in commands if r.name == "ordinary").cpu)
    print("记录：墙钟最短秒，CPU 最少秒，比普通记录多用的 CPU 秒，输出行数")
    ok = True
    for runs in commands:
        cpu = min(runs.cpu)
        extra = cpu - ordinary
        print(
            f"  {runs.name}：{_shown(min(runs.wall))}，{_shown(cpu)}，{_shown(extra)}，{runs.lines}"
        )
        if "对比版本" not in runs.name:
            ok = ok and extra < TARGET_SECONDS
    print(f"每个记录多用的 CPU 都少于 {TARGET_SECONDS} 秒：{'达标' if ok else '未达标'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
