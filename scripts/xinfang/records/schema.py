"""The JSON Schemas of the records: loaded, checked, compiled twice, with their Chinese titles.

fastjsonschema decides quickly whether a record is valid; jsonschema lists every error of one that
is not (see ``validate.py``). Titles and enum labels are collected by property path.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema.exceptions import SchemaError

from ..errors import ConfigError

SCHEMA_FILES = {
    "case": "case.schema.json",
    "campaign": "campaign.schema.json",
    # the records beside cases (records/duties.py)
    "risk": "risk.schema.json",
    "person": "person.schema.json",
    "assignment": "assignment.schema.json",
    "submission": "submission.schema.json",
    "accountability": "accountability.schema.json",
}


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


_FORMAT_CHECKER = jsonschema.FormatChecker(formats=())
_FORMAT_CHECKER.checks("date")(_is_date)


@dataclass
class Schema:
    """One record type's schema, compiled, with its titles and enum labels."""

    kind: str
    document: dict[str, Any]
    fast: Callable[[Any], Any]
    full: jsonschema.protocols.Validator
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    labels: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)

    def title(self, path: tuple[str | int, ...]) -> str:
        keys = tuple(p for p in path if isinstance(p, str))
        return self.titles.get(keys, keys[-1] if keys else self.document.get("title", "记录"))

    def label(self, path: tuple[str, ...], code: object) -> str:
        return self.labels.get(path, {}).get(str(code), str(code))


def _walk(schema: dict[str, Any], doc: dict[str, Any], path: tuple[str, ...], out: Schema) -> None:
    """Collect titles and enum labels by property path (list items share their list's path)."""
    target = schema
    if "$ref" in schema:
        target = {**_resolve(doc, schema["$ref"]), **schema}
    if "title" in schema and path:
        out.titles.setdefault(path, schema["title"])
    if "enum" in target and "enumDescriptions" in target:
        out.labels[path] = dict(
            zip(map(str, target["enum"]), target["enumDescriptions"], strict=True)
        )
    for key, sub in target.get("properties", {}).items():
        _walk(sub, doc, (*path, key), out)
    if isinstance(target.get("items"), dict):
        _walk(target["items"], doc, path, out)


def _resolve(doc: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


class _NotInlinable(Exception):
    pass


def _fast_document(document: dict[str, Any]) -> dict[str, Any]:
    """The schema for fastjsonschema: a copy with each local ``$ref`` replaced by its target.

    fastjsonschema passes a formatted error path to the function of every ``$ref`` it calls,
    even when the value is valid: with refs inside list items, that was a third of the time
    spent validating. Draft 7 ignores a ``$ref``'s siblings (titles, descriptions here), and so
    does fastjsonschema, so the copy accepts exactly what the original does. Refs that are not
    plain local pointers, cycles and nested ``$id``s keep the original.
    """
    try:
        inlined: dict[str, Any] = _inline(document, document, ())
        return inlined
    except _NotInlinable:
        return copy.deepcopy(document)


def _inline(node: Any, doc: dict[str, Any], expanding: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(item, doc, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    if "$id" in node and node is not doc:
        raise _NotInlinable
    ref = node.get("$ref")
    if ref is not None:
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in expanding:
            raise _NotInlinable
        if "~" in ref or "%" in ref:
            raise _NotInlinable
        target: Any = doc
        for part in ref[2:].split("/"):
            if not isinstance(target, dict) or part not in target:
                raise _NotInlinable
            target = target[part]
        if not isinstance(target, dict):
            raise _NotInlinable
        return _inline(target, doc, (*expanding, ref))
    return {
        key: copy.deepcopy(value) if key in _DATA_KEYWORDS else _inline(value, doc, expanding)
        for key, value in node.items()
    }


_DATA_KEYWORDS = frozenset({"enum", "const", "default", "examples"})  # values, not schemas


def _checked_by(full: jsonschema.protocols.Validator) -> Callable[[Any], Any]:
    """A ``fast`` that asks jsonschema: for kinds of few records, where compiling costs more."""

    def check(data: Any) -> Any:
        if not full.is_valid(data):
            raise fastjsonschema.JsonSchemaValueException("不符合模式")
        return data

    return check


def load_schema(root: Path, kind: str, compiled: bool = True) -> Schema:
    """The schema of ``kind``; ``compiled``: with fastjsonschema's compiled validator, which pays
    off for thousands of records (compiling one schema takes about as long as validating a few
    hundred records with jsonschema)."""
    path = root / "schema" / SCHEMA_FILES[kind]
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(document)
        # fastjsonschema rewrites $ref in place: give it its own copy.
        fast = (
            fastjsonschema.compile(_fast_document(document), formats={"date": _is_date})
            if compiled
            else None
        )
    except FileNotFoundError as err:
        raise ConfigError(f"找不到模式文件 {path}：请从仓库恢复 schema/ 目录。") from err
    except (json.JSONDecodeError, SchemaError, fastjsonschema.JsonSchemaDefinitionException) as err:
        raise ConfigError(f"模式文件 {path} 无效（{err}）：请从仓库恢复或修正它。") from err
    full = jsonschema.Draft7Validator(document, format_checker=_FORMAT_CHECKER)
    schema = Schema(kind, document, fast or _checked_by(full), full)
    _walk(document, document, (), schema)
    return schema
