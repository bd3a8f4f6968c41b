"""What :func:`xinfang.history.reader.read_history` gives: plain data about each record file's history.

Dataclasses of strings, numbers and lists, for the site and the rules; :meth:`History.as_dict`
gives them as JSON-ready dictionaries.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SHALLOW_MESSAGE = (
    "本仓库是浅克隆（shallow clone），git 历史被截断：案件的创建日期和创建人、修改记录、"
    "状态变化时间线以及依赖历史的审计检查都不完整，截断处最早可见的提交会被当作创建提交。"
    "修复方法：在 CI 中为 actions/checkout 设置 `fetch-depth: 0`（GitHub Actions 和 "
    "Gitea/Forgejo Actions 相同）；在本地或其他环境运行 `git fetch --unshallow` 取回完整历史。"
)

#: The key fields whose changes are traced, in this order in every timeline.
FIELDS: tuple[str, ...] = (
    "status",
    "responsibility.unit",
    "responsibility.lead_official",
    "responsibility.handler",
    "responsibility.stability_officer",
    "responsibility.deadline",
    "closure.date",
    "settled",
    "extensions",
)

#: The traced fields' Chinese names, for the change log and ``xinfang history``.
FIELD_ZH: dict[str, str] = {
    "status": "办理状态",
    "responsibility.unit": "承办单位",
    "responsibility.lead_official": "包案领导",
    "responsibility.handler": "具体责任人",
    "responsibility.stability_officer": "稳控责任人",
    "responsibility.deadline": "办结时限",
    "closure.date": "结案日期",
    "settled": "息诉罢访",
    "extensions": "延期次数",
}
assert tuple(FIELD_ZH) == FIELDS, "every traced field has its Chinese name"

#: A field value: a string (dates as 'YYYY-MM-DD'), a number (``extensions`` is a count), a
#: boolean, or None when the field is absent.
FieldValue = str | int | float | bool | None

RECORD_SUFFIXES = (".yml", ".yaml")


def is_record(path: str) -> bool:
    return path.endswith(RECORD_SUFFIXES)


def stem(path: str) -> str:
    """The case id from a record's path: 'cases/XF2008-T01-001.yml' → 'XF2008-T01-001'."""
    name = path.rpartition("/")[2]
    for suffix in RECORD_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit, as the history of a file shows it."""

    hexsha: str
    author: str  # the author's name (after .mailmap)
    email: str
    date: str  # author date, ISO 8601 with its offset: '2008-04-15T09:30:00+08:00'
    day: str  # the author date's day in Asia/Shanghai: '2008-04-15'
    subject: str  # first line of the message


@dataclass(slots=True)
class FieldChange:
    """A key field of a record changed value in a commit (``old`` is None when it was absent)."""

    field: str  # one of FIELDS
    old: FieldValue
    new: FieldValue
    commit: Commit


@dataclass(slots=True)
class FileHistory:
    """The history of one record file."""

    path: str  # path at HEAD (the last path for a deleted file), e.g. 'cases/XF2008-T01-001.yml'
    former_paths: list[str]  # earlier paths, oldest first (renames followed)
    created: Commit
    commits: list[Commit]  # every commit that changed the file, oldest first
    changes: list[FieldChange]  # key field changes, oldest first
    deleted: bool = False  # the file no longer exists at HEAD
    truncated: bool = False  # first seen at a shallow clone's cut: the real creation is unknown

    @property
    def id(self) -> str:
        """The case id from the file name: 'XF2008-T01-001'."""
        return stem(self.path)

    @property
    def updated(self) -> Commit:
        """The last commit that changed the file."""
        return self.commits[-1] if self.commits else self.created

    def timeline(self, field_name: str) -> list[FieldChange]:
        """The changes of one field, oldest first: ``timeline('status')``."""
        return [c for c in self.changes if c.field == field_name]


@dataclass(slots=True)
class History:
    """History of every record file, from one pass over ``git log``."""

    files: dict[str, FileHistory]  # keyed by path at HEAD, or last path of a deleted file
    ids_ever: set[str]  # every case id that ever had a file (names of .yml/.yaml files)
    shallow: bool  # the clone is shallow: see SHALLOW_MESSAGE
    head: str | None = None  # HEAD's hexsha; None for a repository without commits
    _by_id: dict[str, FileHistory] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def message(self) -> str | None:
        """The warning to show when the history is incomplete, else None."""
        return SHALLOW_MESSAGE if self.shallow else None

    def for_id(self, case_id: str) -> FileHistory | None:
        """The history of the case with this id: its file now, else a deleted or renamed one."""
        if not self._by_id and self.files:
            ranked = sorted(self.files.values(), key=lambda f: (not f.deleted, f.path))
            # Lowest priority first, so that later assignments win: former names, then deleted
            # files, then files present at HEAD.
            for fh in ranked:
                for former in fh.former_paths:
                    self._by_id.setdefault(stem(former), fh)
            for fh in ranked:
                self._by_id[fh.id] = fh
        return self._by_id.get(case_id)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``{"head", "shallow", "message", "ids_ever", "files"}``."""
        return {
            "head": self.head,
            "shallow": self.shallow,
            "message": self.message,
            "ids_ever": sorted(self.ids_ever),
            "files": {path: dataclasses.asdict(fh) for path, fh in sorted(self.files.items())},
        }
