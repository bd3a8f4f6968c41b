"""What went wrong in a YAML file, said in Chinese with the fix.

The parser notices a mistake where it can no longer go on, often a line or two after it: a
full-width colon (``title：…``) is found on the next key's line. ``diagnose`` looks for the
mistakes people make (全角冒号, 全角空格, a missing space after the colon, a value starting with
one of YAML's indicator characters, quotes around part of a text) on and before that line, and
names the line where the mistake is. Everything else is the parser's problem, translated.
"""

from __future__ import annotations

import re

import yaml


def tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"不允许使用 YAML 标签 {short}：请删除它，直接写值（需要文字时用引号括起来）。"


_INDENT = "缩进不一致：同一层的键必须对齐，请检查这一行和上一行的空格数。"
_PROBLEMS = [
    ("found character '\\t'", "此处有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成两个空格。"),
    ("found a tab character", "此处有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成两个空格。"),
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”：多半是缩进不对，或值里的冒号需要加引号。",
    ),
    ("did not find expected key", _INDENT),
    ("did not find expected '-'", "列表缩进不一致：同一列表的“- ”必须对齐。"),
    ("could not find expected ':'", "缺少冒号：每个键后面要写“: ”（冒号加空格）。"),
    ("found undefined alias", "不允许使用别名（*）：请把内容直接写出来。"),
    ("found unexpected end of stream", "引号没有闭合：请检查这一行的引号是否成对。"),
    ("found unknown escape character", "双引号里的反斜杠 \\ 需要写成 \\\\，或改用单引号。"),
    (
        "expected escape sequence",
        "双引号里的 \\x、\\u 后面要跟十六进制数字：反斜杠请写成 \\\\，或改用单引号。",
    ),
    ("expected a single document", "一个文件只能有一条记录：请删除多余的 --- 分隔线。"),
    ("but found another document", "一个文件只能有一条记录：请删除多余的 --- 分隔线。"),
    (
        "found unexpected document separator",
        "引号里不能有单独一行的 --- 或 ...：请检查引号是否成对。",
    ),
    ("expected <block end>", _INDENT),
    ("invalid indentation or unclosed", "缩进不对，或方括号 [ 、花括号 { 没有闭合：请检查这一行。"),
    (
        "expected ',' or ']'",
        "方括号 [ ] 里的各项要用英文逗号分隔，并以 ] 结束：要写文字请整段加引号。",
    ),
    (
        "expected ',' or '}'",
        "花括号 { } 里的各项要用英文逗号分隔，并以 } 结束：要写文字请整段加引号。",
    ),
    ("sequence entries are not allowed", "这里不能出现列表项“- ”：多半是缩进不对。"),
    ("mapping keys are not allowed", "这里不能出现问号开头的键：要写文字请整段加引号。"),
    (
        "expected the node content",
        "这里缺少内容：请检查这一行的值是否写全，或删除多余的 ... 或 ---。",
    ),
    (
        "expected '<document start>'",
        "文件开头的 % 指令之后要有 --- 分隔线：记录里不需要 % 指令，请删除它。",
    ),
    ("found duplicate anchor", "不允许使用锚点和别名（& 和 *）：请把内容直接写出来。"),
    ("expected a comment or a line break", "这一行的值后面有多余的内容：要写文字请整段加引号。"),
    (
        "expected chomping or indentation",
        "| 或 > 只能单独放在行尾，表示下面是多行文字：要写文字请整段加引号。",
    ),
    ("expected indentation indicator", "| 或 > 后面的数字只能是 1 到 9：请删除它。"),
    ("expected alphabetic or numeric", "& 或 * 后面只能跟字母或数字：要写文字请整段加引号。"),
    ("that cannot start any token", "这个符号不能出现在值的开头：要写文字请整段加引号。"),
    ("expected URI", "! 开头的值被当成了标签：要写文字请整段加引号。"),
    ("expected '!'", "! 开头的值被当成了标签：要写文字请整段加引号。"),
    ("found undefined tag handle", "! 开头的值被当成了标签：要写文字请整段加引号。"),
    ("expected ' '", "% 开头的行被当成了指令：记录里不需要指令，请删除它或整段加引号。"),
    ("YAML directive", "% 开头的行被当成了指令：记录里不需要指令，请删除它或整段加引号。"),
    ("expected a digit", "% 开头的行被当成了指令：记录里不需要指令，请删除它或整段加引号。"),
    (
        "found incompatible YAML document",
        "% 开头的行被当成了指令：记录里不需要指令，请删除它或整段加引号。",
    ),
    ("duplicate tag handle", "% 开头的行被当成了指令：记录里不需要指令，请删除它或整段加引号。"),
    ("found non-specific tag", "! 开头的值被当成了标签：要写文字请整段加引号。"),
]


def yaml_error_message(err: yaml.MarkedYAMLError) -> str:
    problem = f"{err.problem or ''} {err.context or ''}"
    for needle, message in _PROBLEMS:
        if needle in problem:
            return message
    return "YAML 格式错误：请检查这一行的缩进、冒号和引号，文字内容可以整段加引号。"


# --- the mistakes people make, found on their own line -----------------------------------------

FULL_WIDTH_INDENT = "这一行开头有全角空格“　”：YAML 只能用半角空格缩进，请把全角空格换成半角空格。"
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_LEAD = r"^ *(?:- +)*"
_FULL_WIDTH_COLON = re.compile(rf"{_LEAD}({_KEY})[ \u3000]*：")
_FULL_WIDTH_INDENT = re.compile(rf"^ *\u3000+[ \u3000]*(?:- |{_KEY}[ \u3000]*[:：])")
_NO_SPACE = re.compile(rf"{_LEAD}({_KEY}):(?=[^ /\n])")
_VALUE = re.compile(rf"{_LEAD}(?:({_KEY}): +)?(.*)$")
_PARTLY_QUOTED = re.compile(r"""^(['"])(?:(?!\1).)*\1 *[^ #,\]}]""")

_INDICATORS = {
    "*": "别名符号",
    "&": "锚点符号",
    "!": "标签符号",
    "@": "保留符号",
    "`": "保留符号",
    "%": "指令符号",
    "|": "多行文字标记",
    ">": "折叠文字标记",
    "[": "列表的开头",
    "{": "键值表的开头",
}


def _example(key: str | None, value: str) -> str:
    value = value.split(" #")[0].strip()
    short = value if len(value) <= 20 else value[:20] + "…"
    quoted = "'" + short.replace("'", "''") + "'"
    return f"{key}: {quoted}" if key else f"- {quoted}"


def _indicator(line: str) -> str | None:
    match = _VALUE.match(line)
    if not match or not match.group(2):
        return None
    key, value = match.group(1), match.group(2)
    first = value[0]
    if first in "[{":
        close = "]" if first == "[" else "}"
        end = value.find(close)
        rest = value[end + 1 :].strip() if end >= 0 else ""
        if not rest or rest.startswith("#"):
            return None  # a list or mapping written in brackets, or one going on below
    elif first in "|>":
        if re.match(r"^[|>][-+0-9]*(?: *#.*)?$", value):
            return None  # a block scalar's header
    elif first not in _INDICATORS:
        return None
    return (
        f"值以“{first}”开头，YAML 把它当成了{_INDICATORS[first]}，没有把这段当作文字读："
        f"请把整段文字用单引号括起来，例如 {_example(key, value)}。"
    )


def line_mistake(line: str) -> str | None:
    """A mistake that can be seen on one line alone, said with the fix."""
    if line.lstrip().startswith("#"):
        return None
    match = _FULL_WIDTH_COLON.match(line)
    if match:
        return (
            f"键 {match.group(1)} 后面是全角冒号“：”：YAML 只认半角冒号，"
            f"请改成半角冒号加空格，写成“{match.group(1)}: ”。"
        )
    if _FULL_WIDTH_INDENT.match(line):
        return FULL_WIDTH_INDENT
    match = _NO_SPACE.match(line)
    if match:
        return f"键 {match.group(1)} 的冒号后面缺少空格：请写成“{match.group(1)}: 值”（冒号后加一个空格）。"
    value = _VALUE.match(line)
    if value and _PARTLY_QUOTED.match(value.group(2)):
        return (
            "引号只括住了这段文字的开头一部分，引号后面还有文字：请把整段文字放在一对引号里，"
            "文字中的单引号写成两个单引号 ''。"
        )
    return None


def diagnose(
    lines: list[str], error_line: int, context_line: int | None = None
) -> tuple[int, str] | None:
    """The line and message of a known mistake that explains a syntax error at ``error_line``.

    The error line itself may start a value with an indicator; the mistake may also be on an
    earlier line (the parser reports a full-width colon on the next key), never a later one.
    """
    for number in dict.fromkeys(n for n in (error_line, context_line) if n):
        if 1 <= number <= len(lines):
            message = _indicator(lines[number - 1])
            if message:
                return number, message
    for number in range(min(error_line, len(lines)), 0, -1):
        message = line_mistake(lines[number - 1])
        if message:
            return number, message
    return None


def key_hint(key: str) -> str:
    """Why a key the schema does not know may look right to its writer."""
    if "\u3000" in key:
        return "（键前后有全角空格“　”：YAML 只能用半角空格缩进，请换成半角空格）"
    if "：" in key:
        return "（键里有全角冒号“：”：请改成半角冒号加空格“: ”）"
    return ""


def value_hint(value: str) -> str:
    """Why a text that should have been a few keys was read as one text."""
    message = line_mistake(value)
    return f"（{message.rstrip('。')}）" if message else ""


def missing_dash(key: str, line: int, first: int) -> str:
    """A list entry written without its ``- ``: YAML reads it as the previous entry's keys again."""
    return (
        f"第 {line} 行少了列表项开头的“- ”：这一行的 {key} 应是新的一项，没有“- ”就被读成了"
        f"第 {first} 行那一项的重复键。请在第 {line} 行的 {key} 前加上“- ”（与上一项的“- ”对齐），"
        f"不要合并两项，否则会丢掉一项记录。"
    )
