"""No record can make `check` slow (issue 20, point 14).

Every array in the schemas has a cap (maxItems); uniqueness is checked in linear time (jsonschema
compares unsortable items pairwise); the items past a cap are not checked one by one. A record of
about 250 KB, however hostile (tests/hostile_records.py), checks quickly: the bound here is
generous for a shared machine, the real figures are in benchmarks/README.md (bench_hostile.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang.records.schema import SCHEMA_FILES, unique

from .conftest import ROOT, make_repo
from .hostile_records import GENERATORS, SIZE

SECONDS = 20.0  # generous: a hostile record took over five minutes before the fix


def _arrays(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "array":
            found.append((path, node))
        for key, value in node.items():
            found += _arrays(value, f"{path}/{key}")
    elif isinstance(node, list):
        for item in node:
            found += _arrays(item, path)
    return found


FINDING = re.compile(r"^\S+?:\d+: (错误|警告) \[")


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES.values()))
def test_every_array_in_the_schemas_has_a_cap(name: str) -> None:
    document = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    arrays = _arrays(document)
    assert arrays
    uncapped = [path for path, node in arrays if not isinstance(node.get("maxItems"), int)]
    assert uncapped == []
    assert all(node["maxItems"] <= 1000 for _, node in arrays)


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_a_hostile_record_checks_quickly(kind: str, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    text = GENERATORS[kind]("XF2008-T01-001")
    assert len(text.encode("utf-8")) <= SIZE
    if kind != "ordinary":
        assert len(text.encode("utf-8")) > SIZE - 1024
    (root / "cases" / "XF2008-T01-001.yml").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "xinfang.cli", "check", "--as-of", "2008-07-20"]
    start = time.perf_counter()
    try:
        result = subprocess.run(
            command, cwd=root, capture_output=True, text=True, timeout=SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{kind}：检查超过 {SECONDS} 秒")
    assert time.perf_counter() - start < SECONDS
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    # The findings (after the summary line and the unit and kind headings) name their file.
    findings = [line for line in result.stdout.splitlines() if FINDING.match(line)]
    assert findings and result.stdout.startswith("检查了 1 个案件：")
    assert len(findings) <= 1100, kind  # capped: the items past a list's cap are not each reported
    assert all(line.startswith("cases/XF2008-T01-001.yml:") for line in findings)


def _nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(
        st.text("ab", max_size=2), inner, max_size=3
    )


_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([1.0, 0.0, 2.5])
    | st.text("ab", max_size=2)
)
# Three levels of lists and objects, written out (st.recursive's own check of its extend
# function is not stable across Hypothesis versions).
_json = _leaf | _nested(_leaf | _nested(_leaf | _nested(_leaf)))  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_json, max_size=6))
def test_linear_uniqueness_agrees_with_jsonschema(items: list[Any]) -> None:
    """The same answer as jsonschema's own (pairwise) check: 1 and 1.0 are one value, true and 1
    are two, objects are equal whatever their keys' order."""
    assert unique(items) == jsonschema._utils.uniq(items)


def test_linear_uniqueness_is_linear() -> None:
    distinct = [{"n": i} for i in range(40_000)]  # unsortable: jsonschema compares pairwise
    start = time.perf_counter()
    assert unique(distinct) and not unique([*distinct, {"n": 7}])
    assert time.perf_counter() - start < 2.0
