"""Personal data in what is published: identity-card and phone numbers masked, confidential names
hidden.

The full record stays in the repository; nothing published (the site, its lookup index and search
index, the masked workbook) shows more than a reader needs (个人信息保护法 Art. 13, 28, 34).
:func:`mask_text` is the one masking of free text, used for every text that is published: it masks
the identity-card, phone and bank-card numbers that ``numbers.py`` finds, however they are written
(separators, full-width or Chinese digits, invisible characters, letters for digits).

Masked digits become ``*``; separators stay, so the writing is still recognisable. Masking is
idempotent: masked text never matches again.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from .case import Case, Petitioner
from .numbers import MAYBE, find_numbers
from .yaml_nodes import LineDict, LineList

HIDDEN_NAME = "（保密）"
STAR = "*"

_X = "[XxＸｘ]"
_MASKABLE = re.compile(r"\d|" + _X)
_POSITION = re.compile(r"\d|\*|" + _X)  # a digit, X, or a digit masked already


def _star(text: str, keep_first: int, keep_last: int) -> str:
    """``text`` with its digits (and X) starred, but for the first and last few."""
    if text.isascii() and text.isalnum():  # the common case: a number written plainly
        n = len(text)
        if n <= keep_first + keep_last:
            return text
        return text[:keep_first] + STAR * (n - keep_first - keep_last) + text[n - keep_last :]
    positions = [m.start() for m in _POSITION.finditer(text)]
    hidden = positions[keep_first : len(positions) - keep_last]
    if not hidden:
        return text
    chars = list(text)
    for i in hidden:
        chars[i] = STAR
    return "".join(chars)


def mask_text(text: str) -> str:
    """Every identity-card, phone and bank-card number in ``text`` masked, however written
    (records.numbers finds them)."""
    if not MAYBE.search(text):
        return text
    chars: list[str] | None = None
    for found in find_numbers(text):
        chars = chars or list(text)
        for i in found.hidden():
            chars[i] = STAR
    return text if chars is None else "".join(chars)


def mask_id_number(value: str) -> str:
    """3408**********123X: the region code and the last four characters only."""
    if len(_POSITION.findall(value)) <= 8:
        return _MASKABLE.sub(STAR, value)
    return _star(value, 4, 4)


def mask_phone(value: str) -> str:
    """138****5678 for a mobile number; a landline keeps its last four digits."""
    digits = "".join(_POSITION.findall(value))
    if len(digits) >= 11 and digits[-11] in "1１" and digits[-10] in "3456789３４５６７８９":
        return _star(value, len(digits) - 8, 4)  # a country code stays: +86 138****5678
    if len(digits) <= 4:
        return _MASKABLE.sub(STAR, value)
    return _star(value, 0, 4)


#: Whole values masked by their key, wherever a record writes them.
FIELD_MASKS: dict[str, Callable[[str], str]] = {"id_number": mask_id_number, "phone": mask_phone}
#: Keys whose values are identifiers or addresses, never personal text: left as they are.
KEEP = frozenset({"id", "rel", "code", "office", "edit_url", "file_url"})
#: Keys whose values are people's names as such (a petitioner, a handler, a leader): published as
#: they are, never searched for names to hide (a confidential case's petitioners are hidden where
#: they are shown; see petitioner_name).
PERSON_KEYS = frozenset(
    {"name", "by", "handler", "lead_official", "official", "leader", "visitor", "interviewer",
     "approved_by", "decided_by", "conducted_by", "signed_by"}
)  # fmt: skip

Hide = Callable[[str], str] | None


_PLAIN = (int, float, bool, type(None), date)
_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text(value: str, key: str, hide: Hide = None) -> str:
    if key in KEEP:
        return value
    mask = FIELD_MASKS.get(key)
    if mask is not None:
        return mask(value)
    shown = mask_text(value) if MAYBE.search(value) else value
    if hide is None or key in PERSON_KEYS:
        return shown
    hidden = hide(shown)
    return value if hidden == value else hidden  # unchanged: the same object, not a copy


def masked(value: Any, key: str = "", hide: Hide = None) -> Any:
    """``value`` as published: every string masked, its structure (and line marks) kept;
    ``hide`` also takes out of free text what is never published (``unpublished.py``).

    Works through dataclasses (a Case, a Campaign), mappings, lists and tuples. What holds no
    number to mask is returned as it is, not copied (at 10,000 cases this runs for every text of
    every case, so the common types are handled without a call).
    """
    if isinstance(value, str):
        return _text(value, key, hide)
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        changed: dict[str, Any] = {}
        for k, v in value.items():
            new = (
                _text(v, k, hide)
                if type(v) is str
                else v
                if isinstance(v, _PLAIN)
                else masked(v, k, hide)
            )
            if new is not v:
                changed[k] = new
        if not changed:
            return value
        copy: Any = type(value)({**value, **changed})
        if isinstance(value, LineDict | LineList):
            copy.lines = value.lines
        return copy
    if isinstance(value, list | tuple):
        parts = [
            _text(v, key, hide)
            if type(v) is str
            else v
            if isinstance(v, _PLAIN)
            else masked(v, key, hide)
            for v in value
        ]
        if all(p is v for p, v in zip(parts, value, strict=True)):
            return value
        out: Any = type(value)(parts)
        if isinstance(value, LineList):
            out.lines = value.lines
        return out
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        names = _INIT_FIELDS.get(cls)
        if names is None:
            names = _INIT_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
        fields_changed = {}
        for name in names:
            old = getattr(value, name)
            if type(old) is str:
                new = _text(old, name, hide)
            elif isinstance(old, _PLAIN):
                continue
            else:
                new = masked(old, name, hide)
            if new is not old:
                fields_changed[name] = new
        return dataclasses.replace(value, **fields_changed) if fields_changed else value
    return value


def published_case(case: Case, hide: Hide = None) -> Case:
    """The case as the site and the masked workbook show it: every number in every text masked,
    and with ``hide`` what is never published taken out of its free text."""
    result: Case = masked(case, hide=hide)
    return result


def petitioner_name(case: Case, person: Petitioner) -> str:
    return HIDDEN_NAME if case.confidential else person.name


def petitioner_names(case: Case) -> str:
    if case.confidential:
        return HIDDEN_NAME
    names = [p.name for p in case.petitioners]
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "")


#: What stands where a name is not published, and is no name to hide.
PLACEHOLDERS = frozenset({HIDDEN_NAME, "匿名", "不详", "无"})


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression finding any of ``names`` (two characters or more), longest first
    at each place. Written as a tree of the names' characters (王(?:小(?:明|红)|五)), so that
    at each character only the names starting with it are tried: an alternation of thousands of
    names tries every one of them everywhere."""
    wanted = {n.strip() for n in names} - PLACEHOLDERS
    wanted = {n for n in wanted if len(n) >= 2}
    if not wanted:
        return None
    tree: dict[str, Any] = {}
    for name in wanted:
        node = tree
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return re.compile(_branches(tree))


def _branches(node: dict[str, Any]) -> str:
    """The expression for a node of the name tree: its longer continuations first."""
    ends = "" in node
    parts = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if ends:  # a name may stop here, or go on: the longer one is tried first
        return f"(?:{body})?" if len(parts) == 1 else body + "?"
    return body


def name_hider(names: Iterable[str]) -> Callable[[str], str]:
    """Free text with the given names replaced by （保密）: a commit message, whatever the
    committer typed, may name a key person or the petitioner of a confidential case; so may any
    free text of a record (``unpublished.py``). Longest name first at each place."""
    pattern = names_pattern(names)
    if pattern is None:
        return str

    @functools.lru_cache(maxsize=8192)  # one commit's message is shown on each case it touched
    def hide(text: str) -> str:
        return pattern.sub(HIDDEN_NAME, text)

    return hide
