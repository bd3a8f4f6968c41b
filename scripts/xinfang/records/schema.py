"""The JSON Schemas of the records: loaded, checked, compiled twice, with their Chinese titles.

fastjsonschema decides quickly whether a record is valid; jsonschema lists every error of one that
is not (see ``validate.py``). Both read ``pattern`` as the editor's JavaScript does: ``$`` is the
end of the text, never "before a final line break" as in Python, so that both validators (and
the editor) agree on ``'13855661234\\n'``. Titles and enum labels are collected by property path.
A schema that leaves out a key the typed model needs (``case.py``, ``campaign.py``) is refused
when it loads (``schema_model.py``), with the key named, rather than failing later on some record.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema.exceptions import SchemaError, ValidationError

from ..errors import ConfigError
from .kinds import KINDS
from .schema_model import check_model
from .schema_refs import resolved

SCHEMA_FILES = {
    "case": "case.schema.json",
    "campaign": "campaign.schema.json",
    # the records beside cases, each kind of records/kinds.py
    **{kind.name: f"{kind.name}.schema.json" for kind in KINDS},
}


#: The dates a record, the campaign or an as-of date may hold. A year outside is a typo (0208 for
#: 2008), and every period counted from a date inside stays far from the end of the calendar
#: (year 9999), where a deadline could no longer be computed.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
DATE_RANGE = f"{EARLIEST.isoformat()} 至 {LATEST.isoformat()}"


def out_of_range(day: date) -> bool:
    return not EARLIEST <= day <= LATEST


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10 and not out_of_range(day)


MAX_PATH_PART_BYTES = 255  # a file or folder name, on every common file system
MAX_PATH_BYTES = 1024


def path_problem(value: str) -> str | None:
    """Why a path written in a record cannot name a file in a checkout, or None."""
    if "\x00" in value:
        return "含有空字符"
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError:
        return "含有无法编码的字符"
    for part in value.replace("\\", "/").split("/"):
        part_size = len(part.encode("utf-8"))
        if part_size > MAX_PATH_PART_BYTES:
            return (
                f"其中一段有 {part_size} 字节，超过文件名 {MAX_PATH_PART_BYTES} 字节"
                f"（约 85 个汉字）的上限"
            )
    if size > MAX_PATH_BYTES:
        return f"共有 {size} 字节，超过路径 {MAX_PATH_BYTES} 字节的上限"
    return None


def _is_repo_path(value: object) -> bool:
    return not isinstance(value, str) or path_problem(value) is None


FORMATS = {"date": _is_date, "repo-path": _is_repo_path}
_FORMAT_CHECKER = jsonschema.FormatChecker(formats=())
for _name, _check in FORMATS.items():
    _FORMAT_CHECKER.checks(_name)(_check)

_DOLLAR = re.compile(r"(?<!\\)\$")  # what fastjsonschema rewrites to \Z


@functools.cache
def end_anchored(pattern: str) -> re.Pattern[str]:
    """``pattern`` with ``$`` meaning the end of the text (JavaScript's and fastjsonschema's)."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not end_anchored(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _frozen(value: Any) -> Any:
    """A value as something hashable that is equal where JSON Schema says values are equal
    (1 and 1.0 are one value, true and 1 are two; an object's keys have no order)."""
    if isinstance(value, bool):
        return (bool, value)  # no JSON value is the type bool: never equal to a list's tuple
    if isinstance(value, dict):
        return frozenset((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def unique(items: list[Any]) -> bool:
    """Whether no two items are equal, in linear time. jsonschema sorts the items, and where
    they cannot be sorted (objects, mixed types) compares every pair: a 250 KB list of objects
    took minutes."""
    return len({_frozen(item) for item in items}) == len(items)


def _unique_items(
    validator: Any, wanted: bool, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if wanted and validator.is_type(instance, "array") and not unique(instance):
        yield ValidationError("has non-unique elements")


_ITEMS = jsonschema.Draft7Validator.VALIDATORS["items"]


def _items(
    validator: Any, items: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """The items of a list up to its cap (maxItems): past it, the cap's one error says enough,
    rather than one error for each of thousands of items."""
    cap = schema.get("maxItems")
    if isinstance(cap, int) and isinstance(instance, list) and len(instance) > cap:
        instance = instance[:cap]
    yield from _ITEMS(validator, items, instance, schema)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft7Validator,
    {"pattern": _pattern, "uniqueItems": _unique_items, "items": _items},
)


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
    target = resolved(doc, schema)
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
            fastjsonschema.compile(_fast_document(document), formats=FORMATS) if compiled else None
        )
    except FileNotFoundError as err:
        raise ConfigError(f"找不到模式文件 {path}：请从仓库恢复 schema/ 目录。") from err
    except json.JSONDecodeError as err:
        raise ConfigError(
            f"模式文件 {path} 第 {err.lineno} 行第 {err.colno} 列不是有效的 JSON："
            f"请检查逗号、引号和括号，或从仓库恢复它。"
        ) from err
    except UnicodeDecodeError as err:
        raise ConfigError(f"模式文件 {path} 不是 UTF-8 编码：请从仓库恢复它。") from err
    except SchemaError as err:
        where = "/".join(map(str, err.absolute_path)) or "顶层"
        raise ConfigError(
            f"模式文件 {path} 不是有效的 JSON Schema（{where} 处的 {err.validator} 不对）："
            f"请从仓库恢复或修正它。"
        ) from err
    except fastjsonschema.JsonSchemaDefinitionException as err:
        raise ConfigError(f"模式文件 {path} 无法编译：请从仓库恢复或修正它。") from err
    full = _Validator(document, format_checker=_FORMAT_CHECKER)
    schema = Schema(kind, document, fast or _checked_by(full), full)
    _walk(document, document, (), schema)
    check_model(schema.kind, schema.document, schema.titles, path)
    return schema
