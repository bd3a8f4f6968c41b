"""Identity-card and phone numbers in free text, however people write them.

A number is a chain of digits: half- or full-width (any Unicode decimal digit), Chinese numerals
(〇 and 零 for 0, 幺 for 1, the financial 壹贰叁…), and letters standing for digits (O or o for 0,
l or I for 1, X as an identity card's check character) where the letters make no word of their
own ("Ohio" is a word, "l38" is not). Between the digits there may be any separators or spacing
(spaces of every width, dashes, dots, slashes, underscores, brackets, plus signs) and invisible
characters (zero-width space, non-joiner and joiner, soft hyphen, BOM, word joiner, direction
marks), in any mix and number; they split the chain into groups.

In each chain, runs of whole groups are read as numbers: an identity card (18 characters with a
birth date that exists in the calendar's shape, or the old 15 digits), a mobile number (11 digits,
1 then 3–9; with 86 or 0086 before it), a landline with its area code (010 and 02X with 7 or 8
digits, 0XXX with 7 or 8; with +86 or 0086 before it), a bank card (15 or more digits in one group,
or in fours). Specific shapes win over the bank card and longer over shorter, so that a date
written just before a phone number stays readable. Groups are never cut, and a number never cuts
a date in two (in "2008-04-20 2008-05-20" the digits 04202008 0520 would read as a landline); a
date or an amount alone (12000元, 2008年4月20日) never has enough digits to be one. A number without an area code (5123456) is not masked: it reads
like an amount as often as like a phone number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_CHINESE = {
    **dict.fromkeys("〇零", "0"),
    **dict.fromkeys("一幺壹", "1"),
    **dict.fromkeys("二贰", "2"),
    **dict.fromkeys("三叁", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆", "6"),
    **dict.fromkeys("七柒", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖", "9"),
}
_LETTERS = {
    **dict.fromkeys("OoＯｏ", "0"),
    **dict.fromkeys("IlＩｌ", "1"),
    **dict.fromkeys("XxＸｘ", "X"),
}
_INVISIBLE = "\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufeff"
_D = "[\\d" + "".join(_CHINESE) + "".join(_LETTERS) + "]"
_S = (
    r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d_.\uff0e\u00b7\u30fb\u2022/\uff0f\\\uff3c"
    r"()\uff08\uff09+\uff0b" + _INVISIBLE + "]"
)
# Digits and separators are disjoint classes, so both searches run in linear time.
CHAIN = re.compile(f"{_D}(?:{_S}*{_D})*")
#: Ten digits or more in one chain (the shortest number, a landline, has ten): the cheap test
#: before a closer look.
MAYBE = re.compile(f"{_D}(?:{_S}*{_D}){{9}}")
_WORD = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]+")
_PLUS = frozenset("+＋")
_LONGEST = 19  # a bank card; nothing longer is read across groups


@dataclass(frozen=True)
class Found:
    """Where a number is in a text (the indexes of its digits, in order) and which of its
    digits may stay: the first ``keep_first`` and the last ``keep_last``."""

    positions: tuple[int, ...]
    keep_first: int
    keep_last: int

    def hidden(self) -> tuple[int, ...]:
        return self.positions[self.keep_first : len(self.positions) - self.keep_last]


def _birth(s: str) -> bool:
    return "01" <= s[-4:-2] <= "12" and "01" <= s[-2:] <= "31"


def _landline(s: str) -> bool:
    if len(s) < 10 or s[0] != "0" or s[1] == "0":
        return False
    local = s[3:] if s[1] in "12" else s[4:]
    return 7 <= len(local) <= 8 and local[0] in "23456789"


def _mobile(s: str) -> bool:
    return len(s) == 11 and s[0] == "1" and s[1] in "3456789"


def _shape(s: str, plus: bool, groups: int, fours: bool) -> tuple[int, int, int] | None:
    """(rank, keep_first, keep_last) of the digits ``s`` read as a number, or None; rank 0 for
    an identity card or a phone, 1 for a bank card."""
    if len(s) == 18 and s[:17].isdigit() and s[0] != "0" and s[6:8] in ("18", "19", "20"):
        return (0, 4, 4) if _birth(s[6:14]) else None
    if not s.isdigit():
        return None
    if len(s) == 15 and s[0] != "0" and _birth(s[6:12]):
        return 0, 4, 4
    for cc in ("0086", "86"):
        rest = s.removeprefix(cc)
        if rest != s and _mobile(rest):
            return 0, len(cc) + 3, 4
        if rest != s and (plus or cc == "0086") and _landline("0" + rest):
            return 0, 0, 4
    if _mobile(s):
        return 0, 3, 4
    if _landline(s):
        return 0, 0, 4
    if len(s) >= 15 and (groups == 1 or (fours and len(s) <= _LONGEST)):
        return 1, 4, 4
    return None


def _groups(text: str, start: int, end: int) -> Iterator[list[list[tuple[int, str]]]]:
    """The chain text[start:end] as segments of groups of (index, digit). Letters stand for
    digits only where their word holds no other letters ("l38" yes, "Ohio" no); a word ends a
    segment: no number is read across it."""
    segment: list[list[tuple[int, str]]] = []
    group: list[tuple[int, str]] = []
    i = start
    while i < end:
        char = text[i]
        if char in _LETTERS:
            word = _WORD.match(text, i)
            stop = word.end() if word else i + 1
            left = i
            while left > 0 and _WORD.match(text, left - 1, left):
                left -= 1
            if not all(c in _LETTERS for c in text[left:stop]):
                if group:
                    segment.append(group)
                if segment:
                    yield segment
                segment, group = [], []
                i = stop
                continue
            group += [(k, _LETTERS[text[k]]) for k in range(i, min(stop, end))]
            i = stop
            continue
        value = _CHINESE.get(char)
        if value is None:
            digit = unicodedata.decimal(char, None)
            value = None if digit is None else str(digit)
        if value is None:
            if group:
                segment.append(group)
                group = []
        else:
            group.append((i, value))
        i += 1
    if group:
        segment.append(group)
    if segment:
        yield segment


def _dates(segment: list[list[tuple[int, str]]]) -> list[tuple[int, int]]:
    """The groups that read as a date (2008-04-20, 2008.4.20, 2008/4/20): first and last."""
    values = ["".join(v for _, v in g) for g in segment]
    return [
        (k, k + 2)
        for k in range(len(values) - 2)
        if len(values[k]) == 4
        and "1900" <= values[k] <= "2099"
        and values[k + 1].isdigit()
        and 1 <= int(values[k + 1]) <= 12
        and len(values[k + 1]) <= 2
        and values[k + 2].isdigit()
        and 1 <= int(values[k + 2]) <= 31
        and len(values[k + 2]) <= 2
    ]


def _in_segment(text: str, segment: list[list[tuple[int, str]]]) -> Iterator[Found]:
    dates = _dates(segment)
    candidates = []
    for i in range(len(segment)):
        digits = ""
        first = segment[i][0][0]
        plus = any(c in _PLUS for c in text[max(0, first - 3) : first])
        for j in range(i, len(segment)):
            digits += "".join(v for _, v in segment[j])
            if len(digits) > _LONGEST and j > i:
                break
            fours = all(len(g) == 4 for g in segment[i:j]) and len(segment[j]) <= 4
            shape = _shape(digits, plus, j - i + 1, fours)
            if shape is not None and not any(  # a number never cuts a date in two
                a <= j and b >= i and not (i <= a and b <= j) for a, b in dates
            ):
                candidates.append((shape[0], -len(digits), i, j, shape[1], shape[2]))
    taken: set[int] = set()
    for _, _, i, j, keep_first, keep_last in sorted(candidates):
        if taken.isdisjoint(range(i, j + 1)):
            taken.update(range(i, j + 1))
            positions = tuple(p for g in segment[i : j + 1] for p, _ in g)
            yield Found(positions, keep_first, keep_last)


def find_numbers(text: str) -> Iterator[Found]:
    """Every identity-card, phone and bank-card number in ``text``."""
    for chain in CHAIN.finditer(text):
        if not MAYBE.match(text, chain.start(), chain.end()):
            continue
        for segment in _groups(text, chain.start(), chain.end()):
            yield from _in_segment(text, segment)
