"""What the typed model needs a schema to require.

A schema that leaves out a key the model reads (``case.py``, ``campaign.py``, the other kinds) is
refused when it loads, with the key named, rather than failing later on some record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .campaign import campaign_from_data
from .case import case_from_data
from .kinds import KINDS
from .schema_refs import resolved

_BUILDERS: dict[str, Callable[..., Any]] = {
    "case": case_from_data,
    "campaign": campaign_from_data,
    **{kind.name: kind.build for kind in KINDS},
}


def check_model(
    kind: str, document: dict[str, Any], titles: dict[tuple[str, ...], str], path: Path
) -> None:
    """Build the model from the least records the schema allows: every required key alone, then
    with every optional list and group holding its own required keys. A key the model reads but
    the schema lets a record leave out fails here, once, with its name, not on some record later."""
    try:
        for containers in (False, True):
            _BUILDERS[kind](_least(document, document, containers))
    except (KeyError, TypeError) as err:
        found = re.findall(r"'(\w+)'", str(err))
        key = found[-1] if found else str(err)
        title = next((t for p, t in titles.items() if p[-1:] == (key,)), key)
        raise ConfigError(
            f"模式文件 {path} 没有把 {key}（{title}）列为必填项（required），"
            f"但程序要用到它：请把 {key} 加回它所在对象的 required 列表，或从仓库恢复 schema/。"
        ) from err


def _least(node: Any, doc: dict[str, Any], containers: bool) -> Any:
    if not isinstance(node, dict):
        return None
    node = resolved(doc, node)
    if node.get("enum"):
        return node["enum"][0]
    kind = node.get("type")
    kind = kind[0] if isinstance(kind, list) and kind else kind
    if kind == "object" or "properties" in node:
        properties = node.get("properties", {})
        required = node.get("required", [])
        least = {key: _least(properties.get(key), doc, containers) for key in required}
        for key, sub in properties.items():
            if containers and key not in least and _container(sub, doc):
                least[key] = _least(sub, doc, containers)
        return least
    if kind == "array":
        items = node.get("items")
        return [_least(items, doc, containers)] if isinstance(items, dict) else []
    if kind == "string":
        return "2008-01-01" if node.get("format") == "date" else "示例"
    if kind in ("integer", "number"):
        return max(int(node.get("minimum", 1)), 1)
    if kind == "boolean":
        return False
    return None


def _container(node: Any, doc: dict[str, Any]) -> bool:
    return isinstance(node, dict) and resolved(doc, node).get("type") in ("object", "array")
