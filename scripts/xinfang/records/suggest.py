"""Which known names a mistyped one may mean: by sound as well as by characters.

A clerk types a name as they hear it: 杨德生 for 杨德胜, 郑春升 for 郑春生. Such a name differs
in characters but not in sound, so besides the characters (one character off, one missing or
one extra) the names are compared as toneless pinyin (pypinyin; a character with several
readings matches on any of them). Codes (T1 for T01, XF2008-T01-01) are compared as text.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from pypinyin import Style, pinyin


def _edits(
    a: Sequence[Any], b: Sequence[Any], same: Callable[[Any, Any], bool] = operator.eq
) -> int:
    """Levenshtein distance; ``same(x, y)`` says when two elements count as equal."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (not same(x, y)))
            )
        previous = current
    return previous[-1]


@cache
def _sounds(text: str) -> tuple[frozenset[str], ...]:
    """Each character's toneless readings (a character that is not Chinese: itself)."""
    return tuple(
        frozenset(r.lower() for r in readings)
        for readings in pinyin(text, style=Style.NORMAL, heteronym=True, errors="default")
    )


def _numbered(code: str) -> str:
    """A code with the leading zeros of its numbers dropped."""
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", code)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def same_sound(a: str, b: str) -> bool:
    sa, sb = _sounds(a), _sounds(b)
    return len(sa) == len(sb) and all(x & y for x, y in zip(sa, sb, strict=True))


def likely(text: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names ``text`` may mean, closest first: same sound, or one character off
    (two in a long name); for codes, the closest spellings ignoring case."""
    given = text.strip()
    scored: list[tuple[int, int, str]] = []
    for name in dict.fromkeys(known):
        if not name or name == given:
            continue
        if _chinese(given) and _chinese(name):
            chars = _edits(given, name)
            sound = _edits(_sounds(given), _sounds(name), lambda x, y: bool(x & y))
            if sound == 0:
                scored.append((0, chars, name))
            elif chars <= max(1, len(given) // 4):
                scored.append((chars, sound, name))
        else:
            a, b = given.upper(), name.upper()
            ratio = SequenceMatcher(None, a, b).ratio()
            if _numbered(a) == _numbered(b):  # T1 for T01, XF2008-T01-1 for XF2008-T01-001
                scored.append((0, 0, name))
            elif ratio >= 0.7 or (len(a) >= 2 and (a in b or b in a)):
                scored.append((1, round((1 - ratio) * 100), name))
    scored.sort()
    if scored and not _chinese(given):  # codes: only the closest spellings
        scored = [s for s in scored if s[1] <= scored[0][1] + 5]
    return [name for *_, name in scored[:limit]]


def hint(text: str, known: Iterable[str], shown: dict[str, str] | None = None) -> str:
    """ "可能是 X（读音相同）或 Y" for a message, or "" when nothing is close. ``shown`` gives
    a fuller way to write a name (a unit's code with its name)."""
    names = likely(text, known)
    if not names:
        return ""
    words = [
        (shown or {}).get(n, n) + ("（读音相同）" if _chinese(text) and same_sound(text, n) else "")
        for n in names
    ]
    return "可能是 " + " 或 ".join(words)


def unit_hint(given: str, units: dict[str, str]) -> str:
    """For a unit code that is not defined (``units``: code -> name): the code of a unit whose
    name was written instead, or the units it may mean; "" when none is close."""
    for code, name in units.items():
        if given and (given == name or (len(given) >= 2 and given in name)):
            return f"{given} 是单位名称，这里写单位代码：{name}的代码是 {code}"
    by_name = {name: code for code, name in units.items()}
    shown = {code: f"{code}（{name}）" for code, name in units.items()}
    shown |= {name: f"{code}（{name}）" for name, code in by_name.items()}
    names = likely(given, [*units, *by_name])
    seen = dict.fromkeys(shown[n] for n in names)
    return ("可能是 " + " 或 ".join(seen)) if seen else ""


def then(hint_text: str) -> str:
    """A suggestion as the first clause of a fix ("可能是 X；"), or nothing."""
    return f"{hint_text}；" if hint_text else ""
