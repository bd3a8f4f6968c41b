"""A schema edited to leave out a key the typed model needs is refused when it loads, with the key
named in Chinese; a key the model does not need may become optional without any crash."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from xinfang.errors import ConfigError
from xinfang.history.gate import run_check
from xinfang.records.schema import SCHEMA_FILES, load_schema

from .conftest import ROOT, make_repo


def _required(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every (object path, required key) of a schema document, definitions included."""
    if isinstance(node, dict):
        for key in node.get("required", []):
            yield path, key
        for name, value in node.items():
            if name not in ("enum", "enumDescriptions", "required"):
                yield from _required(value, (*path, name))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _required(value, (*path, str(i)))


CASES = [
    (kind, where, key)
    for kind, name in SCHEMA_FILES.items()
    for where, key in _required(json.loads((ROOT / "schema" / name).read_text(encoding="utf-8")))
]


def _optional(document: dict[str, Any], where: tuple[str, ...], key: str) -> None:
    node: Any = document
    for step in where:
        node = node[int(step)] if isinstance(node, list) else node[step]
    node["required"].remove(key)


def _drop(data: Any, key: str) -> Any:
    if isinstance(data, dict):
        return {k: _drop(v, key) for k, v in data.items() if k != key}
    if isinstance(data, list):
        return [_drop(v, key) for v in data]
    return data


@pytest.mark.parametrize(
    ("kind", "where", "key"), CASES, ids=[f"{k}:{'/'.join(w)}:{r}" for k, w, r in CASES]
)
def test_an_optional_key_never_crashes(
    kind: str, where: tuple[str, ...], key: str, tmp_path: Path
) -> None:
    root = make_repo(tmp_path / "repo")
    path = root / "schema" / SCHEMA_FILES[kind]
    document = json.loads(path.read_text(encoding="utf-8"))
    _optional(document, where, key)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    try:
        load_schema(root, kind)
    except ConfigError as err:
        message = str(err)
        assert f" {key}（" in message and "required" in message, message
        assert re.search(r"[\u4e00-\u9fff]", message)
        return
    # The model does not need the key: records without it are checked like any other.
    for case in (ROOT / "cases").glob("*.yml"):
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        if kind == "case":
            data = _drop(data, key)
        text = yaml.safe_dump(data, allow_unicode=True)
        (root / "cases" / case.name).write_text(text, encoding="utf-8")
    if kind == "campaign":
        campaign = yaml.safe_load((root / "campaign.yml").read_text(encoding="utf-8"))
        text = yaml.safe_dump(_drop(campaign, key), allow_unicode=True)
        (root / "campaign.yml").write_text(text, encoding="utf-8")
    try:
        result = run_check(root)
    except ConfigError:
        return  # the key is dropped everywhere, also where it stays required: a clean refusal
    assert result.checked == len(list((ROOT / "cases").glob("*.yml")))


def test_title_made_optional_is_refused_with_its_name(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    path = root / "schema" / "case.schema.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["required"].remove("title")
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ConfigError, match="title（案件名称）"):
        load_schema(root, "case")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"type": "object",\n "properties": {}\n', "第 3 行"),
        ('{"type": "nonsense"}', "不是有效的 JSON Schema"),
        ('{"properties": {"a": {"minLength": -1}}}', "properties/a/minLength"),
    ],
)
def test_a_broken_schema_is_named_in_chinese(text: str, expected: str, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    (root / "schema" / "case.schema.json").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_schema(root, "case")
    message = str(err.value)
    assert expected in message, message
    assert not re.search(r"[a-z]{3,} [a-z]{3,}", message), message
