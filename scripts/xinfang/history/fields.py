"""The traced field values of one version of a record, read with PyYAML (libyaml).

Only the top-level blocks that hold traced fields (``status``, ``responsibility``, ``closure``,
``settled``, ``extensions``) are read, each cut from the text where the next top-level key
starts; within ``responsibility`` and ``closure`` only the traced children are read, each on its
own (the requirements text, the closure report are skipped). Versions and cases share most of
these blocks and children, so each distinct one is read once: for the 33,000 versions of
benchmarks/bench_history.py, about 800 PyYAML calls and 0.5 s of CPU, where reading every version
whole takes 14 s. What the cutting does not suit (flow style at the top, a duplicate key, an
alias across blocks or children) is read as a whole block, or as a whole version.

A version whose traced fields cannot be read (broken YAML there, not UTF-8) gives None, never an
exception; an error elsewhere in the file does not blank the values (it is the validator's
business). Dates come out as 'YYYY-MM-DD' strings, ``responsibility.stability_officer`` as the
officer's name, ``extensions`` as a count.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import yaml

from .data import FIELDS, FieldValue

Fields = tuple[FieldValue, ...]  # the values of FIELDS, in that order
EMPTY: Fields = (None,) * len(FIELDS)

_TOP_KEYS = ("status", "responsibility", "closure", "settled", "extensions")
_TOP_INDEX = {k.encode(): i for i, k in enumerate(_TOP_KEYS)}
# A traced top-level key at the start of a line, plain or quoted.
_TOP_RE = re.compile(
    rb"\n([\"']?)(status|responsibility|closure|settled|extensions)\1 *:(?=[ \n]|\Z)"
)
# The next top-level key: a line that is not indented, blank, a comment or a sequence item.
_BLOCK_END = re.compile(rb"\n[^ \t\n#-]")
_UNREAD: Any = object()  # not in the cache yet
_BROKEN: Any = object()  # a child that does not read alone


class FieldReader:
    """Reads the traced fields of record versions, remembering the blocks already read."""

    def __init__(self) -> None:
        self.blocks: dict[bytes, Fields | None] = {}  # block → its values, None if unreadable
        self.children: dict[str, object] = {}  # a child's text → its value

    def read(self, data: bytes) -> Fields | None:
        """The traced field values of one version; None when they cannot be read."""
        return self.read_at(b"\n" + data, 1, len(data) + 1)

    def read_at(self, buf: bytes, start: int, end: int) -> Fields | None:
        """Like read(buf[start:end]), where buf[start - 1] is a newline, without copying."""
        try:
            if buf.find(b"\r", start, end) >= 0:
                data = buf[start:end].replace(b"\r\n", b"\n")
                buf, start, end = b"\n" + data, 1, len(data) + 1
            return self._read(buf, start, end)
        except Exception:  # never let one version stop the history
            return None

    def _read(self, buf: bytes, start: int, end: int) -> Fields | None:
        found: list[re.Match[bytes] | None] = [None] * len(_TOP_KEYS)
        for m in _TOP_RE.finditer(buf, start - 1, end):
            k = _TOP_INDEX[m.group(2)]
            if found[k] is not None:  # a duplicate key: PyYAML decides
                return read_whole(buf[start:end])
            found[k] = m
        if found[0] is None:  # no `status:` line (flow style, a BOM, not a mapping, empty)
            return read_whole(buf[start:end])
        values: Fields = ()
        for k, where in enumerate(found):
            if where is None:
                values += _ABSENT[k]
                continue
            stop = _BLOCK_END.search(buf, where.end(), end)
            block = buf[where.start() + 1 : stop.start() + 1 if stop else end]
            part = self.blocks.get(block, _UNREAD)
            if part is _UNREAD:
                part = self.blocks[block] = self._block(block, _TOP_KEYS[k])
            if part is None:  # unreadable alone (an alias, say): read the whole version
                return read_whole(buf[start:end])
            values += part
        return values

    def _block(self, block: bytes, key: str) -> Fields | None:
        """A block seen for the first time: its part of the values."""
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if key in _TRACED_CHILDREN:
            children = self._children(text, _TRACED_CHILDREN[key])
            if children is not None:
                return _PART[key](children)
        return _load_part(text, key)

    def _children(self, text: str, traced: tuple[str, ...]) -> dict[str, object] | None:
        """The traced children of a mapping block, each read alone.

        None when the block is not a bare ``key:`` line with plain ``name: ...`` children under
        it, or when a traced child does not read alone: the block is then read whole.
        """
        header = _HEADER.match(text)
        first = _CHILD_INDENT.search(text)
        if header is None or first is None:
            return None
        if not text.endswith("\n"):
            text += "\n"
        child = _child_pattern(len(first.group(1)))
        pos, end = header.end(), len(text)
        out: dict[str, object] = {}
        while pos < end:
            m = child.match(text, pos)
            if m is None:
                return None
            pos = m.end()
            name = m.group(1)
            if name not in traced:
                continue  # not read at all, so an error in it is not seen
            chunk = m.group()
            value = self.children.get(chunk, _UNREAD)
            if value is _UNREAD:
                value = self.children[chunk] = _load_child(chunk, name)
            if value is _BROKEN:  # an alias to another child, say: read the block whole
                return None
            out[name] = value
        return out


def read_whole(data: bytes) -> Fields | None:
    """The traced field values of a version read as a whole; None when it cannot be read."""
    try:
        doc = yaml.load(data, Loader=yaml.CSafeLoader)
    except Exception:
        return None
    if not isinstance(doc, dict):
        return None
    return sum((_PART[key](doc.get(key)) for key in _TOP_KEYS), ())


def _load_part(text: str, key: str) -> Fields | None:
    try:
        doc = yaml.load(text, Loader=yaml.CSafeLoader)
    except Exception:
        return None
    if not isinstance(doc, dict) or key not in doc:
        return None
    return _PART[key](doc[key])


def _load_child(chunk: str, name: str) -> object:
    try:
        doc = yaml.load(chunk, Loader=yaml.CSafeLoader)
    except Exception:
        return _BROKEN
    return doc[name] if isinstance(doc, dict) and len(doc) == 1 and name in doc else _BROKEN


# The children that are traced; the others are skipped, not read.
_TRACED_CHILDREN: dict[str, tuple[str, ...]] = {
    "responsibility": ("unit", "lead_official", "handler", "stability_officer", "deadline"),
    "closure": ("date",),
}
# The block's first line: its key alone (the children follow on the next lines).
_HEADER = re.compile(r"[\"']?[A-Za-z_][A-Za-z0-9_]*[\"']? *:[ ]*(?:#[^\n]*)?\n")
_CHILD_INDENT = re.compile(r"\n( +)[^ \n#]")


@functools.lru_cache(maxsize=16)
def _child_pattern(indent: int) -> re.Pattern[str]:
    """A child at the indent: its ``name:`` line (after any blank or comment lines), then the
    blank, comment and more indented lines below it."""
    return re.compile(
        rf"(?:(?: *#[^\n]*)?\n)*"
        rf" {{{indent}}}([A-Za-z_][A-Za-z0-9_]*) *:(?: [^\n]*)?\n"
        rf"(?:(?: {{{indent + 1},}}[^\n]*| *#[^\n]*)?\n)*"
    )


_PLAIN_TYPES = frozenset((str, bool, int, float, type(None)))


def _value(value: object) -> FieldValue:
    if type(value) in _PLAIN_TYPES:
        return value  # type: ignore[return-value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str | bool | int | float):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return repr(value)


def _scalar_part(value: object) -> Fields:
    return (_value(value),)


def _responsibility_part(value: object) -> Fields:
    if not isinstance(value, dict):
        return (None,) * 5
    officer = value.get("stability_officer")
    if isinstance(officer, dict):
        officer = officer.get("name")
    return (
        _value(value.get("unit")),
        _value(value.get("lead_official")),
        _value(value.get("handler")),
        _value(officer),
        _value(value.get("deadline")),
    )


def _closure_part(value: object) -> Fields:
    return (_value(value.get("date")) if isinstance(value, dict) else None,)


def _extensions_part(value: object) -> Fields:
    return (len(value) if isinstance(value, list) else None,)


# Each top-level block's part of the values, in the order of FIELDS.
_PART: dict[str, Callable[[object], Fields]] = {
    "status": _scalar_part,
    "responsibility": _responsibility_part,
    "closure": _closure_part,
    "settled": _scalar_part,
    "extensions": _extensions_part,
}
_ABSENT: list[Fields] = [_PART[key](None) for key in _TOP_KEYS]
