"""`xinfang demo`: the bundled 2008 campaign as a county's repository with a county's history.

The repository is made like ``xinfang init`` makes one (the program's files, the campaign file, a
README), on the campaign's first day, by the leading-group office. Then every record is written
as its own dates say (``demo_history``): each unit's staff commit, on the day it happened, what
their unit registered, did, closed, corrected or reopened, with a Chinese message. The last tree
holds the bundled records exactly. The history is written with one ``git fast-import``; the same
records give the same commits.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..errors import XinfangError
from ..records.repository import open_repository
from . import gitwork
from .demo_history import Record, Step, evidence_named, steps, without_audit_start
from .init import RECORD_FOLDERS, readme_text
from .program_files import program_files, template_text

MARK = "xinfang-demo"  # a file in .git: this folder holds a demo that may be made again
CHINA = timezone(timedelta(hours=8))
FIRST_TIME, EVERY = (8, 40), timedelta(minutes=23)
EMAIL_DOMAIN = "xx.gov.cn"


@dataclass
class Commit:
    when: datetime
    author: tuple[str, str]  # name, e-mail
    message: str
    files: dict[str, bytes]


@dataclass
class DemoMade:
    commits: int
    first: date
    last: date


def _author(unit: str, campaign: Mapping[str, Any], reports: Mapping[str, Any]) -> tuple[str, str]:
    """The unit's petition liaison (信访联络员) from its working-group list, and an address."""
    known = {u["code"]: u for u in campaign["units"]}[unit]
    members = reports.get(unit, {}).get("working_group", {}).get("members", [])
    liaison = next((m for m in members if m.get("role") == "liaison"), None)
    person = liaison or (members[-1] if members else None)
    name = person["name"] if person else f"{known['name']}信访工作人员"
    handle = (known.get("reviewers") or [f"@{unit.lower()}"])[0].lstrip("@")
    return name, f"{handle}@{EMAIL_DOMAIN}"


def _told(group: list[Step]) -> tuple[list[str], list[str]]:
    """What a unit did in one commit: shortly (counts for many new records), and in full."""
    made: dict[str, list[str]] = {}
    phrases: list[str] = []
    reported = any(s.rel.startswith("submissions/") for s in group)
    for step in group:
        if reported and step.rel == "campaign.yml":
            continue  # the same report, told by the unit's own file
        if step.registered:
            made.setdefault(step.registered, []).append(step.name)
        else:
            phrases.append(step.phrase)
    phrases = list(dict.fromkeys(phrases))
    full = [f"登记{kind} {'、'.join(names)}" for kind, names in made.items()] + phrases
    short = [
        f"登记{kind} {'、'.join(names)}" if len(names) <= 3 else f"登记{kind} {len(names)} 件"
        for kind, names in made.items()
    ] + phrases
    return short, full


def _message(unit_name: str, group: list[Step]) -> str:
    """The commit's message: the unit and what it did, in full below the subject when long."""
    short, full = _told(group)
    subject = f"{unit_name}：{'；'.join(short[:2])}{' 等' if len(short) > 2 else ''}"
    return subject + ("\n\n" + "\n".join(full) + "\n" if short[:2] != full else "\n")


def _records(source: Path, office: str) -> list[Record]:
    campaign = without_audit_start((source / "campaign.yml").read_text(encoding="utf-8"))
    found = [Record("campaign", "campaign.yml", campaign, office)]
    for folder in RECORD_FOLDERS:
        for path in sorted((source / folder).glob("*.yml")):
            found.append(Record(folder, f"{folder}/{path.name}", path.read_text("utf-8"), office))
    return found


def history(source: Path) -> list[Commit]:
    """The demo's commits, from the records of the repository at ``source``."""
    repo = open_repository(source)
    broken = [f for f in repo.all_findings() if f.severity == "error"]
    if broken:
        raise XinfangError(
            f"示例记录有错误，不能重放（{broken[0].file} 第 {broken[0].line} 行）：请先运行 xinfang check。"
        )
    campaign = repo.campaign
    office = campaign.office
    records = _records(source, office)
    rank = {office: 0} | {
        code: i + 1 for i, code in enumerate(c for c in campaign.units if c != office)
    }
    cases = {c.id: c.registered for c in repo.cases}
    data = records[0].data
    reports = {r.data["unit"]: r.data for r in records if r.folder == "submissions"}
    all_steps = [s for r in records for s in steps(r, cases, campaign.start, data, rank)]
    first_day = min(s.day for s in all_steps)
    groups: dict[tuple[date, int, str], list[Step]] = {}
    for step in all_steps:
        groups.setdefault((step.day, rank[step.unit], step.unit), []).append(step)
    start = groups.pop(min(groups))  # the campaign file's first version opens the history
    base = program_files(campaign.county) | {
        "README.md": readme_text(campaign.county, campaign.year).encode("utf-8"),
        ".gitignore": template_text("gitignore").encode("utf-8"),
    }
    for owners in (".github/CODEOWNERS", ".gitea/CODEOWNERS"):
        if (source / owners).is_file():
            base[owners] = (source / owners).read_bytes()

    def by(unit: str) -> tuple[str, str]:
        return _author(unit, data, reports)

    title = f"建立{campaign.county} {campaign.year} 年信访问题专项治理活动台账"
    entered = [s for s in start if s.rel != "campaign.yml"]
    told = _told(entered)[1]
    message = title + ("\n\n" + "\n".join(told) + "\n" if told else "\n")
    seen: set[str] = set()
    commits = [Commit(_time(first_day, 0), by(office), message, base | _files(start, source, seen))]
    per_day: dict[date, int] = {first_day: 1}
    names = {code: u.name for code, u in campaign.units.items()}
    for (day, _, unit), group in sorted(groups.items()):
        files = _files(group, source, seen)
        n = per_day.get(day, 0)
        per_day[day] = n + 1
        commits.append(Commit(_time(day, n), by(unit), _message(names[unit], group), files))
    return commits


def _files(group: list[Step], source: Path, seen: set[str]) -> dict[str, bytes]:
    """The new versions of a commit, with the evidence files they name for the first time."""
    files = {s.rel: s.text.encode("utf-8") for s in group}
    for step in group:
        for path in evidence_named(step.text):
            if path not in seen and (source / path).is_file():
                seen.add(path)
                files[path] = (source / path).read_bytes()
    return files


def _time(day: date, n: int) -> datetime:
    start = datetime(day.year, day.month, day.day, *FIRST_TIME, tzinfo=CHINA)
    return start + EVERY * n


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def fast_import_stream(commits: list[Commit]) -> bytes:
    """The commits as ``git fast-import`` reads them, on the branch main."""
    out = bytearray()
    for commit in commits:
        name, email = commit.author
        stamp = f"{name} <{email}> {int(commit.when.timestamp())} +0800\n".encode()
        out += b"commit refs/heads/main\nauthor " + stamp + b"committer " + stamp
        out += _data(commit.message.encode("utf-8"))
        for path, content in sorted(commit.files.items()):
            out += f"M 100644 inline {path}\n".encode() + _data(content)
    return bytes(out)


def _prepare(target: Path) -> None:
    if (target / ".git" / MARK).is_file():
        shutil.rmtree(target)
    elif target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise XinfangError(f"目录 {target} 已存在且不是示例仓库：请换一个目录，或删除它后再运行。")


def build_demo(source: Path, target: Path) -> DemoMade:
    """Make the demo repository of the campaign at ``source`` in ``target``."""
    gitwork.require_git()
    commits = history(source)
    _prepare(target)
    target.mkdir(parents=True, exist_ok=True)
    try:
        gitwork.init(target)
        gitwork.git(target, "fast-import", "--quiet", stdin=fast_import_stream(commits))
        gitwork.git(target, "reset", "-q", "--hard", "main")
        (target / ".git" / MARK).write_text("由 xinfang demo 建立，可以重建。\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return DemoMade(len(commits), commits[0].when.date(), commits[-1].when.date())
