"""Schema validation: both validators agree, every record is valid or has located findings, and
every message is Chinese, states the real limit and gives one finding per mistake."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xinfang.records.loader import Loaded, load_text
from xinfang.records.schema import Schema, end_anchored, load_schema
from xinfang.records.schema_messages import error_message
from xinfang.records.validate import validate

from .conftest import ROOT

CASE_TEXT = (ROOT / "cases" / "XF2008-T01-001.yml").read_text(encoding="utf-8")
TITLE = "title: 城关镇北街村村民反映旧城改造拆迁补偿款未足额发放"
#: jsonschema's own words: none may reach a person.
ENGLISH = re.compile(
    r"is not|does not|is too|is a required|should|expected|Additional properties|less than|"
    r"greater than|non-unique|was unexpected|valid under|match|[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}"
)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(ROOT, "case")


def check(text: str, schema: Schema) -> Loaded:
    loaded = load_text(text, Loaded(Path("cases/x.yml"), "cases/x.yml"))
    assert loaded.data is not None, loaded.findings
    validate(loaded, schema)
    return loaded


def findings(text: str, schema: Schema) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.message) for f in check(text, schema).findings]


# --- the two validators agree ------------------------------------------------------------------


def _patterns(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(v) for v in node))
    return set()


PATTERNS = sorted(
    _patterns(json.loads((ROOT / "schema" / name).read_text(encoding="utf-8")))
    for name in ("case.schema.json", "campaign.schema.json")
)
ALL_PATTERNS = sorted(set().union(*map(set, PATTERNS)))


@pytest.mark.parametrize("pattern", ALL_PATTERNS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_pattern_refuses_a_final_line_break_in_both_validators(
    pattern: str, data: st.DataObject, schema: Schema
) -> None:
    value = data.draw(st.from_regex(end_anchored(pattern), fullmatch=True))
    document = {"type": "string", "pattern": pattern}
    fast = fastjsonschema.compile(document)
    full = type(schema.full)(document)
    assert full.is_valid(value)
    fast(value)
    for bad in (value + "\n", value + "\r\n", "\n" + value):
        assert not full.is_valid(bad), bad
        with pytest.raises(fastjsonschema.JsonSchemaValueException):
            fast(bad)


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("phone: '15455661234'", 'phone: "15455661234\\n"', 12),
        ("id_number: '390521196504123412'", 'id_number: "390521196504123412\\n"', 11),
        ("  unit: T01\n  lead", '  unit: "T01\\n"\n  lead', 25),
        ("id: XF2008-T01-001", 'id: "XF2008-T01-001\\n"', 2),
        ("registered: '2008-04-15'", 'registered: "2008-04-15\\n"', 8),
    ],
)
def test_a_trailing_line_break_is_a_located_finding(
    old: str, new: str, line: int, schema: Schema
) -> None:
    assert old in CASE_TEXT
    loaded = check(CASE_TEXT.replace(old, new, 1), schema)
    assert [(f.line, f.severity) for f in loaded.findings] == [(line, "error")]


def test_fast_refusal_with_nothing_from_jsonschema_is_still_a_located_finding(
    schema: Schema,
) -> None:
    lenient = copy.copy(schema)
    strict = fastjsonschema.compile(
        {"properties": {"petitioners": {"items": {"properties": {"phone": {"maxLength": 5}}}}}}
    )
    lenient.fast = strict
    loaded = load_text(CASE_TEXT, Loaded(Path("cases/x.yml"), "cases/x.yml"))
    assert validate(loaded, lenient) is False
    [finding] = loaded.findings
    assert (finding.line, finding.severity) == (12, "error")
    assert "联系电话" in finding.message and not ENGLISH.search(finding.message)


def test_each_missing_key_is_its_own_finding(schema: Schema) -> None:
    text = CASE_TEXT.replace(TITLE + "\n", "").replace("category: prominent\n", "")
    found = findings(text, schema)
    assert sorted(m for _, _, m in found) == [
        "缺少必填项“案件名称”（title）：请在记录中添加 title。",
        "缺少必填项“问题类别”（category）：请在记录中添加 category。",
    ]


@pytest.mark.parametrize(
    "new",
    [
        "phone: 15455661234",
        'phone: "15455661234\\n"',
        "phone: '1545566123412345678'",
        "phone: 1545566123412345678999",
        "id_number: 390521196504123412",
        "id_number: '39052119650412341X1'",
    ],
)
def test_messages_never_show_identity_or_phone_numbers(new: str, schema: Schema) -> None:
    key = new.split(":")[0]
    old = next(line.strip() for line in CASE_TEXT.splitlines() if line.strip().startswith(key))
    found = findings(CASE_TEXT.replace(old, new, 1), schema)
    assert found, new
    for _, _, message in found:
        assert not re.search(r"[0-9]{7}", message), message


def test_a_valid_record_has_no_findings(schema: Schema) -> None:
    loaded = check(CASE_TEXT, schema)
    assert loaded.findings == []


# --- one mistake, one finding, the real limit, in Chinese ------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("registered: '2008-04-15'", "registered: '2008-4-15'", 8, "'YYYY-MM-DD'"),
        ("registered: '2008-04-15'", "registered: '2008-02-30'", 8, "'YYYY-MM-DD'"),
        (TITLE, "title: 上访", 3, "至少 4 个字，现在只有 2 个字"),
        (TITLE, "title: ''", 3, "不能为空"),
        (TITLE, "title: " + "长" * 81, 3, "最多 80 个字，现在有 81 个字"),
        ("head_count: 12", "head_count: 0", 21, "最小是 1"),
        ("head_count: 12", "head_count: 100001", 21, "最大是 100000"),
        ("head_count: 12", "head_count: " + "9" * 4301, 21, "有 4301 位，太大：最大是 100000"),
        ("head_count: 12", "head_count: 12.5", 21, "应为整数"),
        ("head_count: 12", "head_count:", 21, "应为整数，这里没有填写"),
        ("about: 城关镇人民政府、县建设局", "about: 3.10", 23, "3.10 读成了数字 3.1"),
        ("about: 城关镇人民政府、县建设局", "about: ~", 23, "YAML 把 ~ 读成了空值"),
        ("about: 城关镇人民政府、县建设局", "about: true", 23, "读成了布尔值"),
        ("about: 城关镇人民政府、县建设局", "about: 0x1f", 23, "0x1f 读成了数字"),
        ("about: 城关镇人民政府、县建设局", "about: 2008", 23, "加引号，例如 '2008'"),
        ("flags: [repeat, collective", "flags: [repeat, repeat", 5, "重复项"),
        ("grade: significant", "grade: big", 33, "不在可选范围内"),
        (TITLE, 'title: "城关镇北街村\\n村民反映拆迁补偿"', 3, "只能写一行"),
        ("about: 城关镇人民政府、县建设局", "about: [城关镇]", 23, "应为文字"),
        (
            "  - evidence/XF2008-T01-001/结案报告.txt",
            "  - evidence/" + "长" * 90 + ".pdf",
            95,
            "255 字节",
        ),
    ],
)
def test_one_finding_in_chinese_with_the_real_limit(
    old: str, new: str, line: int, expected: str, schema: Schema
) -> None:
    assert old in CASE_TEXT
    text = CASE_TEXT.replace(old, new, 1)
    loaded = load_text(text, Loaded(Path("cases/x.yml"), "cases/x.yml"))
    if loaded.data is not None:
        validate(loaded, schema)
    found = [(f.line, f.message) for f in loaded.findings]
    assert len(found) == 1, found
    assert found[0][0] == line and expected in found[0][1], found
    assert not ENGLISH.search(found[0][1]), found


def _schema_of(document: dict[str, Any]) -> Schema:
    full = load_schema(ROOT, "case").full
    validator = type(full)(document, format_checker=full.format_checker)
    return Schema("case", document, fastjsonschema.compile(document), validator)


@pytest.mark.parametrize(
    ("document", "instance"),
    [
        ({"type": "object", "required": ["a"]}, {}),
        ({"type": "object", "additionalProperties": False}, {"x": 1}),
        ({"const": 3}, 4),
        ({"enum": ["a", "b"]}, "c"),
        ({"type": "string"}, 1),
        ({"type": ["string", "integer"]}, None),
        ({"minLength": 2}, "a"),
        ({"maxLength": 2}, "abc"),
        ({"pattern": "^a$"}, "b"),
        ({"format": "date"}, "2008-13-01"),
        ({"format": "repo-path"}, "a/" + "b" * 300),
        ({"minimum": 1}, 0),
        ({"maximum": 1}, 2),
        ({"exclusiveMinimum": 1}, 1),
        ({"exclusiveMaximum": 1}, 1),
        ({"multipleOf": 2}, 3),
        ({"minItems": 2}, [1]),
        ({"maxItems": 1}, [1, 2]),
        ({"uniqueItems": True}, [1, 1]),
        ({"contains": {"const": 1}}, [2]),
        ({"items": [{"type": "string"}], "additionalItems": False}, ["a", 1]),
        ({"minProperties": 1}, {}),
        ({"maxProperties": 0}, {"a": 1}),
        ({"propertyNames": {"maxLength": 1}}, {"ab": 1}),
        ({"dependencies": {"a": ["b"]}}, {"a": 1}),
        ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, None),
        ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, "a"),
        ({"allOf": [{"type": "string"}]}, 1),
        ({"not": {"type": "string"}}, "a"),
        ({"if": {"const": 1}, "then": {"const": 2}}, 1),
    ],
)
def test_no_keyword_speaks_english(document: dict[str, Any], instance: Any) -> None:
    schema = _schema_of(document)
    errors = list(schema.full.iter_errors(instance))
    assert errors, "the instance must fail"
    loaded = Loaded(Path("x.yml"), "x.yml", instance)
    for err in errors:
        message = error_message(err, schema, loaded, 1)
        assert re.search(r"[\u4e00-\u9fff]", message), message
        assert not ENGLISH.search(message), message


# --- text that YAML cut or misread ----------------------------------------------------------------


def test_a_comment_after_free_text_is_an_error(schema: Schema) -> None:
    text = CASE_TEXT.replace("demand: 反映 2006 年", "demand: 反映南关村委会 #3 号地块 2006 年", 1)
    [(line, rule, message)] = findings(text, schema)
    assert (line, rule) == (22, "yaml-comment-cut")
    assert "'反映南关村委会'" in message and "#3 号地块" in message and "单引号" in message


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (TITLE, "title: 城关镇北街村3 #楼村民反映拆迁补偿款未足额发放", 3),
        (TITLE, "title: 3 #楼", 3),  # YAML read "3" as a number: one finding, about the "#"
        ("  - name: 马桂芳", "  - name: 马桂芳 # 代表", 16),
        ("  - evidence/XF2008-T01-001/谈话记录.txt", "  - evidence/XF2008-T01-001/谈话 #1.txt", 94),
        ("    note: 调取拆迁档案，逐户核对补偿标准。", "    note: 调取 5 # 地块档案", 54),
    ],
)
def test_cut_text_is_found_in_every_free_text_field(
    old: str, new: str, line: int, schema: Schema
) -> None:
    assert old in CASE_TEXT
    found = findings(CASE_TEXT.replace(old, new, 1), schema)
    assert [(f[0], f[1]) for f in found] == [(line, "yaml-comment-cut")], found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("grade: significant", "grade: significant  # 较大"),
        ("head_count: 12", "head_count: 12  # 人"),
        ("  unit: T01\n  lead", "  unit: T01  # 城关镇\n  lead"),
        ("registered: '2008-04-15'", "registered: '2008-04-15'  # 登记"),
        ("demand: 反映 2006 年", "demand: '反映 #3 号地块' # 说明\nx_demand: 反映 2006 年"),
    ],
)
def test_comments_after_codes_numbers_and_quoted_text_are_fine(
    old: str, new: str, schema: Schema
) -> None:
    assert old in CASE_TEXT
    found = findings(CASE_TEXT.replace(old, new, 1), schema)
    assert all(rule != "yaml-comment-cut" for _, rule, _ in found), found


def test_a_key_indented_with_full_width_spaces_is_named(schema: Schema) -> None:
    text = CASE_TEXT.replace("about: 城关镇", "\u3000\u3000about: 城关镇", 1)
    loaded = load_text(text, Loaded(Path("cases/x.yml"), "cases/x.yml"))
    [finding] = loaded.findings
    assert finding.line == 23 and "全角空格" in finding.message, finding
