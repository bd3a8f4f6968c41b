"""Units by the names offices write: 县检察院, 公安局, 青山镇政府, 县发改局, 县劳动局.

A name is reduced to its core: the county's name and a leading 县 dropped (县委 kept as a
prefix of 县委政法委 only), 人民 and 政府 dropped, 委员会 read as 委 and 办公室 as 办, spaces and
full-width forms ignored: 县人民检察院 and 县检察院 are both 检察院, 青山镇人民政府 is 青山镇. A
written name is a unit when its core is the unit's core, or the core without its ending
(城关 for 城关镇), or the usual short form: the same first character and the same ending, the
other characters in order (发改局 for 发展改革局, 国土局 for 国土资源局, 劳动局 for
劳动和社会保障局). A match must be unique; several are listed as candidates, and a name that
matches none is listed with the units it resembles. 县司法所 is not 县司法局: the ending differs.

The kind of a unit the campaign does not know is guessed from its ending for the campaign.yml
snippet: 乡、镇、街道、办事处 are townships; 局、委、院、办、中心 and the like departments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import get_close_matches

from ...records.campaign import Campaign

TOWNSHIP_ENDS = ("街道办事处", "办事处", "街道", "镇", "乡")
DEPARTMENT_ENDS = (
    "中心",
    "局",
    "委",
    "院",
    "办",
    "部",
    "所",
    "站",
    "队",
    "会",
    "室",
    "庭",
    "处",
    "厅",
)
ENDS = (*TOWNSHIP_ENDS, *DEPARTMENT_ENDS)


def guess_kind(name: str) -> str | None:
    """township or department, from the name's ending; None when the ending says neither."""
    text = re.sub(r"(人民)?政府$", "", _clean(name))
    if text.endswith(TOWNSHIP_ENDS):
        return "township"
    if text.endswith(("局", "委", "院", "办", "中心", "委员会", "办公室", "部", "所", "站", "队")):
        return "department"
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def core(name: str, county: str = "") -> str:
    """The part of a unit's name that tells it from the others (县人民检察院 → 检察院)."""
    text = _clean(name)
    if county and text.startswith(county) and len(text) > len(county):
        text = text[len(county) :]
    text = text.removeprefix("中共")
    if text.startswith("县委") and len(text) > 2:
        text = text[2:]
    elif text.startswith("县") and len(text) > 1:
        text = text[1:]
    text = text.replace("人民", "").replace("委员会", "委").replace("办公室", "办")
    text = re.sub(r"政府$", "", text) or text
    return text


def _ending(text: str) -> str:
    return next((end for end in ENDS if text.endswith(end) and len(text) > len(end)), "")


def _short_form(short: str, full: str) -> bool:
    """发改局 of 发展改革局: same first character and ending, the rest in order."""
    end = _ending(full)
    if not end or not short.endswith(end) or len(short) < len(end) + 1 or short == full:
        return False
    if short[0] != full[0] or len(short) >= len(full):
        return False
    rest = iter(full[1 : -len(end)])
    return all(char in rest for char in short[1 : -len(end)])


@dataclass(frozen=True)
class UnitMatch:
    code: str | None
    candidates: tuple[str, ...] = ()  # codes, when several fit or none does
    how: str = ""  # the rule that matched, when not the name itself


@dataclass
class UnitNames:
    """The campaign's units by any of their written names; ``extra``: the mapping file's."""

    campaign: Campaign
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        county = self.campaign.county
        self.cores = {code: core(u.name, county) for code, u in self.campaign.units.items()}
        self.exact = {u.name: code for code, u in self.campaign.units.items()}
        self.exact.update({code: code for code in self.campaign.units})
        self._found: dict[str, UnitMatch] = {}

    def match(self, text: str) -> UnitMatch:
        if text not in self._found:
            self._found[text] = self._match(text)
        return self._found[text]

    def _match(self, text: str) -> UnitMatch:
        written = _clean(text)
        if not written:
            return UnitMatch(None)
        for table in (self.extra, self.exact):
            if text in table or written in table:
                return UnitMatch(table.get(text) or table[written])
        short = core(written, self.campaign.county)
        for how, test in (
            ("", lambda c: short == c),
            ("略去了名称的结尾", lambda c: _ending(c) and short == c[: -len(_ending(c))]),
            ("简称", lambda c: _short_form(short, c)),
        ):
            found = tuple(code for code, c in self.cores.items() if test(c))
            if len(found) == 1:
                return UnitMatch(found[0], how=how)
            if found:
                return UnitMatch(None, found)
        close = get_close_matches(short, list(self.cores.values()), n=3, cutoff=0.5)
        return UnitMatch(None, tuple(c for c, v in self.cores.items() if v in close))

    def within(self, text: str) -> UnitMatch:
        """A township named at the start of a place (柳河镇张湾村 is in 柳河镇), when unique."""
        found = self.match(text)
        if found.code is not None:
            return found
        written = core(_clean(text), self.campaign.county)
        towns = [
            code
            for code, c in self.cores.items()
            if self.campaign.units[code].kind == "township" and written.startswith(c)
        ]
        return UnitMatch(towns[0], how="地名所在的乡镇") if len(towns) == 1 else found

    def names(self, codes: tuple[str, ...]) -> str:
        return "、".join(self.campaign.unit_name(code) for code in codes)
