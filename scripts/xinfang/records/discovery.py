"""Which files are records: regular files under ``cases/`` (and each other record kind's folder),
found without following links.

A record is a regular ``.yml`` or ``.yaml`` file in the repository. Every other file in a record
folder is named with a finding and the fix (``unread-file``): ``.YML``, ``.Yaml``, ``.yml.txt``
(an extension Windows hid), no suffix or another suffix would otherwise hold a record that no
count includes. Hidden files (a name beginning with ``.``: ``.gitkeep``, ``.DS_Store``) are left
alone: no editor saves a record so, and git needs ``.gitkeep`` to keep an empty folder.

A symbolic link under ``cases/`` is never read,
wherever it points: one that leaves the repository could show a system file's keys in findings,
or pass off a valid case kept elsewhere as a record; one inside it is a second name for another
file (and on Windows a checkout makes it a one-line text file). Links, dangling or looping links,
device files, pipes and sockets, and folders that cannot be read each give a finding that names
the file and never shows what it points to.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import os_reason
from ..findings import Finding

CASES_DIR = "cases"
CASE_SUFFIXES = (".yml", ".yaml")

FileState = Literal["ok", "missing", "outside", "dangling", "loop", "special", "invalid"]

#: What is wrong with a path, in words that fit "文件 X ……".
STATE_WORDS: dict[str, str] = {
    "missing": "不存在",
    "outside": "通过符号链接指向仓库之外",
    "dangling": "是失效的符号链接（指向的文件不存在）",
    "loop": "是循环的符号链接",
    "special": "不是普通文件（目录、设备文件、管道或套接字）",
    "invalid": "的路径无效（含有空字符或名称过长）",
}


@dataclass(frozen=True)
class CaseFile:
    """A file under cases/: a record to read, or one refused with a finding."""

    path: Path
    rel: str  # relative to the root, with forward slashes
    refused: Finding | None = None


def file_state(path: Path, root: Path) -> FileState:
    """Whether ``path`` is a regular file inside ``root`` (following links), and if not, why."""
    try:
        info = os.stat(path)
    except ValueError:  # a NUL in the path
        return "invalid"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "loop"
        if err.errno == errno.ENAMETOOLONG:
            return "invalid"
        return "dangling" if os.path.islink(path) else "missing"
    real, top = os.path.realpath(path), os.path.realpath(root)
    if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
        return "outside"
    return "ok" if stat.S_ISREG(info.st_mode) else "special"


def _suffix(name: str) -> str:
    """``PurePath.suffix`` of a file name."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _refused(
    path: Path, rel: str, root: Path, is_link: bool, folder: str = CASES_DIR, title: str = "案件"
) -> CaseFile:
    if is_link:
        state = file_state(path, root)
        if state in ("ok", "special"):
            target = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
            what = f"是符号链接（指向仓库中的 {Path(target).as_posix()}）"
        else:
            what = STATE_WORDS.get(state, STATE_WORDS["outside"])
            what = what if state != "outside" else "是指向仓库之外的符号链接"
        message = (
            f"{rel} {what}：{title}记录必须是仓库中的普通文件，符号链接不会被读取。"
            f"请删除这个链接，把记录文件本身放到 {folder}/ 下。"
        )
        rule = "case-symlink"
    else:
        message = (
            f"{rel} 不是普通文件（设备文件、管道或套接字），没有读取：{folder}/ 下只能放"
            f"{title}记录（.yml 文件）和文件夹，请删除它。"
        )
        rule = "case-not-a-file"
    return CaseFile(path, rel, Finding(rel, 1, rule, "error", message))


def _unread(path: Path, rel: str, folder: str, title: str) -> CaseFile:
    """A regular file that is not a record by its name: named, with the fix."""
    name = path.name
    lower = name.lower()
    stem = next((name[: lower.index(s)] for s in (".yml", ".yaml") if s in lower), "")
    if stem and lower.endswith(CASE_SUFFIXES):
        fix = f"扩展名要写小写：请改名为 {stem}{_suffix(lower)}"
    elif stem:
        fix = (
            f"文件名多了扩展名（Windows 资源管理器隐藏已知扩展名时常见）："
            f"请改名为 {stem}{'.yaml' if '.yaml' in lower else '.yml'}"
        )
    elif not _suffix(name):
        fix = f"没有扩展名：是{title}记录的，请改名为 {name}.yml，不是的请移出 {folder}/"
    else:
        fix = (
            f"{folder}/ 下只放{title}记录（.yml 文件）和文件夹：是{title}记录的，请改名为 .yml；"
            f"材料文件请放到 evidence/ 下，其他文件请移出 {folder}/"
        )
    message = f"{rel} 不会被读取，也不计入任何统计，因为记录文件的扩展名必须是 .yml：{fix}。"
    return CaseFile(path, rel, Finding(rel, 1, "unread-file", "error", message))


def classify(path: Path, root: Path, rel: str) -> CaseFile:
    """One path given on the command line: a record to read, or refused (a link, a device)."""
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        return CaseFile(path, rel)  # the loader says it cannot be read
    if stat.S_ISLNK(info.st_mode):
        return _refused(path, rel, root, True)
    if not stat.S_ISREG(info.st_mode):
        return _refused(path, rel, root, False)
    return CaseFile(path, rel)


def scan(root: Path, folder: str = CASES_DIR, title: str = "案件") -> list[CaseFile]:
    """Every file under ``folder`` that is, or claims to be, a record, sorted as Paths sort.

    One ``os.scandir`` per sub-folder, like ``Path.rglob("*")`` (hidden names included). Regular
    ``.yml``/``.yaml`` files are records; links, special files and every other file not hidden
    are refused with a finding (``title``: what one record is called in it).
    """
    top = root / folder
    if os.path.islink(top):
        return [_refused(top, folder, root, True, folder, title)]
    if not top.is_dir():
        return []
    found: list[tuple[tuple[str, ...], CaseFile]] = []
    _scan(root, top, (), found, (folder, title))
    found.sort(key=lambda pair: pair[0])
    return [entry for _, entry in found]


def _scan(
    root: Path,
    top: Path,
    parts: tuple[str, ...],
    found: list[tuple[tuple[str, ...], CaseFile]],
    words: tuple[str, str],
) -> None:
    folder, title = words
    try:
        with os.scandir(top) as it:
            entries = list(it)
    except OSError as err:
        rel = "/".join((folder, *parts))
        message = f"文件夹 {rel} 无法读取（{os_reason(err)}），其中的{title}记录没有检查：请检查文件夹的权限。"
        found.append((parts, CaseFile(top, rel, Finding(rel, 1, "unreadable", "error", message))))
        return
    for entry in entries:
        name = entry.name
        sub = (*parts, name)
        try:
            if entry.is_symlink():
                kind = "link"
            elif entry.is_dir(follow_symlinks=False):
                kind = "dir"
            elif entry.is_file(follow_symlinks=False):
                kind = "file"
            else:
                kind = "special"
        except OSError:
            kind = "file"  # vanished meanwhile: the loader says it cannot be read
        if kind == "dir":
            _scan(root, Path(entry.path), sub, found, words)
            continue
        rel = f"{folder}/{'/'.join(sub)}"
        path = top / name
        if kind == "file" and _suffix(name) in CASE_SUFFIXES:
            found.append((sub, CaseFile(path, rel)))
        elif kind == "file" and not name.startswith("."):
            found.append((sub, _unread(path, rel, folder, title)))
        elif kind != "file":
            found.append((sub, _refused(path, rel, root, kind == "link", folder, title)))
