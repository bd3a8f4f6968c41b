"""`xinfang upgrade`: a county repository moved to the installed program version, in one commit.

The commit holds the program's files of the new version (schemas, site pages and settings,
workflows, editor and commit-check settings, the version file), CODEOWNERS made again, and, where
a version between renames a field, that key renamed in the records (``migrations.py``): never any
other change to a record or to ``campaign.yml``. It is refused on a working copy with uncommitted
changes (they would slip into the commit) and when the installed version is older than the
repository's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

from .. import __version__
from ..errors import XinfangError, cannot_write
from ..history import codeowners
from ..records.kinds import KINDS
from ..records.repository import load_campaign, open_repository
from . import gitwork
from .migrations import MIGRATIONS, Rename, due, migrate
from .program_files import OWNED_FOLDERS, VERSION_FILE, program_files, recorded_version

#: What upgrade may never write as a program file: the records and the campaign.
RECORD_PLACES = ("campaign.yml", "holidays.yml", "cases/", "evidence/",
                 *(f"{kind.folder}/" for kind in KINDS))  # fmt: skip


@dataclass
class Upgraded:
    old: str
    new: str
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    migrated: list[str] = field(default_factory=list)
    renames: list[Rename] = field(default_factory=list)
    commit: str | None = None

    def report(self) -> str:
        if self.commit is None:
            return f"本仓库已经是 xinfang {self.new} 的文件，不需要升级。"
        lines = [
            f"已升级到 xinfang {self.new}（原来是 {self.old}），提交 {self.commit[:8]}："
            f"更新 {len(self.written)} 个程序文件，删除 {len(self.removed)} 个。"
        ]
        if self.migrated:
            lines.append(
                f"按新版本改了 {len(self.migrated)} 个记录文件中的字段名（只改字段名，内容不变）："
            )
            lines += [f"  {r.describe()}" for r in self.renames]
        lines.append("请推送这个分支并发起合并请求，由领导小组办公室审核后合并。")
        return "\n".join(lines)


def _version(text: str, what: str) -> Version:
    try:
        return Version(text)
    except InvalidVersion as err:
        raise XinfangError(f"{what}的版本号 {text} 无效：请恢复 {VERSION_FILE}。") from err


def _old_version(root: Path) -> str:
    path = root / VERSION_FILE
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    old = recorded_version(text)
    if old is None:
        raise XinfangError(
            f"{root} 不是用 xinfang init 建立的县仓库：{VERSION_FILE} 中没有“xinfang==版本”一行。"
            f"程序自己的仓库不需要升级；县仓库请从版本库恢复 {VERSION_FILE}。"
        )
    return old


def _message(up: Upgraded) -> str:
    subject = (
        f"升级 xinfang {up.old} → {up.new}"
        if up.old != up.new
        else f"恢复 xinfang {up.new} 的程序文件"
    )
    body = [
        f"由 xinfang upgrade 换成 {up.new} 版本的模式、网站页面和设置、CI 工作流（{len(up.written)} 个文件"
        f"更新，{len(up.removed)} 个删除），不改动任何记录的内容。",
    ]
    if up.renames:
        body.append(f"新版本改了字段名，{len(up.migrated)} 个记录文件中只改了键名：")
        body += [f"- {r.describe()}" for r in up.renames]
    return "\n".join([subject, "", *body]) + "\n"


def _stale(root: Path, wanted: Mapping[str, bytes]) -> list[str]:
    """Files of the program's folders that this version no longer ships."""
    gone = []
    for folder in OWNED_FOLDERS:
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                rel = path.relative_to(root).as_posix()
                if path.is_file() and rel not in wanted:
                    gone.append(rel)
    return gone


def upgrade_repository(
    root: Path,
    version: str = __version__,
    migrations: Mapping[str, Sequence[Rename]] = MIGRATIONS,
) -> Upgraded:
    """Bring the county repository at ``root`` to ``version`` in one commit (none when nothing
    differs)."""
    gitwork.require_git()
    old = _old_version(root)
    if _version(old, "仓库记下") > _version(version, "已安装程序"):
        raise XinfangError(
            f"本仓库用的是 xinfang {old}，这台电脑上安装的是较旧的 {version}：请先安装 {old} 或更新的版本"
            f"（pip install -r {VERSION_FILE}），再运行。"
        )
    pending = gitwork.dirty(root)
    if pending:
        raise XinfangError(
            f"工作目录有未提交的修改（{'、'.join(pending[:5])}{' 等' if len(pending) > 5 else ''}）："
            f"升级要单独作为一次提交，请先提交或撤销这些修改。"
        )
    campaign, _ = load_campaign(root)
    wanted = program_files(campaign.county, version)
    assert not any(p.startswith(RECORD_PLACES) for p in wanted), "a program file among the records"
    up = Upgraded(old, version)
    for rel, content in wanted.items():
        path = root / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except OSError as err:
            raise cannot_write(path, err) from err
        up.written.append(rel)
    for rel in _stale(root, wanted):
        (root / rel).unlink()
        up.removed.append(rel)
    up.renames = due(old, version, migrations)
    up.migrated = migrate(root, up.renames)
    for path in codeowners.write(open_repository(root)):
        up.written.append(path.relative_to(root).as_posix())
    changed = gitwork.dirty(root)
    if not changed:
        return up
    up.written = [p for p in up.written if p in changed]
    up.commit = gitwork.commit_paths(root, changed, _message(up))
    return up
