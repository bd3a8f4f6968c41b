"""What an import found: the sheets and rows read, the files planned, and the report for the clerk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import Fault
from .rows import Problem

KIND_WORDS = {"case": "案件文件", "risk": "隐患文件"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Text a terminal and a UTF-8 file can take: a lone surrogate from a cell (which Excel
    writes as _xD800_) is shown as it was written."""
    return _SURROGATE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


@dataclass
class Candidate:
    """A row read as a record: its problems, what was assumed (notes) and the YAML comments."""

    row: int
    record: dict[str, Any]
    problems: list[Problem]
    assumed: list[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (mapping part, name)
    sheet: str = ""
    kind: str = "case"  # or risk: a 苗头隐患 without a petitioner


@dataclass
class Planned:
    row: int
    path: Path
    record: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    sheet: str = ""
    kind: str = "case"


@dataclass(frozen=True)
class SheetRead:
    name: str
    header_row: int
    from_data: bool = False


@dataclass
class ImportResult:
    root: Path
    file: Path
    sheet: str
    header_row: int
    from_data: bool
    write: bool
    planned: list[Planned] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: int = 0
    mapping_files: list[Path] = field(default_factory=list)
    sheets: list[SheetRead] = field(default_factory=list)
    skipped_sheets: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    source: str = ""  # what kind of file, when not .xlsx: （Excel 97-2003 工作簿）
    csv: str = ""  # the encoding of a CSV file
    petitioner_rows: int = 0  # ledger rows naming a petitioner, and of those, planned
    petitioner_planned: int = 0

    def where(self, sheet: str, row: int) -> str:
        return f"工作表“{sheet}”第 {row} 行" if len(self.sheets) > 1 else f"第 {row} 行"

    def _read(self) -> str:
        def how(s: SheetRead) -> str:
            return "完整记录" if s.from_data else f"台账，表头在第 {s.header_row} 行"

        name = f"{self.file.name}{self.source}" if self.source else f"{self.file.name} "
        if self.csv:
            return f"读取 {self.file.name}（CSV 文件，{self.csv}编码，{how(self.sheets[0])}）。"
        if len(self.sheets) == 1:
            s = self.sheets[0]
            return f"读取 {name}的工作表“{s.name}”（{how(s)}）。"
        shown = "、".join(f"“{s.name}”（{how(s)}）" for s in self.sheets)
        return f"读取 {name}的 {len(self.sheets)} 张工作表：{shown}。"

    def report(self) -> str:
        out = [self._read()]
        if self.skipped_sheets:
            out.append(
                "跳过工作表："
                + "、".join(f"“{name}”（{why}）" for name, why in self.skipped_sheets)
                + "。"
            )
        verb = "已新建" if self.write else "将新建"
        counts = {kind: sum(p.kind == kind for p in self.planned) for kind in KIND_WORDS}
        parts = [f"{counts['case']} 个案件文件"]
        if counts["risk"]:
            parts.append(f"{counts['risk']} 个隐患文件")
        out.append(f"{verb} {'、'.join(parts)}{'：' if self.planned else '。'}")
        for plan in self.planned:
            rel = plan.path.relative_to(self.root).as_posix()
            out.append(
                f"  {self.where(plan.sheet, plan.row)} → {rel}  {plan.record.get('title', '')}"
            )
            out += [f"    请核对：{note}" for note in plan.assumed]
            out += [f"    导入后须补充（xinfang check 会报错）：{note}" for note in plan.notes]
        rows = sorted({(f.sheet, f.row) for f in self.faults})
        if rows:
            out.append(f"不能导入 {len(rows)} 行：")
            out += [f"  {f.text()}" for f in self.faults]
        if self.petitioner_rows and not self.from_data:
            share = self.petitioner_planned * 100 // self.petitioner_rows
            out.append(
                f"有信访人的 {self.petitioner_rows} 行中能导入 {self.petitioner_planned} 行（{share}%）。"
            )
        if self.skipped:
            out.append(f"跳过空行 {self.skipped} 行。")
        out += [f"提示：{note}" for note in self.notes]
        if self.mapping_files:
            names = "、".join(str(p) for p in self.mapping_files)
            out.append(
                f"已写出 {names}：请在对应文件中填写单位代码等，把片段中的领导和单位补进 campaign.yml，"
                f"再加 --mapping 重新导入。"
            )
        if not self.write:
            out.append(
                "未写入任何文件：确认无误后加 --write 写入（只写入能导入的行，已有案件不会被覆盖）。"
            )
        elif self.planned:
            out.append("写入完成：请运行 xinfang check，补齐后提交合并请求。")
        return printable("\n".join(out))
