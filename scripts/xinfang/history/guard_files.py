"""What the pull-request guard checks of every record folder's files: none deleted, none renamed,
no id given out twice; and each changed record as it reads now. Cases and the records beside them (risks, key persons, ...) differ only in
their words, given by a :class:`Kept`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..findings import Finding
from ..records.ids import same_id
from ..records.loader import Loaded, load_file
from .git_process import logged_paths, tree_paths


@dataclass(frozen=True)
class Kept:
    """One folder of records the guard keeps, and the words its messages use."""

    folder: str
    suffixes: tuple[str, ...]
    id_key: str  # the key inside a record that names it, as its file name does
    title: str  # what one record is called: 案件, 隐患, ...
    id_title: str  # what its id is called: 案件编号, 隐患编号, ...
    not_deleted: str  # why a deleted file must come back, and what to do instead
    new_id: str  # where a new id comes from

    def holds(self, rel: str) -> bool:
        return rel.startswith(f"{self.folder}/") and rel.endswith(self.suffixes)


def stem(path: str) -> str:
    return PurePosixPath(path).stem


def base_files(kept: Kept, at: Any) -> set[str]:
    """The folder's record files at the base (``at``: guard._Base), relative to the records' root."""
    spec = f"{at.prefix}{kept.folder}/"
    return {rel for rel in map(at.rel, tree_paths(at.repo, at.sha, spec)) if kept.holds(rel)}


def lifecycle(
    kept: Kept,
    at: Any,
    at_base: set[str],
    present: set[str],
    loaded: Iterable[Loaded],
    new: set[str],
) -> list[Finding]:
    """Files of the base gone (deleted, or renamed: a present record still says the old id), and
    ``new`` files (not at the base) whose id the folder ever held in the base's history. Where a
    shallow clone cut that history, a new file is an error too: the guard fails closed."""
    spec = f"{at.prefix}{kept.folder}/"
    ever: dict[str, str] = {}  # each id (same_id) the folder held, with a path that held it
    for rel in sorted(map(at.rel, logged_paths(at.repo, at.sha, spec))):
        if kept.holds(rel):
            ever.setdefault(same_id(stem(rel)), rel)
    ids_present = {same_id(stem(rel)): rel for rel in sorted(present)}
    for record in loaded:
        value = record.data.get(kept.id_key) if isinstance(record.data, dict) else None
        if kept.holds(record.rel) and isinstance(value, str):
            ids_present.setdefault(same_id(value), record.rel)

    found: list[Finding] = []
    for rel in sorted(at_base - present):
        record_id = stem(rel)
        if same_id(record_id) in ids_present:
            now = ids_present[same_id(record_id)]
            found.append(
                _error(
                    now,
                    "guard-renamed",
                    f"{kept.title}文件 {rel} 被改名为 {now}：文件名必须等于{kept.id_title}，"
                    f"不能修改，请改回原文件名。",
                )
            )
        else:
            found.append(
                _error(
                    rel,
                    "guard-deleted",
                    f"{kept.title} {record_id} 的记录文件被删除：{kept.not_deleted}。"
                    f"请恢复该文件（git checkout {at.name} -- {at.prefix}{rel}）。",
                )
            )
    for rel in sorted(new - at_base):
        used = ever.get(same_id(stem(rel)))
        if used is not None:
            found.append(
                _error(
                    rel,
                    "guard-id-reused",
                    f"{kept.id_title} {stem(rel)} 以前用过（已删除或改名的{kept.title}，历史中的"
                    f"文件 {used}；编号只差补零、全角半角或大小写的，也是同一个编号）："
                    f"编号不能重复使用，{kept.new_id}。",
                )
            )
        elif at.cut:
            found.append(_cannot_tell(kept, rel, at.name))
    return found


def _cannot_tell(kept: Kept, rel: str, base: str) -> Finding:
    """A new file in a shallow clone: whether its id was used before is in the missing history."""
    return _error(
        rel,
        "guard-shallow-history",
        f"{kept.title}文件 {rel} 是新文件，但本仓库是浅克隆，{base} 之前的历史不全：无法确认"
        f"{kept.id_title} {stem(rel)} 以前没有用过（删除或改名的{kept.title}只在历史中），"
        f"守卫不能放行。请取回完整历史后再检查：本地运行 git fetch --unshallow；"
        f"GitHub 的 CI 在 actions/checkout 中设置 fetch-depth: 0，"
        f"内网 Gitea/Forgejo 的取出步骤不要用 --depth。",
    )


def reads_now(root: Path, rel: str, record: Loaded | None) -> Any:
    """A record's data now, valid or not: an invalid record is compared with the base as far as
    it reads. A link is never read."""
    if record is not None and isinstance(record.data, dict):
        return record.data
    path = root / rel
    return load_file(path, root, rel=rel).data if _regular(path) else None


def _regular(path: Path) -> bool:
    """A regular file, not a link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _error(rel: str, rule: str, message: str) -> Finding:
    return Finding(rel, 1, rule, "error", message)
