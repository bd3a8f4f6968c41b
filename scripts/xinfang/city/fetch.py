"""Fetch the latest snapshot of a county: from a git repository's branch, or from a folder.

A git source is fetched into a bare cache (``.xinfang/git/<code>.git``, one commit deep) and its
tip unpacked with ``git archive``; ``file://`` URLs and local paths work as any other URL. A
folder source holds one snapshot (its ``manifest.json`` at the top) or several, one per
subfolder, of which the one with the latest as-of date (then creation time) is taken.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
from pathlib import Path

from ..snapshot.manifest import MANIFEST
from .config import County

CACHE = Path(".xinfang") / "git"


class FetchError(Exception):
    """The county's snapshot could not be fetched (Chinese message)."""


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as err:
        raise FetchError(f"无法运行 git（{err.strerror}）：请先安装 git。") from err


def _from_git(county: County, root: Path, staging: Path) -> Path:
    assert county.git is not None
    cache = root / CACHE / f"{county.code}.git"
    if not (cache / "HEAD").exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        done = _git("init", "-q", "--bare", str(cache))
        if done.returncode:
            raise FetchError(
                f"无法建立 git 缓存 {cache}：{done.stderr.decode(errors='replace').strip()}"
            )
    url = county.git
    if "://" not in url and Path(url).exists():
        url = Path(url).resolve().as_uri()  # a local path: git fetch takes it as a URL too
    ref = f"refs/heads/{county.branch}"
    done = _git(
        "--git-dir", str(cache), "fetch", "-q", "--depth", "1", "--no-tags", url, f"+{ref}:{ref}"
    )
    if done.returncode:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise FetchError(
            f"从 {county.where} 取不到快照（{reason[-1] if reason else 'git fetch 失败'}）："
            "请确认地址、分支和市里的读取权限，以及县里的 CI 已经发布过快照。"
        )
    archive = _git("--git-dir", str(cache), "archive", "--format=tar", ref)
    if archive.returncode:
        raise FetchError(
            f"{county.where} 的快照无法取出：{archive.stderr.decode(errors='replace').strip()}"
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(staging, filter="data")
    return staging


def _as_of_key(folder: Path) -> tuple[str, str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return str(data["as_of"]), str(data.get("created", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _from_folder(county: County, root: Path) -> Path:
    assert county.folder is not None
    folder = Path(county.folder)
    if not folder.is_absolute():
        folder = root / folder
    if not folder.is_dir():
        raise FetchError(f"{county.where} 不存在或打不开：请检查共享盘是否已连接、路径是否正确。")
    if (folder / MANIFEST).is_file():
        return folder
    found = [(key, sub) for sub in folder.iterdir() if sub.is_dir() and (key := _as_of_key(sub))]
    if not found:
        raise FetchError(
            f"{county.where} 中没有快照（没有 {MANIFEST}）：请确认县里已把快照放到这里。"
        )
    return max(found)[1]


def fetch(county: County, root: Path, staging: Path) -> Path:
    """The folder holding the county's latest snapshot (for git: unpacked into ``staging``)."""
    if county.git:
        return _from_git(county, root, staging)
    return _from_folder(county, root)
