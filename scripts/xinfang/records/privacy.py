"""Personal data in what is published: identity-card and phone numbers masked, confidential names
hidden.

The full record stays in the repository; nothing published (the site, its lookup index and search
index, the masked workbook) shows more than a reader needs (个人信息保护法 Art. 13, 28, 34).
:func:`mask_text` is the one masking of free text, used for every text that is published: it finds
identity-card numbers (18 digits, or 15 for the old cards; the check character ``X`` in either
case), mobile numbers (with or without ``+86``/``0086``) and landlines with an area code, written
with spaces, dashes or dots between the groups, in half- or full-width digits. A bank card's run
of 15 or more digits is masked like an identity card. A number without an area code (``5123456``)
is not masked: it reads like an amount as often as like a phone number.

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
from .yaml_nodes import LineDict, LineList

HIDDEN_NAME = "（保密）"
STAR = "*"

_S = r"[ \t\u00a0\u3000\-\u2010-\u2015\uff0d.\uff0e\u00b7\u30fb]"  # one separator
_SEP = _S + "?"
_X = "[XxＸｘ]"
_MASKABLE = re.compile(r"\d|" + _X)


def _g(*sizes: int) -> str:
    """Digit groups of these sizes, each optionally separated from the next."""
    return _SEP.join(rf"\d{{{n}}}" for n in sizes)


_ID = "|".join(
    [
        _g(6, 8, 3) + rf"[\d]?{_X}?",  # 18 (or 17 + X), as 6-8-4
        _g(6, 4, 4, 3) + rf"[\d]?{_X}?",  # 6-4-4-4
        _g(4, 4, 4, 4, 1) + rf"\d?{_X}?",  # 4-4-4-4-2
        _g(6, 6, 3),  # the old 15-digit card, 6-6-3
        rf"\d{{15,}}{_X}?",  # any long run: an identity card with a typo, a bank card
        r"\d{4}(?:" + _S + r"\d{4}){3}(?:" + _S + r"\d{1,4})?",  # a bank card in fours
    ]
)
_CC = rf"(?:(?:[+＋]|00|００)[8８][6６]{_SEP}|[(（][+＋]?[8８][6６][)）]{_SEP}|[8８][6６]{_S})"
_MOBILE = rf"[1１][3-9３-９]\d(?:{_SEP}\d{{4}}{_SEP}\d{{4}}|\d{_SEP}\d{{3}}{_SEP}\d{{4}})"
_AREA = r"(?:[(（][0０]\d{2,3}[)）]|[0０]\d{2,3})"
_LOCAL = rf"\d{{3,4}}{_SEP}\d{{4}}"
_LANDLINE = rf"{_AREA}{_SEP}{_LOCAL}|(?:[+＋]|00)[8８][6６]{_SEP}[1-9１-９]\d{{1,2}}{_SEP}{_LOCAL}"

_NUMBER = re.compile(
    rf"(?<!\d)(?:(?P<cc>{_CC})?(?P<mobile>{_MOBILE})|(?P<id>{_ID})|(?P<landline>{_LANDLINE}))"
    rf"(?![\d])"
)


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


def _mask_match(m: re.Match[str]) -> str:
    if m.group("mobile") is not None:
        return (m.group("cc") or "") + _star(m.group("mobile"), 3, 4)
    if m.group("id") is not None:
        return _star(m.group(), 4, 4)
    return _star(m.group(), 0, 4)


def mask_text(text: str) -> str:
    """Every identity-card and phone number in ``text`` masked (see the module's notes)."""
    return _NUMBER.sub(_mask_match, text) if _MAYBE.search(text) else text


_MAYBE = re.compile(r"\d(?:\D?\D?\d){6}")  # seven digits close together: worth a closer look


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


_PLAIN = (int, float, bool, type(None), date)
_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text(value: str, key: str) -> str:
    if key in KEEP:
        return value
    mask = FIELD_MASKS.get(key)
    if mask is not None:
        return mask(value)
    return mask_text(value) if _MAYBE.search(value) else value


def masked(value: Any, key: str = "") -> Any:
    """``value`` as published: every string masked, its structure (and line marks) kept.

    Works through dataclasses (a Case, a Campaign), mappings, lists and tuples. What holds no
    number to mask is returned as it is, not copied (at 10,000 cases this runs for every text of
    every case, so the common types are handled without a call).
    """
    if isinstance(value, str):
        return _text(value, key)
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        changed: dict[str, Any] = {}
        for k, v in value.items():
            new = _text(v, k) if type(v) is str else v if isinstance(v, _PLAIN) else masked(v, k)
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
            _text(v, key) if type(v) is str else v if isinstance(v, _PLAIN) else masked(v, key)
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
                new = _text(old, name)
            elif isinstance(old, _PLAIN):
                continue
            else:
                new = masked(old, name)
            if new is not old:
                fields_changed[name] = new
        return dataclasses.replace(value, **fields_changed) if fields_changed else value
    return value


def published_case(case: Case) -> Case:
    """The case as the site and the masked workbook show it: every number in every text masked."""
    result: Case = masked(case)
    return result


def petitioner_name(case: Case, person: Petitioner) -> str:
    return HIDDEN_NAME if case.confidential else person.name


def petitioner_names(case: Case) -> str:
    if case.confidential:
        return HIDDEN_NAME
    names = [p.name for p in case.petitioners]
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "")


def name_hider(names: Iterable[str]) -> Callable[[str], str]:
    """Free text with the given names replaced by （保密）: a commit message, whatever the
    committer typed, may name a key person or the petitioner of a confidential case.

    Longest name first at each place; set lookups rather than one regular expression of
    thousands of alternatives (which tries each of them at every character)."""
    wanted = {n.strip() for n in names if len(n.strip()) >= 2}
    if not wanted:
        return str
    lengths = sorted({len(n) for n in wanted}, reverse=True)

    @functools.lru_cache(maxsize=8192)  # one commit's message is shown on each case it touched
    def hide(text: str) -> str:
        out: list[str] = []
        i = 0
        while i < len(text):
            k = next((k for k in lengths if text[i : i + k] in wanted), 0)
            out.append(HIDDEN_NAME if k else text[i])
            i += k or 1
        return "".join(out)

    return hide
