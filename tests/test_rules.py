"""Every rule has a fixture that passes and one that fails (tests/rules/<rule-id>.yml).

Each variant edits the base case (tests/rules/_base.yml): `set` dotted keys, `unset` them,
optionally at another `as_of` date, with other records beside it (`files`: path → record); a
failing variant names the severity it expects.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from xinfang.history.gate import run_check
from xinfang.rules.table import RULES, RULES_BY_ID

from .conftest import make_repo

FIXTURES = Path(__file__).parent / "rules"
BASE = yaml.safe_load((FIXTURES / "_base.yml").read_text(encoding="utf-8"))
CASE_ID = BASE["id"]


def _variants() -> list[tuple[str, str, int, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("[!_]*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            for i, variant in enumerate(spec.get(kind) or []):
                out.append((path.stem, kind, i, variant))
    return out


def _edit(data: dict[str, Any], dotted: str, value: Any = None, remove: bool = False) -> None:
    *parents, last = dotted.split(".")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    if remove:
        node.pop(last, None)
    else:
        node[last] = value


def _write_case(root: Path, variant: dict[str, Any]) -> None:
    data = copy.deepcopy(BASE)
    for dotted in variant.get("unset", []):
        _edit(data, dotted, remove=True)
    for dotted, value in (variant.get("set") or {}).items():
        _edit(data, dotted, value)
    for link, target in (variant.get("symlink") or {}).items():
        (root / link).symlink_to(target)
    for rel, record in (variant.get("files") or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (root / "cases" / f"{CASE_ID}.yml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("rule_id", "kind", "index", "variant"), _variants())
def test_rule_fixture(
    rule_id: str, kind: str, index: int, variant: dict[str, Any], tmp_path: Path
) -> None:
    root = make_repo(tmp_path / "repo")
    _write_case(root, variant)
    as_of = date.fromisoformat(variant.get("as_of", "2008-07-20"))
    result = run_check(root, as_of)
    schema_errors = [f for f in result.findings if f.rule.startswith(("schema-", "yaml-"))]
    assert not schema_errors, schema_errors
    hits = [f for f in result.findings if f.rule == rule_id]
    if kind == "pass":
        assert hits == [], hits
        return
    assert hits, f"{rule_id} did not fire: {result.findings}"
    for hit in hits:
        assert hit.severity == variant["severity"], hit
        assert hit.line >= 1 and hit.file == f"cases/{CASE_ID}.yml"
        assert "：" in hit.message and "请" in hit.message, hit.message


def test_base_fixture_is_clean(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    _write_case(root, {})
    assert run_check(root, date(2008, 7, 20)).findings == []


def test_every_rule_has_a_passing_and_a_failing_fixture() -> None:
    for rule in RULES:
        path = FIXTURES / f"{rule.id}.yml"
        assert path.is_file(), f"规则 {rule.id} 没有测试样例 {path.name}"
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert spec.get("pass") and spec.get("fail"), rule.id
    assert {p.stem for p in FIXTURES.glob("[!_]*.yml")} == set(RULES_BY_ID)


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert rule.name and rule.checks and rule.plan and rule.levels, rule.id
        assert rule.levels_text()


SOURCES = re.compile(
    r"^(实施方案[一二三四五](（[一二三四]）[^：]*|、[^：]+)|《信访条例》（2005）第[一二三四五六七八九十]+条)："
)


def test_every_rule_cites_the_plan_or_the_article() -> None:
    """The catalogue names where each rule comes from: a part of the plan or an article."""
    for rule in RULES:
        assert SOURCES.match(rule.plan), (rule.id, rule.plan)
    law = {rule.id for rule in RULES if rule.plan.startswith("《信访条例》")}
    assert {"representatives", "anonymous", "extension", "statutory-handling"} <= law
    assert "第十六条" in RULES_BY_ID["cross-level-flag"].plan
    assert "第十八条" in RULES_BY_ID["abnormal-beijing"].plan
