"""Titles derived for rows without one: from the place and the demand, never from a name.

A title goes into the notice sent to every unit, so it carries no one's name: it is the place
the petitioners come from (the village or street of the first petitioner's address, with its
township in front when the address leaves it out; else the township itself), who they are there
(村民 of a village, 居民 of a street or community, else 群众), and the first clause of the demand,
with every name the row or campaign.yml knows written as a surname and 某: 青山镇王畈村村民反映
采石场放炮震裂房屋.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TITLE_MAX = 60
_CLAUSE = re.compile(r"[。；;，,！!？?\n]")
_VERBS = ("反映", "要求", "请求", "投诉", "举报", "控告", "申诉", "不服", "上访")
_SUBJECT = re.compile(rf"^[\u4e00-\u9fff]{{1,2}}某(?:等\s*\d*\s*人)?(?=(?:{'|'.join(_VERBS)}))")
_PLACES = (re.compile(r"^(.*?(?:村|社区|居委会|小区))"), re.compile(r"^(.*?(?:街道|街))"))


def place_of(address: str | None, township: str | None, county: str) -> tuple[str, str]:
    """(place, who) for a title: 青山镇王畈村 and 村民, 青山镇街道 and 居民, 石桥乡 and 群众."""
    text = re.sub(r"\s+", "", address or "")
    if county and text.startswith(county):
        text = text[len(county) :]
    found = next((m for m in (p.match(text) for p in _PLACES) if m), None)
    if found and len(found[1]) >= 2:
        place = found[1]
        if township and not place.startswith(township):
            place = township + place
        who = "村民" if place.endswith("村") else "居民"
        return place, who
    return (township or ""), "群众"


def masked(text: str, names: Iterable[str]) -> str:
    """Every name given written as its surname and 某 (张秀英 → 张某)."""
    for name in sorted({n for n in names if n and len(n) >= 2}, key=len, reverse=True):
        text = text.replace(name, name[0] + "某")
    return text


def derive_title(demand: str, place: str, who: str, names: Iterable[str]) -> str:
    """某村村民反映…… from the demand's first clause; no name the row or campaign knows."""
    clause = next((c.strip() for c in _CLAUSE.split(demand) if c.strip()), demand.strip())
    clause = _SUBJECT.sub("", masked(clause, names))  # 赵某反映… : who is said by the place
    verb = "" if clause.startswith(_VERBS) else "反映"
    return f"{place}{who}{verb}{clause}"[:TITLE_MAX]
