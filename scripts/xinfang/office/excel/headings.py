"""Which field a ledger's column heading means, by the roots it contains and their order.

Offices name one column in many ways (上访人, 来访人姓名, 信访人; 上访事由, 反映内容, 主要问题;
问题性质, 类别, 分类; 处理情况, 化解措施, 办理进展…). A heading is matched against patterns of
roots: ``来访|上访|信访+人`` is a root of the first group followed, later in the heading, by one of
the second; a group ending in ``?`` may be missing. A pattern's score is the share of the heading
its roots cover (words such as 姓名, 是否, 的 count as covered), so 稳控责任人 is the stability
officer (all five characters) before the handler (责任人, three of five). Candidates are ranked by
score; the best is used when it covers at least half of the heading and no other field scores the
same (a tie is asked about in the mapping file, never decided). The export's own headings, their
common variants and the mapping file's headings match exactly first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Root patterns of each field, beyond its whole headings in ``columns.py``.
ROOTS: dict[str, tuple[str, ...]] = {
    "id": ("案件|信访|台账|信访件?+编号|案号",),
    "title": ("案件|事项+名称|标题", "标题|案由"),
    "category": ("问题|案件|信访|事项|矛盾|纠纷?+类别|类型|性质|分类",),
    "flags": ("案件?+标识|标签",),
    "source": ("案件|信访|问题?+来源",),
    "confidential": ("保密",),
    "received": (
        "首次|初次|首|初信初|最初?+信访|上访|来访|来信|访|反映+时间|日期",
        "首次|初次|初信初访|首访+时间|日期",
    ),
    "registered": ("登记|排查|受理|建档|交办|录入|填报|接访+时间|日期",),
    "petitioners.name": (
        "信访|上访|来访|访|来信|反映|当事|申诉|投诉|举报|控告|诉求+人",
        "当事人|上访户|信访户|姓名",
    ),
    "petitioners.id_number": ("公民?+身份证|身份+号码|号?",),
    "petitioners.phone": ("联系+电话|方式", "电话|手机+号码|号?"),
    "petitioners.address": ("家庭|现|户籍|居?+住址|地址|住所|居住地|所在地|所在村|村组|村别",),
    "petitioners.locality": ("所属|所在+单位|乡镇|部门", "属地"),
    "head_count": ("涉及|上访|来访|信访|参与|集体|群体?+人数",),
    "demand": (
        "信访|上访|来访|反映|主要|具体|问题?+事由|诉求|内容|问题|情况|案情",
        "简要|基本+案情|情况",
    ),
    "about": ("被+反映|投诉|举报|控告|访+对象|单位|人", "反映+对象"),
    "responsibility.unit": ("包案|责任|承办|办理|主办|牵头|化解|交办|主责+单位|部门",),
    "responsibility.lead_official": ("包案|责任|包联|分包|包保|联系|县级|挂牌?+领导",),
    "responsibility.handler": (
        "具体|经办|承办|办理|责任+责任人|人",
        "经办|承办+人",
    ),
    "responsibility.stability_officer.name": ("稳控|包保|监控|看护|帮教+责任?+人",),
    "responsibility.stability_officer.unit": ("稳控|包保+责任?+单位|部门",),
    "responsibility.deadline": ("办结|完成|化解|办理|处理|要求?+时限|期限", "限办|限期+时间|日期?"),
    "responsibility.requirements": ("工作|具体|办理+要求",),
    "grade": ("案件|问题?+级别|等级",),
    "priority": ("是否?+重点",),
    "approach": ("化解|处理|办理|解决+方式|办法|途径",),
    "status": ("办理|案件|化解|办结|处理?+状态|进度",),
    "closure.date": ("结案|办结|化解+时间|日期",),
    "settled": ("息诉|息访|罢访|停访+罢访?",),
    "next_steps": ("下一步+工作?+措施|打算|计划",),
    "notes": ("备注|附注|说明",),
    "events.form": ("信访|来访|上访|反映+形式|方式|渠道",),
    "progress": (
        "处理|办理|化解|工作|落实|调处|稳控+情况|进展|措施|结果|过程+情况?",
        "进展+情况?",
    ),
}

#: Words that say nothing of the field: they count as covered (信访人姓名 is 信访人).
NEUTRAL = ("姓名", "名称", "是否", "的", "及", "和", "与", "或", "、", "/")
THRESHOLD = 0.5


@dataclass(frozen=True)
class Candidate:
    key: str
    score: float
    roots: str  # the roots found, as the report names them: 来访…人


@dataclass(frozen=True)
class Meaning:
    """What a heading means: a key (or None), how (exact or by roots), and the tied keys."""

    key: str | None
    roots: str = ""  # empty when the heading matched exactly
    tied: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()


def _compile(pattern: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    parts = []
    for part in pattern.split("+"):
        optional = part.endswith("?")
        words = tuple(sorted(part.rstrip("?").split("|"), key=len, reverse=True))
        parts.append((words, optional))
    return tuple(parts)


PATTERNS = {key: tuple(_compile(p) for p in patterns) for key, patterns in ROOTS.items()}


def _cover(
    text: str, parts: tuple[tuple[tuple[str, ...], bool], ...], start: int = 0
) -> list[tuple[int, int]] | None:
    """The spans of the roots, one from each group in order (an optional group matched when it
    can be); None when a group is missing."""
    if not parts:
        return []
    (words, optional), rest = parts[0], parts[1:]
    found = min(((at, -len(w)) for w in words if (at := text.find(w, start)) >= 0), default=None)
    if found is not None:
        at, negative = found
        after = _cover(text, rest, at - negative)
        if after is not None:
            return [(at, at - negative), *after]
    return _cover(text, rest, start) if optional else None


def _score(text: str, spans: list[tuple[int, int]]) -> float:
    """The share of the heading the roots cover, with the neutral words next to them."""
    marked: set[int] = set()
    for a, b in spans:
        marked.update(range(a, b))
    edges = {a for a, _ in spans} | {b for _, b in spans}
    for word in NEUTRAL:
        for found in re.finditer(re.escape(word), text):
            span = range(found.start(), found.end())
            touches = found.start() in edges or found.end() in edges
            if touches and not marked.intersection(span):
                marked.update(span)
    return len(marked) / len(text)


@lru_cache(maxsize=4096)
def rank(text: str) -> tuple[Candidate, ...]:
    """Every field a heading's roots point to, best first (one entry per field)."""
    if not text:
        return ()
    found = []
    for key, patterns in PATTERNS.items():
        best: Candidate | None = None
        for parts in patterns:
            spans = _cover(text, parts)
            if not spans:
                continue
            score = _score(text, spans)
            if best is None or score > best.score:
                best = Candidate(key, score, "…".join(text[a:b] for a, b in spans))
        if best is not None:
            found.append(best)
    return tuple(sorted(found, key=lambda c: -c.score))


def meaning(text: str, exact: dict[str, str]) -> Meaning:
    """The field of a normalized heading: exactly (``exact``: heading → key), else by roots."""
    if text in exact:
        return Meaning(exact[text])
    ranked = rank(text)
    if not ranked or ranked[0].score < THRESHOLD:
        return Meaning(None, candidates=ranked)
    tied = tuple(c.key for c in ranked if c.score == ranked[0].score)
    if len(tied) > 1:
        return Meaning(None, tied=tied, candidates=ranked)
    return Meaning(ranked[0].key, ranked[0].roots, candidates=ranked)
