"""Safe cell values for every sheet the export writes, and the width a value needs.

Every value goes through :func:`cell`, whatever a record holds: text is always a string cell
(never a formula, whatever its first character: ``=``, ``+``, ``-``, ``@``), characters XML
cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped or replaced, text
is cut at Excel's 32,767 characters, and numbers Excel cannot hold (beyond 15 digits, or too long
even to print) are written as text.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal
from unicodedata import east_asian_width

Kind = Literal["blank", "string", "number", "date", "bool"]

MAX_CELL = 32767  # characters an Excel cell holds
MAX_EXACT = 10**15  # Excel keeps 15 significant digits: longer whole numbers become text
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_WIDE = frozenset("WF")


def clean_text(value: str) -> str:
    """Text a cell can hold: control characters dropped, lone surrogates and U+FFFE/U+FFFF
    replaced by U+FFFD, at most 32,767 characters."""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    if _UNENCODABLE.search(value):
        value = _UNENCODABLE.sub("\ufffd", value)
    return value[:MAX_CELL]


def number_text(value: int) -> str:
    """A whole number as text, even one too long for ``str`` (Python's digit limit)."""
    try:
        return str(value)
    except ValueError:
        digits = int(value.bit_length() * math.log10(2)) + 1
        return f"（数字过长，约 {digits} 位）"


def cell(value: Any) -> tuple[Kind, Any]:
    """The kind of cell a value is written as, and the value to write."""
    if value is None:
        return "blank", None
    if isinstance(value, str):
        return "string", clean_text(value)
    if isinstance(value, bool):
        return "bool", value
    if isinstance(value, int):
        return (
            ("number", value) if -MAX_EXACT < value < MAX_EXACT else ("string", number_text(value))
        )
    if isinstance(value, float):
        return ("number", value) if math.isfinite(value) else ("string", str(value))
    if isinstance(value, date):
        return "date", excel_serial(value)
    return "string", clean_text(str(value))


_EPOCH = datetime(1899, 12, 30)


@lru_cache(maxsize=8192)
def excel_serial(value: date) -> float:
    """A date (or date and time) as Excel's serial number, written with a date format."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    days = (moment.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
    return int(days) if days.is_integer() else days


def display_width(text: str) -> int:
    """Display width of a line: a wide (CJK) character counts two."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_WIDE.__contains__, map(east_asian_width, text)))


def measure(kind: Kind, value: Any) -> tuple[int, tuple[int, ...] | None]:
    """A cell's width (its widest line) and, for text, each line's width."""
    if kind == "blank":
        return 0, None
    if kind == "date":
        return 10, None
    if kind != "string":
        return display_width(str(value)), None
    lines = tuple(display_width(line) for line in value.splitlines() or [""])
    return max(lines), lines


def line_count(lines: tuple[int, ...] | None, size: int) -> int:
    """Lines a wrapped cell of ``size`` characters' width needs (the row height is set from it)."""
    if lines is None:
        return 1
    size = max(size, 1)
    return sum(max(1, -(-w // size)) for w in lines)
