"""JSON Schema validation with located Chinese findings.

Valid records (the common case) pass the compiled validator (fastjsonschema) quickly; only a record
that fails is walked again by jsonschema, which lists every error with its path. Each error becomes
a finding on the line of the offending key, with the property's Chinese title and the fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import fastjsonschema
import jsonschema

from ..findings import Finding
from .loader import Loaded
from .schema import Schema
from .yaml_nodes import LineDict, line_of

_TYPES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表（每项以“- ”开头）",
    "object": "若干“键: 值”",
    "null": "空",
}


def _yaml11_hint(loaded: Loaded, line: int, value: object) -> str:
    if isinstance(value, bool) and line in loaded.yaml11_bools:
        spelt = loaded.yaml11_bools[line]
        return f"（YAML 把不带引号的 {spelt} 读成了布尔值 {str(value).lower()}；要写文字请加引号：'{spelt}'）"
    return ""


def error_message(
    err: jsonschema.ValidationError, schema: Schema, loaded: Loaded, line: int
) -> str:
    path = tuple(err.absolute_path)
    title = schema.title(path)
    keys = tuple(p for p in path if isinstance(p, str))
    value = err.instance
    shown = str(value).lower() if isinstance(value, bool) else repr(value)
    match err.validator:
        case "required":
            missing = str(err.message).split("'")[1]
            sub = schema.titles.get((*keys, missing), missing)
            where = f"在“{title}”下" if keys else "在记录中"
            return f"缺少必填项“{sub}”（{missing}）：请{where}添加 {missing}。"
        case "additionalProperties":
            allowed = "、".join(sorted(err.schema.get("properties", {})))
            return f"“{title}”下有未知的键 {_extra_keys(err)}：请检查拼写，可用的键有 {allowed}。"
        case "enum":
            options = "、".join(f"{c}（{schema.label(keys, c)}）" for c in err.validator_value)
            hint = _yaml11_hint(loaded, line, value)
            return f"“{title}”的值 {shown} 不在可选范围内{hint}：请从 {options} 中选择。"
        case "type":
            expected = err.validator_value
            names = "或".join(
                _TYPES.get(str(t), str(t))
                for t in (expected if isinstance(expected, list) else [expected])
            )
            hint = _yaml11_hint(loaded, line, value)
            if (
                expected == "string"
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                hint = f"（数字会被读成数值：电话、身份证号等请加引号，例如 '{value}'）"
            return f"“{title}”应为{names}{hint}：请改正这一项。"
        case "format" | "pattern" if (
            err.validator == "format" or "[0-9]{4}-[0-9]{2}-[0-9]{2}" in str(err.validator_value)
        ):
            return (
                f"“{title}”的日期 {value!r} 无效：请写成带引号的 'YYYY-MM-DD'，例如 '2008-04-20'。"
            )
        case "pattern":
            desc = err.schema.get("description", "")
            return f"“{title}”的值 {value!r} 格式不对：{desc or '请按说明填写。'}"
        case "minLength":
            return f"“{title}”不能为空：请填写内容。"
        case "maxLength":
            return f"“{title}”太长（最多 {err.validator_value} 个字）：请精简。"
        case "minItems":
            return f"“{title}”至少要有 {err.validator_value} 项：请补充。"
        case "uniqueItems":
            return f"“{title}”中有重复项：请删除重复的一项。"
        case "minimum" | "maximum":
            return f"“{title}”的值 {value!r} 超出范围：{err.message}。"
    return f"“{title}”不符合要求（{err.message}）：请对照模式说明修改。"


def _extra_keys(err: jsonschema.ValidationError) -> str:
    allowed = set(err.schema.get("properties", {}))
    instance = err.instance if isinstance(err.instance, dict) else {}
    return "、".join(k for k in instance if k not in allowed)


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
    # which lists the choices, says enough.
    enum_paths = {tuple(e.absolute_path) for e in errors if e.validator == "enum"}
    return (
        e for e in errors if not (e.validator == "type" and tuple(e.absolute_path) in enum_paths)
    )


def validate(loaded: Loaded, schema: Schema) -> bool:
    """Validate ``loaded.data``; add findings and return False when it does not conform."""
    try:
        schema.fast(loaded.data)
        return True
    except fastjsonschema.JsonSchemaValueException:
        pass
    for err in schema_errors(schema, loaded.data):
        line = _line(err, loaded.data)
        loaded.findings.append(
            Finding(
                loaded.rel,
                line,
                f"schema-{err.validator}",
                "error",
                error_message(err, schema, loaded, line),
            )
        )
    return False
