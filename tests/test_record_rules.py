"""Every rule on the records beside cases has a fixture that passes and one that fails
(tests/record_rules/<rule-id>.yml), in the pattern of tests/rules/.

Each variant edits the base record of the rule's kind (tests/record_rules/_<kind>.yml): `set`
dotted keys (a number steps into a list), `unset` them, optionally at another `as_of` date; a
failing variant names the severity it expects; `also` lists other records of the kind (each edits
the base) to write beside it. The base record is checked in a repository with the bundled cases,
which the records refer to.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from xinfang.history.gate import run_check
from xinfang.records.kinds import KINDS
from xinfang.rules.duty_table import RECORD_RULES, RECORD_RULES_BY_ID

from .conftest import ROOT, make_repo

FIXTURES = Path(__file__).parent / "record_rules"
KIND = {kind.name: kind for kind in KINDS}
BASES = {
    name: yaml.safe_load((FIXTURES / f"_{name}.yml").read_text(encoding="utf-8")) for name in KIND
}


def _variants() -> list[tuple[str, str, int, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("[!_]*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in ("pass", "fail"):
            for i, variant in enumerate(spec.get(outcome) or []):
                out.append((path.stem, outcome, i, variant))
    return out


def _step(node: Any, key: str) -> tuple[Any, str | int]:
    return node, int(key) if isinstance(node, list) else key


def _edit(data: dict[str, Any], dotted: str, value: Any = None, remove: bool = False) -> None:
    *parents, last = dotted.split(".")
    node: Any = data
    for key in parents:
        node, step = _step(node, key)
        node = node.setdefault(step, {}) if isinstance(node, dict) else node[step]
    node, step = _step(node, last)
    if remove:
        if isinstance(node, dict):
            node.pop(step, None)
        else:
            del node[step]
    else:
        node[step] = value


def _write(root: Path, kind: str, variant: dict[str, Any]) -> str:
    data = copy.deepcopy(BASES[kind])
    for dotted in variant.get("unset", []):
        _edit(data, dotted, remove=True)
    for dotted, value in (variant.get("set") or {}).items():
        _edit(data, dotted, value)
    folder = root / KIND[kind].folder
    folder.mkdir(exist_ok=True)
    name = f"{data[KIND[kind].id_key]}.yml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / name).write_text(text, encoding="utf-8")
    return f"{KIND[kind].folder}/{name}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", ROOT / "cases")


@pytest.mark.parametrize(("rule_id", "outcome", "index", "variant"), _variants())
def test_record_rule_fixture(
    rule_id: str, outcome: str, index: int, variant: dict[str, Any], repo: Path
) -> None:
    rule = RECORD_RULES_BY_ID[rule_id]
    for other in variant.get("also", []):  # other records of the kind beside it
        _write(repo, rule.kind, other)
    rel = _write(repo, rule.kind, variant)
    as_of = date.fromisoformat(variant.get("as_of", "2008-07-20"))
    result = run_check(repo, as_of)
    mine = [f for f in result.findings if f.file == rel]
    broken = [f for f in mine if f.rule.startswith(("schema-", "yaml-", "unknown-", "id-"))]
    assert not broken, broken
    hits = [f for f in mine if f.rule == rule_id]
    if outcome == "pass":
        assert hits == [], hits
        return
    assert hits, f"{rule_id} did not fire: {mine}"
    for hit in hits:
        assert hit.severity == variant["severity"], hit
        assert hit.line > 1, hit
        assert "：" in hit.message and "请" in hit.message, hit.message


@pytest.mark.parametrize("kind", sorted(KIND))
def test_each_base_record_is_clean(kind: str, repo: Path) -> None:
    rel = _write(repo, kind, {})
    assert [f for f in run_check(repo, date(2008, 7, 20)).findings if f.file == rel] == []


def test_every_rule_has_a_passing_and_a_failing_fixture() -> None:
    for rule in RECORD_RULES:
        path = FIXTURES / f"{rule.id}.yml"
        assert path.is_file(), f"规则 {rule.id} 没有测试样例 {path.name}"
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert spec.get("pass") and spec.get("fail"), rule.id
        assert rule.name and rule.checks and rule.plan and rule.levels_text(), rule.id
        assert rule.kind in KIND, rule.id
    assert {p.stem for p in FIXTURES.glob("[!_]*.yml")} == set(RECORD_RULES_BY_ID)


def test_record_rule_ids_do_not_clash_with_the_case_rules() -> None:
    from xinfang.rules.table import RULES_BY_ID

    assert not set(RECORD_RULES_BY_ID) & set(RULES_BY_ID)
