"""What went wrong in a YAML file, said in Chinese with the fix: the parser's problems translated."""

from __future__ import annotations

import yaml


def tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"不允许使用 YAML 标签 {short}：请删除它，直接写值（需要文字时用引号括起来）。"


_PROBLEMS = [
    ("found character '\\t'", "此处有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成两个空格。"),
    ("found a tab character", "此处有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成两个空格。"),
    (
        "mapping values are not allowed",
        "这里不能出现“键: 值”：多半是缩进不对，或值里的冒号需要加引号。",
    ),
    ("did not find expected key", "缩进不一致：同一层的键必须对齐，请检查这一行和上一行的空格数。"),
    ("did not find expected '-'", "列表缩进不一致：同一列表的“- ”必须对齐。"),
    ("could not find expected ':'", "缺少冒号：每个键后面要写“: ”（冒号加空格）。"),
    ("found undefined alias", "不允许使用别名（*）：请把内容直接写出来。"),
    ("found unexpected end of stream", "引号没有闭合：请检查这一行的引号是否成对。"),
    ("found unknown escape character", "双引号里的反斜杠 \\ 需要写成 \\\\，或改用单引号。"),
    ("expected a single document", "一个文件只能有一条记录：请删除多余的 --- 分隔线。"),
    ("expected <block end>", "缩进不一致：同一层的键必须对齐，请检查这一行和上一行的空格数。"),
]


def yaml_error_message(err: yaml.MarkedYAMLError) -> str:
    problem = f"{err.problem or ''} {err.context or ''}"
    for needle, message in _PROBLEMS:
        if needle in problem:
            return message
    return f"YAML 格式错误（{(err.problem or err.context or '').strip()}）：请检查这一行的缩进、冒号和引号。"
