"""A type cell with more in it: 重复访（3次）, 集体访 30 余人, 越级访（赴京）, 进京访, 苗头隐患.

The words of a 问题类别/性质/类型 cell are read one by one: the plan's four categories and their
usual spellings give the category; 重复访, 越级访, 集体访 and 上访老户 give flags (and the category
突出信访问题); a number of people (30 余人, 十余人) gives the head count; a number of times (3次)
is kept as a note; a place (赴京, 进京访, 到省, 去市里) gives the level a visit reached, so a visit
event at that level, and 越级访 when that level is above the one the campaign allows; 苗头隐患
and 矛盾纠纷 mark a row that may be a risk rather than a case. A word none of these knows (一般,
其他, 综合) is returned as unknown, for the mapping file: it is never mapped silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ...records.policy import LEVELS

#: Words of going somewhere: 市信访局交办 is a case the city assigned, not a visit to the city.
LEVEL_WORDS = {
    "beijing": ("进京", "赴京", "到京", "去京", "在京", "北京"),
    "province": ("赴省", "到省", "去省", "进省", "省里", "省上", "省城"),
    "city": ("赴市", "到市", "去市", "进市", "市里", "市上"),
}
RISK_WORDS = ("苗头隐患", "苗头", "隐患", "矛盾纠纷", "不稳定因素", "纠纷")
COUNT = re.compile(
    r"(?P<n>[0-9]+|[一二两三四五六七八九十百]+)\s*(?P<more>余|多|来)?\s*(?P<unit>人|名|户|次)"
)
SPLIT = re.compile(r"[、，,；;/\s（）()【】\[\]]+")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """十 → 10, 三十 → 30, 十五 → 15, 一百二十 → 120; None for anything else."""
    if text.isdigit():
        return int(text) if len(text) < 7 else None
    total, current = 0, 0
    for char in text:
        if char in _CN:
            current = _CN[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current or None


@dataclass
class TypeCell:
    category: str | None = None
    flags: list[str] = field(default_factory=list)
    head_count: int | None = None
    about: str = ""  # 约 when the count said 余 or 多
    level: str | None = None  # the highest level a visit reached, when said
    times: int | None = None
    risk: bool = False
    unknown: list[str] = field(default_factory=list)

    def notes(self, written: str) -> list[str]:
        out = []
        if self.head_count is not None and self.about:
            out.append(f"涉及人数按 {self.head_count} 人记录（台账写“{written}”）")
        if self.times is not None:
            out.append(f"台账写“{written}”：各次信访的日期和层级请导入后补录到信访事件中")
        return out


def read_type(text: str, words: dict[str, str], flags: dict[str, str], above: str) -> TypeCell:
    """The parts of a type cell. ``words``: category spellings → codes; ``flags``: flag spellings
    → codes; ``above``: the level a visit may reach without being cross-level."""
    text = unicodedata.normalize("NFKC", text).strip()
    cell = TypeCell()
    whole = words.get(text) or words.get(text.replace(" ", ""))
    if whole is not None:  # a label as the schema writes it, 、 and all
        cell.category = whole
        return cell
    for found in COUNT.finditer(text):
        number = chinese_number(found["n"])
        if number is None:
            continue
        if found["unit"] == "次":
            cell.times = number
        elif found["unit"] in "人名":
            cell.head_count, cell.about = number, found["more"] or ""
    rest = COUNT.sub(" ", text)
    for level in ("beijing", "province", "city"):
        words_at = [w for w in LEVEL_WORDS[level] if w in rest]
        if words_at:
            cell.level = cell.level or level
            for word in words_at:
                rest = rest.replace(word, " 访 " if word in ("进京", "赴京") else " ")
    if any(w in rest for w in RISK_WORDS):
        cell.risk = True
        for word in RISK_WORDS:
            rest = rest.replace(word, " ")
    for part in (p for p in SPLIT.split(rest.replace("等", " ")) if p):
        if part in ("访", "上访", "来访", "信访", "走访"):
            continue
        code = words.get(part)
        flag = flags.get(part) or flags.get(part.removesuffix("上访") + "访")
        if code is not None and cell.category is None:
            cell.category = code
        elif flag is not None:
            cell.flags.append(flag)
        elif code is None:
            cell.unknown.append(part)
    if cell.level is not None and LEVELS.index(cell.level) > LEVELS.index(above):
        cell.flags.append("cross_level")
    if cell.head_count is not None and "collective" not in cell.flags and "集体" in text:
        cell.flags.append("collective")
    cell.flags = list(dict.fromkeys(cell.flags))
    return cell
