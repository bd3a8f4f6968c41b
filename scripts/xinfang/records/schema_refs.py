"""Local ``$ref`` in the JSON Schemas, followed one way for every reader of a schema."""

from __future__ import annotations

from typing import Any


def resolved(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a local ``$ref`` (``#/...``) followed: the target's keywords, with the
    node's own (a title, a description) winning. A node without one is returned as it is."""
    ref = node.get("$ref")
    if not (isinstance(ref, str) and ref.startswith("#/")):
        return node
    target: Any = doc
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
