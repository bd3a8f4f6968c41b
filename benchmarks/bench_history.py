"""Benchmark: history for every case from one `git log` pass, against a `git log` per file.

Builds (or reuses) generated repositories with ``git fast-import``: by default 10,000 cases over
1,000 commits, and 1,000 cases over 1,000 commits for the side-by-side run against the per-file
approach (``git log --follow -- <file>`` once per file, as mkdocs-git-revision-date-localized
does). Each case is a ~1 KB YAML record created as ``registered`` and moved to ``in_progress`` and
often ``closed`` in later commits, with handler, deadline and extension changes, progress notes,
a few renames (an id corrected) and a few deletions (a duplicate removed).

Usage::

    PYTHONPATH=scripts python benchmarks/bench_history.py [--dir DIR] [--cases N] [--commits N]

The repositories are cached in ``--dir`` (default: a folder in the system temp directory) and
rebuilt only when missing or when ``--rebuild`` is given.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import git

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from xinfang.history.reader import read_history

UNITS = [f"T{i:02d}" for i in range(1, 21)] + [f"D{i:02d}" for i in range(1, 31)]
PEOPLE = [
    "郑春生", "褚文静", "孟庆丰", "陈明亮", "王建国", "李秀英", "张伟", "刘洋", "杨帆", "赵敏",
    "黄磊", "周杰", "吴静", "徐立", "孙丽", "马超", "朱红", "胡斌", "郭涛", "何芳",
]  # fmt: skip
AUTHORS = [
    ("褚文静", "chuwj@xf.local"),
    ("孟庆丰", "mengqf@xf.local"),
    ("王建国", "wangjg@xf.local"),
    ("李秀英", "lixy@xf.local"),
    ("Office Bot", "bot@xf.local"),
]
EPOCH = 1207584000  # 2008-04-08 00:00 +08:00
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/case.schema.json\n"


def case_id(i: int) -> str:
    unit = UNITS[i % len(UNITS)]
    return f"XF2008-{unit}-{i // len(UNITS) + 1:03d}"


WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643


def id_number(i: int) -> str:
    """An invented identity number: region code 390521 belongs to no county (see the staff
    guide), with a real birth date and a valid check digit."""
    born = date(1940, 1, 1) + timedelta(days=i % 20000)
    body = f"390521{born:%Y%m%d}{i % 1000:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def render(state: dict[str, object]) -> bytes:
    """A valid-looking case record of about 1 KB."""
    i = int(str(state["n"]))
    unit = UNITS[i % len(UNITS)]
    lines = [
        SCHEMA_LINE,
        f"id: {state['id']}\n",
        f"title: {unit} 辖区第 {i} 号：村民反映征地补偿款未足额发放\n",
        "category: prominent\n",
        "flags: [repeat, group_interest]\n",
        "source: visit\n",
        "received: '2007-11-02'\n",
        "registered: '2008-04-15'\n",
        "petitioners:\n",
        f"  - name: {PEOPLE[i % 20]}\n",
        f"    id_number: '{id_number(i)}'\n",
        f"    phone: '154{i % 10**8:08d}'\n",  # an unassigned block
        f"    address: XX县第 {i % 97} 村三组\n",
        f"    locality: {unit}\n",
        "    representative: true\n",
        f"head_count: {1 + i % 12}\n",
        "demand: 反映 2006 年征地中补偿款按旧标准计算，每户少发 8000 元左右，要求按新标准补足差额。\n",
        "about: 镇人民政府、县国土资源局\n",
        "responsibility:\n",
        f"  unit: {unit}\n",
        f"  lead_official: {PEOPLE[(i + 3) % 20]}\n",
        f"  handler: {state['handler']}\n",
        "  stability_officer:\n",
        f"    name: {PEOPLE[(i + 7) % 20]}\n",
        f"    unit: {unit}\n",
        f"  deadline: '{state['deadline']}'\n",
        f"  requirements: 核清第 {i} 号案件 {1 + i % 12} 户的补偿标准适用情况，按期提出处理意见；落实专人稳控。\n",
        "grade: general\n",
        "priority: false\n",
        f"status: {state['status']}\n",
    ]
    progress = state["progress"]
    assert isinstance(progress, list)
    if progress:
        lines.append("progress:\n")
        for k, day in enumerate(progress):
            lines.append(f"  - date: '{day}'\n    note: 第 {k + 1} 次入户走访，核对补偿标准。\n")
    extensions = state["extensions"]
    assert isinstance(extensions, list)
    if extensions:
        lines.append("extensions:\n")
        for day in extensions:
            lines.append(
                f"  - approved_by: {PEOPLE[(i + 3) % 20]}\n    approved_on: '{day}'\n"
                "    days: 30\n    reason: 涉及多个部门，需延长核查时间。\n"
            )
    if state["status"] == "closed":
        lines += [
            "closure:\n",
            f"  date: '{state['closed']}'\n",
            "  report:\n",
            f"    problem: 第 {i} 号案件反映补偿款按旧标准计算。\n",
            "    investigation: 经核实部分农户适用新标准。\n",
            "    opinion: 按新标准补发差额。\n",
            "  seal: true\n",
            "settled: true\n",
        ]
    return "".join(lines).encode()


def day_of(commit_no: int, commits: int) -> str:
    # Commits spread over 100 days from 2008-04-08.
    days = commit_no * 100 // max(commits, 1)
    return time.strftime("%Y-%m-%d", time.gmtime(EPOCH + 8 * 3600 + days * 86400))


def build_repo(path: Path, cases: int, commits: int, seed: int = 2008) -> None:
    """Generate a repository with ``git fast-import``: cases created and changed over commits."""
    rng = random.Random(seed)
    # Per commit: a list of (kind, case number); kinds: add, progress, status, handler, deadline,
    # extension, close, rename, delete.
    plan: list[list[tuple[str, int]]] = [[] for _ in range(commits)]
    create_span = max(1, commits * 2 // 5)
    for n in range(cases):
        at = n * create_span // cases
        plan[at].append(("add", n))
        steps = ["status"]
        if rng.random() < 0.5:
            steps.append("progress")
        if rng.random() < 0.1:
            steps.append("handler")
        if rng.random() < 0.1:
            steps.append("deadline")
        if rng.random() < 0.05:
            steps.append("extension")
        if rng.random() < 0.6:
            steps.append("close")
        if rng.random() < 0.002:
            steps.append("rename")
        elif rng.random() < 0.001:
            steps.append("delete")
        for kind in steps:
            at = rng.randint(at + 1, at + max(2, commits // 4))
            if at >= commits:
                break
            plan[at].append((kind, n))
            if kind == "delete":
                break

    states: dict[int, dict[str, object]] = {}
    out: list[bytes] = []
    for c in range(commits):
        name, email = AUTHORS[c % len(AUTHORS)]
        when = EPOCH + c * (100 * 86400 // max(commits, 1)) + 9 * 3600
        day = day_of(c, commits)
        ops: list[bytes] = []
        kinds: set[str] = set()
        for kind, n in plan[c]:
            kinds.add(kind)
            if kind == "add":
                states[n] = {
                    "n": n,
                    "id": case_id(n),
                    "status": "registered",
                    "handler": PEOPLE[n % 20],
                    "deadline": "2008-06-30",
                    "progress": [],
                    "extensions": [],
                    "closed": None,
                }
            state = states.get(n)
            if state is None:
                continue
            old_path = f"cases/{state['id']}.yml"
            if kind == "delete":
                ops.append(f"D {old_path}\n".encode())
                del states[n]
                continue
            if kind == "status":
                state["status"] = "in_progress"
            elif kind == "progress":
                progress = state["progress"]
                assert isinstance(progress, list)
                progress.append(day)
            elif kind == "handler":
                state["handler"] = PEOPLE[(n + 11) % 20]
            elif kind == "deadline":
                state["deadline"] = "2008-07-15"
            elif kind == "extension":
                extensions = state["extensions"]
                assert isinstance(extensions, list)
                extensions.append(day)
            elif kind == "close":
                state["status"] = "closed"
                state["closed"] = day
            elif kind == "rename":
                state["id"] = f"{state['id']}0"  # an id corrected: 3 digits to 4
                ops.append(f"R {old_path} cases/{state['id']}.yml\n".encode())
            data = render(state)
            ops.append(f"M 100644 inline cases/{state['id']}.yml\ndata {len(data)}\n".encode())
            ops.append(data + b"\n")
        message = f"第 {c + 1} 次提交：{'、'.join(sorted(kinds)) or '整理'}".encode()
        out.append(b"commit refs/heads/main\n")
        out.append(f"mark :{c + 1}\n".encode())
        out.append(f"author {name} <{email}> {when} +0800\n".encode())
        out.append(f"committer {name} <{email}> {when} +0800\n".encode())
        out.append(f"data {len(message)}\n".encode() + message + b"\n")
        if c == 0:
            readme = "# 台账\n".encode()
            out.append(f"M 100644 inline README.md\ndata {len(readme)}\n".encode() + readme + b"\n")
        else:
            out.append(f"from :{c}\n".encode())
        out += ops
        out.append(b"\n")

    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    _git(path, "init", "-q", "-b", "main")
    _git(path, "fast-import", "--quiet", stdin=b"".join(out))
    # Pack as a clone would receive it (deltas), then check out the tree.
    _git(path, "repack", "-adq")
    _git(path, "reset", "-q", "--hard")
    (path / ".bench-ok").write_text(f"{cases} {commits} {seed}\n")


def _git(path: Path, *args: str, stdin: bytes | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *args], cwd=path, env=env, input=stdin, check=True)


def ensure_repo(base: Path, cases: int, commits: int, rebuild: bool) -> Path:
    path = base / f"cases{cases}-commits{commits}"
    marker = path / ".bench-ok"
    built = marker.read_text().split()[:2] if marker.exists() else []
    if rebuild or built != [str(cases), str(commits)]:
        start = time.perf_counter()
        print(f"生成仓库 {path}（{cases} 件案件，{commits} 次提交）…", flush=True)
        build_repo(path, cases, commits)
        print(f"  用时 {time.perf_counter() - start:.1f} s", flush=True)
    return path


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, float]:
    """Best wall time of ``runs`` runs, and the CPU time (this process and git's) of that run."""
    best = (float("inf"), 0.0)
    for _ in range(runs):
        before, start = os.times(), time.perf_counter()
        fn()
        wall, after = time.perf_counter() - start, os.times()
        cpu = sum(after[:4]) - sum(before[:4])  # user, system, children's user and system
        best = min(best, (wall, cpu))
    return best


def git_log_alone(path: Path) -> None:
    """The bare pass: the same ``git log`` as read_history, its output thrown away."""
    subprocess.run(
        ["git", "log", "--relative=cases/", "--root", "--raw", "--no-abbrev", "-z", "-M80%", "-c",
         "--date-order", "--reverse", "--format=%x1e%H%x1f%aN%x1f%aE%x1f%aI%x1f%s", "HEAD"],
        cwd=path, stdout=subprocess.DEVNULL, check=True,
    )  # fmt: skip


PER_FILE_FORMAT = "%H%x1f%aN%x1f%aE%x1f%aI%x1f%s"


def per_file(path: Path, files: list[str]) -> dict[str, list[str]]:
    """The per-file approach: one ``git log --follow`` process per file."""
    repo = git.Repo(path)
    result: dict[str, list[str]] = {}
    for name in files:
        out = repo.git.log("--follow", f"--format={PER_FILE_FORMAT}", "--", name)
        result[name] = out.splitlines()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "xinfang-bench-history",
        help="folder for the generated repositories (reused between runs)",
    )
    parser.add_argument("--cases", type=int, default=10_000, help="cases in the large repository")
    parser.add_argument("--commits", type=int, default=1_000, help="commits in both repositories")
    parser.add_argument(
        "--small-cases", type=int, default=1_000, help="cases in the per-file comparison"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best is reported")
    parser.add_argument(
        "--per-file-limit",
        type=int,
        default=0,
        help="time the per-file approach on only this many files and extrapolate (0: all)",
    )
    parser.add_argument("--rebuild", action="store_true", help="regenerate the repositories")
    parser.add_argument(
        "--target", type=float, default=3.0, help="seconds allowed for the large repository"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with 1 when the target is missed"
    )
    args = parser.parse_args(argv)

    large = ensure_repo(args.dir, args.cases, args.commits, args.rebuild)
    small = ensure_repo(args.dir, args.small_cases, args.commits, args.rebuild)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    rows: list[tuple[str, str, float, float]] = []
    history = read_history(large)
    n_files = len(history.files)
    n_changes = sum(len(f.changes) for f in history.files.values())
    label = f"{n_files} 件"
    rows.append(
        (label, "git log 本身（输出丢弃）", *best_of(args.runs, lambda: git_log_alone(large)))
    )
    bare = best_of(args.runs, lambda: read_history(large, with_fields=False))
    rows.append((label, "read_history(with_fields=False)", *bare))
    full = best_of(args.runs, lambda: read_history(large))
    rows.append((label, "read_history()：提交和字段变化", *full))

    files = sorted(read_history(small).files)
    label = f"{len(files)} 件"
    small_bare = best_of(args.runs, lambda: read_history(small, with_fields=False))
    rows.append((label, "read_history(with_fields=False)", *small_bare))
    small_full = best_of(args.runs, lambda: read_history(small))
    rows.append((label, "read_history()：提交和字段变化", *small_full))
    sample = files[: args.per_file_limit] if args.per_file_limit else files
    before, start = os.times(), time.perf_counter()
    per_file(small, sample)
    scale = len(files) / max(len(sample), 1)
    per_file_wall = (time.perf_counter() - start) * scale
    per_file_cpu = (sum(os.times()[:4]) - sum(before[:4])) * scale
    how = "逐文件：每个文件一次 git log --follow"
    if len(sample) < len(files):
        how += f"（测 {len(sample)} 个，按比例推算）"
    rows.append((label, how, per_file_wall, per_file_cpu))

    print()
    print(f"机器：{os.cpu_count()} 核，开始时负载 {load:.2f}；git {git.Git().version_info}；")
    print(
        f"每项 {args.runs} 次取最快（逐文件只测 1 次）。CPU = 本进程和 git 子进程的用户+系统时间。"
    )
    print(f"大仓库：{n_files} 个案件文件，{args.commits} 次提交，{n_changes} 条字段变化。")
    print()
    print(f"{'案件':<8}{'墙钟 s':>9}{'CPU s':>9}  方法")
    for what, how, wall, cpu in rows:
        print(f"{what:<8}{wall:>9.2f}{cpu:>9.2f}  {how}")
    print()
    print(f"逐文件 / 一次遍历，{len(files)} 件：仅提交 {per_file_wall / small_bare[0]:,.0f} 倍，"
          f"含字段变化 {per_file_wall / small_full[0]:,.0f} 倍（墙钟）")  # fmt: skip
    verdict = "达标" if full[0] <= args.target else "未达标"
    print(f"目标：{args.cases} 件 ≤ {args.target:.1f} s；实测 {full[0]:.2f} s，{verdict}。")
    return 1 if args.strict and full[0] > args.target else 0


if __name__ == "__main__":
    raise SystemExit(main())
