"""Characters no record may hold, found in the text and in what YAML escapes make of it.

Control characters (``\\x01``, ESC, vertical tab…), lone surrogates, non-characters (``\\uFFFE``)
and the bidirectional controls that can disguise text are invisible in an editor and break the
outputs: Word and Excel files refuse them, a terminal runs ESC sequences, a site page shows
nothing or the wrong thing. The raw text is searched before YAML reads it (so that the finding
names the line and column, not "line 1"); what double-quoted escapes (``"\\x1b"``, ``"\\ud800"``)
produce is searched in the data afterwards. Tabs and line breaks are text; a carriage return can
only come from an escape and is refused there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_CONTROLS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 except tab and line breaks, DEL, C1 (NEL too)
    "\ud800-\udfff"  # lone surrogates
    "\ufdd0-\ufdef\ufffe\uffff"  # non-characters
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\u2028\u2029"  # line and paragraph separators: YAML counts them as line breaks, editors do not
)
# The non-characters of the other planes (U+1FFFE…) are valid in XML and harmless; listing them
# here made the search twenty times slower.
RAW_BAD = re.compile(f"[{_CONTROLS}]")
VALUE_BAD = re.compile(f"[\r{_CONTROLS}]")

_NAMES = {
    "\x00": "空字符 NUL",
    "\x07": "响铃符 BEL",
    "\x08": "退格符 BS",
    "\x0b": "垂直制表符 VT",
    "\x0c": "换页符 FF",
    "\r": "回车符 CR",
    "\x1b": "转义符 ESC，终端颜色代码的开头",
    "\x7f": "删除符 DEL",
    "\x85": "下一行符 NEL",
    "\u2028": "行分隔符",
    "\u2029": "段落分隔符",
}

MAX_REPORTED = 5  # per file: one bad paste can repeat a character many times


def describe(char: str) -> str:
    """The character's code point and a Chinese name, e.g. ``U+001B（转义符 ESC…）``."""
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        return f"{code}（{_NAMES[char]}）"
    if "\ud800" <= char <= "\udfff":
        return f"{code}（不成对的代理项，UTF-16 编码的残片）"
    if char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        return f"{code}（双向文字控制符，可让文字显示的顺序与实际不同）"
    if "\ufdd0" <= char <= "\ufdef" or char in "\ufffe\uffff":
        return f"{code}（非字符，不代表任何文字）"
    return f"{code}（控制字符）"


FIX = "这种字符看不见，会破坏网站、Excel 和 Word 文件：请删除它（多半是从别处复制粘贴带来的）。"
FIX_ESCAPE = (
    "这种字符看不见，会破坏网站、Excel 和 Word 文件："
    "请删除双引号里写出它的转义（如 \\x01、\\e、\\uFFFE、\\ud800）。"
)


def in_text(text: str) -> Iterator[tuple[int, int, str]]:
    """Line, column (1-based, counted as editors count) and character of each bad character."""
    # Every bad character is non-printable; most texts have none at all (a check in C).
    if text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable():
        return
    for found, match in enumerate(RAW_BAD.finditer(text)):
        if found == MAX_REPORTED:
            return
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        yield text.count("\n", 0, start) + 1, start - line_start + 1, match.group()


def in_data(
    data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Key path, "键" or "值", and character of each bad character in keys and string values."""
    if isinstance(data, dict):
        for key, value in data.items():
            match = VALUE_BAD.search(key) if isinstance(key, str) else None
            if match:
                yield (*path, key), "键", match.group()
            yield from in_data(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from in_data(item, (*path, i))
    elif isinstance(data, str):
        match = VALUE_BAD.search(data)
        if match:
            yield path, "值", match.group()


def shown_key(key: object) -> str:
    """A key as a message may show it: bad characters and line breaks written as escapes."""
    return printable(str(key))


_UNPRINTABLE = re.compile(f"[\t\n{VALUE_BAD.pattern[1:-1]}]")


def printable(text: str, keep: str = "") -> str:
    """``text`` safe for a terminal, a log or a CI annotation: every control character, lone
    surrogate and the like written as its escape (``\\x1b``), except those in ``keep``."""
    return _UNPRINTABLE.sub(
        lambda m: (
            m.group() if m.group() in keep else m.group().encode("unicode_escape").decode("ascii")
        ),
        text,
    )
