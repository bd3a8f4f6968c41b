"""Site build at scale, side by side with a bare mkdocs-material build of as many trivial pages.

    python benchmarks/bench_site.py [--n 10000] [--dir benchmarks/.work/site-N] [--repeat 1]

Targets: the whole `mkdocs build` of N generated cases in at most 1.25x the bare build's time;
each case page at most 30 KB of HTML; a reader's first case lookup (the home page, its styles and
scripts, Material's search index, the case index and the largest chunk of the people index) at
most 2 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_cases import generate

PROJECT = Path(__file__).resolve().parent.parent
BARE_CONFIG = """site_name: bare
use_directory_urls: false
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
nav:
  - index.md
not_in_nav: |
  /pages/
"""


def _git(root: Path, *args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "基准",
        "GIT_AUTHOR_EMAIL": "bench@xinfang.local",
        "GIT_COMMITTER_NAME": "基准",
        "GIT_COMMITTER_EMAIL": "bench@xinfang.local",
        "GIT_AUTHOR_DATE": "2008-07-20T10:00:00+08:00",
        "GIT_COMMITTER_DATE": "2008-07-20T10:00:00+08:00",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def prepare_cases(root: Path, n: int) -> None:
    if (root / "cases").is_dir() and len(list((root / "cases").glob("*.yml"))) == n:
        _site_sources(root)  # the cases are reused; the site's configuration is the project's now
        return
    shutil.rmtree(root, ignore_errors=True)
    generate(root, n)
    _site_sources(root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "生成的案件")


def _site_sources(root: Path) -> None:
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.rmtree(root / "docs", ignore_errors=True)
    shutil.copytree(PROJECT / "docs", root / "docs")


def prepare_bare(root: Path, n: int) -> None:
    if (root / "docs" / "pages").is_dir() and len(list((root / "docs" / "pages").iterdir())) == n:
        return
    shutil.rmtree(root, ignore_errors=True)
    pages = root / "docs" / "pages"
    pages.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    for i in range(n):
        (pages / f"p{i:05d}.md").write_text(f"# 页面 {i}\n\n内容 {i}。\n", encoding="utf-8")


def build(root: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"构建失败（{root}）：\n{result.stderr[-3000:]}")
    return elapsed


def first_lookup_bytes(site: Path) -> tuple[int, list[tuple[str, int]]]:
    """What the home page loads before and during a first case search."""
    home = (site / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+)"', home)
    files = [("index.html", (site / "index.html").stat().st_size)]
    for ref in refs:
        path = site / ref.split("?")[0].split("#")[0]
        if path.is_file() and path.suffix in (".css", ".js"):
            files.append((ref, path.stat().st_size))
    for extra in ("search/search_index.json", "assets/cases.json"):
        if (site / extra).is_file():
            files.append((extra, (site / extra).stat().st_size))
    # A query for a person adds one chunk of the lookup index: count the largest.
    chunks = sorted((p.stat().st_size, p) for p in (site / "assets" / "lookup").glob("*.json"))
    if chunks:
        size, path = chunks[-1]
        files.append((f"{path.relative_to(site).as_posix()}（最大的一块）", size))
    return sum(size for _, size in files), files


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    work = args.dir or PROJECT / "benchmarks" / ".work" / f"site-{args.n}"
    cases_root, bare_root = work / "cases-repo", work / "bare"
    prepare_cases(cases_root, args.n)
    prepare_bare(bare_root, args.n)

    ours, bare, loads = [], [], []
    for _ in range(args.repeat):  # alternate, so that both see the same machine load
        loads.append(os.getloadavg()[0])
        bare.append(build(bare_root))
        ours.append(build(cases_root))
    loads.append(os.getloadavg()[0])
    site = cases_root / "site"
    case_pages = list((site / "cases").glob("*.html"))
    largest = max(p.stat().st_size for p in case_pages)
    lookup, files = first_lookup_bytes(site)
    bare_index = (bare_root / "site" / "search" / "search_index.json").stat().st_size
    site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6

    ratio = min(ours) / min(bare)
    print(f"案件数 {args.n}，各构建 {args.repeat} 次取最快")
    print(f"{'构建':<28}{'秒':>8}")
    print(f"{'mkdocs-material 空白页面':<24}{min(bare):>8.1f}")
    print(f"{'xinfang 网站':<26}{min(ours):>8.1f}")
    print(f"比值 xinfang / 空白：{ratio:.2f}（目标 ≤ 1.25）{'达标' if ratio <= 1.25 else '未达标'}")
    print(
        "每次（交替）："
        + "；".join(
            f"空白 {b:.1f} 秒，xinfang {o:.1f} 秒（{o / b:.2f}）"
            for b, o in zip(bare, ours, strict=True)
        )
    )
    print(
        f"空白 {min(bare):.1f}～{max(bare):.1f} 秒，xinfang {min(ours):.1f}～{max(ours):.1f} 秒；"
        f"1 分钟平均负载 {min(loads):.2f}～{max(loads):.2f}（2 核）"
    )
    print(
        f"网站总大小 {site_mb:.1f} MB；案件页面 {len(case_pages)} 个，最大 {largest / 1024:.1f} KB（目标 ≤ 30 KB）"
    )
    print(
        f"首次查询下载 {lookup / 1e6:.2f} MB（目标 ≤ 2 MB）；空白站点的搜索索引 {bare_index / 1e6:.1f} MB"
    )
    for name, size in files:
        print(f"  {name:<60}{size / 1024:>9.1f} KB")


if __name__ == "__main__":
    main()
