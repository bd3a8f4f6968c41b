"""The raw ``git log`` turned into each record file's history.

:func:`log_args` is the log to run; :class:`Builder` applies its commits, oldest first: creations,
changes, renames (followed), deletions (the history kept) and merges (only what a merge changed
itself), then the field changes once the versions have been read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .data import FIELDS, Commit, FieldChange, FileHistory, History, is_record, stem
from .fields import EMPTY, Fields

try:
    _SHANGHAI: tzinfo = ZoneInfo("Asia/Shanghai")
except ZoneInfoNotFoundError:  # Windows without the tzdata package; no DST there since 1991
    _SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
ZERO_SHA = "0" * 40  # "no file" on one side of a change
_LOG_FORMAT = "%x1e%H%x1f%aN%x1f%aE%x1f%aI%x1f%s"  # each commit starts with \x1e
_RENAME_SIMILARITY = 80


def log_args(git_prefix: str, pathspecs: Sequence[str] = ()) -> list[str]:
    """The ``git log`` of HEAD's history, oldest first, with each commit's file changes.

    ``pathspecs`` (paths from the top of the work tree) limit the log to those files; a rename
    from a path outside them then shows as the file's creation.
    """
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
    if pathspecs:
        return [*args, "HEAD", "--", *(f":(literal){path}" for path in pathspecs)]
    return [*args, "HEAD"]


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
    """The blob id, with "no file" always as ZERO_SHA (SHA-256 repositories too)."""
    return ZERO_SHA if sha[0] == "0" and not sha.strip("0") else sha


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


class Builder:
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
            if old != ZERO_SHA:
                self.wanted.append(old)
            self.wanted.append(new)

    def change(
        self, commit: Commit, kind: str, rel: str, old_path: str | None, old: str, new: str
    ) -> None:
        """Apply one file change of a commit (a merge's own changes go to merge_change)."""
        if old_path is not None:
            if kind == "C" or not is_record(old_path):
                kind = "A"  # a copy, or a record made from some other file
            elif not is_record(rel):  # renamed to something that is not a record
                gone = self.live.get(old_path)
                if gone is not None:
                    gone.commits.append(commit)
                    self._delete(old_path, gone)
                return
        if not is_record(rel):
            return
        if kind == "A":
            revived = self.gone.pop(rel, None)
            if revived is not None:  # the same path again after a deletion
                revived.deleted = False
                self.live[rel] = fh = revived
            else:
                fh = self.live.get(rel) or self._new(rel, commit)
            fh.commits.append(commit)
            self._compare(fh, ZERO_SHA, new, commit)
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
        if not is_record(rel):
            return
        fh = self._find(rel, commit)
        fh.commits.append(commit)
        if shas[-1] == ZERO_SHA:  # deleted in the merge
            self._delete(rel, fh)
        elif self.with_fields:
            self.todo.append((fh, shas, commit))
            self.wanted.extend(s for s in shas if s != ZERO_SHA)

    def _delete(self, rel: str, fh: FileHistory) -> None:
        if self.live.get(rel) is fh:
            del self.live[rel]
        fh.deleted = True
        self.gone[rel] = fh

    def compute_changes(self, fields_of: dict[str, Fields | None]) -> None:
        """Field changes, in the order of the walk, once every version has been read."""
        last_good: dict[int, Fields] = {}  # id(history) → its last readable values
        get = fields_of.get
        fields_of[ZERO_SHA] = EMPTY
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
                    old = last_good.get(key, EMPTY)
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
                parents = [last_good.get(key, EMPTY)]
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
        ids = {stem(p) for fh in (*self.live.values(), *self.gone.values())
               for p in (fh.path, *fh.former_paths)}  # fmt: skip
        return History(files=files, ids_ever=ids, shallow=shallow, head=head)
