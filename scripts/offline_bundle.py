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

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # pragma: no cover - packaging comes with the project (through mkdocs)
    sys.exit(
        "缺少 packaging：请先运行 python -m pip install packaging（或 pip install -e .），再制作离线安装包。"
    )

from offline_instructions import instructions

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.12", "3.13")
PLATFORMS = ("linux", "windows")
EXTRAS = ("hooks",)
GLIBC = 28  # manylinux_2_28: Debian 10+, Ubuntu 20.04+, RHEL 8+, Kylin V10, UOS 20
PLATFORM_NAMES = {"linux": "Linux x86-64", "windows": "Windows 10/11 64 位"}


class BundleError(Exception):
    """The bundle cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """One platform and Python version that the bundle serves."""

    platform: str
    python: str

    @property
    def label(self) -> str:
        return f"{PLATFORM_NAMES[self.platform]}，Python {self.python}"

    def platform_tags(self) -> list[str]:
        if self.platform == "windows":
            return ["win_amd64"]
        # pip does not widen a PEP 600 tag to older glibc versions: list them all.
        newer = [f"manylinux_2_{minor}_x86_64" for minor in range(GLIBC, 4, -1)]
        return [*newer, "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]

    def pip_options(self) -> list[str]:
        options = ["--only-binary=:all:", "--implementation", "cp", "--python-version", self.python]
        for tag in self.platform_tags():
            options += ["--platform", tag]
        return options

    def tags(self) -> set[Tag]:
        version = tuple(int(part) for part in self.python.split("."))
        platforms = self.platform_tags()
        interpreter = "cp" + self.python.replace(".", "")
        return {
            *cpython_tags(version, platforms=platforms),
            *compatible_tags(version, interpreter=interpreter, platforms=platforms),
        }

    def markers(self) -> dict[str, str]:
        env = dict(default_environment())
        env.update(
            python_version=self.python,
            python_full_version=f"{self.python}.0",
            implementation_name="cpython",
            implementation_version=f"{self.python}.0",
            platform_python_implementation="CPython",
            platform_release="",
            platform_version="",
        )
        if self.platform == "windows":
            env.update(
                os_name="nt",
                sys_platform="win32",
                platform_system="Windows",
                platform_machine="AMD64",
            )
        else:
            env.update(
                os_name="posix",
                sys_platform="linux",
                platform_system="Linux",
                platform_machine="x86_64",
            )
        return env


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


@dataclass(frozen=True)
class _Wheel:
    version: Version
    tags: frozenset[Tag]
    requires_python: SpecifierSet
    requires: tuple[Requirement, ...]

    @classmethod
    def read(cls, path: Path) -> _Wheel:
        _, version, _, tags = parse_wheel_filename(path.name)
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            headers = archive.read(name).decode("utf-8").split("\n\n", 1)[0]
        requires_python, requires = SpecifierSet(), []
        for line in headers.splitlines():
            key, _, value = line.partition(": ")
            if key == "Requires-Python":
                requires_python = SpecifierSet(value.strip())
            elif key == "Requires-Dist":
                requires.append(Requirement(value))
        return cls(version, tags, requires_python, tuple(requires))


def _index(folder: Path) -> dict[str, list[_Wheel]]:
    found: dict[str, list[_Wheel]] = {}
    for path in sorted(folder.glob("*.whl")):
        found.setdefault(parse_wheel_filename(path.name)[0], []).append(_Wheel.read(path))
    return found


def missing_for(target: Target, folder: Path, roots: list[str]) -> list[Requirement]:
    """Requirements of ``roots`` that no wheel in ``folder`` meets on ``target``.

    Picks the newest fitting wheel for each name, as pip does when nothing conflicts; it does not
    backtrack, which is enough to prove that nothing is left out.
    """
    wheels, supported, markers = _index(folder), target.tags(), target.markers()
    python = Version(f"{target.python}.0")
    queue = [Requirement(root) for root in roots]
    seen: set[tuple[str, Version, frozenset[str]]] = set()
    missing: list[Requirement] = []
    while queue:
        wanted = queue.pop()
        name = canonicalize_name(wanted.name)
        fitting = [
            wheel
            for wheel in wheels.get(name, [])
            if wheel.tags & supported
            and python in wheel.requires_python
            and wanted.specifier.contains(wheel.version, prereleases=True)
        ]
        if not fitting:
            missing.append(wanted)
            continue
        best = max(fitting, key=lambda wheel: wheel.version)
        if (name, best.version, frozenset(wanted.extras)) in seen:
            continue
        seen.add((name, best.version, frozenset(wanted.extras)))
        for dependency in best.requires:
            applies = dependency.marker is None or any(
                dependency.marker.evaluate({**markers, "extra": extra})
                for extra in wanted.extras or {""}
            )
            if applies:  # the marker is settled for this target: keep name, extras and versions
                extras = f"[{','.join(sorted(dependency.extras))}]" if dependency.extras else ""
                queue.append(Requirement(f"{dependency.name}{extras}{dependency.specifier}"))
    return missing


def _pip(*args: str, quiet: bool = True) -> None:
    command = [
        sys.executable,
        "-m",
        "pip",
        *args,
        "--disable-pip-version-check",
        "--progress-bar",
        "off",
    ]
    if quiet:
        command.append("-q")
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
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xinfang-bundle-") as scratch:
        built, local = Path(scratch) / "project", Path(scratch) / "local"
        print(f"构建 {project.name} {project.version} ……")
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
        print("把只有源码包的依赖构建成 wheel ……")
        _pip("wheel", "-w", str(local), "--find-links", str(built), *roots)
        for target in targets:
            print(f"下载 {target.label} 的 wheel ……")
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
    count = len(list(wheels.glob("*.whl")))
    text = instructions(
        project.name,
        project.version,
        project.extras,
        [t.label for t in targets],
        sorted({t.python for t in targets}),
        count,
        has_source,
        date.today(),
    )
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
        help="同时带上的可选依赖组（默认 hooks，即提交前检查；开发者可加 test）",
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
