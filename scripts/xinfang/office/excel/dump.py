"""Records as case files: the YAML the loader reads back into the same record."""

from __future__ import annotations

import re
from typing import Any

import yaml

MODELINE = "# yaml-language-server: $schema=../schema/{kind}.schema.json"


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

_FAST = bool(getattr(yaml, "__with_libyaml__", False))  # libyaml's emitter: ten times as fast


class _CDumper(yaml.CSafeDumper if _FAST else yaml.SafeDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


_CDumper.add_representer(list, _list)
_CDumper.add_representer(str, _str)


def _indent_sequences(text: str) -> str:
    """libyaml writes a list under a key at the key's own indent ("key:\n- a"); indent it by
    two, as the records are written ("key:\n  - a"), with everything nested in it."""
    out = []
    regions: list[int] = []  # the indents of the open lists that are shifted
    key_at = -1  # the indent of the last line that ended in "key:"
    for line in text.split("\n"):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        item = body.startswith("- ") or body == "-"
        while regions and body and not (indent > regions[-1] or (indent == regions[-1] and item)):
            regions.pop()
        if item and indent == key_at and (not regions or regions[-1] != indent):
            regions.append(indent)
        out.append(" " * (2 * len(regions)) + line if body else line)
        key_at = indent if body.endswith(":") and not item else -1
    return "\n".join(out)


def _body(record: dict[str, Any], fast: bool) -> str:
    options: dict[str, Any] = {
        "allow_unicode": True, "sort_keys": False, "width": 100_000, "default_flow_style": False,
    }  # fmt: skip
    if fast and _FAST:
        return _indent_sequences(yaml.dump(record, Dumper=_CDumper, **options))
    return yaml.dump(record, Dumper=_Dumper, **options)


def dump_case(
    record: dict[str, Any],
    source: str,
    comments: dict[str, str] | None = None,
    fast: bool = True,
    kind: str = "case",
) -> str:
    """The record as a case (or ``kind``) file; ``comments`` (a key, or a key and the key within
    it, as ``responsibility.deadline`` → text) mark what was assumed.

    ``fast``: with libyaml's emitter, whose text the caller reads back to compare (the import
    does); else with PyYAML's own, as sure and ten times as slow.
    """
    body = _body(record, fast)
    if comments:
        body = _commented(body, comments)
    return f"{MODELINE.format(kind=kind)}\n# 由 xinfang import 导入：{_one_line(source)}\n{body}"


def _commented(body: str, comments: dict[str, str]) -> str:
    lines = body.split("\n")
    out = []
    parent = ""
    for line in lines:
        key = line.strip().split(":", 1)[0]
        if not line.startswith((" ", "-")):
            parent = key
            found = comments.get(key)
        elif (
            line.startswith("  ")
            and not line.startswith("   ")
            and not line.strip().startswith("-")
        ):
            found = comments.get(f"{parent}.{key}")
        else:
            found = None
        if found:
            indent = line[: len(line) - len(line.lstrip(" "))]
            out.append(f"{indent}# {_one_line(found)}")
        out.append(line)
    return "\n".join(out)


def _one_line(text: str) -> str:
    """Text for a YAML comment: one line (a file or sheet name may hold a line break)."""
    return " ".join(text.split())
