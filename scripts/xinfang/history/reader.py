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

Field values are read with PyYAML from the top-level blocks that hold them (see
:mod:`xinfang.history.fields`); a version whose traced fields cannot be read gives no values and
never an exception. The work is shared out as:

- :mod:`xinfang.history.data`: the result, plain dataclasses (:meth:`History.as_dict` for JSON);
- :mod:`xinfang.history.git_process`: the git processes (``log``, ``cat-file --batch``, ``ls-tree``);
- :mod:`xinfang.history.log`: the raw log turned into each file's commits and field changes;
- :mod:`xinfang.history.fields`: the traced field values of one version of a record.

Speed (benchmarks/bench_history.py, 2 cores): 10,000 cases over 1,000 commits in 2 to 3 s with
field timelines (3 s of CPU, git's included), 1 to 1.3 s without (the bare ``git log`` alone
takes 0.8 to 1.5 s).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError
from .blobs import BlobReader
from .data import (
    FIELDS,
    SHALLOW_MESSAGE,
    Commit,
    FieldChange,
    FieldValue,
    FileHistory,
    History,
)
from .fields import FieldReader, Fields
from .git_process import (
    git_error_text,
    ls_tree,
    open_repo,
    refresh_commit_graph,
    stream_log,
)
from .log import Builder, log_args

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


def read_history(
    root: Path | str,
    prefix: str = "cases/",
    with_fields: bool = True,
    paths: Sequence[str] | None = None,
) -> History:
    """History of every ``.yml``/``.yaml`` file under ``prefix`` in the repository at ``root``.

    One ``git log`` over all of HEAD's history and, with ``with_fields``, one ``git cat-file
    --batch`` that is fed the versions as the log streams, so that git and Python work side by
    side. Raises :class:`~xinfang.errors.ConfigError` when ``root`` is not in a git repository or
    git fails; a repository without commits gives an empty History.

    ``paths`` (relative to ``root``, under ``prefix``) limits the history to those files: what
    checking a few changed files needs, at a fraction of the cost. ``ids_ever`` then holds only
    theirs, and a file renamed from a path outside them starts at the rename.
    """
    root = Path(root)
    repo = open_repo(root)
    shallow_file = Path(repo.common_dir) / "shallow"
    shallow = shallow_file.exists()
    boundary: set[str] = set()
    if shallow:
        boundary = set(shallow_file.read_text(encoding="ascii", errors="replace").split())
    from git import GitCommandError  # importable: open_repo imported GitPython

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

    pathspecs = [f"{rel_root}/{p}" if rel_root else p for p in paths or ()]
    if paths is not None and not pathspecs:
        return History(files={}, ids_ever=set(), shallow=shallow, head=head)
    if pathspecs:
        refresh_commit_graph(repo)
    builder = Builder(local_prefix, with_fields, boundary)
    blobs: BlobReader[Fields] | None = None

    def feed(data: bytes) -> None:
        """Whole commits of the log to the builder, and the versions they name to cat-file."""
        builder.feed(data.decode("utf-8", "surrogateescape"), git_prefix)
        if blobs is not None and builder.wanted:
            blobs.request(builder.wanted)
            builder.wanted = []

    try:
        if with_fields:
            blobs = BlobReader(repo, FieldReader().read_at)
        try:
            stream_log(repo, log_args(git_prefix, pathspecs), feed)
        except BaseException:
            if blobs is not None:
                blobs.close(failed=True)
            raise
        if blobs is not None:
            blobs.close()
        at_head = ls_tree(repo, git_prefix, pathspecs)
    except ConfigError:
        raise
    except Exception as exc:  # GitCommandError, a corrupt repository, a missing object
        raise ConfigError(
            f"读取 git 历史失败（{root}）：{git_error_text(exc)}。"
            "请确认仓库完整（可运行 git fsck 检查）；浅克隆请先运行 git fetch --unshallow。"
        ) from exc
    if blobs is not None:
        builder.compute_changes(blobs.results)
    return builder.finish(at_head, shallow, head)
