"""What an import found: the rows read, the files planned, and the report for the clerk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .records import Fault
from .rows import Problem


@dataclass
class Candidate:
    """A row read as a record: its problems, what was assumed (notes) and the YAML comments."""

    row: int
    record: dict[str, Any]
    problems: list[Problem]
    assumed: list[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (mapping part, name)


@dataclass
class Planned:
    row: int
    path: Path
    record: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)


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

    def report(self) -> str:
        how = "完整记录" if self.from_data else f"台账，表头在第 {self.header_row} 行"
        out = [f"读取 {self.file.name} 的工作表“{self.sheet}”（{how}）。"]
        verb = "已新建" if self.write else "将新建"
        out.append(
            f"{verb} {len(self.planned)} 个案件文件：" if self.planned else f"{verb} 0 个案件文件。"
        )
        for plan in self.planned:
            rel = plan.path.relative_to(self.root).as_posix()
            out.append(f"  第 {plan.row} 行 → {rel}  {plan.record.get('title', '')}")
            out += [f"    请核对：{note}" for note in plan.assumed]
            out += [f"    导入后须补充（xinfang check 会报错）：{note}" for note in plan.notes]
        rows = sorted({f.row for f in self.faults})
        if rows:
            out.append(f"不能导入 {len(rows)} 行：")
            out += [f"  {f.text()}" for f in self.faults]
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
        return "\n".join(out)
