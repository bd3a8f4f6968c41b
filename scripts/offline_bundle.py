"""Make the offline bundle: every wheel the project needs, for the intranet's platforms.

Run on a machine with internet, from the repository:

    python scripts/offline_bundle.py                      # Linux and Windows, Python 3.11-3.13
    python scripts/offline_bundle.py --out D:/离线安装包 --zip

The folder holds ``wheels/`` (the project and every dependency, read from pyproject.toml),
``xinfang.bundle`` (the repository with its full history) and ``安装说明.txt``. Installing from
it is ``pip install --no-index --find-links 目录/wheels ...``: pip never asks an index.

pip resolves a foreign platform's dependencies with this machine's environment markers, so a
Windows-only dependency (colorama for click) would be missed from Linux. After each download the
bundle is checked against every target's own markers, and what is missing is fetched too.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from offline_instructions import Contents, instructions
from offline_targets import PLATFORM_NAMES, PYTHONS, Target, missing_for

ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = tuple(PLATFORM_NAMES)
EXTRAS = ("hooks",)


class BundleError(Exception):
    """The bundle cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Project:
    """What pyproject.toml says the bundle must carry."""

    name: str
    version: str
    extras: tuple[str, ...]
    build_requires: tuple[str, ...]

    @classmethod
    def read(cls, root: Path, extras: tuple[str, ...]) -> Project:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        declared = data["project"].get("optional-dependencies", {})
        unknown = [extra for extra in extras if extra not in declared]
        if unknown:
            raise BundleError(
                f"pyproject.toml 中没有可选依赖组 {'、'.join(unknown)}；可用的有：{'、'.join(declared)}。"
            )
        return cls(
            name=data["project"]["name"],
            version=data["project"]["version"],
            extras=extras,
            build_requires=tuple(data["build-system"]["requires"]),
        )

    def requirement(self) -> str:
        extras = f"[{','.join(self.extras)}]" if self.extras else ""
        return f"{self.name}{extras}=={self.version}"


def _pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", *args, "-q", "--disable-pip-version-check"]
    result = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace"
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise BundleError(
            f"pip 失败（{' '.join(args[:2])}）：\n{tail}\n"
            "请确认这台电脑能访问软件包索引（PyPI 或其镜像），再重新运行。"
        )


def _source_bundle(root: Path, target: Path) -> bool:
    """The repository with its full history as one file, for the intranet's Git host."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        print("不是 git 仓库（或没有 git）：安装包中不附带仓库。", flush=True)
        return False
    shallow = subprocess.run(
        [git, "-C", str(root), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    )
    if shallow.stdout.strip() != "false":
        raise BundleError(
            "仓库是浅克隆，没有完整历史：请先运行 git fetch --unshallow，或加 --no-source。"
        )
    branch = subprocess.run(
        [git, "-C", str(root), "symbolic-ref", "-q", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    refs = ["HEAD", *([branch] if branch else [])]
    result = subprocess.run(
        [git, "-C", str(root), "bundle", "create", str(target), *refs],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BundleError(f"git bundle 失败：{result.stderr.strip()}")
    changes = subprocess.run(
        [git, "-C", str(root), "status", "--porcelain"], capture_output=True, text=True, check=False
    )
    if changes.stdout.strip():
        print("注意：有未提交的修改，xinfang.bundle 中只有最后一次提交的内容。", flush=True)
    return True


def _package_source(root: Path, copy: Path) -> Path:
    """What the project's wheel is built from, copied: the build leaves nothing in the checkout."""
    copy.mkdir()
    for path in [root / "pyproject.toml", root / "README.md", *root.glob("LICEN[CS]E*")]:
        shutil.copy2(path, copy / path.name)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(root / "scripts" / "xinfang", copy / "scripts" / "xinfang", ignore=skip)
    return copy


def build(
    root: Path, out: Path, targets: list[Target], project: Project, *, source: bool = True
) -> Path:
    """Fill ``out`` with the wheels for ``targets``, the repository and the instructions."""
    if out.exists() and any(out.iterdir()):
        raise BundleError(f"输出目录 {out} 已存在且不是空的：请换一个目录，或先删除它。")
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xinfang-bundle-") as scratch:
        built, local = Path(scratch) / "project", Path(scratch) / "local"
        print(f"构建 {project.name} {project.version} ……", flush=True)
        _pip(
            "wheel",
            "--no-deps",
            "-w",
            str(built),
            str(_package_source(root, Path(scratch) / "source")),
        )
        own = next(built.glob("*.whl"))
        shutil.copy2(own, wheels / own.name)
        extras = f"[{','.join(project.extras)}]" if project.extras else ""
        roots = [f"{own}{extras}", *project.build_requires]
        # Packages published only as source (jieba) become wheels here, once, for every target.
        print("把只有源码包的依赖构建成 wheel ……", flush=True)
        _pip("wheel", "-w", str(local), "--find-links", str(built), *roots)
        for target in targets:
            print(f"下载 {target.label} 的 wheel ……", flush=True)
            extra: list[str] = []
            for _ in range(5):
                _pip(
                    "download",
                    *target.pip_options(),
                    "-d",
                    str(wheels),
                    "--find-links",
                    str(local),
                    "--find-links",
                    str(built),
                    *roots,
                    *extra,
                )
                missing = missing_for(
                    target, wheels, [project.requirement(), *project.build_requires]
                )
                if not missing:
                    break
                extra += [str(requirement) for requirement in missing]
            else:
                raise BundleError(f"{target.label} 的依赖不全：{'、'.join(map(str, missing))}")
    has_source = source and _source_bundle(root, out / "xinfang.bundle")
    contents = Contents(
        name=project.name,
        version=project.version,
        extras=project.extras,
        targets=[(t.platform, t.label, t.python) for t in targets],
        wheel_count=len(list(wheels.glob("*.whl"))),
        has_source=has_source,
        made=date.today(),
    )
    text = instructions(contents)
    (out / "安装说明.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8-sig")
    return out


def _zip(folder: Path) -> Path:
    archive = folder.with_name(folder.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            z.write(path, Path(folder.name) / path.relative_to(folder))
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python scripts/offline_bundle.py",
        description="制作离线安装包（在能上外网的电脑上运行）：全部依赖和本项目的 wheel、仓库和安装说明。",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("xinfang-离线安装包"),
        help="输出目录（默认 xinfang-离线安装包）",
    )
    parser.add_argument(
        "--platform",
        nargs="+",
        choices=PLATFORMS,
        default=list(PLATFORMS),
        help="目标平台（默认 linux windows）",
    )
    parser.add_argument(
        "--python",
        nargs="+",
        default=list(PYTHONS),
        metavar="3.X",
        help=f"目标 Python 版本（默认 {' '.join(PYTHONS)}）",
    )
    parser.add_argument(
        "--extras",
        nargs="*",
        default=list(EXTRAS),
        metavar="组",
        help="同时带上的可选依赖组（默认 hooks，即提交前检查；要在内网运行测试时写 --extras hooks test）",
    )
    parser.add_argument("--no-source", action="store_true", help="不附带仓库（xinfang.bundle）")
    parser.add_argument("--zip", action="store_true", help="另外打成一个 zip 文件")
    args = parser.parse_args(argv)
    bad = [
        v for v in args.python if v.count(".") != 1 or not all(p.isdigit() for p in v.split("."))
    ]
    if bad:
        parser.error(f"Python 版本写成 3.12 这样：{' '.join(bad)}")
    try:
        project = Project.read(ROOT, tuple(args.extras))
        targets = [Target(p, v) for p in args.platform for v in args.python]
        out = build(ROOT, args.out.resolve(), targets, project, source=not args.no_source)
        if args.zip:
            print(f"打包为 {_zip(out)}")
    except BundleError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    print(f"完成：{out}（安装方法见其中的 安装说明.txt）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
