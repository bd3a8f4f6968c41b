"""Publish a snapshot as one commit on a branch (``snapshots``) of a git repository.

Plain git, so that the same step works on GitHub and on an intranet Gitea or Forgejo with no
action from outside: the snapshot's files become a tree (``hash-object``, ``mktree``), the tree a
commit of its own (``commit-tree``), force-pushed with the credentials the CI run already has. The
working tree, the checked-out branch and the history are not touched (fetching the branch's old
tip would make the checkout shallow). The branch holds the latest snapshot only; the city keeps
the snapshots it took, for its weekly trend.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..errors import XinfangError
from .manifest import Manifest

AUTHOR = {"GIT_AUTHOR_NAME": "xinfang snapshot", "GIT_AUTHOR_EMAIL": "xinfang@localhost"}


def _run(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **AUTHOR, "GIT_COMMITTER_NAME": AUTHOR["GIT_AUTHOR_NAME"],
           "GIT_COMMITTER_EMAIL": AUTHOR["GIT_AUTHOR_EMAIL"]}  # fmt: skip
    try:
        return subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, text=True, env=env,
            check=False,
        )  # fmt: skip
    except OSError as err:
        raise XinfangError(f"无法运行 git（{err.strerror}）：请先安装 git。") from err


def _git(root: Path, *args: str, stdin: str | None = None) -> str:
    done = _run(root, *args, stdin=stdin)
    if done.returncode != 0:
        raise XinfangError(
            f"git {args[0]} 失败：{done.stderr.strip()[-300:]}\n"
            "请检查快照仓库的地址和 CI 的写权限（见 docs/city.md）。"
        )
    return done.stdout.strip()


def _commit(root: Path, folder: Path, message: str) -> str:
    entries = []
    for path in sorted(folder.iterdir()):
        blob = _git(root, "hash-object", "-w", "--", str(path))
        entries.append(f"100644 blob {blob}\t{path.name}")
    tree = _git(root, "mktree", stdin="\n".join(entries) + "\n")
    return _git(root, "commit-tree", tree, "-m", message)


def publish(root: Path, folder: Path, manifest: Manifest, remote: str, branch: str) -> str:
    """Commit the snapshot in ``folder`` as the tip of ``branch`` of ``remote`` (a name or URL)."""
    if _run(root, "rev-parse", "--git-dir").returncode != 0:
        raise XinfangError(f"{root} 不是 git 仓库：只能从 git 仓库发布快照。")
    message = (
        f"快照 {manifest.county}（{manifest.county_code}）统计日期 {manifest.as_of}，"
        f"来自提交 {(manifest.commit or '无')[:12]}"
    )
    commit = _commit(root, folder, message)
    _git(root, "push", "-q", "--force", remote, f"{commit}:refs/heads/{branch}")
    return commit
