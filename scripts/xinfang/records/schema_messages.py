"""Each schema error said in Chinese: what is wrong, the real limit, and the fix.

Every Draft 7 keyword has its own message, and none repeats jsonschema's English. Values are
shown short (a 4,000-digit number or a page of text is cut), and where YAML read a plain text as
something else (``yes`` as true, ``3.10`` as 3.1, ``~`` as nothing), the message says so.
"""

from __future__ import annotations

import ast
import re
from datetime import date

import jsonschema

from .builder import Loaded
from .characters import shown_key
from .schema import DATE_RANGE, Schema, end_anchored, path_problem
from .syntax_messages import key_hint, value_hint
from .yaml_nodes import LongNumber

_TYPES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表（每项以“- ”开头）",
    "object": "若干“键: 值”",
    "null": "空",
}
_KINDS = {bool: "布尔值", int: "数字", float: "数字", LongNumber: "数字"}
SINGLE_LINE = "^[^\\n\\r\\t]*$"  # the pattern of texts shown on one line (titles, names)
# A count written with its unit word, as on paper: 1人, 12 户, 3名.
COUNT_WITH_WORD = re.compile(r"^(\d+)\s*(人次|人|名|户|位|个|次|件|封|起|批)$")
PRIVATE = frozenset({"id_number", "phone"})  # numbers a message (and so the site) never shows


def shown(value: object, limit: int = 40) -> str:
    """A value as a message shows it: short, quoted when text, never a huge number's digits."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "空值"
    if isinstance(value, int) and value.bit_length() > 64:  # not from YAML (see LongNumber)
        return f"（{value.bit_length()} 位二进制的整数）"
    if isinstance(value, dict):
        return "若干“键: 值”"
    if isinstance(value, list):
        return "一个列表"
    return _short(repr(value), limit)


def _real_date(value: object) -> bool:
    """A date the calendar has, written right: refused only for being out of range."""
    try:
        return isinstance(value, str) and len(value) == 10 and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _show(value: object, keys: tuple[str, ...]) -> str:
    return "（号码不显示）" if keys and keys[-1] in PRIVATE else shown(value)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[: limit - 8]}…{text[-6:]}"


def _missing_key(err: jsonschema.ValidationError) -> str:
    """The key a "required" error is about: jsonschema names it only in its message."""
    quoted = str(err.message).removesuffix(" is a required property")
    try:
        key = ast.literal_eval(quoted)
    except (ValueError, SyntaxError):
        key = quoted
    return str(key)


def _length(value: object) -> int:
    return len(value) if isinstance(value, str) else 0


def _plain_hint(loaded: Loaded, line: int, value: object, expected: object) -> str:
    """What YAML made of an unquoted text, and how to keep it as typed."""
    source = loaded.plain_texts.get(line)
    if isinstance(value, bool) and line in loaded.yaml11_bools:
        spelt = loaded.yaml11_bools[line]
        return f"（YAML 把不带引号的 {spelt} 读成了布尔值 {str(value).lower()}；要写文字请加引号：'{spelt}'）"
    if expected != "string" or source is None or isinstance(value, str):
        return ""
    kind = _KINDS.get(type(value), "其他类型")
    read = "" if isinstance(value, LongNumber) or str(value) == source else f" {shown(value)}"
    typed = _short(source)
    return f"（YAML 把不带引号的 {typed} 读成了{kind}{read}；要写文字请加引号，例如 '{typed}'）"


def _type_message(
    err: jsonschema.ValidationError, title: str, loaded: Loaded, line: int, private: bool
) -> str:
    expected = err.validator_value
    names = "或".join(
        _TYPES.get(str(t), str(t)) for t in (expected if isinstance(expected, list) else [expected])
    )
    value = err.instance
    if value is None:
        source = loaded.plain_texts.get(line, "")
        read = f"YAML 把 {source} 读成了空值" if source.strip() else "冒号后面什么也没写"
        return f"“{title}”应为{names}，这里没有填写（{read}）：请填写。"
    if isinstance(value, LongNumber) and expected in ("integer", "number"):
        limit = err.schema.get("maximum")
        most = f"最大是 {limit}" if limit is not None else "记录里的整数最多 18 位"
        return f"“{title}”的数字 {shown(value)} 有 {len(value.text)} 位，太大：{most}，请改正。"
    if (
        expected == "string"
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and not loaded.plain_texts.get(line)
    ):
        example = "" if private else f"，例如 '{shown(value)}'"
        return f"“{title}”应为文字（数字会被读成数值：电话、身份证号等请加引号{example}）：请改正这一项。"
    if private and expected == "string" and not isinstance(value, str | dict | list):
        return f"“{title}”应为文字（YAML 把不带引号的号码读成了数字）：请给号码加上单引号。"
    hint = _plain_hint(loaded, line, value, expected)
    if expected == "object" and isinstance(value, str):
        hint = value_hint(value)
    return f"“{title}”应为{names}{hint}：请改正这一项。"


def _slip(value: object, path: tuple[object, ...], title: str, wanted: object) -> str | None:
    """Two slips of a hand used to Chinese text: a full-width comma between the items of a
    ``[ ]`` list, and a unit word after a number (``1人``)."""
    if not isinstance(value, str):
        return None
    if path and isinstance(path[-1], int) and "，" in value:
        items = ", ".join(part.strip() for part in value.split("，"))
        return (
            f"“{title}”的一项 {shown(value)} 中有全角逗号“，”：[ ] 列表中的各项要用半角逗号“,”加空格分开，"
            f"例如 [{_short(items)}]：请把“，”改成“, ”。"
        )
    count = COUNT_WITH_WORD.match(value.strip())
    if count and wanted in ("integer", "number"):
        return f"“{title}”只写数字，不写“{count.group(2)}”：请把 {shown(value)} 改成 {count.group(1)}。"
    return None


def error_message(
    err: jsonschema.ValidationError, schema: Schema, loaded: Loaded, line: int
) -> str:
    path = tuple(err.absolute_path)
    title = schema.title(path)
    keys = tuple(p for p in path if isinstance(p, str))
    value = err.instance
    limit = err.validator_value
    slip = _slip(value, path, title, limit if err.validator == "type" else None)
    if slip:
        return slip
    match err.validator:
        case "required":
            missing = _missing_key(err)
            sub = schema.titles.get((*keys, missing), missing)
            where = f"在“{title}”下" if keys else "在记录中"
            return f"缺少必填项“{sub}”（{missing}）：请{where}添加 {missing}。"
        case "additionalProperties":
            allowed = set(err.schema.get("properties", {}))
            extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
            names = "、".join(shown_key(k) for k in extra)
            hint = "".join(dict.fromkeys(key_hint(str(k)) for k in extra))
            return f"“{title}”下有未知的键 {names}{hint}：请检查拼写，可用的键有 {'、'.join(sorted(allowed))}。"
        case "enum":
            options = "、".join(f"{c}（{schema.label(keys, c)}）" for c in limit)
            hint = _plain_hint(loaded, line, value, "string")
            return (
                f"“{title}”的值 {_show(value, keys)} 不在可选范围内{hint}：请从 {options} 中选择。"
            )
        case "const":
            return f"“{title}”只能是 {shown(limit)}：请改正这一项。"
        case "type":
            return _type_message(err, title, loaded, line, bool(keys) and keys[-1] in PRIVATE)
        case "format" if limit == "repo-path":
            return f"“{title}”的路径 {_show(value, keys)} 不能作为文件名：{path_problem(str(value))}。请把文件名改短，路径中不要有特殊字符。"
        case "format" if limit == "date" and _real_date(value):
            return f"“{title}”的日期 {_show(value, keys)} 超出可以处理的范围（{DATE_RANGE}）：请核对年份。"
        case "format" | "pattern" if limit == "date" or "[0-9]{4}-[0-9]{2}-[0-9]{2}" in str(limit):
            return f"“{title}”的日期 {_show(value, keys)} 无效：请写成带引号的 'YYYY-MM-DD'，例如 '2008-04-20'。"
        case "format":
            return f"“{title}”的值 {_show(value, keys)} 格式不对：请按填写说明修改。"
        case "pattern" if limit == SINGLE_LINE:
            return f"“{title}”只能写一行，不能含换行符或制表符：请把它写成一行。"
        case "pattern" if (
            isinstance(value, str)
            and value != value.strip()
            and end_anchored(str(limit)).search(value.strip())
        ):
            return f"“{title}”的值 {_show(value, keys)} 前后有多余的换行或空格：请删除它们。"
        case "pattern":
            desc = err.schema.get("description", "")
            return f"“{title}”的值 {_show(value, keys)} 格式不对：{desc or '请按填写说明修改。'}"
        case "minLength":
            if not str(value).strip():
                return f"“{title}”不能为空：请填写内容（至少 {limit} 个字）。"
            return f"“{title}”太短：至少 {limit} 个字，现在只有 {_length(value)} 个字，请写完整。"
        case "maxLength":
            return f"“{title}”太长：最多 {limit} 个字，现在有 {_length(value)} 个字，请精简。"
        case "minItems":
            return f"“{title}”至少要有 {limit} 项：请补充。"
        case "maxItems":
            count = len(value) if isinstance(value, list) else "更多"
            return f"“{title}”最多只能有 {limit} 项，现在有 {count} 项：请删减。"
        case "uniqueItems":
            return f"“{title}”中有重复项：请删除重复的一项。"
        case "minimum":
            return f"“{title}”的值 {_show(value, keys)} 太小：最小是 {limit}，请改正。"
        case "maximum":
            return f"“{title}”的值 {_show(value, keys)} 太大：最大是 {limit}，请改正。"
        case "exclusiveMinimum":
            return f"“{title}”的值 {_show(value, keys)} 太小：必须大于 {limit}，请改正。"
        case "exclusiveMaximum":
            return f"“{title}”的值 {_show(value, keys)} 太大：必须小于 {limit}，请改正。"
        case "multipleOf":
            return f"“{title}”的值 {_show(value, keys)} 应是 {limit} 的倍数：请改正。"
        case "dependencies" if isinstance(limit, dict) and isinstance(value, dict):
            pairs = [
                (k, d) for k, deps in limit.items() if k in value and isinstance(deps, list)
                for d in deps if d not in value
            ]  # fmt: skip
            if pairs:
                k, d = pairs[0]
                return f"“{title}”写了 {k} 就必须同时写 {d}：请补充 {d}。"
    if err.context:
        best = jsonschema.exceptions.best_match(err.context)
        if best is not None:
            return error_message(best, schema, loaded, line)
    return f"“{title}”不符合要求：请对照填写说明修改这一项。"
