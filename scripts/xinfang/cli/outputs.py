"""Where commands write the papers they make (ledgers, notices, briefs): the repository's `输出/`.

A paper holds personal data, so by default it goes to a folder git ignores, whichever folder
the command is run from (the repository root, `cases/`, a desktop): `git add -A` never commits it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import XinfangError, os_reason

#: A folder of the repository that git ignores (personal data must never reach a commit).
OUTPUT_DIR = "输出"


def output_folder(root: Path) -> Path:
    """The repository's output folder, made on first use with a .gitignore of its own, so
    that it stays out of commits even where the repository's .gitignore does not name it."""
    folder = root / OUTPUT_DIR
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(
                "# xinfang 的输出文件（台账、通报、简报）含个人信息，不提交。\n*\n", "utf-8"
            )
    except OSError as err:
        raise XinfangError(
            f"无法创建输出目录 {folder}（{os_reason(err)}）：请检查权限，或用 --out 指定文件。"
        ) from err
    return folder


def paper_path(root: Path, out: str | None, name: str) -> Path:
    """``--out`` as given (relative to the current folder), else ``name`` in the output folder."""
    return Path(out) if out else output_folder(root) / name


def warn_if_committable(root: Path, out: Path) -> None:
    """A file written inside the repository that git would add: say so, it holds personal data."""
    from ..history.git_process import is_ignored

    target = out.resolve()
    if target.is_relative_to(root) and is_ignored(root, target) is False:
        print(
            f"注意：{out} 在仓库目录中且没有被 git 忽略，git add -A 会把其中的个人信息提交进仓库："
            f"请把它移到 {OUTPUT_DIR}/ 目录或仓库之外。",
            file=sys.stderr,
        )
