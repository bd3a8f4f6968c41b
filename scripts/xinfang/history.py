"""History of every record file from one pass over ``git log``.

Git is the database and its history the change log. :func:`read_history` walks the history once
(one ``git log`` process) and gives, for every file under ``cases/``: when and by whom it was
created, every commit that changed it, and the timeline of its key fields (status,
responsibility, deadline, closure date, settled, number of extensions), each change with the
commit that made it. File contents are read with one ``git cat-file --batch`` process, never one
process per file or per version: per-file ``git log`` for 1,000 cases took 94 s where one pass
took 0.2 s.

How the walk treats the shapes a history can take:

- **Renames** are followed (``-M80%``): the file keeps its history and records its former
  paths.
- **Merges** add nothing by themselves: the commit on the branch that created or changed a file
  is the one recorded. A merge is recorded only for the files it changed itself (a conflict
  resolution, a combined diff that differs from every parent), and a field change only where the
  merged value differs from the value in every parent.
- **Deleted** files keep their history (``deleted=True``) and their id stays in ``ids_ever``, so
  that an id is never given out twice.
- **Shallow clones** (CI's default checkout depth is 1) cut the history: ``History.shallow`` is
  true, files first seen at the cut are marked ``truncated``, and :data:`SHALLOW_MESSAGE` says how
  to fix it.

Field values are read from the top-level blocks ``status``, ``responsibility``, ``closure``,
``settled`` and ``extensions`` of each version, and within ``responsibility`` and ``closure``
only from the children that are traced (the requirements text, the closure report are skipped).
A small reader handles the plain block style the records are written in, with each distinct
block read once; PyYAML (``CSafeLoader``) reads whatever uses anything else (flow style, block
scalars, quoted keys), and the whole file when needed. A version whose traced fields cannot be
read (broken YAML there, not UTF-8) gives no field values and never an exception; an error
elsewhere in the file is the validator's business, not the history's. Dates are given as
``'YYYY-MM-DD'`` strings, and ``responsibility.stability_officer`` as the officer's name.

Speed (benchmarks/bench_history.py, 2 cores): 10,000 cases over 1,000 commits in about 3 s with
field timelines, 1.3 s without (the bare ``git log`` alone takes 0.9 s).

The result is plain data (dataclasses of strings, numbers and lists) for the site and the rules;
:meth:`History.as_dict` gives it as JSON-ready dictionaries.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import subprocess
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .errors import ConfigError

if TYPE_CHECKING:
    import git

__all__ = [
    "FIELDS",
    "SHALLOW_MESSAGE",
    "Commit",
    "FieldChange",
    "FieldValue",
    "FileHistory",
    "History",
    "read_history",
]

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

#: A field value: a string (dates as 'YYYY-MM-DD'), a number (``extensions`` is a count), a
#: boolean, or None when the field is absent.
FieldValue = str | int | float | bool | None

_Fields = tuple[FieldValue, ...]
_EMPTY: _Fields = (None,) * len(FIELDS)

try:
    _SHANGHAI: tzinfo = ZoneInfo("Asia/Shanghai")
except ZoneInfoNotFoundError:  # Windows without the tzdata package; no DST there since 1991
    _SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
_ZERO_SHA = "0" * 40
_RECORD_SUFFIXES = (".yml", ".yaml")


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


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
        return _stem(self.path)

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
                    self._by_id.setdefault(_stem(former), fh)
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


# --------------------------------------------------------------------------------------------
# Reading the history
# --------------------------------------------------------------------------------------------

_LOG_FORMAT = "%x1e%H%x1f%aN%x1f%aE%x1f%aI%x1f%s"
_RENAME_SIMILARITY = 80
_CHUNK = 1 << 18


def read_history(root: Path | str, prefix: str = "cases/", with_fields: bool = True) -> History:
    """History of every ``.yml``/``.yaml`` file under ``prefix`` in the repository at ``root``.

    One ``git log`` over all of HEAD's history and, with ``with_fields``, one ``git cat-file
    --batch`` that is fed the versions as the log streams, so that git and Python work side by
    side. Raises :class:`~xinfang.errors.ConfigError` when ``root`` is not in a git repository or
    git fails; a repository without commits gives an empty History.
    """
    root = Path(root)
    repo = _open_repo(root)
    shallow_file = Path(repo.common_dir) / "shallow"
    shallow = shallow_file.exists()
    boundary: set[str] = set()
    if shallow:
        boundary = set(shallow_file.read_text(encoding="ascii", errors="replace").split())
    from git import GitCommandError  # importable: _open_repo imported GitPython

    try:
        head = repo.git.rev_parse("--verify", "-q", "HEAD^{commit}")
    except GitCommandError:  # an unborn branch: no commits yet
        return History(files={}, ids_ever=set(), shallow=shallow, head=None)

    # The prefix relative to the repository's top level (root may be a folder inside it).
    top = Path(repo.working_tree_dir or repo.git_dir).resolve()
    try:
        rel_root = root.resolve().relative_to(top).as_posix()
    except ValueError:
        rel_root = ""
    rel_root = "" if rel_root == "." else rel_root
    prefix = prefix.strip("/")
    local_prefix = f"{prefix}/" if prefix else ""
    git_prefix = "/".join(p for p in (rel_root, prefix) if p)
    git_prefix = f"{git_prefix}/" if git_prefix else ""

    builder = _Builder(local_prefix, with_fields, boundary)
    try:
        blobs = _BlobReader(repo) if with_fields else None
        try:
            _walk_log(repo, git_prefix, builder, blobs)
        except BaseException:
            if blobs is not None:
                blobs.close(failed=True)
            raise
        if blobs is not None:
            blobs.close()
        at_head = _ls_tree(repo, git_prefix)
    except ConfigError:
        raise
    except Exception as exc:  # GitCommandError, a corrupt repository, a missing object
        raise ConfigError(
            f"读取 git 历史失败（{root}）：{_git_error_text(exc)}。"
            "请确认仓库完整（可运行 git fsck 检查）；浅克隆请先运行 git fetch --unshallow。"
        ) from exc
    if blobs is not None:
        builder.compute_changes(blobs.fields)
    return builder.finish(at_head, shallow, head)


def _walk_log(
    repo: git.Repo, git_prefix: str, builder: _Builder, blobs: _BlobReader | None
) -> None:
    """Stream ``git log`` into the builder, and the versions it names into the blob reader."""
    args = [
        "--root",  # the first commit's files too, whatever log.showRoot says
        "--raw",
        "--no-abbrev",
        "-z",
        # Renames: a case file renamed to correct its id stays about 97% the same; a duplicate
        # deleted and another case added in one commit can look 60-70% alike, and must not be
        # taken for a rename (git's default threshold is 50%).
        f"-M{_RENAME_SIMILARITY}%",
        "-c",  # merges: only the files that differ from every parent (no double counting)
        "--date-order",
        "--reverse",
        "--no-color",
        "--no-show-signature",
        "--no-ext-diff",
        "--encoding=UTF-8",
        f"--format={_LOG_FORMAT}",
    ]
    if git_prefix:
        args.insert(0, f"--relative={git_prefix}")
    log = repo.git.log(*args, "HEAD", as_process=True)
    stdout = log.proc.stdout
    assert stdout is not None
    read = _reader(stdout)
    pending = b""
    try:
        while True:
            chunk = read(_CHUNK)
            if not chunk:
                break
            cut = chunk.rfind(b"\x1e")  # the start of the last commit, which may be incomplete
            if cut < 0:
                pending += chunk
                continue
            complete, pending = pending + chunk[:cut], chunk[cut:]
            _feed(complete, git_prefix, builder, blobs)
        if pending:
            _feed(pending, git_prefix, builder, blobs)
    except BaseException:
        log.proc.kill()
        log.proc.wait()
        _close_streams(log.proc)
        raise
    try:
        log.wait()  # raises GitCommandError on failure
    finally:
        _close_streams(log.proc)


def _reader(stream: IO[bytes]) -> Callable[[int], bytes]:
    """A read that returns what is there (up to n bytes) instead of waiting for n bytes."""
    read1 = getattr(stream, "read1", None)
    if read1 is not None:
        return cast(Callable[[int], bytes], read1)
    fd = stream.fileno()
    return lambda n: os.read(fd, n)


def _close_streams(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _feed(data: bytes, git_prefix: str, builder: _Builder, blobs: _BlobReader | None) -> None:
    builder.feed(data.decode("utf-8", "surrogateescape"), git_prefix)
    if blobs is not None and builder.wanted:
        blobs.request(builder.wanted)
        builder.wanted = []


def _open_repo(root: Path) -> git.Repo:
    try:
        import git
    except ImportError as exc:  # GitPython refuses to load without a git program
        raise ConfigError(
            f"未找到可用的 git 程序，无法读取修改历史：{exc}。"
            "请安装 git（Windows 上安装 Git for Windows），并确认 git 在 PATH 中。"
        ) from exc
    if not root.is_dir():
        raise ConfigError(f"目录 {root} 不存在，无法读取 git 历史。请检查仓库路径。")
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise ConfigError(
            f"目录 {root} 不是 git 仓库，无法读取案件的修改历史。"
            "请在台账仓库的克隆（git clone 得到的目录）中运行，不要使用下载的压缩包；"
            "新建的台账请先运行 git init 并提交一次。"
        ) from exc


def _git_error_text(exc: BaseException) -> str:
    stderr = getattr(exc, "stderr", None)
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    text = (stderr or str(exc)).strip()
    return " ".join(text.split())[:300]


def _ls_tree(repo: git.Repo, git_prefix: str) -> set[str]:
    """Paths (relative to git_prefix) present at HEAD."""
    pathspec = [git_prefix] if git_prefix else []
    out: bytes = repo.git.ls_tree(
        "-r", "--name-only", "-z", "--full-tree", "HEAD", "--", *pathspec,
        stdout_as_string=False, strip_newline_in_stdout=False,
    )  # fmt: skip
    n = len(git_prefix)
    return {p[n:] for p in out.decode("utf-8", "surrogateescape").split("\0") if p}


class _BlobReader:
    """One ``git cat-file --batch`` process: blobs requested as the log streams, read and turned
    into field values by a thread while the main thread goes on reading the log."""

    def __init__(self, repo: git.Repo) -> None:
        self.proc = repo.git.cat_file(
            "--batch=%(objectsize)", as_process=True, istream=subprocess.PIPE
        )
        self.fields: dict[str, _Fields | None] = {}
        self.requested: set[str] = set()
        self.order: deque[str] = deque()  # requested, not yet read: cat-file answers in order
        self.error: BaseException | None = None
        self.reader = _FieldReader()
        self.thread = threading.Thread(target=self._run, name="xinfang-cat-file", daemon=True)
        self.thread.start()

    def request(self, shas: list[str]) -> None:
        requested = self.requested
        new: list[str] = []
        for sha in shas:
            if sha not in requested:
                requested.add(sha)
                new.append(sha)
        if new:
            self.order.extend(new)
            stdin = self.proc.proc.stdin
            assert stdin is not None
            stdin.write(("\n".join(new) + "\n").encode("ascii"))
            stdin.flush()

    def close(self, failed: bool = False) -> None:
        """Wait for the last blobs (or, after a failure, stop git) and raise the thread's error."""
        proc = self.proc.proc
        if failed:
            proc.kill()
        try:
            assert proc.stdin is not None
            proc.stdin.close()
        except OSError:  # git already gone: its error, if any, comes from wait()
            pass
        self.thread.join()
        try:
            if failed:
                proc.wait()
                return
            self.proc.wait()  # raises GitCommandError if cat-file failed
        finally:
            _close_streams(proc)
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        stdout = self.proc.proc.stdout
        assert stdout is not None
        read_at = self.reader.read_at
        fields = self.fields
        order = self.order
        read = _reader(stdout)
        buf = b""
        try:
            while True:
                chunk = read(_CHUNK)
                if not chunk:
                    return
                buf = buf + chunk if buf else chunk
                pos, size = 0, len(buf)
                while True:
                    nl = buf.find(b"\n", pos)
                    if nl < 0:
                        break
                    sha = order.popleft()
                    header = buf[pos:nl]
                    if not header.isdigit():  # '<sha> missing': a shallow or partial clone
                        fields[sha] = None
                        pos = nl + 1
                        continue
                    end = nl + 1 + int(header)  # the size, the content, a newline
                    if end + 1 > size:  # read the rest of this object
                        pieces = [buf]
                        while end + 1 > size:
                            more = read(max(end + 1 - size, _CHUNK))
                            if not more:
                                return  # cut short: git stopped
                            pieces.append(more)
                            size += len(more)
                        buf = b"".join(pieces)
                    fields[sha] = read_at(buf, nl + 1, end)
                    pos = end + 1
                buf = buf[pos:]
        except BaseException as exc:  # re-raised by close() in the main thread
            self.error = exc
            while stdout.read(_CHUNK):  # keep draining: git must never block on a full pipe
                pass


# One entry of `git log --raw -z`: modes, blobs, then a rename or copy (status, old path, new
# path) or any other change (status, path).
_ENTRY_RE = re.compile(
    "(?:\n)?:([0-7]{6}) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) "
    "(?:([RC])[0-9]*\0([^\0]*)\0([^\0]*)|([A-Z])[0-9]*\0([^\0]*))\0"
)
# One entry of a merge's combined diff (-c): '::' modes, blobs and status, then the path.
_MERGE_ENTRY_RE = re.compile("(?:\n)?(::+)([^\0]*)\0([^\0]*)\0")
_GITLINK = "160000"  # a submodule, not a file


def _sha(sha: str) -> str:
    """The blob id, with "no file" always as _ZERO_SHA (SHA-256 repositories too)."""
    return _ZERO_SHA if sha[0] == "0" and not sha.strip("0") else sha


def _is_record(path: str) -> bool:
    return path.endswith(_RECORD_SUFFIXES)


def _stem(path: str) -> str:
    name = path.rpartition("/")[2]
    for suffix in _RECORD_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _commit(header: str) -> Commit | None:
    parts = header.split("\x1f")
    if len(parts) < 5:
        return None
    when = parts[3]
    try:
        day = datetime.fromisoformat(when).astimezone(_SHANGHAI).date().isoformat()
    except ValueError:
        day = when[:10]
    # "\x1f".join: a subject with the separator in it, however unlikely
    return Commit(parts[0], parts[1], parts[2], when, day, "\x1f".join(parts[4:]).strip())


class _Builder:
    """Applies each commit's file changes, oldest first, to the files' histories.

    Field changes need the versions' contents, which arrive later: the builder notes what to
    compare (``todo``) and compares once the blob reader is done.
    """

    def __init__(self, local_prefix: str, with_fields: bool, boundary: set[str]) -> None:
        self.prefix = local_prefix
        self.with_fields = with_fields
        self.boundary = boundary
        self.live: dict[str, FileHistory] = {}  # relative path → history
        self.gone: dict[str, FileHistory] = {}  # deleted, by last relative path
        self.moved: dict[str, FileHistory] = {}  # renamed away, by former relative path
        self.wanted: list[str] = []  # blobs to read, not yet handed to the blob reader
        # (history, blobs to compare: the parents' then the result's, commit)
        self.todo: list[tuple[FileHistory, tuple[str, ...], Commit]] = []

    def feed(self, text: str, git_prefix: str) -> None:
        """Apply whole commits of ``git log`` output (each starting with the separator)."""
        for chunk in text.split("\x1e"):
            header, _, rest = chunk.partition("\0")
            commit = _commit(header) if header else None
            if commit is None:
                continue
            for g in _ENTRY_RE.findall(rest):
                if g[1] == _GITLINK:
                    continue
                old, new = _sha(g[2]), _sha(g[3])
                if g[4]:  # R or C: old path, new path
                    self.change(commit, g[4], g[6], g[5], old, new)
                else:
                    self.change(commit, g[7], g[8], None, old, new)
            if "\0::" in rest or rest.startswith(("::", "\n::")):
                for colons, meta, path in _MERGE_ENTRY_RE.findall(rest):
                    n = len(colons)
                    fields = meta.split(" ")
                    # n + 1 modes (the parents', the result's), n + 1 blobs, the status
                    if len(fields) < 2 * n + 3 or fields[n] == _GITLINK:
                        continue
                    if git_prefix and path.startswith(git_prefix):  # git 2.39 leaves it whole
                        path = path[len(git_prefix) :]
                    shas = tuple(_sha(sha) for sha in fields[n + 1 : 2 * n + 2])
                    self.merge_change(commit, path, shas)

    def _new(self, rel: str, commit: Commit) -> FileHistory:
        fh = FileHistory(
            path=self.prefix + rel,
            former_paths=[],
            created=commit,
            commits=[],
            changes=[],
            truncated=commit.hexsha in self.boundary,
        )
        self.live[rel] = fh
        return fh

    def _find(self, rel: str, commit: Commit) -> FileHistory:
        """The history for a change to a path that should exist."""
        fh = self.live.get(rel)
        if fh is not None:
            return fh
        fh = self.gone.pop(rel, None)  # changed after a deletion on another branch
        if fh is not None:
            fh.deleted = False
            self.live[rel] = fh
            return fh
        fh = self.moved.get(rel)  # changed under its old name on another branch
        if fh is not None:
            return fh
        return self._new(rel, commit)

    def _compare(self, fh: FileHistory, old: str, new: str, commit: Commit) -> None:
        if self.with_fields:
            self.todo.append((fh, (old, new), commit))
            if old != _ZERO_SHA:
                self.wanted.append(old)
            self.wanted.append(new)

    def change(
        self, commit: Commit, kind: str, rel: str, old_path: str | None, old: str, new: str
    ) -> None:
        """Apply one file change of a commit (a merge's own changes go to merge_change)."""
        if old_path is not None:
            if kind == "C" or not _is_record(old_path):
                kind = "A"  # a copy, or a record made from some other file
            elif not _is_record(rel):  # renamed to something that is not a record
                gone = self.live.get(old_path)
                if gone is not None:
                    gone.commits.append(commit)
                    self._delete(old_path, gone)
                return
        if not _is_record(rel):
            return
        if kind == "A":
            revived = self.gone.pop(rel, None)
            if revived is not None:  # the same path again after a deletion
                revived.deleted = False
                self.live[rel] = fh = revived
            else:
                fh = self.live.get(rel) or self._new(rel, commit)
            fh.commits.append(commit)
            self._compare(fh, _ZERO_SHA, new, commit)
        elif kind == "D":
            found = self.live.get(rel) or self.moved.get(rel)
            if found is not None:
                found.commits.append(commit)
                self._delete(rel, found)
        elif kind == "R":
            assert old_path is not None
            renamed = (
                self.live.pop(old_path, None)
                or self.gone.pop(old_path, None)
                or self.moved.get(old_path)
            )
            fh = renamed if renamed is not None else self._new(rel, commit)
            displaced = self.live.get(rel)
            if displaced is not None and displaced is not fh:
                self._delete(rel, displaced)
            self.gone.pop(rel, None)
            fh.deleted = False
            fh.former_paths.append(self.prefix + old_path)
            fh.path = self.prefix + rel
            self.moved[old_path] = fh
            self.live[rel] = fh
            fh.commits.append(commit)
            self._compare(fh, old, new, commit)
        else:  # M, T
            fh = self._find(rel, commit)
            fh.commits.append(commit)
            self._compare(fh, old, new, commit)

    def merge_change(self, commit: Commit, rel: str, shas: tuple[str, ...]) -> None:
        """A file that a merge changed itself: it differs from every parent."""
        if not _is_record(rel):
            return
        fh = self._find(rel, commit)
        fh.commits.append(commit)
        if shas[-1] == _ZERO_SHA:  # deleted in the merge
            self._delete(rel, fh)
        elif self.with_fields:
            self.todo.append((fh, shas, commit))
            self.wanted.extend(s for s in shas if s != _ZERO_SHA)

    def _delete(self, rel: str, fh: FileHistory) -> None:
        if self.live.get(rel) is fh:
            del self.live[rel]
        fh.deleted = True
        self.gone[rel] = fh

    def compute_changes(self, fields_of: dict[str, _Fields | None]) -> None:
        """Field changes, in the order of the walk, once every version has been read."""
        last_good: dict[int, _Fields] = {}  # id(history) → its last readable values
        get = fields_of.get
        fields_of[_ZERO_SHA] = _EMPTY
        names = FIELDS
        indices = range(len(FIELDS))
        for fh, shas, commit in self.todo:
            new = get(shas[-1])
            if new is None:  # an unreadable version: no values
                continue
            key = id(fh)
            if len(shas) == 2:
                old = get(shas[0])
                if old is None:
                    old = last_good.get(key, _EMPTY)
                last_good[key] = new
                if old == new:
                    continue
                append = fh.changes.append
                for k in indices:
                    a, b = old[k], new[k]
                    if a != b or type(a) is not type(b):
                        append(FieldChange(names[k], a, b, commit))
                continue
            # A merge: a change only where the result differs from every parent.
            parents = [p for p in map(get, shas[:-1]) if p is not None]
            if not parents:
                parents = [last_good.get(key, _EMPTY)]
            last_good[key] = new
            for k in indices:
                b = new[k]
                if all(p[k] != b or type(p[k]) is not type(b) for p in parents):
                    fh.changes.append(FieldChange(names[k], parents[0][k], b, commit))

    def finish(self, at_head: set[str], shallow: bool, head: str) -> History:
        files: dict[str, FileHistory] = {}
        for rel, fh in self.live.items():
            fh.deleted = rel not in at_head
            files[fh.path] = fh
        for rel, fh in self.gone.items():
            if rel in at_head and self.prefix + rel not in files:
                fh.deleted = False
            files.setdefault(fh.path, fh)
        ids = {_stem(p) for fh in (*self.live.values(), *self.gone.values())
               for p in (fh.path, *fh.former_paths)}  # fmt: skip
        return History(files=files, ids_ever=ids, shallow=shallow, head=head)


# --------------------------------------------------------------------------------------------
# Reading key fields from a version of a record
# --------------------------------------------------------------------------------------------

_TOP_KEYS = ("status", "responsibility", "closure", "settled", "extensions")
_TOP_KEYS_B = tuple(k.encode() for k in _TOP_KEYS)
_TOP_INDEX = {k: i for i, k in enumerate(_TOP_KEYS_B)}
_NOT_READ: _Fields = ("(not read)",)
# A top-level key of interest at the start of a line, plain or quoted.
_TOP_RE = re.compile(
    rb"\n([\"']?)(status|responsibility|closure|settled|extensions)\1 *:(?=[ \n]|\Z)"
)
_BLOCK_END = re.compile(rb"\n[^ \t\n#-]")
_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*) *:(?: +(.*))?\Z")
_SQ_RE = re.compile(r"'((?:[^']|'')*)'(?:[ ]+#.*)?\Z")
_DQ_RE = re.compile(r'"([^"\\]*)"(?:[ ]+#.*)?\Z')
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_INDICATORS = frozenset("[]{},#&*!|>'\"%@`?:-")
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = dict(
    yaml.resolver.Resolver.yaml_implicit_resolvers
)
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_VALUES: dict[str, bool] = dict(yaml.constructor.SafeConstructor.bool_values)


class _Unsupported(Exception):
    """The fast reader does not handle this YAML: let PyYAML read it."""


class _Broken(Exception):
    """Not readable as YAML at all."""


class _FieldReader:
    """Key field values of record versions, with a cache of the blocks already read."""

    def __init__(self) -> None:
        # block text → its part of the field values, or None when the block is unreadable
        self.parts: dict[bytes, _Fields | None] = {}
        # line → its logical rows, or None when the fast reader does not handle it
        self.lines: dict[str, tuple[_Row, ...] | None] = {}
        # a block without the parts that are not needed → its part, or None to read it all
        self.pruned: dict[str, _Fields | None] = {}

    def read(self, data: bytes) -> _Fields | None:
        """The key field values of one version of a record; None when it cannot be read."""
        return self.read_at(b"\n" + data, 1, len(data) + 1)

    def read_at(self, buf: bytes, start: int, end: int) -> _Fields | None:
        """Like read(buf[start:end]), where buf[start - 1] is a newline, without copying."""
        try:
            if buf.startswith(b"\xef\xbb\xbf", start) or buf.find(b"\r", start, end) >= 0:
                data = buf[start:end].removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
                buf, start, end = b"\n" + data, 1, len(data) + 1
            return self._read(buf, start, end)
        except Exception:  # never let one record stop the history
            return None

    def _read(self, buf: bytes, start: int, end: int) -> _Fields | None:
        found: list[re.Match[bytes] | None] = [None] * len(_TOP_KEYS)
        for m in _TOP_RE.finditer(buf, start - 1, end):
            k = _TOP_INDEX[m.group(2)]
            if found[k] is not None:
                return _read_whole(buf[start:end])  # a duplicate key: let PyYAML decide
            found[k] = m
        values: _Fields = ()
        for k, where in enumerate(found):
            if where is None:
                if k == 0:  # no plain `status:` line (flow style, a tag, not a mapping, empty)
                    return _read_whole(buf[start:end])
                values += _ABSENT[k]
                continue
            stop = _BLOCK_END.search(buf, where.end(), end)
            block = buf[where.start() + 1 : stop.start() + 1 if stop else end]
            part = self.parts.get(block, _NOT_READ)
            if part is _NOT_READ:
                part = self.parts[block] = self._part(block, _TOP_KEYS[k])
            if part is None:  # unreadable alone (an alias, say): PyYAML reads the whole file
                return _read_whole(buf[start:end])
            values += part
        return values

    def _part(self, block: bytes, key: str) -> _Fields | None:
        """A block seen for the first time: its part of the field values."""
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            return None
        pruned = _prune(text, key)
        if pruned is not None:
            # Many blocks differ only in what is not needed (the requirements, the closure
            # report): read what is left once.
            part = self.pruned.get(pruned, _NOT_READ)
            if part is _NOT_READ:
                try:
                    parsed = _fast_block(pruned, self.lines)
                    part = _PART[key](parsed[key]) if key in parsed else None
                except _Unsupported:
                    part = None
                self.pruned[pruned] = part
            if part is not None:
                return part
        return _read_block(block, text, key, self.lines)


def _read_whole(data: bytes) -> _Fields | None:
    try:
        doc = _full_yaml(data)
    except _Broken:
        return None
    return _fields(doc)


def _full_yaml(data: bytes) -> dict[str, object]:
    try:
        doc = yaml.load(data, Loader=yaml.CSafeLoader)
    except Exception as exc:
        raise _Broken from exc
    if not isinstance(doc, dict):
        raise _Broken
    return doc


def _read_block(
    block: bytes, text: str, key: str, cache: dict[str, tuple[_Row, ...] | None]
) -> _Fields | None:
    """One top-level block's part of the field values; None when it cannot be read."""
    try:
        try:
            parsed = _fast_block(text, cache)
        except _Unsupported:
            parsed = _full_yaml(block)
    except _Broken:
        return None
    if key not in parsed:
        return None
    return _PART[key](parsed[key])


# The children each mapping block needs; the other children are pruned before reading.
_NEEDED_CHILDREN: dict[str, tuple[str, ...]] = {
    "responsibility": ("unit", "lead_official", "handler", "stability_officer", "deadline"),
    "closure": ("date",),
}
_BARE_KEY_LINE = re.compile(r"[\"']?[A-Za-z_][A-Za-z0-9_]*[\"']? *:[ ]*(?:#[^\n]*)?\n")
_CHILD_INDENT = re.compile(r"\n( +)[^ \n#]")


def _prune(text: str, key: str) -> str | None:
    """The block without the children that are not needed (and all below them), or None.

    Only plain ``name: ...`` children at the children's indent are pruned, with the lines
    indented below them; anything else stays and is read as before (or makes the reader fall
    back to the whole block). What is pruned is not read at all, so an error in it is not seen.
    """
    children = _NEEDED_CHILDREN.get(key)
    if children is None or _BARE_KEY_LINE.match(text) is None:
        return None
    m = _CHILD_INDENT.search(text)
    if m is None:
        return None
    if not text.endswith("\n"):
        text += "\n"
    return _prune_pattern(key, len(m.group(1))).sub("", text)


@functools.lru_cache(maxsize=64)
def _prune_pattern(key: str, indent: int) -> re.Pattern[str]:
    needed = "|".join(_NEEDED_CHILDREN[key])
    return re.compile(
        rf"^ {{{indent}}}(?!(?:{needed}) *:(?: |$))[A-Za-z_][^\n]*\n"
        rf"(?:(?: {{{indent + 1},}}[^\n]*)?\n)*",
        re.MULTILINE,
    )


# A logical row of a block: (indent, kind, key, value, has a value on the line). "- k: v" gives
# an item row and a key row; "- v" an item row and a scalar row.
_Row = tuple[int, int, str, object, bool]
_KEY, _ITEM, _SCALAR = 0, 1, 2


def _fast_block(text: str, cache: dict[str, tuple[_Row, ...] | None]) -> dict[str, object]:
    """Read a block in the plain block style: mappings, sequences, simple one-line scalars.

    Raises _Unsupported for anything else (flow style, block scalars, anchors, tags, scalars
    over several lines), which PyYAML then reads. Lines repeat across records and versions
    ("  unit: T01"), so each distinct line is parsed once (``cache``).
    """
    rows: list[_Row] = []
    for line in text.split("\n"):
        parsed = cache.get(line, _UNPARSED)
        if parsed is _UNPARSED:
            try:
                parsed = _parse_line(line)
            except _Unsupported:
                parsed = None
            cache[line] = parsed
        if parsed is None:
            raise _Unsupported
        rows += parsed
    if not rows or rows[0][0] != 0 or rows[0][1] != _KEY:
        raise _Unsupported
    value, pos = _block_map(rows, 0, 0)
    if pos != len(rows):
        raise _Unsupported
    return value


_UNPARSED: tuple[_Row, ...] = ((-1, -1, "", None, False),)


def _parse_line(line: str) -> tuple[_Row, ...]:
    s = line.lstrip(" ")
    if not s or s[0] == "#":
        return ()
    indent = len(line) - len(s)
    s = s.rstrip(" ")
    out: list[_Row] = []
    while s == "-" or s.startswith("- "):
        out.append((indent, _ITEM, "", None, False))
        rest = s[1:].lstrip(" ")
        indent += len(s) - len(rest)
        s = rest
        if not s or s[0] == "#":
            return tuple(out)
    m = _KEY_RE.match(s)
    if m is not None:
        rest = m.group(2)
        if rest and rest[0] != "#":
            out.append((indent, _KEY, m.group(1), _scalar(rest), True))
        else:
            out.append((indent, _KEY, m.group(1), None, False))
    elif out:
        out.append((indent, _SCALAR, "", _scalar(s), True))
    else:
        raise _Unsupported  # a scalar continued from the line above, a flow collection
    return tuple(out)


def _block_node(rows: list[_Row], pos: int, indent: int) -> tuple[object, int]:
    kind = rows[pos][1]
    if kind == _ITEM:
        return _block_seq(rows, pos, indent)
    if kind == _KEY:
        return _block_map(rows, pos, indent)
    value = rows[pos][3]
    pos += 1
    if pos < len(rows) and rows[pos][0] > indent:
        raise _Unsupported
    return value, pos


def _block_map(rows: list[_Row], pos: int, indent: int) -> tuple[dict[str, object], int]:
    out: dict[str, object] = {}
    n = len(rows)
    while pos < n:
        ind, kind, key, value, has_value = rows[pos]
        if ind < indent:
            break
        if ind > indent or kind != _KEY:
            raise _Unsupported
        pos += 1
        if has_value:
            out[key] = value
            if pos < n and rows[pos][0] > indent:
                raise _Unsupported  # a scalar over several lines
        elif pos < n and rows[pos][0] > indent:
            out[key], pos = _block_node(rows, pos, rows[pos][0])
        elif pos < n and rows[pos][0] == indent and rows[pos][1] == _ITEM:
            out[key], pos = _block_seq(rows, pos, indent)
        else:
            out[key] = None
    return out, pos


def _block_seq(rows: list[_Row], pos: int, indent: int) -> tuple[list[object], int]:
    out: list[object] = []
    n = len(rows)
    while pos < n and rows[pos][0] == indent and rows[pos][1] == _ITEM:
        pos += 1
        item: object = None
        if pos < n and rows[pos][0] > indent:
            item, pos = _block_node(rows, pos, rows[pos][0])
        out.append(item)
    return out, pos


def _scalar(raw: str) -> object:
    """A one-line scalar as PyYAML's safe loader reads it, or _Unsupported."""
    c = raw[0]
    if c == "'":
        m = _SQ_RE.match(raw)
        if m is None:
            raise _Unsupported
        return m.group(1).replace("''", "'")
    if c == '"':
        m = _DQ_RE.match(raw)
        if m is None:
            raise _Unsupported
        return m.group(1)
    if c in _INDICATORS or "\t" in raw:
        raise _Unsupported
    cut = raw.find(" #")
    if cut >= 0:
        raw = raw[:cut].rstrip(" ")
    if ": " in raw or raw.endswith(":"):
        raise _Unsupported
    tag = _STR_TAG
    for candidate, regexp in _RESOLVERS.get(raw[0], ()):
        if regexp.match(raw):
            tag = candidate
            break
    if tag == _STR_TAG:
        return raw
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return _BOOL_VALUES[raw.lower()]
    if tag.endswith(":timestamp") and _DATE_RE.match(raw):
        return raw
    if tag.endswith((":int", ":float", ":timestamp")):
        return yaml.load(raw, Loader=yaml.CSafeLoader)
    raise _Unsupported


_PLAIN_TYPES = frozenset((str, bool, int, float, type(None)))


def _norm(value: object) -> FieldValue:
    if type(value) in _PLAIN_TYPES:  # the common case, first
        return value  # type: ignore[return-value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str | bool | int | float):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return repr(value)


def _status_part(value: object) -> _Fields:
    return (_norm(value),)


def _responsibility_part(value: object) -> _Fields:
    if not isinstance(value, dict):
        return (None,) * 5
    officer = value.get("stability_officer")
    if isinstance(officer, dict):
        officer = officer.get("name")
    return (
        _norm(value.get("unit")),
        _norm(value.get("lead_official")),
        _norm(value.get("handler")),
        _norm(officer),
        _norm(value.get("deadline")),
    )


def _closure_part(value: object) -> _Fields:
    return (_norm(value.get("date")) if isinstance(value, dict) else None,)


def _extensions_part(value: object) -> _Fields:
    return (len(value) if isinstance(value, list) else None,)


_PART: dict[str, Callable[[object], _Fields]] = {
    "status": _status_part,
    "responsibility": _responsibility_part,
    "closure": _closure_part,
    "settled": _status_part,
    "extensions": _extensions_part,
}
_ABSENT: list[_Fields] = [_PART[key](None) for key in _TOP_KEYS]


def _fields(doc: Mapping[Any, Any]) -> _Fields:
    return sum((_PART[key](doc.get(key)) for key in _TOP_KEYS), ())
