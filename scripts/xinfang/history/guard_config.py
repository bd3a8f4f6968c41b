"""Changes to what the gate means: configuration, schemas, owners, workflows and the program.

``campaign.yml`` (phases, milestones, policies), ``holidays.yml``, ``schema/``, the CODEOWNERS
files, the CI workflows and the program itself decide what `xinfang check` accepts and who
reviews. CI runs the branch's own code, so a pull request can change the gate that judges it:
each such change is a warning naming who must approve it (the leading-group office, which the
generated CODEOWNERS makes their owner).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..findings import Finding
from ..records.campaign import Campaign
from ..records.loader import Loaded, load_text
from ..records.yaml_nodes import line_of

# (what the files are, how to tell them: an exact path or a folder ending in "/")
GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("活动配置", ("campaign.yml",)),
    ("节假日安排", ("holidays.yml",)),
    ("记录模式（schema）", ("schema/",)),
    ("代码所有者（CODEOWNERS）",
     (".github/CODEOWNERS", ".gitea/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")),
    ("CI 工作流", (".github/workflows/", ".gitea/workflows/", ".forgejo/workflows/", ".ci/")),
    # A county repository's requirements.txt names the program version its CI installs.
    ("程序", ("scripts/", "tests/", "pyproject.toml", "mkdocs.yml", "requirements.txt")),
]  # fmt: skip
PROGRAM = "程序"  # its files are many: one warning for all of them

#: campaign.yml's sections, in Chinese, for the message.
SECTIONS = {
    "phases": "活动阶段",
    "milestones": "上报节点",
    "policies": "政策设置",
    "units": "成员单位",
    "office": "领导小组办公室",
    "leaders": "包案领导名单",
    "leading_group": "领导小组",
    "site": "网站设置",
}


def group_of(path: str) -> str | None:
    for name, patterns in GROUPS:
        for pattern in patterns:
            if path == pattern or (pattern.endswith("/") and path.startswith(pattern)):
                return name
    return None


def approvers(campaign: Campaign) -> str:
    """Who must approve: the leading-group office, and its reviewers when the campaign names them."""
    office = campaign.units.get(campaign.office)
    name = office.name if office else campaign.office
    reviewers = "、".join(office.reviewers) if office and office.reviewers else ""
    return f"领导小组办公室（{name}{'：' + reviewers if reviewers else ''}）"


def config_changes(
    campaign: Campaign, changed: list[str], base: str, read_base: Any, read_now: Any
) -> list[Finding]:
    """A warning for each changed file of the groups above (paths relative to the root).

    ``read_base(path)`` and ``read_now(path)`` give a file's text at the base and now, or None.
    """
    who = approvers(campaign)
    found = []
    program = [path for path in changed if group_of(path) == PROGRAM]
    for path in changed:
        group = group_of(path)
        if group is None or (group == PROGRAM and path != program[0]):
            continue
        line, what = 1, f"{group}文件 {path}"
        if path == "campaign.yml":
            line, sections = _campaign_sections(read_base(path), read_now(path))
            if sections:
                what += f" 的 {'、'.join(sections)}"
        elif group == PROGRAM and len(program) > 1:
            what += f" 等 {len(program)} 个文件"
        found.append(
            Finding(
                path,
                line,
                "guard-config-changed",
                "warning",
                f"{what} 与 {base} 相比有修改：这类文件决定检查的标准或由谁审核，"
                f"CI 运行的也是本分支自己的程序。合并前须由{who}审核批准。",
            )
        )
    return found


def _load(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    data = load_text(text, Loaded(Path("campaign.yml"), "campaign.yml")).data
    return data if isinstance(data, dict) else {}


def _campaign_sections(before_text: str | None, after_text: str | None) -> tuple[int, list[str]]:
    """The first changed section's line now, and the changed sections' names."""
    before, after = _load(before_text), _load(after_text)
    keys = [k for k in dict.fromkeys([*after, *before]) if before.get(k) != after.get(k)]
    names = [f"{k}（{SECTIONS[k]}）" if k in SECTIONS else k for k in keys]
    line = line_of(after, [keys[0]]) if keys and keys[0] in after else 1
    return line, names
