"""The platforms the offline bundle serves, and whether a folder of wheels serves each of them.

pip resolves a foreign platform's dependencies with this machine's environment markers, so from
Linux it leaves out what only Windows needs (colorama for click). ``missing_for`` walks the
dependencies again with the target's own markers, tags and Python version.
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from packaging.version import Version
except ImportError:  # pragma: no cover - packaging comes with the project (through mkdocs)
    sys.exit("缺少 packaging：请先运行 python -m pip install packaging，再制作离线安装包。")

PYTHONS = ("3.11", "3.12", "3.13")
PLATFORM_NAMES = {"linux": "Linux x86-64", "windows": "Windows 10/11 64 位"}
GLIBC = 28  # manylinux_2_28: Debian 10+, Ubuntu 20.04+, RHEL 8+, Kylin V10, UOS 20

_MARKERS = {
    "windows": {
        "os_name": "nt",
        "sys_platform": "win32",
        "platform_system": "Windows",
        "platform_machine": "AMD64",
    },
    "linux": {
        "os_name": "posix",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "platform_machine": "x86_64",
    },
}


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
        """pip's options for resolving and downloading for this target from any machine."""
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
        full = f"{self.python}.0"
        return {
            **_MARKERS[self.platform],
            "python_version": self.python,
            "python_full_version": full,
            "implementation_name": "cpython",
            "implementation_version": full,
            "platform_python_implementation": "CPython",
            "platform_release": "",
            "platform_version": "",
        }


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
            headers = Parser().parsestr(archive.read(name).decode("utf-8"), headersonly=True)
        return cls(
            version,
            tags,
            SpecifierSet(headers.get("Requires-Python", "")),
            tuple(Requirement(line) for line in headers.get_all("Requires-Dist", [])),
        )


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
