"""`xinfang new`: the next free case id, and a new case file with Chinese comments to fill in.

Ids are ``XF<year>-<unit>-NNN``, numbered per unit. The next number is one more than the highest
ever used by the unit: in the files present, and in every name the ``cases/`` folder has held in
git on any branch or in the reflog (one ``git log`` call), so a deleted case's id is never given
out again. The records beside the cases draw their ids the same way (``newrecord.py``). Files are created with mode ``x``: two staff in one working copy never overwrite each
other. Two staff of one unit on different branches may still draw the same number; the second
pull request is refused by the duplicate-id check, and ``xinfang new`` is rerun after rebasing.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path, PurePosixPath

import jinja2

from ..campaign.periods import add_period
from ..campaign.phases import has_started
from ..campaign.workdays import WorkCalendar
from ..errors import ConfigError, XinfangError, cannot_write, os_reason
from ..records.campaign import Campaign
from ..records.labels import CATEGORY_SHORT
from ..records.repository import CASE_SUFFIXES, CASES_DIR, case_files
from ..records.schema import Schema
from ..records.suggest import then, unit_hint
from ..rules.plausibility import LATE_REGISTRATION_DAYS

ID_RE = re.compile(r"^XF(?P<year>[0-9]{4})-(?P<unit>[A-Z][A-Z0-9]{1,9})-(?P<number>[0-9]{3,5})$")
TEMPLATE = "new-case.yml.j2"
MAX_TRIES = 50


@dataclass
class UsedIds:
    """Every case id ever used in the repository, and whether git history was consulted."""

    ids: set[str]
    from_git: bool

    def next_id(self, year: int, unit: str) -> str:
        """The next free id of ``unit`` in ``year``, and reserve it (for a run making several)."""
        return self.next_after(f"XF{year}-{unit}-")

    def next_after(self, prefix: str) -> str:
        """The next free id ``prefix`` + number, and reserve it. The ids are those of one
        pattern (``used_ids``), so what follows a matching prefix is the number."""
        numbers = [int(i[len(prefix) :]) for i in self.ids if i.startswith(prefix)]
        new_id = f"{prefix}{max(numbers, default=0) + 1:03d}"
        self.ids.add(new_id)
        return new_id


def _git_names(root: Path, folder: str = CASES_DIR) -> set[str] | None:
    """Stems of every file ``folder`` ever held in git (all refs and the reflog); None without git.

    Paths come NUL-separated (``-z``): git quotes a folder named in Chinese otherwise.
    """
    try:
        result = subprocess.run(
            [
                "git",
                "log",
                "--all",
                "--reflog",
                "--no-renames",
                "--name-only",
                "-z",
                "--format=",
                "--",
                f"{folder}/",
            ],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    if result.returncode != 0:
        return None
    paths = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    return {PurePosixPath(p).stem for p in paths if p.endswith(CASE_SUFFIXES)}


def _present(root: Path, folder: str) -> list[Path]:
    """The files ``folder`` holds now (for cases, every file claiming to be one)."""
    if folder == CASES_DIR:
        return case_files(root)
    top = root / folder
    return [p for p in top.rglob("*") if p.suffix in CASE_SUFFIXES] if top.is_dir() else []


def used_ids(root: Path, folder: str = CASES_DIR, pattern: re.Pattern[str] = ID_RE) -> UsedIds:
    """Ids of ``pattern`` named by the files ``folder`` holds and has held in git history
    (``from_git`` False when there is no git)."""
    names = {p.stem for p in _present(root, folder)}
    history = _git_names(root, folder)
    names |= history or set()
    return UsedIds({n for n in names if pattern.match(n)}, history is not None)


def environment() -> jinja2.Environment:
    """The Jinja environment of the new-file templates in ``office/templates``."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _template_source(name: str) -> str:
    return resources.files("xinfang.office").joinpath("templates", name).read_text(encoding="utf-8")


def _choices(labels: dict[str, str]) -> str:
    return "；".join(f"{code} {label}" for code, label in labels.items())


def _default_deadline(
    campaign: Campaign, category: str | None, registered: date, calendar: WorkCalendar
) -> str:
    policy = campaign.policy
    days = policy.default_deadline_days.get(category or "")
    if days is None:
        return ""
    try:
        return add_period(registered, days, policy.day_kind, policy, calendar).isoformat()
    except ConfigError:  # a year no holiday notice covers: leave it to the staff member
        return ""


def _after_resolution(
    campaign: Campaign, category: str | None, registered: date, calendar: WorkCalendar
) -> bool:
    """Whether the pre-filled 办结时限 lies after the resolution phase (a reason is then due)."""
    resolution, deadline = (
        campaign.phase("resolution"),
        _default_deadline(campaign, category, registered, calendar),
    )
    return bool(resolution and deadline and date.fromisoformat(deadline) > resolution.end)


def render_case(
    case_id: str,
    unit: str,
    category: str | None,
    registered: date,
    campaign: Campaign,
    schema: Schema,
    calendar: WorkCalendar,
) -> str:
    """The text of a new case file: required keys with placeholders and Chinese comments."""
    policy = campaign.policy
    unit_leaders = campaign.units[unit].leaders
    registration = campaign.phase("registration")
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            id=case_id,
            unit=unit,
            unit_name=campaign.unit_name(unit),
            category=category or "",
            category_label=schema.label(("category",), category) if category else "",
            categories=schema.labels[("category",)],
            flags=_choices(schema.labels[("flags",)]),
            sources=_choices(schema.labels[("source",)]),
            grades=_choices(schema.labels[("grade",)]),
            units={u.code: u.name for u in campaign.units.values()},
            leaders="、".join(dict.fromkeys([*campaign.leaders, *unit_leaders])),
            registered=registered.isoformat(),
            deadline=_default_deadline(campaign, category, registered, calendar),
            deadline_days=policy.default_deadline_days.get(category or ""),
            default_days="；".join(
                f"{schema.label(('category',), c)} {d} 日"
                for c, d in policy.default_deadline_days.items()
            ),
            next_steps_due=has_started(campaign, "summary", registered),
            rehearing_due=has_started(campaign, "resolution", registered),
            reason_due=_after_resolution(campaign, category, registered, calendar),
            reported_later=registration is not None
            and (registered - registration.end).days > LATE_REGISTRATION_DAYS,
            registration_end=registration.end.isoformat() if registration else "",
        )
    )


def write_new(
    folder: Path, ids: UsedIds, year: int, unit: str, render: Callable[[str], str]
) -> Path:
    """Create the case file of the next free id of ``unit``; never overwrite another's file."""
    return write_next(folder, lambda: ids.next_id(year, unit), render)


def write_next(folder: Path, take: Callable[[], str], render: Callable[[str], str]) -> Path:
    """Create the file of the next free id (``take`` draws one) with mode ``x``, drawing again
    while a file of that name appears meanwhile; never overwrite another's file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise XinfangError(f"无法创建目录 {folder}（{os_reason(err)}）：请检查目录权限。") from err
    for _ in range(MAX_TRIES):
        case_id = take()
        path = folder / f"{case_id}.yml"
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(render(case_id))
        except FileExistsError:  # someone else took it a moment ago: take the next number
            continue
        except OSError as err:
            raise cannot_write(path, err, "请检查目录权限。") from err
        return path
    raise XinfangError(f"连续 {MAX_TRIES} 个编号都已被占用：请检查 {folder} 目录。")


def create_case(
    root: Path,
    campaign: Campaign,
    schema: Schema,
    calendar: WorkCalendar,
    unit: str,
    category: str | None,
    registered: date,
) -> tuple[Path, UsedIds]:
    """Write a new case file for ``unit`` under ``cases/``; its path, and the ids consulted."""
    ids = used_ids(root)

    def render(case_id: str) -> str:
        return render_case(case_id, unit, category, registered, campaign, schema, calendar)

    return write_new(root / CASES_DIR, ids, campaign.year, unit, render), ids


def unit_choice(
    campaign: Campaign, unit: str | None, role: str = "承办单位", command: str = "xinfang new"
) -> str:
    """The unit given by its code (any case) or its Chinese name, or the only one.

    A part of a name is enough when it names one unit only ("城关" for 城关镇). Anything else is
    a clear usage error listing the units (no prompt: CI has no stdin); ``role`` and ``command``
    say in it which unit is wanted and how to give it.
    """
    codes = list(campaign.units)
    listing = "；".join(f"{c} {campaign.unit_name(c)}" for c in codes)
    if unit is None:
        if len(codes) == 1:
            return codes[0]
        raise XinfangError(
            f"请用 --unit 指定{role}（代码或名称），例如 {command} --unit {codes[0]}。"
            f"可用的单位：{listing}。"
        )
    text = unit.strip()
    by_code = {code.upper(): code for code in codes}
    if text.upper() in by_code:
        return by_code[text.upper()]
    by_name = {u.name: code for code, u in campaign.units.items()}
    if text in by_name:
        return by_name[text]
    partial = [code for code, u in campaign.units.items() if text and text in u.name]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        names = "、".join(f"{c} {campaign.unit_name(c)}" for c in partial)
        raise XinfangError(f"“{text}”对应多个单位：{names}：请写完整的名称或单位代码。")
    unit_names = {code: u.name for code, u in campaign.units.items()}
    raise XinfangError(
        f"campaign.yml 中没有代码或名称为“{text}”的单位：{then(unit_hint(text, unit_names))}"
        f"请从以下单位中选择：{listing}。"
    )


def category_choice(schema: Schema, category: str | None) -> str | None:
    """The category given by its code (any case), its Chinese name (涉法涉诉, 突出信访问题…)
    or a word of it that names one category only (上访老户), as ``--kind`` takes names."""
    labels = schema.labels[("category",)]
    if category is None:
        return None
    text = category.strip()
    by_code = {code.lower(): code for code in labels}
    if text.lower() in by_code:
        return by_code[text.lower()]
    names = {code: {label, CATEGORY_SHORT.get(code, label)} for code, label in labels.items()}
    exact = [code for code, spelt in names.items() if text in spelt or f"{text}问题" in spelt]
    partial = [
        code for code, label in labels.items() if text and text.removesuffix("问题") in label
    ]
    for found in (exact, partial):
        if len(found) == 1:
            return found[0]
    listing = "；".join(
        f"{code} {CATEGORY_SHORT.get(code, label)}" for code, label in labels.items()
    )
    if "交办" in text:  # where the case came from, not its nature (the schema's source)
        raise XinfangError(
            f"“{text}”是案件来源，不是问题类别：请按问题性质写 --category（{listing}），"
            f"新建后在案件文件中把 source 写为 city_assigned（市交办）或 province_assigned（省交办）。"
        )
    raise XinfangError(
        f"问题类别“{text}”无效：请写代码或中文名称（{listing}），例如 --category 突出信访。"
    )
