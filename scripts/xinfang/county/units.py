"""The member units of a new campaign: read from a list a clerk keeps, kinds guessed, codes given.

A units list is a text file with one unit a line (UTF-8 or GBK, as Windows Notepad saves it; after
the name, optionally its kind and reviewers' accounts), or an Excel sheet with a column of names
and, optionally, columns of kinds and reviewers. Codes follow the county's order: T01… for the
townships (乡、镇、街道), D01… for the departments. A kind not written is guessed from the name and
said so, for the clerk to confirm. A blank line between names, a name given twice, a kind that
cannot be told: each is named with its file and line, and nothing is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import XinfangError, os_reason

TOWNSHIP, DEPARTMENT = "township", "department"
KIND_ZH = {TOWNSHIP: "乡镇", DEPARTMENT: "部门"}
PREFIX = {TOWNSHIP: "T", DEPARTMENT: "D"}

#: How a clerk writes a kind.
KIND_WORDS = {
    "乡镇": TOWNSHIP, "乡": TOWNSHIP, "镇": TOWNSHIP, "街道": TOWNSHIP, "township": TOWNSHIP,
    "部门": DEPARTMENT, "单位": DEPARTMENT, "department": DEPARTMENT,
}  # fmt: skip

#: A township's name ends so (after 人民政府、党委 and the like); 街道办事处 before 办.
TOWNSHIP_ENDS = ("乡", "镇", "街道", "办事处")
GOVERNMENT = re.compile(r"(人民政府|政府|党委|党工委)$")
#: A department's name holds one of these.
DEPARTMENT_WORDS = (
    "局",
    "委",
    "院",
    "办",
    "中心",
    "部",
    "厅",
    "室",
    "所",
    "站",
    "队",
    "会",
    "社",
    "公司",
)

REVIEWER = re.compile(r"^@?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?$")
SEPARATORS = re.compile(r"[\s,，、;；]+")


@dataclass(frozen=True)
class Leader:
    name: str
    post: str


@dataclass(frozen=True)
class UnitSpec:
    """One member unit, as the campaign file will list it."""

    name: str
    kind: str  # township | department
    code: str = ""  # given by ``with_codes`` when empty
    reviewers: tuple[str, ...] = ()
    leaders: tuple[Leader, ...] = ()
    guessed: bool = False  # the kind was guessed from the name


def guess_kind(name: str) -> str | None:
    """Township or department, told by the name; None when the name does not tell."""
    bare = GOVERNMENT.sub("", name)
    if bare.endswith(TOWNSHIP_ENDS):
        return TOWNSHIP
    if any(word in name for word in DEPARTMENT_WORDS):
        return DEPARTMENT
    return None


def with_codes(units: Sequence[UnitSpec]) -> list[UnitSpec]:
    """Codes for the units that have none, T01… and D01… in the list's order, after the
    highest code of the kind already given."""
    taken = {u.code for u in units if u.code}
    counters = {TOWNSHIP: 0, DEPARTMENT: 0}
    out = []
    for unit in units:
        if unit.code:
            out.append(unit)
            continue
        while True:
            counters[unit.kind] += 1
            code = f"{PREFIX[unit.kind]}{counters[unit.kind]:02d}"
            if code not in taken:
                break
        taken.add(code)
        out.append(replace(unit, code=code))
    return out


class UnitsError(XinfangError):
    """The units list cannot be used; the message names each bad line."""


@dataclass
class _Reader:
    """The units of one list, and what is wrong with its lines."""

    source: str
    units: list[UnitSpec]
    faults: list[str]
    first_line: dict[str, int]

    def add(self, line: int, name: str, kind_text: str, reviewers: Iterable[str]) -> None:
        where = f"{self.source} 第 {line} 行"
        name = name.strip()
        if name in self.first_line:
            self.faults.append(
                f"{where}：“{name}”与第 {self.first_line[name]} 行重复：每个单位只写一次，请删去一行。"
            )
            return
        self.first_line[name] = line
        kind = KIND_WORDS.get(kind_text.strip().lower()) if kind_text.strip() else guess_kind(name)
        if kind is None:
            what = (
                f"类型“{kind_text.strip()}”不认识"
                if kind_text.strip()
                else "从名称看不出是乡镇还是部门"
            )
            self.faults.append(
                f"{where}：“{name}”{what}：请在名称后写“乡镇”或“部门”"
                f"（Excel 名单写在“类型”列），例如 “{name} 部门”。"
            )
            return
        accounts = []
        for account in reviewers:
            if not REVIEWER.match(account):
                self.faults.append(
                    f"{where}：审核人账号“{account}”不对：请写代码托管平台的用户名或团队名，"
                    f"例如 @chengguan-xf，只用字母、数字和 - _ . 。"
                )
                return
            accounts.append(account if account.startswith("@") else f"@{account}")
        self.units.append(UnitSpec(name, kind, reviewers=tuple(accounts), guessed=not kind_text))

    def blank(self, line: int) -> None:
        self.faults.append(
            f"{self.source} 第 {line} 行是空行：名单中间不能有空行，请删去它（或在这一行写上单位名称）。"
        )

    def result(self) -> list[UnitSpec]:
        if not self.units and not self.faults:
            self.faults.append(f"{self.source} 中没有单位：请每行写一个单位名称。")
        if self.faults:
            raise UnitsError("单位名单有问题，没有建立任何文件：\n" + "\n".join(self.faults))
        return with_codes(self.units)


def _decode(raw: bytes, source: str) -> str:
    """Text as Notepad saves it: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnitsError(f"{source} 既不是 UTF-8 也不是 GBK 编码的文本：请用记事本打开后另存为 UTF-8。")


def _split_line(text: str) -> tuple[str, str, list[str]]:
    """Name, kind and reviewers of a line such as ``城关镇 乡镇 @chengguan-xf``."""
    words = [w for w in SEPARATORS.split(text.strip()) if w]
    name, kind, reviewers = words[0], "", []
    for word in words[1:]:
        if word.lower() in KIND_WORDS and not kind:
            kind = word
        elif word.startswith("@") or REVIEWER.match(word):
            reviewers.append(word)
        else:  # a name with a space in it
            name = f"{name}{word}"
    return name, kind, reviewers


def read_text_units(raw: bytes, source: str) -> list[UnitSpec]:
    reader = _Reader(source, [], [], {})
    lines = _decode(raw, source).splitlines()
    while lines and not lines[-1].strip():  # the empty line an editor leaves at the end
        lines.pop()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            reader.blank(number)
            continue
        name, kind, reviewers = _split_line(line)
        reader.add(number, name, kind, reviewers)
    return reader.result()


NAME_HEADINGS = ("单位名称", "名称", "单位", "成员单位")
KIND_HEADINGS = ("单位类型", "类型", "类别")
REVIEWER_HEADINGS = ("审核人", "审核账号", "审核人账号", "reviewers")


def _column(headings: list[str], wanted: tuple[str, ...]) -> int | None:
    for want in wanted:
        if want in headings:
            return headings.index(want)
    return None


def read_sheet_units(path: Path, source: str) -> list[UnitSpec]:
    """The units of the first sheet: a heading row, then one unit a row."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # a damaged or encrypted workbook, not a workbook at all
        raise UnitsError(
            f"{source} 无法作为 Excel 工作簿读取（{type(err).__name__}）：请用 Excel 打开后另存为 .xlsx。"
        ) from err
    try:
        rows = [
            ["" if v is None else str(v).strip() for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if not any(any(row) for row in rows):
        raise UnitsError(f"{source} 的第一张工作表是空的：请在表头写“单位名称”，下面每行一个单位。")
    # The heading row: the first with a name column (a title row may stand above it).
    start = next((i for i, row in enumerate(rows) if _column(row, NAME_HEADINGS) is not None), None)
    if start is None:
        raise UnitsError(
            f"{source} 的表头中没有“单位名称”列：请把单位名称所在列的表头写成“单位名称”"
            f"（可另有“类型”“审核人”两列）。"
        )
    headings = rows[start]
    name_col = _column(headings, NAME_HEADINGS)
    kind_col, reviewer_col = _column(headings, KIND_HEADINGS), _column(headings, REVIEWER_HEADINGS)
    reader = _Reader(source, [], [], {})

    def cell(row: list[str], col: int | None) -> str:
        return row[col] if col is not None and col < len(row) else ""

    for number, row in enumerate(rows[start + 1 :], start + 2):
        name = cell(row, name_col)
        if not name:
            reader.blank(number)
            continue
        reviewers = [w for w in SEPARATORS.split(cell(row, reviewer_col)) if w]
        reader.add(number, name, cell(row, kind_col), reviewers)
    return reader.result()


def read_units(path: Path) -> list[UnitSpec]:
    """The units listed in a text file or an Excel workbook (.xlsx)."""
    source = path.name
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnitsError(f"{source} 是旧版 Excel 文件（.xls）：请用 Excel 另存为 .xlsx 后再用。")
    try:
        if suffix in (".xlsx", ".xlsm"):
            if not path.is_file():
                raise FileNotFoundError(path)
            return read_sheet_units(path, source)
        raw = path.read_bytes()
    except OSError as err:
        raise UnitsError(
            f"无法读取单位名单 {path}（{os_reason(err)}）：请检查文件名和路径。"
        ) from err
    return read_text_units(raw, source)


def confirmation(units: Sequence[UnitSpec]) -> list[str]:
    """The units as the campaign file will list them, for the clerk to confirm."""
    lines = []
    for unit in units:
        how = "（按名称判断，请核对）" if unit.guessed else ""
        reviewers = f"  审核人 {' '.join(unit.reviewers)}" if unit.reviewers else ""
        lines.append(f"  {unit.code}  {unit.name}  {KIND_ZH[unit.kind]}{how}{reviewers}")
    return lines
