"""The units and leaders a ledger names, read with no campaign.yml: for a first campaign.yml.

``names_in_ledger(path)`` reads every ledger sheet of a workbook or CSV as the import does
(headings by their roots, dates and merged cells alike) and gathers the names written in the
unit columns (承办单位, 所属单位, 稳控单位), the sheets named after units, and the leader column
(包案领导). The spellings of one unit are counted once, under the longest of them (县检察院 and
县人民检察院 are one; 青山镇政府 is 青山镇), with the kind its ending suggests. A leader is a full
name, with the post written beside it (孙某某（副县长）, 县长助理 孙某某); a surname with a post
(孙县长) is a spelling of a leader named in full elsewhere with that surname and post, else a
finding: it is never proposed as a leader of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .ledger_rows import case_rows, choose_sheets
from .officials import Written, parse
from .row_values import NAME_SPLIT
from .sheet import Mapping
from .sources import open_ledger
from .units import _ending, _short_form, core, guess_kind

UNIT_KEYS = (
    "responsibility.unit",
    "petitioners.locality",
    "responsibility.stability_officer.unit",
)
LEADER_KEY = "responsibility.lead_official"
_COUNTY = re.compile(r"^[\u4e00-\u9fffA-Z]{1,4}县(?=[\u4e00-\u9fff]{2,})")


@dataclass(frozen=True)
class UnitName:
    name: str  # the canonical spelling: the longest one written
    kind: str | None  # township or department, from the ending; None when it says neither
    spellings: tuple[str, ...]  # every spelling written, in the order first met
    rows: int  # how many cells name it


@dataclass(frozen=True)
class LeaderName:
    name: str
    post: str  # as written beside the name; empty when none was
    spellings: tuple[str, ...]
    rows: int


@dataclass
class LedgerNames:
    units: list[UnitName] = field(default_factory=list)
    leaders: list[LeaderName] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # the ledger sheets read


def names_in_ledger(path: Path) -> LedgerNames:
    """The distinct units and leaders ``path`` names, and what could not be read as either."""
    book = open_ledger(path)
    out = LedgerNames()
    units: list[tuple[str, str]] = []  # (spelling, where)
    leaders: list[tuple[str, str]] = []
    try:
        plans, skipped = choose_sheets(book, None, Mapping())
        out.findings += [f"跳过工作表“{name}”：{why}" for name, why in skipped]
        for plan in plans:
            if plan.header is None:
                out.findings.append(
                    f"“{plan.name}”是导出的完整记录，其中的单位和领导已是代码和全名"
                )
                continue
            grid = book[plan.name]
            out.sheets.append(plan.name)
            if guess_kind(plan.name):
                units.append((plan.name, f"工作表“{plan.name}”的名称"))
            for row, cells, _ in case_rows(grid, plan.header, []):
                where = f"工作表“{plan.name}”第 {row} 行" if len(plans) > 1 else f"第 {row} 行"
                for key in UNIT_KEYS:
                    value = cells.get(key, ("", None))[1]
                    if isinstance(value, str) and value.strip():
                        units += [(v, where) for v in NAME_SPLIT.split(value.strip()) if v]
                value = cells.get(LEADER_KEY, ("", None))[1]
                if isinstance(value, str) and value.strip():
                    leaders += [
                        (v.strip(), where) for v in re.split(r"[、，,；;]", value) if v.strip()
                    ]
    finally:
        book.close()
    out.units = _units(units)
    out.leaders, found = _leaders(leaders)
    out.findings += found
    return out


def _key(name: str) -> str:
    return core(_COUNTY.sub("", name))


def _same(a: str, b: str) -> bool:
    """Two cores that name one unit: equal, one without its ending, or a short form."""
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        end = _ending(y)
        if end and x == y[: -len(end)]:
            return True
        if _short_form(x, y):
            return True
    return False


def _units(written: Iterable[tuple[str, str]]) -> list[UnitName]:
    groups: list[tuple[list[str], list[str], int]] = []  # (cores, spellings, count)
    for spelling, _ in written:
        name = re.sub(r"\s+", "", spelling)
        key = _key(name)
        if not key:
            continue
        group = next((g for g in groups if any(_same(key, k) for k in g[0])), None)
        if group is None:
            groups.append(([key], [name], 1))
            continue
        index = groups.index(group)
        cores, spellings, count = group
        groups[index] = (
            cores if key in cores else [*cores, key],
            spellings if name in spellings else [*spellings, name],
            count + 1,
        )
    out = []
    for cores, spellings, count in groups:
        name = _canonical(cores, spellings)
        out.append(UnitName(name, guess_kind(name), tuple(spellings), count))
    return out


def _canonical(cores: list[str], spellings: list[str]) -> str:
    """A township by its own name (青山镇, not 青山镇人民政府); a department by its longest
    spelling without the county's name (县人民检察院)."""
    longest = max(spellings, key=lambda s: (len(_COUNTY.sub("", s)), s.startswith("县")))
    longest = _COUNTY.sub("", longest)
    if guess_kind(longest) == "township":
        return max(cores, key=len)
    return longest


def _leaders(written: list[tuple[str, str]]) -> tuple[list[LeaderName], list[str]]:
    named: dict[str, tuple[str, list[str], int]] = {}  # name → (post, spellings, count)
    short: list[tuple[str, Written, str]] = []
    findings = []
    for text, where in written:
        found = parse(text)
        if found is None:
            findings.append(f"{where}的包案领导“{text[:30]}”不是一个人的姓名：请只写一位领导的全名")
        elif found.name:
            post, spellings, count = named.get(found.name, ("", [], 0))
            named[found.name] = (
                post or found.post,
                spellings if text in spellings else [*spellings, text],
                count + 1,
            )
        else:
            short.append((text, found, where))
    unnamed: dict[str, list[str]] = {}
    for text, found, where in short:
        fits = [
            n for n, (post, _, _) in named.items()
            if n.startswith(found.surname) and post and found.post.removeprefix("常务").removeprefix("副") in post
        ]  # fmt: skip
        if len(fits) == 1:
            post, spellings, count = named[fits[0]]
            named[fits[0]] = (
                post,
                spellings if text in spellings else [*spellings, text],
                count + 1,
            )
        else:
            unnamed.setdefault(text, []).append(where)
    for text, wheres in unnamed.items():
        shown = "、".join(wheres[:5]) + ("等" if len(wheres) > 5 else "")
        findings.append(
            f"包案领导“{text}”（{shown}）只写了姓和职务，不是一位领导的姓名：请在 campaign.yml 中写明"
            f"这位领导的全名和职务，导入时就能认出"
        )
    leaders = [LeaderName(n, post, tuple(s), c) for n, (post, s, c) in named.items()]
    return leaders, findings
