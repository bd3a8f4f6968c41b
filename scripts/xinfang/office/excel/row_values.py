"""Values of a ledger row's cells: enum spellings, names, petitioners' lists, dotted keys."""

from __future__ import annotations

import re
from typing import Any

NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
LIST_SPLIT = re.compile(r"[、，,；;\s]+")


def short_labels(label: str) -> list[str]:
    """Shorter spellings of an enum label: 涉法涉诉问题 → 涉法涉诉; 省、市交办的信访事项 → 省市交办."""
    out = [label]
    for suffix in ("的信访事项", "问题", "信访问题", "访"):
        if label.endswith(suffix) and len(label) > len(suffix) + 1:
            out.append(label.removesuffix(suffix))
    out += [v.replace("、", "") for v in out if "、" in v]
    head = re.split(r"[，,]", label)[0]
    if head != label:
        out.append(head)
    return out


def person_items(field: str, text: str) -> list[str]:
    """A petitioners' cell as one item per person.

    Names and units are joined with 、 (or commas, spaces); numbers and addresses stand one a
    line, an empty line for a person without one, so that the lines keep the petitioners' order.
    """
    if field in ("name", "locality"):
        return [t for t in NAME_SPLIT.split(text) if t]
    lines = [t.strip() for t in text.split("\n")]
    if "\n" in text or field == "address":
        return lines
    return [t.strip() for t in LIST_SPLIT.split(text) if t.strip()]


def cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def get_dotted(data: Any, key: str) -> Any:
    """The value at a dotted key of a record being built (responsibility.unit), or None."""
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def put_key(record: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = record
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
