"""Benchmark: the pre-commit check of one changed case file, against a full check, at 10,000 cases.

Builds (or reuses) a git repository of N valid generated cases (``generate_cases.generate``) with
a history made by ``git fast-import``: the campaign, schemas and evidence in the first commit,
the cases added ten at a time, then edits to a few cases per commit. One case file is then
changed in the working tree and staged, as a clerk's edit is when ``git commit`` runs the hook.

Runs, as subprocesses, alternating so that the machine's load falls on both alike:

(a) ``xinfang check --as-of 2008-07-20 --format json cases/<the changed file>`` (what the
    pre-commit hook runs: the file, its history, duplicate ids against every file name);
(b) ``xinfang check --as-of 2008-07-20 --format json`` (everything, as CI runs it).

With ``--baseline DIR`` a third command runs (a) with the package found in ``DIR/scripts``
(another version's source, e.g. unpacked with ``git archive``), to compare versions side by side.

Target: (a) in at most 0.5 s (best wall time). The exit status is 1 when it is missed or a run
fails, else 0.

Usage::

    python benchmarks/bench_precommit.py [--n 10000] [--commits 1500] [--repeat 5]
                                         [--dir DIR] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_cases import MARKER, ensure_generated

HERE = Path(__file__).resolve().parent
AS_OF = "2008-07-20"
TARGET_SECONDS = 0.5
EPOCH = 1208131200  # 2008-04-14 08:00 +08:00
PER_ADD = 10  # cases added per commit
EDITS = 3  # cases edited per later commit
GIT_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


@dataclass
class Runs:
    name: str
    argv: list[str]
    env: dict[str, str]
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def _blob(data: bytes) -> bytes:
    return f"data {len(data)}\n".encode() + data + b"\n"


def build_history(source: Path, repo: Path, commits: int, seed: int) -> list[str]:
    """``source``'s files committed into a new repository at ``repo``; the case paths."""
    rng = random.Random(seed)
    cases = sorted(p.relative_to(source).as_posix() for p in (source / "cases").iterdir())
    others = sorted(
        p.relative_to(source).as_posix()
        for p in source.rglob("*")
        if p.is_file() and p.name != MARKER and p.parent.name != "cases"
    )
    contents = {rel: (source / rel).read_bytes() for rel in cases}
    adds = [cases[i : i + PER_ADD] for i in range(0, len(cases), PER_ADD)]
    out: list[bytes] = []
    for c in range(max(commits, len(adds) + 1)):
        when = EPOCH + c * 600
        ops: list[bytes] = []
        if c == 0:
            message = "活动配置、模式和材料"
            for rel in others:
                ops.append(f"M 100644 inline {rel}\n".encode() + _blob((source / rel).read_bytes()))
        elif c <= len(adds):
            message = f"登记 {len(adds[c - 1])} 件案件"
            for rel in adds[c - 1]:
                ops.append(f"M 100644 inline {rel}\n".encode() + _blob(contents[rel]))
        else:
            message = "更新办理进展"
            for rel in rng.sample(cases, EDITS):
                contents[rel] += f"# 第 {c} 次核对\n".encode()
                ops.append(f"M 100644 inline {rel}\n".encode() + _blob(contents[rel]))
        out.append(b"commit refs/heads/main\n")
        out.append(f"author 褚文静 <chuwj@xf.local> {when} +0800\n".encode())
        out.append(f"committer 褚文静 <chuwj@xf.local> {when} +0800\n".encode())
        out.append(_blob(message.encode()))  # each commit follows the branch's last one
        out += ops
        out.append(b"\n")
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "init", "-q", "-b", "main"], env=GIT_ENV, check=True)
    subprocess.run([*git, "fast-import", "--quiet"], input=b"".join(out), env=GIT_ENV, check=True)
    subprocess.run([*git, "repack", "-adq"], env=GIT_ENV, check=True)
    subprocess.run([*git, "reset", "-q", "--hard"], env=GIT_ENV, check=True)
    return cases


def ensure_repo(folder: Path, n: int, commits: int, seed: int) -> tuple[Path, list[str]]:
    source = folder / "source"
    ensure_generated(source, n, seed)
    repo = folder / "repo"
    marker = repo / ".git" / "bench-precommit.json"
    stamp = (source / MARKER).read_text(encoding="utf-8")
    wanted = {"n": n, "commits": commits, "seed": seed, "source": stamp}
    if not (marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == wanted):
        print(f"生成带 git 历史的仓库 {repo}（{n} 件，至少 {commits} 次提交）……", flush=True)
        started = time.perf_counter()
        build_history(source, repo, commits, seed)
        marker.write_text(json.dumps(wanted), encoding="utf-8")
        print(f"  用时 {time.perf_counter() - started:.1f} 秒", flush=True)
    cases = sorted(p.relative_to(repo).as_posix() for p in (repo / "cases").iterdir())
    return repo, cases


def change_one(repo: Path, rel: str) -> None:
    """A clerk's edit to one case, staged as ``git commit`` would find it."""
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "--", "."], env=GIT_ENV, check=True)
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "# 补充：已电话回访信访人。\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", rel], env=GIT_ENV, check=True)


def run_once(runs: Runs, cwd: Path) -> dict[str, int]:
    """Run once: wall seconds, and CPU seconds of the command and the git processes it ran."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(runs.argv, cwd=cwd, env=runs.env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        runs.times.append(time.perf_counter() - started)
        runs.cpu.append(usage.ru_utime + usage.ru_stime)
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8"), err.read().decode("utf-8", "replace")
    try:
        summary = json.loads(stdout)["summary"]
    except (ValueError, KeyError):
        raise SystemExit(f"{runs.name} 失败（退出码 {code}）：{stderr[-800:]}") from None
    if code != 0 or summary["errors"]:
        raise SystemExit(f"{runs.name} 报告了错误：{summary} {stdout[-800:]}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="提交前检查一个改动的案件文件，与完整检查对比。")
    parser.add_argument("--n", type=int, default=10_000, help="案件数（默认 10000）")
    parser.add_argument("--commits", type=int, default=1500, help="提交次数（默认 1500）")
    parser.add_argument("--repeat", type=int, default=5, help="每个命令运行次数（默认 5）")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
    parser.add_argument("--dir", type=Path, help="工作目录（默认 benchmarks/.work/precommit-N）")
    parser.add_argument("--baseline", type=Path, help="另一版本的源代码目录，与之对比")
    args = parser.parse_args(argv)

    folder = (args.dir or HERE / ".work" / f"precommit-{args.n}").resolve()
    repo, cases = ensure_repo(folder, args.n, args.commits, args.seed)
    changed = cases[len(cases) // 2]
    change_one(repo, changed)
    check = [sys.executable, "-m", "xinfang", "check", "--as-of", AS_OF, "--format", "json"]
    env = dict(os.environ)
    commands = [
        Runs("提交前检查（1 个文件）", [*check, changed], env),
        Runs("完整检查", check, env),
    ]
    if args.baseline:
        scripts = str(args.baseline.resolve() / "scripts")
        commands.append(
            Runs("对比版本：1 个文件", [*check, changed], {**env, "PYTHONPATH": scripts})
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{os.cpu_count()} 核，开始时 1 分钟平均负载 {load:.2f}；改动的文件：{changed}", flush=True
    )
    for i in range(args.repeat):
        for runs in commands:
            summary = run_once(runs, repo)
            print(
                f"  第 {i + 1} 轮  {runs.name}  墙钟 {runs.times[-1]:.2f} 秒  "
                f"CPU {runs.cpu[-1]:.2f} 秒  {summary}",
                flush=True,
            )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"结束时 1 分钟平均负载 {load:.2f}\n")
    print("命令：墙钟最短 / 中位秒，CPU 最少秒（含它启动的 git）")
    for runs in commands:
        print(f"  {runs.name}：{runs.best:.2f} / {runs.median:.2f}，{min(runs.cpu):.2f}")
    one, full = commands[0], commands[1]
    print(f"比值 提交前检查/完整检查 = {one.best / full.best:.3f}（墙钟最短）")
    if args.baseline:
        base = commands[2]
        print(f"比值 本版本/对比版本（1 个文件）= {one.best / base.best:.3f}（墙钟最短）")
    ok = one.best <= TARGET_SECONDS
    print(
        f"提交前检查 {one.best:.2f} 秒（目标 ≤ {TARGET_SECONDS} 秒）：{'达标' if ok else '未达标'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
