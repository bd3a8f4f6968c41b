"""The pull-request guard: `xinfang check --base REF` compares the working tree with REF.

Records are never deleted (they are closed), ids and file names never change, an id that ever
existed is never given out again, a closed case reopened needs a reopening record, and a change to
a closed case's closure needs a correction note.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import git

from ..errors import ConfigError
from ..findings import Finding
from ..records.loader import Loaded, load_text
from ..records.repository import CASE_SUFFIXES, CASES_DIR, Repository
from ..records.yaml_nodes import line_of


def _git(root: Path) -> git.Repo:
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as err:
        raise ConfigError(
            f"{root} 不是 git 仓库，无法与 --base 比较：请在案件仓库的克隆中运行。"
        ) from err


def _resolve(repo: git.Repo, base: str) -> str:
    try:
        return str(repo.git.rev_parse("--verify", "--quiet", f"{base}^{{commit}}"))
    except git.GitCommandError as err:
        shallow = " 当前是浅克隆：" if (Path(repo.git_dir) / "shallow").exists() else " "
        raise ConfigError(
            f"找不到比较基准 {base}。{shallow}请在 CI 的 actions/checkout 中设置 fetch-depth: 0，"
            f"或先运行 git fetch origin 取回目标分支。"
        ) from err


def _is_case(path: str) -> bool:
    return path.startswith(f"{CASES_DIR}/") and path.endswith(CASE_SUFFIXES)


def _stem(path: str) -> str:
    return PurePosixPath(path).stem


def _error(file: str, line: int, rule: str, message: str) -> Finding:
    return Finding(file, line, rule, "error", message)


def guard(repo_records: Repository, base: str) -> list[Finding]:
    root = repo_records.root
    repo = _git(root)
    sha = _resolve(repo, base)
    prefix = root.resolve().relative_to(Path(repo.working_tree_dir or root).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"

    def rel(path: str) -> str:  # repository path -> path relative to the records' root
        return path[len(prefix) :] if path.startswith(prefix) else path

    listing = repo.git.ls_tree("-r", "--name-only", sha, "--", f"{prefix}{CASES_DIR}/")
    at_base = {rel(p) for p in listing.splitlines() if _is_case(rel(p))}
    ever = repo.git.log(sha, "--name-only", "--format=", "--", f"{prefix}{CASES_DIR}/")
    ids_ever = {_stem(rel(p)) for p in ever.splitlines() if _is_case(rel(p))}
    now = {r.rel: r for r in repo_records.records}
    ids_now = {(r.data or {}).get("id", _stem(r.rel)): r.rel for r in now.values()}

    found: list[Finding] = []
    for path in sorted(at_base - set(now)):
        case_id = _stem(path)
        if case_id in ids_now:
            found.append(
                _error(
                    ids_now[case_id],
                    1,
                    "guard-renamed",
                    f"案件文件 {path} 被改名为 {ids_now[case_id]}：文件名必须等于案件编号，"
                    f"不能修改，请改回原文件名。",
                )
            )
        else:
            found.append(
                _error(
                    path,
                    1,
                    "guard-deleted",
                    f"案件 {case_id} 的记录文件被删除：案件记录不能删除，办完应结案。"
                    f"请恢复该文件（git checkout {base} -- {prefix}{path}）。",
                )
            )
    for path in sorted(set(now) - at_base):
        case_id = _stem(path)
        if case_id in ids_ever:
            found.append(
                _error(
                    path,
                    1,
                    "guard-id-reused",
                    f"案件编号 {case_id} 以前用过（已删除或改名的案件）：编号不能重复使用，"
                    f"请用 xinfang new 取一个新编号。",
                )
            )
    changed = repo.git.diff("--name-only", sha, "--", f"{prefix}{CASES_DIR}/").splitlines()
    for path in sorted({rel(p) for p in changed} & at_base & set(now)):
        before = _load_at(repo, sha, prefix + path, path)
        if before is not None and now[path].data is not None:
            found += _compare(before, now[path])
    return found


def _load_at(repo: git.Repo, sha: str, git_path: str, path: str) -> dict[str, Any] | None:
    try:
        blob = repo.commit(sha).tree / git_path
        text = blob.data_stream.read().decode("utf-8-sig")
    except (KeyError, UnicodeDecodeError):
        return None
    data = load_text(text, Loaded(Path(path), path)).data
    return data if isinstance(data, dict) else None


def _count(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    return len(value) if isinstance(value, list) else 0


def _compare(before: dict[str, Any], record: Loaded) -> list[Finding]:
    after: dict[str, Any] = record.data
    found = []
    if before.get("id") != after.get("id"):
        found.append(
            _error(
                record.rel,
                line_of(after, ["id"]),
                "guard-id-changed",
                f"案件编号由 {before.get('id')} 改成了 {after.get('id')}：编号一经使用不得更改，请改回。",
            )
        )
    if before.get("status") != "closed":
        return found
    if after.get("status") != "closed" and _count(after, "reopenings") <= _count(
        before, "reopenings"
    ):
        found.append(
            _error(
                record.rel,
                line_of(after, ["status"]),
                "guard-reopened-without-record",
                "已结案的案件被重新打开，但没有重新办理记录：请在 reopenings 下写明日期 date、"
                "决定人 by 和原因 reason。",
            )
        )
    closure_changed = before.get("closure") != after.get("closure") or before.get(
        "settled"
    ) != after.get("settled")
    if (
        after.get("status") == "closed"
        and closure_changed
        and _count(after, "corrections") <= _count(before, "corrections")
    ):
        found.append(
            _error(
                record.rel,
                line_of(after, ["closure"]),
                "guard-closure-changed",
                "已结案案件的结案内容被修改，但没有更正说明：请在 corrections 下写明日期 date、"
                "更正人 by 和更正内容 note。",
            )
        )
    return found
