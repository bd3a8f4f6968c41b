"""Records as case files: the YAML the loader reads back into the same record."""

from __future__ import annotations

import re
from typing import Any

import yaml

MODELINE = "# yaml-language-server: $schema=../schema/case.schema.json"


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, never an anchor."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    """Short lists of codes on one line, as the records write them: flags: [repeat, collective]."""
    flow = all(isinstance(i, str) and re.fullmatch(r"[a-z_]+", i) for i in data) and len(data) < 8
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    """Numbers kept as text (身份证号, 电话) in quotes, as the schema asks; other text plain."""
    style = "'" if re.fullmatch(r"[0-9][0-9X-]*", data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _list)
_Dumper.add_representer(str, _str)


def dump_case(record: dict[str, Any], source: str, comments: dict[str, str] | None = None) -> str:
    """The record as a case file; ``comments`` (top-level key → text) mark what was assumed."""
    body = yaml.dump(
        record,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100_000,
        default_flow_style=False,
    )
    if comments:
        lines = body.split("\n")
        for i, line in enumerate(lines):
            key = line.split(":", 1)[0]
            if key in comments and not line.startswith((" ", "-")):
                lines[i] = f"# {_one_line(comments[key])}\n{line}"
        body = "\n".join(lines)
    return f"{MODELINE}\n# 由 xinfang import 导入：{_one_line(source)}\n{body}"


def _one_line(text: str) -> str:
    """Text for a YAML comment: one line (a file or sheet name may hold a line break)."""
    return " ".join(text.split())
