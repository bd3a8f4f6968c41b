"""`xinfang init`: a county's new campaign repository, ready in one commit.

Everything is decided before anything is written: the target must be new or empty, the campaign
file must load and pass its schema. Then the files are written, CODEOWNERS is made from the units'
reviewers, and git makes the first commit. Should any step fail, what was made is removed again:
bad input changes nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .. import __version__
from ..errors import XinfangError, cannot_write
from ..history import codeowners
from ..records.kinds import KINDS
from ..records.repository import open_repository
from . import gitwork
from .campaign_file import CampaignSpec, campaign_text
from .program_files import program_files, template_text
from .units import UnitSpec

#: The record folders (cases and every kind of ``records/kinds.py``), empty but kept by git.
RECORD_FOLDERS = ("cases", *(kind.folder for kind in KINDS))
EVIDENCE_FOLDER = "evidence"
OFFICE_WORDS = ("信访局", "信访办", "信访室")


def check_target(target: Path) -> None:
    """Refuse a target that is a file or a folder with anything in it."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise XinfangError(f"{target} 已存在且不是目录：请换一个目录名。")
    if target.is_dir() and any(target.iterdir()):
        raise XinfangError(
            f"目录 {target} 已存在且不是空的：xinfang init 只在新目录或空目录中建立仓库，"
            f"不改动已有的文件。请换一个目录名，例如 {target.name}-新。"
        )


def office_code(units: Sequence[UnitSpec], named: str | None) -> str:
    """The unit that hosts the leading group's office: named by code or name, else the petition
    bureau (实施方案：办公室设在县信访局)."""
    if named:
        for unit in units:
            if named in (unit.code, unit.name):
                return unit.code
        raise XinfangError(f"--office {named} 不在单位名单中：请写名单中某个单位的名称或代码。")
    for unit in units:
        if any(word in unit.name for word in OFFICE_WORDS):
            return unit.code
    raise XinfangError(
        "单位名单中没有信访局：实施方案规定领导小组办公室设在县信访局。请在名单中加上县信访局，"
        "或用 --office 指定办公室所在的单位。"
    )


@dataclass
class Made:
    """What init made."""

    root: Path
    commit: str
    spec: CampaignSpec
    files: int
    notes: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # what the commit message says was added
    second: str = ""  # the commit that ``then`` made, if any


def readme_text(county: str, year: int) -> str:
    """The county repository's short README for its staff."""
    env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    template = env.from_string(template_text("README.md.j2"))
    return template.render(county=county, year=year, version=__version__)


def repository_files(spec: CampaignSpec, records: Mapping[str, bytes]) -> dict[str, bytes]:
    """Every file of the new repository but CODEOWNERS (made from the written campaign)."""
    files = program_files(spec.county)
    files["campaign.yml"] = campaign_text(spec).encode("utf-8")
    files["README.md"] = readme_text(spec.county, spec.schedule.start.year).encode("utf-8")
    files[".gitignore"] = template_text("gitignore").encode("utf-8")
    for folder in (*RECORD_FOLDERS, EVIDENCE_FOLDER):
        if not any(path.startswith(f"{folder}/") for path in records):
            files[f"{folder}/.gitkeep"] = b""
    files.update(records)
    return files


def _write(root: Path, files: Mapping[str, bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except OSError as err:
            raise cannot_write(path, err) from err


def _remove_made(target: Path, existed: bool) -> None:
    if not existed:
        shutil.rmtree(target, ignore_errors=True)
        return
    for child in target.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def first_commit_message(spec: CampaignSpec, summary: Sequence[str]) -> str:
    year = spec.schedule.start.year
    lines = [
        f"建立{spec.county} {year} 年信访问题专项治理活动台账",
        "",
        f"xinfang {__version__} 按实施方案建立：活动配置（{len(spec.units)} 个成员单位，"
        f"{spec.schedule.start} 至 {spec.schedule.end}）、空的记录目录、记录模式、网站、CI 工作流和提交前检查。",
    ]
    return "\n".join([*lines, *([""] if summary else []), *summary]) + "\n"


#: Work on the written repository before its first commit (e.g. a ledger's rows imported as its
#: first cases); returns lines for the commit message and the report.
Fill = Callable[[Path], Sequence[str]]
#: Work on the repository after its first commit, committed apart (a ledger's rows imported, so
#: that what was generated and what was imported are reviewed apart); returns the commit message.
Then = Callable[[Path], str]


def init_repository(
    target: Path,
    spec: CampaignSpec,
    records: Mapping[str, bytes] | None = None,
    summary: Sequence[str] = (),
    fill: Fill | None = None,
    then: Then | None = None,
) -> Made:
    """Make the repository of ``spec`` in ``target`` with ``records`` (path → content, e.g. the
    records carried from the last campaign), let ``fill`` add to it, and commit it once; then let
    ``then`` add to it in a second commit. Remove it all on failure."""
    gitwork.require_git()
    check_target(target)
    files = repository_files(spec, records or {})
    existed = target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        _write(target, files)
        repo = open_repository(target.resolve())
        problems = repo.all_findings()
        if problems:  # a units list or ledger that gives a campaign the schema refuses
            raise XinfangError(
                "建立的活动配置没有通过检查，没有建立仓库：\n"
                + "\n".join(f"{f.file} 第 {f.line} 行：{f.message}" for f in problems[:20])
            )
        written = codeowners.write(repo)
        if fill is not None:
            summary = [*summary, *fill(target)]
            written = codeowners.write(open_repository(target.resolve()))
        gitwork.init(target)
        env, note = gitwork.author_env(target, f"{spec.county}信访局")
        sha = gitwork.commit_all(target, first_commit_message(spec, summary), env)
        second = gitwork.commit_all(target, then(target), env) if then is not None else ""
    except BaseException:
        _remove_made(target, existed)
        raise
    notes = [note] if note else []
    return Made(target, sha, spec, len(files) + len(written), notes, list(summary), second)
