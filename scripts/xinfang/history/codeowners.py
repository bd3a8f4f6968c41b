"""Who may change what: CODEOWNERS generated from the campaign's units.

Each unit's reviewers own the cases it handles; the leading-group office owns everything else,
and is named again, last, for what decides the gate: the campaign file, the holidays, the schemas,
these files, the CI workflows and the program (CI runs the branch's own code, so whoever may
change `scripts/` or a workflow may change the gate), and for the key-person register
(`persons/`): every change to it goes to the office for review, whoever makes it. Two files, because the hosts read different
syntaxes:
GitHub reads `.github/CODEOWNERS` (gitignore-style globs); Gitea and Forgejo read
`.gitea/CODEOWNERS` (Go regular expressions) and never look in `.github/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding
from ..records.kinds import KINDS
from ..records.repository import Repository
from .guard_config import GROUPS

HEADER = "# 由 xinfang codeowners 生成，请勿手工修改：改 campaign.yml 中各单位的 reviewers 后重新生成。\n"
ID_UNIT = re.compile(r"^XF\d{4}-([A-Z][A-Z0-9]*)-\d+$")


@dataclass(frozen=True)
class Owners:
    office: tuple[str, ...]
    units: list[tuple[str, tuple[str, ...]]]  # unit code, reviewers: the cases its ids name
    reassigned: list[tuple[str, tuple[str, ...]]]  # case file, reviewers: handled by another unit


def owners(repo: Repository) -> Owners:
    campaign = repo.campaign
    office_unit = campaign.units.get(campaign.office)
    office = office_unit.reviewers if office_unit else ()
    units = [(code, u.reviewers) for code, u in campaign.units.items() if u.reviewers]
    reassigned = []
    for case in sorted(repo.cases, key=lambda c: c.rel):
        match = ID_UNIT.match(case.id)
        unit = campaign.units.get(case.unit)
        if match and match.group(1) != case.unit and unit and unit.reviewers:
            reassigned.append((case.rel, unit.reviewers))
    return Owners(office, units, reassigned)


OFFICE_NOTE = (
    "# 以下由领导小组办公室审核：活动配置、节假日、模式、代码所有者、CI 工作流和程序，"
    "以及重点人员登记（persons/，每一处修改）。\n"
)
#: Records whose every change the office reviews: the key-person register (``Kind.private``).
OFFICE_RECORDS = [f"{kind.folder}/" for kind in KINDS if kind.private]
OFFICE_PATHS = [pattern for _, patterns in GROUPS for pattern in patterns] + OFFICE_RECORDS


def github_text(o: Owners) -> str:
    lines = [HEADER]
    if o.office:
        lines.append(f"*  {' '.join(o.office)}\n")
    lines += [f"/cases/XF*-{code}-*  {' '.join(r)}\n" for code, r in o.units]
    lines += [f"/{path}  {' '.join(r)}\n" for path, r in o.reassigned]
    if o.office:  # last, so that no other line can win for them
        lines.append(OFFICE_NOTE)
        lines += [f"/{path}  {' '.join(o.office)}\n" for path in OFFICE_PATHS]
    return "".join(lines)


def _gitea_path(path: str) -> str:
    # Gitea wants regex metacharacters escaped with a doubled backslash: "\\." for a dot.
    return path.replace(".", chr(92) * 2 + ".")


def gitea_text(o: Owners) -> str:
    lines = [HEADER]
    if o.office:
        lines.append(f".*  {' '.join(o.office)}\n")
    lines += [f"cases/XF[0-9]+-{code}-.*  {' '.join(r)}\n" for code, r in o.units]
    lines += [f"{_gitea_path(path)}  {' '.join(r)}\n" for path, r in o.reassigned]
    if o.office:
        lines.append(OFFICE_NOTE)
        lines += [
            f"{_gitea_path(path)}{'.*' if path.endswith('/') else ''}  {' '.join(o.office)}\n"
            for path in OFFICE_PATHS
        ]
    return "".join(lines)


FILES = {".github/CODEOWNERS": github_text, ".gitea/CODEOWNERS": gitea_text}


def expected(repo: Repository) -> dict[str, str]:
    o = owners(repo)
    return {path: render(o) for path, render in FILES.items()}


def write(repo: Repository) -> list[Path]:
    written = []
    for path, text in expected(repo).items():
        target = repo.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def stale(repo: Repository) -> list[Finding]:
    """A warning for each CODEOWNERS file that is missing or differs from what the units say."""
    found: list[Finding] = []
    if not any(u.reviewers for u in repo.campaign.units.values()):
        return found
    for path, text in expected(repo).items():
        target = repo.root / path
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            what = (
                "不存在"
                if current is None
                else "已过期（与 campaign.yml 的单位审核人或案件承办单位不一致）"
            )
            found.append(
                Finding(
                    path,
                    1,
                    "codeowners-stale",
                    "warning",
                    f"{path} {what}：请运行 xinfang codeowners --write 重新生成并提交，"
                    f"合并请求才会请承办单位审核。",
                )
            )
    return found
