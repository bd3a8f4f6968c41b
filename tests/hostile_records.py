"""Hostile records of about 250 KB (the loader takes files up to 256 KB), for the test that
`xinfang check` stays fast whatever one record holds, and for benchmarks/bench_hostile.py.

Each generator returns the text of one record file. They aim at what costs time: long arrays
(many events, notes, extensions, evidence), arrays that must hold unique items filled with objects
(jsonschema compares those pairwise), arrays whose every item is wrong (a finding each), long
strings, and nesting as deep as the loader allows. The case starts from a valid one, as a clerk's
paste gone wrong would.
"""

from __future__ import annotations

from collections.abc import Callable

SIZE = 250 * 1024
DEPTH = 30  # the loader refuses nesting deeper than 32 levels

HEAD = """\
# yaml-language-server: $schema=../schema/case.schema.json
id: {id}
title: 城关镇北街村村民反映旧城改造拆迁补偿款未足额发放
category: prominent
source: screening
received: '2008-03-03'
registered: '2008-04-15'
petitioners:
  - name: 刘长河
    phone: '15455661234'
    address: XX县城关镇北街村三组
    locality: T01
head_count: 12
demand: 反映 2006 年北街旧城改造中拆迁补偿款按旧标准计算，要求按新标准补足差额。
about: 城关镇人民政府
responsibility:
  unit: T01
  lead_official: 郑春生
  handler: 褚文静
  stability_officer:
    name: 孟庆丰
    unit: T01
  deadline: '2008-06-30'
  requirements: 核清补偿标准适用情况，6 月底前提出处理意见。
grade: significant
status: in_progress
approach: create_conditions
"""


def _fill(head: str, line: Callable[[int], str], block: str = "") -> str:
    """``head``, then ``block``, then as many numbered lines as fit in SIZE bytes."""
    parts = [head, block]
    size = len((head + block).encode("utf-8"))
    i = 0
    while True:
        item = line(i)
        size += len(item.encode("utf-8"))
        if size > SIZE:
            return "".join(parts)
        parts.append(item)
        i += 1


def many_events(case_id: str) -> str:
    """A valid case with thousands of petition events: the rules read every one."""
    return _fill(
        HEAD.format(id=case_id) + "events:\n",
        lambda i: (
            f"  - {{date: '2008-{4 + i % 3:02d}-{1 + i % 28:02d}', form: letter, level: county, head_count: 1}}\n"
        ),
    )


def many_notes(case_id: str) -> str:
    return _fill(
        HEAD.format(id=case_id) + "progress:\n",
        lambda i: (
            f"  - {{date: '2008-05-{1 + i % 28:02d}', note: 第 {i} 次走访，做好解释工作。, by: 孟庆丰}}\n"
        ),
    )


def unique_objects(case_id: str) -> str:
    """``flags`` must hold unique items: here thousands of distinct objects, each wrong."""
    return _fill(HEAD.format(id=case_id) + "flags:\n", lambda i: f"  - {{n: {i}}}\n")


def unique_mixed(case_id: str) -> str:
    """Distinct items of mixed types cannot be sorted: jsonschema compares them pairwise."""
    return _fill(
        HEAD.format(id=case_id) + "flags:\n",
        lambda i: f"  - {i}\n" if i % 2 else f"  - repeat{i}\n",
    )


def wrong_items(case_id: str) -> str:
    """Every item of a long list is of the wrong type: one finding each, unless capped."""
    return _fill(HEAD.format(id=case_id) + "events:\n", lambda i: f"  - {i}\n")


def long_text(case_id: str) -> str:
    """One free text of nearly 250 KB, on one line, with digits that look like numbers."""
    head = HEAD.format(id=case_id)
    filler = "信访人多次反映补偿款问题，2008-04-20 来访 154 5566 1201，" * 4000
    room = SIZE - len(head.encode("utf-8")) - 40
    text = filler.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return head + f"investigation: '{text}'\n"


def deep_nesting(case_id: str) -> str:
    """Nesting as deep as the loader allows, repeated in many items of a list."""
    nested = "[" * DEPTH + "1" + "]" * DEPTH
    return _fill(HEAD.format(id=case_id) + "evidence:\n", lambda i: f"  - {nested}\n")


def many_keys(case_id: str) -> str:
    """Thousands of keys the schema does not know, in one object."""
    return _fill(HEAD.format(id=case_id) + "closure:\n", lambda i: f"  extra_{i}: {i}\n")


def ordinary(case_id: str) -> str:
    """The same case as a clerk writes it: the measure the others are compared with."""
    return HEAD.format(id=case_id)


GENERATORS: dict[str, Callable[[str], str]] = {
    "ordinary": ordinary,
    "many_events": many_events,
    "many_notes": many_notes,
    "unique_objects": unique_objects,
    "unique_mixed": unique_mixed,
    "wrong_items": wrong_items,
    "long_text": long_text,
    "deep_nesting": deep_nesting,
    "many_keys": many_keys,
}
