"""The pull-request guard: `xinfang check --base REF` compares the working tree with REF.

Records are never deleted (they are closed), ids and file names never change, an id that ever
existed is never given out again, a record never becomes unreadable, and a closed case keeps its
audit trail (see :mod:`.guard_compare` and the catalogue in :mod:`.guard_rules`); the records
beside the cases likewise, with their logs (:mod:`.guard_duties`). Changes to the
configuration and the program are warnings naming who must approve them (:mod:`.guard_config`).

A new file whose id the guard cannot clear because a shallow clone cut the base's history is an
error naming the fix (fetch the whole history): the guard fails closed, never passes on a guess.

Every path comes from git NUL-separated (``-z``), so folders with Chinese names, spaces or
newlines are compared like any other. Only the cases loaded are compared (``check --base REF
PATH`` compares PATH), but a deletion is a deletion whichever files were named.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..findings import Finding, has_errors
from ..records.loader import Loaded, load_text
from ..records.repository import CASE_SUFFIXES, CASES_DIR, Repository, case_files
from .git_process import changed_paths, history_cut, open_repo
from .guard_compare import compare
from .guard_config import config_changes
from .guard_duties import guard_duties
from .guard_files import Kept, base_files, lifecycle, reads_now, stem

if TYPE_CHECKING:
    import git


def _resolve(repo: git.Repo, base: str) -> str:
    from git import GitCommandError  # importable: open_repo imported GitPython

    try:
        return str(repo.git.rev_parse("--verify", "--quiet", f"{base}^{{commit}}"))
    except GitCommandError as err:
        shallow = " 当前是浅克隆：" if (Path(repo.git_dir) / "shallow").exists() else " "
        raise ConfigError(
            f"找不到比较基准 {base}。{shallow}请在 CI 的 actions/checkout 中设置 fetch-depth: 0，"
            f"或先运行 git fetch origin 取回目标分支。"
        ) from err


def _error(file: str, line: int, rule: str, message: str) -> Finding:
    return Finding(file, line, rule, "error", message)


class _Base:
    """The base commit, and paths between the repository's top and the records' root."""

    def __init__(self, records: Repository, base: str) -> None:
        self.root = records.root
        self.repo = open_repo(self.root)
        self.name = base
        self.sha = _resolve(self.repo, base)
        self.cut = history_cut(self.repo, self.sha)  # a shallow clone: the base's past is missing
        top = Path(self.repo.working_tree_dir or self.root).resolve()
        prefix = self.root.resolve().relative_to(top).as_posix()
        self.prefix = "" if prefix == "." else prefix + "/"

    def rel(self, path: str) -> str:
        """A path from the repository's top, relative to the records' root."""
        return path[len(self.prefix) :] if path.startswith(self.prefix) else path

    def text(self, rel: str) -> str | None:
        """A file's text at the base; None when it is not there or not UTF-8."""
        try:
            blob = self.repo.commit(self.sha).tree / (self.prefix + rel)
            return str(blob.data_stream.read().decode("utf-8-sig"))
        except (KeyError, UnicodeDecodeError):
            return None

    def data(self, rel: str) -> dict[str, Any] | None:
        text = self.text(rel)
        if text is None:
            return None
        data = load_text(text, Loaded(Path(rel), rel)).data
        return data if isinstance(data, dict) else None


CASES = Kept(
    CASES_DIR,
    CASE_SUFFIXES,
    "id",
    "案件",
    "案件编号",
    "案件记录不能删除，办完应结案",
    "请用 xinfang new 取一个新编号",
)


def guard(records: Repository, base: str) -> list[Finding]:
    at = _Base(records, base)
    root = records.root
    at_base = base_files(CASES, at)
    present = {p.relative_to(root).as_posix() for p in case_files(root)}
    loaded = {r.rel: r for r in records.records}
    found = lifecycle(CASES, at, at_base, present, records.records, set(loaded) & present)
    changed = [at.rel(p) for p in changed_paths(at.repo, at.sha, at.prefix)]
    for path in sorted(set(changed) & at_base & set(loaded)):
        before = at.data(path)
        if before is not None:
            found += _compare(before, loaded[path], root, at)
    found += guard_duties(root, records.duties.records, set(changed), at)
    found += config_changes(
        records.campaign,
        changed,
        base,
        at.text,
        lambda rel: _read(root / rel),
    )
    return found


def _compare(before: dict[str, Any], record: Loaded, root: Path, at: _Base) -> list[Finding]:
    """The record now against the base; a record that now reads as nothing is refused."""
    after = reads_now(root, record.rel, record)
    if isinstance(after, dict):
        return compare(before, after, record.rel)
    closed = before.get("status") == "closed"
    if not closed and has_errors(record.findings):
        return []  # the loader already says why it cannot be read
    what = "已结案的" if closed else ""
    return [
        _error(
            record.rel,
            1,
            "guard-no-record",
            f"{what}案件 {before.get('id') or stem(record.rel)} 的记录现在读不出内容"
            f"（空文档、~、null、只有 --- 或格式错误），{at.name} 中它是完整的记录：记录不能清空"
            f"或替换。请恢复原内容（git checkout {at.name} -- {at.prefix}{record.rel}）后再修改。",
        )
    ]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
