"""JSON Schema validation with located Chinese findings.

Valid records (the common case) pass the compiled validator (fastjsonschema) quickly; only a record
that fails is walked again by jsonschema, which lists every error with its path. Each error becomes
a finding on the line of the offending key, with the property's Chinese title and the fix
(``schema_messages.py``). One mistake gives one finding. Whatever the two validators decide, a
record is either valid or has located findings: should jsonschema find nothing where the fast
path refused, the fast path's own error is reported.

A comment right after an unquoted text (``demand: 反映 #3 号地块``) silently cuts the text: in a
field of free text that is an error, even though the record is valid.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import fastjsonschema
import jsonschema

from ..findings import Finding
from .builder import Loaded
from .schema import Schema
from .schema_messages import SINGLE_LINE, error_message, shown
from .schema_refs import resolved
from .yaml_nodes import LineDict, LineList, line_of

__all__ = ["error_message", "schema_errors", "validate"]

_FAST_RULES = {"pattern": "格式", "format": "格式", "type": "类型", "enum": "可选值"}


def _line(err: jsonschema.ValidationError, data: Any) -> int:
    path = list(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, LineDict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        if extra:
            return err.instance.lines.get(extra[0], line_of(data, path))
    return line_of(data, path)


def schema_errors(schema: Schema, data: Any) -> Iterator[jsonschema.ValidationError]:
    errors = list(schema.full.iter_errors(data))
    # A value outside an enum is often also of the wrong type (yes → true): the enum error,
    # which lists the choices, says enough. A date fails its format and its pattern: one says it.
    enum_paths = {tuple(e.absolute_path) for e in errors if e.validator == "enum"}
    date_paths = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    return (
        e
        for e in errors
        if not (e.validator == "type" and tuple(e.absolute_path) in enum_paths)
        and not (e.validator == "pattern" and tuple(e.absolute_path) in date_paths)
    )


def _subschema(schema: Schema, path: tuple[str | int, ...]) -> dict[str, Any] | None:
    """The schema of the value at ``path`` (properties and list items, local refs)."""
    node: Any = schema.document
    for step in path:
        node = resolved(schema.document, node)
        key = "items" if isinstance(step, int) else None
        node = node.get(key) if key else node.get("properties", {}).get(step)
        if not isinstance(node, dict):
            return None
    return resolved(schema.document, node)


def _free_text(node: dict[str, Any] | None) -> bool:
    """Whether a value is text as people write it (not a code, a date or a number)."""
    if not node or node.get("type") != "string" or "enum" in node or "const" in node:
        return False
    return (
        node.get("pattern", SINGLE_LINE) == SINGLE_LINE
        and node.get("format", "repo-path") == "repo-path"
    )


def _scalars(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """The path and line of every key's or item's value."""
    if isinstance(data, LineDict):
        for key, value in data.items():
            yield (*path, key), data.lines.get(key, 0)
            yield from _scalars(value, (*path, key))
    elif isinstance(data, LineList):
        for i, item in enumerate(data):
            yield (*path, i), data.lines[i] if i < len(data.lines) else 0
            yield from _scalars(item, (*path, i))


def _cut_comments(loaded: Loaded, schema: Schema) -> dict[tuple[str | int, ...], Finding]:
    """Free texts that a comment cut short, by path."""
    found: dict[tuple[str | int, ...], Finding] = {}
    for path, line in _scalars(loaded.data):
        if line not in loaded.cut_comments or not _free_text(_subschema(schema, path)):
            continue
        kept, comment = loaded.cut_comments[line]
        text = f"{kept} {comment}".replace("'", "''").replace("\n", " ")
        example = f"- '{text}'" if isinstance(path[-1], int) else f"{path[-1]}: '{text}'"
        found[path] = Finding(
            loaded.rel,
            line,
            "yaml-comment-cut",
            "error",
            f"“{schema.title(path)}”只读到了 {shown(kept)}：YAML 把 # 和后面的“{shown(comment)[1:-1]}”"
            f"当成了注释，丢掉了。请把整段文字用单引号括起来，例如 {shown(example, 60)[1:-1]}；"
            f"如果 # 后面是说明而不是内容，请把说明移到上一行。",
        )
    return found


def validate(loaded: Loaded, schema: Schema) -> bool:
    """Validate ``loaded.data``; add findings and return False when it does not conform."""
    cut = _cut_comments(loaded, schema) if loaded.cut_comments else {}
    try:
        schema.fast(loaded.data)
        if not cut:
            return True
        refused = None
    except fastjsonschema.JsonSchemaValueException as fast_error:
        refused = fast_error
    findings = list(cut.values())
    if refused is not None:
        said: set[tuple[int, str]] = set()
        for err in schema_errors(schema, loaded.data):
            if tuple(err.absolute_path) in cut:
                continue  # "3 #楼" read as the number 3: the cut comment says it
            line = _line(err, loaded.data)
            message = error_message(err, schema, loaded, line)
            if (line, message) not in said:
                said.add((line, message))
                findings.append(
                    Finding(loaded.rel, line, f"schema-{err.validator}", "error", message)
                )
        if not findings:
            findings.append(_fast_finding(loaded, schema, refused))
    loaded.findings.extend(findings)
    return False


def _fast_finding(
    loaded: Loaded, schema: Schema, err: fastjsonschema.JsonSchemaValueException
) -> Finding:
    """The fast path refused what jsonschema accepts: its own error, located and in Chinese."""
    path: list[str | int] = []
    node = loaded.data
    for step in (err.path or [])[1:]:  # list indexes come as text: "0"
        index = int(step) if isinstance(node, list) and str(step).isdigit() else None
        path.append(step if index is None else index)
        node = (
            node[index]
            if index is not None and index < len(node)
            else (node.get(step) if isinstance(node, dict) else None)
        )
    what = _FAST_RULES.get(str(err.rule), "要求")
    return Finding(
        loaded.rel,
        line_of(loaded.data, path),
        f"schema-{err.rule}",
        "error",
        f"“{schema.title(tuple(path))}”的值 {shown(err.value)} 不符合{what}：请对照填写说明修改这一项。",
    )
