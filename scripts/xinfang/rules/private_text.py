"""Free text that holds what is never published (records/unpublished.py): a key person's name,
register number or status, a confidential case's petitioner.

The public outputs show （保密） in its place; this warns where a record's text holds it, naming
the field and saying what to write instead, so that the record itself is put right. Cases and the
records beside them that are published (risks, assignments, unit reports, accountability) are
read; the key-person register itself is confidential and may name its people. Names written as
names (a petitioner's, a handler's) are not free text. The message never repeats the name.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..records.duties import Duties
from ..records.privacy import FIELD_MASKS, KEEP, PERSON_KEYS
from ..records.schema import load_schema
from ..records.unpublished import Unpublished
from ..records.yaml_nodes import LineDict, LineList
from .context import CaseContext, Check, KeyPath

#: The published kinds beside cases, by the schema's name.
PUBLISHED_KINDS = ("risk", "assignment", "submission", "accountability")
_SKIP = KEEP | PERSON_KEYS | set(FIELD_MASKS)


def _texts(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, LineDict):
        for key, value in data.items():
            if key not in _SKIP:
                yield from _texts(value, (*path, key))
    elif isinstance(data, LineList):
        for i, item in enumerate(data):
            yield from _texts(item, (*path, i))
    elif isinstance(data, str):
        yield path, data


@functools.lru_cache(maxsize=16)
def _schema_title(root: Path, kind: str, keys: tuple[str, ...]) -> str:
    return load_schema(root, kind, compiled=False).title(keys)


def message(title: str, names: bool, status: bool) -> str:
    said = []
    if names:
        said.append("重点人员或保密案件信访人的姓名（或重点人员的登记编号）")
    if status:
        said.append("某人列为（或退出）重点人员")
    instead = "用“信访人”“该人员”等称谓代替姓名" if names else ""
    if status:
        instead += (
            "，" if instead else ""
        ) + "写所做的工作（例如“已落实帮扶措施”），不写是否列为重点人员"
    return (
        f"“{title}”写了{'，也写了'.join(said)}：重点人员登记和保密案件的信访人一律保密"
        f"（特定身份属于敏感个人信息），网站、台账和通报中这里会显示为“（保密）”。请改写，{instead}。"
    )


def hits(data: LineDict, hidden: Unpublished, root: Path, kind: str) -> Check:
    """(path, message) for each text of a record that holds what is never published."""
    for path, text in _texts(data):
        names, status = hidden.names_in(text), hidden.status_in(text)
        if names or status:
            keys = tuple(p for p in path if isinstance(p, str))
            yield path, message(_schema_title(root, kind, keys), names, status)


def in_case(ctx: CaseContext) -> Check:
    """The rule on a case: its texts as written."""
    if ctx.unpublished is not None:
        yield from hits(ctx.record.record, ctx.unpublished, ctx.root, "case")


def in_records(duties: Duties, hidden: Unpublished, root: Path) -> Iterator[tuple[str, int, str]]:
    """(file, line, message) for the published records beside cases."""
    for kind in PUBLISHED_KINDS:
        for record in duties.typed(kind):
            for path, text in hits(record.record, hidden, root, kind):
                yield record.rel, record.line(*path), text
