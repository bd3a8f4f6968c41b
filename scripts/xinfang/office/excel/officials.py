"""Leaders as offices write them: 县长助理 孙某某, 孙某某（副县长）, 孙副县长, 孙县长.

A written leader is split into a name and a post: a post in brackets, a post before the name, a
post after it. A full name stands for itself. A surname with a post (孙副县长, 秦书记) stands for
the one person in campaign.yml (county leaders, the leading group, the units' own leaders) whose
name begins with that surname and whose post holds the written post: 县长 fits 常务副县长 (offices
call a deputy by the post), 副县长 does not fit 县长. None or several is a question to the office,
never a guess; and a surname with a post is never proposed as a new leader: only a full name is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

#: The last word of a post, longest first; 副 and 常务 may come before it.
POST_WORDS = (
    "县长助理", "常务副县长", "主任科员", "副调研员", "调研员", "检察长", "县长", "书记", "主任", "主席",
    "局长", "院长", "镇长", "乡长", "部长", "所长", "委员", "组长", "政委", "庭长", "队长", "站长",
    "科长", "股长", "主任", "经理", "厂长", "校长", "助理", "常委", "干事", "专干", "会长",
)  # fmt: skip
_POST = re.compile(
    r"(?:(?:县委|县人大常委会|县人大|县政协|县政府|政法委|党委|党组|人大|政协|常委会|县|镇|乡|街道)"
    r"[、]?)*(?:常务)?副?(?:" + "|".join(sorted(set(POST_WORDS), key=len, reverse=True)) + ")"
)
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容",
                     "夏侯", "长孙", "宇文", "司徒", "端木", "万俟", "闻人", "澹台", "轩辕", "呼延")  # fmt: skip


@dataclass(frozen=True)
class Written:
    """A leader as written: a full name, or a surname; and the post, when written."""

    name: str = ""
    surname: str = ""
    post: str = ""

    @property
    def text(self) -> str:
        return self.name or f"{self.surname}{self.post}"


def parse(text: str) -> Written | None:
    """A leader cell as name and post; None when it is not one person (two names, a sentence)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    bracket = re.fullmatch(r"(.+?)[(（\[【](.+?)[)）\]】]", text)
    if bracket:
        name, post = bracket[1].strip(), bracket[2].strip()
        if _NAME.match(name) and _POST.fullmatch(post):
            return Written(name=name, post=post)
        return None
    compact = text.replace(" ", "")
    lead = _POST.match(compact)
    if lead and _NAME.match(compact[lead.end() :]):
        return Written(name=compact[lead.end() :], post=lead.group())
    for at in range(1, len(compact)):
        head, tail = compact[:at], compact[at:]
        if _POST.fullmatch(tail):
            if len(head) == 1 or head in COMPOUND_SURNAMES:
                return Written(surname=head, post=tail)
            if _NAME.match(head):
                return Written(name=head, post=tail)
    if _NAME.match(compact) and not _POST.fullmatch(compact):
        return Written(name=compact)
    return None


def _fits(written: str, post: str) -> bool:
    """县长 fits 县委常委、常务副县长; 副县长 fits 副县长 but not 县长."""
    word = next(
        (w for w in sorted(set(POST_WORDS), key=len, reverse=True) if written.endswith(w)), ""
    )
    if not word:
        return False
    deputy = "副" in written[: len(written) - len(word)] or written.startswith("副")
    if deputy:
        return f"副{word}" in post
    return word in post


@dataclass(frozen=True)
class Official:
    name: str
    post: str


@dataclass(frozen=True)
class Resolved:
    name: str | None  # the campaign's person, or the full name as written
    known: bool  # whether campaign.yml names this person
    written: Written | None
    candidates: tuple[Official, ...] = ()


def officials(campaign_data: dict[str, Any]) -> list[Official]:
    """Everyone campaign.yml names with a post: leaders, the leading group, units' leaders."""
    out: dict[str, Official] = {}
    people = [
        *(campaign_data.get("leaders") or []),
        *(campaign_data.get("leading_group") or []),
        *[
            {**leader, "post": f"{unit.get('name', '')}{leader.get('post', '')}"}
            for unit in campaign_data.get("units") or []
            for leader in unit.get("leaders") or []
        ],
    ]
    for person in people:
        if isinstance(person, dict) and isinstance(person.get("name"), str):
            name, post = person["name"], str(person.get("post") or "")
            old = out.get(name)
            posts = dict.fromkeys([*(old.post.split("、") if old else []), *post.split("、")])
            out[name] = Official(name, "、".join(p for p in posts if p))
    return list(out.values())


def units_of(campaign_data: dict[str, Any]) -> dict[str, str]:
    """The unit of each person campaign.yml names as a unit's own leader (or member's unit)."""
    out: dict[str, str] = {}
    for member in campaign_data.get("leading_group") or []:
        if isinstance(member, dict) and isinstance(member.get("unit"), str):
            out.setdefault(str(member.get("name")), member["unit"])
    for unit in campaign_data.get("units") or []:
        for leader in (unit.get("leaders") or []) if isinstance(unit, dict) else []:
            if isinstance(leader, dict) and isinstance(unit.get("code"), str):
                out[str(leader.get("name"))] = unit["code"]
    return out


class Officials:
    """Resolves written leaders against campaign.yml's people, once per distinct spelling."""

    def __init__(self, people: list[Official], unit_of: dict[str, str] | None = None) -> None:
        self.people = people
        self.names = {p.name for p in people}
        self.unit_of = unit_of or {}
        self._found: dict[str, Resolved] = {}

    @classmethod
    def of(cls, campaign_data: dict[str, Any]) -> Officials:
        return cls(officials(campaign_data), units_of(campaign_data))

    def resolve(self, text: str) -> Resolved:
        if text not in self._found:
            self._found[text] = self._resolve(text)
        return self._found[text]

    def _resolve(self, text: str) -> Resolved:
        written = parse(text)
        if written is None:
            return Resolved(None, False, None)
        if written.name:
            return Resolved(written.name, written.name in self.names, written)
        fits = tuple(
            p
            for p in self.people
            if p.name.startswith(written.surname) and _fits(written.post, p.post)
        )
        if len(fits) == 1:
            return Resolved(fits[0].name, True, written, fits)
        return Resolved(None, False, written, fits)
