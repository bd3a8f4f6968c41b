"""The git commands that make and change a county's repository: init, status, add, commit.

Commits carry the author git is configured with; where none is set (a new PC, a CI runner) the
leading-group office's name stands in, and the person is told how to set their own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import XinfangError

DEFAULT_EMAIL = "xinfang@localhost"


def require_git() -> None:
    if shutil.which("git") is None:
        raise XinfangError(
            "找不到 git 程序：请安装 git（Windows 上安装 Git for Windows），确认 git 在 PATH 中后再运行。"
        )


def git(
    root: Path, *args: str, env: Mapping[str, str] | None = None, stdin: bytes | None = None
) -> str:
    """Run git in ``root``; its output, or XinfangError with git's message."""
    full_env = {**os.environ, "LC_ALL": "C", **(env or {})}
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, env=full_env, check=False
        )
    except OSError as err:
        raise XinfangError(
            f"无法运行 git（{err.strerror}）：请确认 git 已安装并在 PATH 中。"
        ) from err
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or "没有输出"
        raise XinfangError(f"git {args[0]} 失败：{' '.join(message.split())[:300]}")
    return done.stdout.decode("utf-8", "replace")


def configured_author(root: Path) -> tuple[str, str] | None:
    """The name and e-mail git would commit with here, or None when either is unset."""
    values = []
    for key in ("user.name", "user.email"):
        try:
            values.append(git(root, "config", key).strip())
        except XinfangError:
            return None
    name, email = values
    return (name, email) if name and email else None


def author_env(root: Path, fallback: str) -> tuple[dict[str, str], str | None]:
    """Environment naming the commit's author; and a note when the fallback name was used."""
    if configured_author(root) is not None:
        return {}, None
    env = {
        "GIT_AUTHOR_NAME": fallback, "GIT_AUTHOR_EMAIL": DEFAULT_EMAIL,
        "GIT_COMMITTER_NAME": fallback, "GIT_COMMITTER_EMAIL": DEFAULT_EMAIL,
    }  # fmt: skip
    note = (
        f"注意：git 没有设置提交人，第一次提交记在“{fallback}”名下。请设置自己的姓名和邮箱："
        f'git config --global user.name "姓名"；git config --global user.email "邮箱"。'
    )
    return env, note


def init(root: Path) -> None:
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")  # git before 2.28 has no init -b


def commit_all(root: Path, message: str, env: Mapping[str, str] | None = None) -> str:
    """Stage everything and commit; the new commit's id."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-verify", "-F", "-", env=env, stdin=message.encode("utf-8"))
    return git(root, "rev-parse", "HEAD").strip()


def commit_paths(
    root: Path, paths: Sequence[str], message: str, env: Mapping[str, str] | None = None
) -> str:
    """Stage the given paths (additions, changes and deletions) and commit them."""
    git(root, "add", "-A", "--", *paths)
    git(root, "commit", "-q", "-F", "-", env=env, stdin=message.encode("utf-8"))
    return git(root, "rev-parse", "HEAD").strip()


def dirty(root: Path) -> list[str]:
    """Paths with uncommitted changes (staged, unstaged or untracked and not ignored)."""
    out = git(root, "status", "--porcelain", "-z", "--untracked-files=all")
    return [entry[3:] for entry in out.split("\0") if entry]
