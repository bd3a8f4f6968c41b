"""The git processes behind the history: the repository, ``git log``, ``ls-tree`` and paths.

The log is streamed to Python in whole commits as git writes it (the versions it names go to
``blobs.BlobReader``), so that git and Python work side by side; never one process per file or
per version. Paths come NUL-separated (``-z``): git quotes non-ASCII names otherwise.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from ..errors import ConfigError

if TYPE_CHECKING:
    import git

CHUNK = 1 << 18  # bytes read from git at a time
COMMIT_START = b"\x1e"  # what starts each commit in the log's format


def open_repo(root: Path) -> git.Repo:
    """The repository that ``root`` is in; ConfigError when there is none or no git program."""
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


def git_error_text(exc: BaseException) -> str:
    """git's message for a failure, on one line."""
    stderr = getattr(exc, "stderr", None)
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    text = (stderr or str(exc)).strip()
    return " ".join(text.split())[:300]


def stream_log(repo: git.Repo, args: list[str], feed: Callable[[bytes], None]) -> None:
    """Run ``git log`` with ``args`` and hand its output to ``feed`` in whole commits."""
    log = repo.git.log(*args, as_process=True)
    stdout = log.proc.stdout
    assert stdout is not None
    read = chunk_reader(stdout)
    pending = b""
    try:
        while True:
            chunk = read(CHUNK)
            if not chunk:
                break
            cut = chunk.rfind(COMMIT_START)  # the last commit may be incomplete
            if cut < 0:
                pending += chunk
                continue
            complete, pending = pending + chunk[:cut], chunk[cut:]
            feed(complete)
        if pending:
            feed(pending)
    except BaseException:
        log.proc.kill()
        log.proc.wait()
        close_streams(log.proc)
        raise
    try:
        log.wait()  # raises GitCommandError on failure
    finally:
        close_streams(log.proc)


def refresh_commit_graph(repo: git.Repo) -> None:
    """Keep git's commit-graph with changed-path Bloom filters up to date, so that the log of a
    few files skips every commit that did not touch them without reading its trees.

    The first time it indexes every commit (about a second at 10,000 cases and 1,500
    commits); later runs add only the new commits, as ``git maintenance`` would. A git too old
    for it, or a repository that cannot be written to, only makes the log slower.
    """
    common = Path(repo.common_dir)
    info = common / "objects" / "info"
    marker = common / "xinfang-commit-graph"
    present = (info / "commit-graph").is_file() or (info / "commit-graphs").is_dir()
    split = "--split" if marker.is_file() and present else "--split=replace"
    try:
        repo.git.commit_graph("write", "--reachable", "--changed-paths", split)
        if not marker.is_file():
            marker.write_text("changed-path filters written by xinfang check\n", encoding="utf-8")
    except Exception:  # GitCommandError, OSError: go on without the index
        pass


def ls_tree(repo: git.Repo, git_prefix: str, pathspecs: Sequence[str] = ()) -> set[str]:
    """Paths (relative to git_prefix) present at HEAD, of ``pathspecs`` when given."""
    if pathspecs:
        literal = [f":(literal){p}" for p in pathspecs]
        paths = _z(
            repo, "ls_tree", "-r", "--name-only", "-z", "--full-tree", "HEAD", "--", *literal
        )
    else:
        paths = tree_paths(repo, "HEAD", git_prefix)
    n = len(git_prefix)
    return {p[n:] for p in paths}


# Paths from git always come NUL-separated (-z): without it git quotes every path with a byte
# outside ASCII, a quote or a newline ("cases/\345\237\216\345\205\263\351\225\207/..."), and a
# township's folder name would never match the file on disk.


def z_paths(out: bytes) -> list[str]:
    """The paths of a ``-z`` listing, decoded as the file system names them."""
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def _z(repo: git.Repo, command: str, *args: str) -> list[str]:
    out: bytes = getattr(repo.git, command)(
        *args, stdout_as_string=False, strip_newline_in_stdout=False
    )
    return z_paths(out)


def _spec(pathspec: str) -> list[str]:
    return ["--", pathspec] if pathspec else ["--"]


def tree_paths(repo: git.Repo, ref: str, pathspec: str = "") -> list[str]:
    """Every file at ``ref`` under ``pathspec``, as paths from the repository's top."""
    return _z(repo, "ls_tree", "-r", "--name-only", "-z", "--full-tree", ref, *_spec(pathspec))


def changed_paths(repo: git.Repo, ref: str, pathspec: str = "") -> list[str]:
    """Files that differ between ``ref`` and the working tree, and files git does not track yet."""
    spec = _spec(f":(top){pathspec}" if pathspec else ":(top)")
    changed = _z(repo, "diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", ref, *spec)
    new = _z(repo, "ls_files", "-z", "--others", "--exclude-standard", "--full-name", *spec)
    return sorted(set(changed) | set(new))


def logged_paths(repo: git.Repo, ref: str, pathspec: str = "") -> set[str]:
    """Every path a file under ``pathspec`` ever had in ``ref``'s history."""
    spec = _spec(f":(top){pathspec}" if pathspec else ":(top)")
    return set(_z(repo, "log", ref, "--name-only", "-z", "--no-renames", "--format=", *spec))


def history_cut(repo: git.Repo, ref: str) -> bool:
    """Whether the history behind ``ref`` is cut by a shallow clone (some of it is not here)."""
    shallow = Path(repo.common_dir) / "shallow"
    try:
        cuts = shallow.read_text(encoding="ascii", errors="replace").split()
    except OSError:
        return False  # not shallow
    return any(_is_ancestor(repo, cut, ref) for cut in cuts)


def _is_ancestor(repo: git.Repo, ancestor: str, ref: str) -> bool:
    from git import GitCommandError  # importable: open_repo imported GitPython

    try:
        repo.git.merge_base("--is-ancestor", ancestor, ref)
    except GitCommandError as err:
        if err.status == 1:  # not an ancestor
            return False
        raise ConfigError(
            f"git 无法比较提交 {ancestor[:12]} 和 {ref}：{git_error_text(err)}。"
            "请确认仓库完整（可运行 git fsck 检查），或运行 git fetch --unshallow 取回完整历史。"
        ) from err
    return True


def chunk_reader(stream: IO[bytes]) -> Callable[[int], bytes]:
    """A read that returns what is there (up to n bytes) instead of waiting for n bytes."""
    read1 = getattr(stream, "read1", None)
    if read1 is not None:
        return cast(Callable[[int], bytes], read1)
    fd = stream.fileno()
    return lambda n: os.read(fd, n)


def close_streams(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def working_state(root: Path, rel: str) -> str:
    """How the working copy of ``rel`` stands against HEAD: "untracked", "added", "modified",
    "deleted", or "" when it is committed as it is (or git cannot tell)."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--", rel],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except OSError:
        return ""
    code = out.stdout[:2] if out.returncode == 0 else ""
    if code == "??":
        return "untracked"
    if "A" in code:
        return "added"
    if "D" in code:
        return "deleted"
    return "modified" if code.strip() else ""


def is_ignored(root: Path, path: Path) -> bool | None:
    """Whether git ignores ``path`` in the repository at ``root``; None outside git."""
    try:
        out = subprocess.run(
            ["git", "check-ignore", "-q", "--", os.fspath(path)],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    return {0: True, 1: False}.get(out.returncode)
