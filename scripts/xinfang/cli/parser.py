"""An argument parser that speaks Chinese: usage, help, section titles, placeholders, errors.

argparse writes its own words through ``gettext`` (its module's ``_``): inside ``Parser``'s
methods they are looked up in a Chinese table, and only there, so that argparse elsewhere in the
process is untouched. Placeholders (``FILE``, ``AS_OF``) become Chinese; help is laid out by
terminal columns, since a Chinese character takes two.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

EXIT_USAGE = 2

# argparse's own words (its gettext message ids), in Chinese.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本说明并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数 %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r 不是可选的值（可选：%(choices)s）",
    "unrecognized arguments: %s": "无法识别的参数 %s",
    "expected one argument": "后面要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "expected %s argument": "后面要跟 %s 个值",
    "expected %s arguments": "后面要跟 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "invalid %(type)s value: %(value)r": "值 %(value)r 无效",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ignored explicit argument %r": "选项不接受值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
    "unexpected option string: %s": "意外的选项 %s",
}

# Placeholders in usage lines, by metavar or by option name.
METAVARS = {
    "PATH": "路径",
    "FILE": "文件",
    "CODE": "单位",
    "KIND": "类别",
    "NAME": "名称",
    "REF": "分支或提交",
    "DATE": "日期",
    "root": "目录",
    "as_of": "日期",
    "out": "目录",
    "unit": "单位",
    "format": "格式",
    "command": "命令",
    "case_id": "案件编号",
}


def _translate(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


@contextmanager
def chinese_argparse() -> Iterator[None]:
    """argparse speaks Chinese inside this block (its messages go through its module's ``_``)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    setattr(argparse, "_", _translate)  # noqa: B010
    setattr(argparse, "ngettext", _ntranslate)  # noqa: B010
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage, help and errors are Chinese throughout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["formatter_class"] = Formatter
        with chinese_argparse():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        _chinese_metavar(action)
        return action

    def add_subparsers(self, **kwargs: Any) -> Any:
        with chinese_argparse():
            action = super().add_subparsers(**kwargs)
        _chinese_metavar(action)
        return action

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with chinese_argparse():
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with chinese_argparse():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese_argparse():
            return _aligned(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：参数错误：{message}（运行 {self.prog} -h 查看用法）\n")


_HEADING = re.compile(r"^(\S[^\n]*):$")
_ENTRY = re.compile(r"^( +\S.*?)( {2,})(\S.*)$")


def _width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out by terminal columns, not characters; descriptions and epilogs kept as written
    (argparse would wrap Chinese text at twice the terminal's width)."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            invocation = self._format_action_invocation(action)
            width = _width(invocation) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)


def _aligned(text: str) -> str:
    """Section headings end with a full-width colon; entries whose placeholders are Chinese are
    padded again, because argparse pads by characters."""
    lines = []
    in_section = False
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            in_section = True
            line = f"{heading.group(1)}："
        elif not line.strip():
            in_section = False
        match = _ENTRY.match(line) if in_section else None
        if match and _width(match.group(1)) != len(match.group(1)):
            column = match.start(3)
            pad = column - _width(match.group(1))
            if pad >= 2:
                line = match.group(1) + " " * pad + match.group(3)
            else:
                line = f"{match.group(1)}\n{' ' * column}{match.group(3)}"
        lines.append(line)
    return "\n".join(lines)


def _chinese_metavar(action: argparse.Action) -> None:
    """A Chinese placeholder for an argument that takes a value (codes in braces stay)."""
    if action.nargs == 0:
        return
    if isinstance(action.metavar, str):
        action.metavar = METAVARS.get(action.metavar, action.metavar)
    elif action.metavar is None and (action.choices is None or not action.option_strings):
        action.metavar = METAVARS.get(str(action.dest), "值")
