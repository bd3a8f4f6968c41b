"""The city repository's list of counties (``counties.yml``) and the city's own assigned cases.

::

    city: XX市
    key_fingerprint: a56834fb97e7a48a   # optional: xinfang city-key prints it
    counties:
      - {name: 甲县, code: '349901', git: https://git.xx.gov.cn/jiaxian/xinfang.git}
      - {name: 乙县, code: '349902', git: /srv/git/yixian.git, branch: snapshots}
      - {name: 丙县, code: '349903', folder: //fileserver/xinfang/丙县}

Each county says where its snapshots are: a git repository (a URL, ``file://`` or a local path;
the ``snapshots`` branch unless ``branch`` says otherwise) or a folder (a CI artifact unpacked
there, or a shared drive). Read strictly (records.loader); every mistake is reported with its
file and line, all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..records.loader import load_file
from ..records.yaml_nodes import line_of

COUNTIES_FILE = "counties.yml"
DEFAULT_BRANCH = "snapshots"
_CODE = re.compile(r"^[0-9]{6}$")
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class County:
    name: str
    code: str
    git: str | None = None
    branch: str = DEFAULT_BRANCH
    folder: str | None = None

    @property
    def where(self) -> str:
        return f"git 仓库 {self.git}（分支 {self.branch}）" if self.git else f"文件夹 {self.folder}"


@dataclass
class CityConfig:
    root: Path
    city: str
    counties: list[County] = field(default_factory=list)
    key_fingerprint: str | None = None

    def county(self, code: str) -> County | None:
        return next((c for c in self.counties if c.code == code), None)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_config(root: Path) -> CityConfig:
    path = root / COUNTIES_FILE
    if not path.is_file():
        raise ConfigError(
            f"找不到 {path}：请在市级汇总仓库中运行，或先用 xinfang init --city 建立市级汇总仓库。"
        )
    loaded = load_file(path, root)
    if loaded.data is None:
        details = "\n".join(f"  {f.file}:{f.line}: {f.message}" for f in loaded.findings)
        raise ConfigError(f"{COUNTIES_FILE} 读不出来：\n{details}")
    data = loaded.data
    problems: list[str] = []

    def problem(at: list[str | int], message: str) -> None:
        problems.append(f"  {COUNTIES_FILE}:{line_of(data, at)}: {message}")

    city = _text(data.get("city"))
    if city is None:
        problem(["city"], "缺少市名 city：例如 city: XX市。")
    fingerprint = _text(data.get("key_fingerprint"))
    if fingerprint is not None and not _FINGERPRINT.match(fingerprint):
        problem(
            ["key_fingerprint"],
            "key_fingerprint 应为 16 位十六进制字符（xinfang city-key 给出的那一串）。",
        )
    entries = data.get("counties")
    counties: list[County] = []
    if not isinstance(entries, list) or not entries:
        problem(["counties"], "缺少县的清单 counties：每个县写 name、code 和 git 或 folder 之一。")
        entries = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problem(["counties", i], "每个县写成 {name: 甲县, code: '349901', git: 仓库地址}。")
            continue
        name, code = _text(entry.get("name")), _text(entry.get("code"))
        git, folder = _text(entry.get("git")), _text(entry.get("folder"))
        branch = _text(entry.get("branch")) or DEFAULT_BRANCH
        unknown = sorted(set(entry) - {"name", "code", "git", "folder", "branch"})
        if unknown:
            problem(
                ["counties", i, unknown[0]],
                f"不认识的项目 {unknown[0]}：只能写 name、code、git、branch、folder。",
            )
        if name is None:
            problem(["counties", i], "缺少县名 name。")
        if code is None or not _CODE.match(code):
            problem(
                ["counties", i, "code"], "code 应为带引号的 6 位行政区划代码，例如 code: '349901'。"
            )
        elif code in seen:
            problem(
                ["counties", i, "code"],
                f"代码 {code} 与第 {seen[code] + 1} 个县重复：每个县的代码只能出现一次。",
            )
        else:
            seen[code] = i
        if (git is None) == (folder is None):
            problem(
                ["counties", i],
                "git（快照所在的 git 仓库）和 folder（快照所在的文件夹）要写一个，且只写一个。",
            )
        if name and code:
            counties.append(County(name, code, git, branch, folder))
    if problems:
        raise ConfigError(f"{COUNTIES_FILE} 有错误，无法汇总：\n" + "\n".join(problems))
    return CityConfig(root, city or "", counties, fingerprint)
