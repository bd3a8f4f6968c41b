"""Strict loading: the bad inputs that must become findings, never crashes or surprises."""

from __future__ import annotations

import re
import time
import tracemalloc
from pathlib import Path

import pytest

from xinfang.records.loader import Loaded, load_file, load_text
from xinfang.records.yaml_nodes import LineDict, line_of


def _load(text: str) -> Loaded:
    return load_text(text, Loaded(Path("x.yml"), "x.yml"))


def test_lines_of_keys_and_items() -> None:
    loaded = _load("id: a\nlist:\n  - 1\n  - x: '2008-01-01'\n")
    assert loaded.findings == []
    assert isinstance(loaded.data, LineDict)
    assert line_of(loaded.data, ["list", 1, "x"]) == 4
    assert line_of(loaded.data, ["list", 0]) == 3
    assert line_of(loaded.data, ["missing", "deeper"]) == 1


def test_timestamps_stay_strings() -> None:
    loaded = _load("a: 2008-04-01\nb: 2008-04-01 10:00:00\n")
    assert loaded.data == {"a": "2008-04-01", "b": "2008-04-01 10:00:00"}


def test_duplicate_key_names_both_lines() -> None:
    loaded = _load("id: a\nb: 1\nid: c\n")
    [finding] = loaded.findings
    assert (finding.line, finding.rule) == (3, "yaml-duplicate-key")
    assert "第 1 行和第 3 行" in finding.message
    assert loaded.data is None


def test_alias_bomb_fails_fast_with_bounded_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghijklmnop":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    text = "\n".join(lines) + "\n"
    tracemalloc.start()
    started = time.perf_counter()
    loaded = _load(text)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert loaded.data is None
    assert {f.rule for f in loaded.findings} == {"yaml-alias"}
    assert elapsed < 2
    assert peak < 20 * 1024 * 1024


def test_alias_without_anchor_scan_is_still_refused() -> None:
    loaded = _load("a: *x\n")
    assert [f.rule for f in loaded.findings] == ["yaml-syntax"]
    assert "别名" in loaded.findings[0].message


def test_python_tag_never_constructs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    loaded = _load(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()
    assert [f.rule for f in loaded.findings] == ["yaml-tag"]
    assert "!!python/object/apply:os.system" in loaded.findings[0].message


def test_explicit_standard_tag_is_refused() -> None:
    assert [f.rule for f in _load("a: !!str 5\n").findings] == ["yaml-tag"]


def test_tab_and_indentation_name_line_and_column() -> None:
    [tab] = _load("id: a\nb:\n\t- 1\n").findings
    assert tab.line == 3 and "第 3 行第 1 列" in tab.message and "Tab" in tab.message
    [indent] = _load("a:\n  b: 1\n c: 2\n").findings
    assert indent.line == 3 and "第 3 行第 2 列" in indent.message and "缩进" in indent.message


def test_yaml11_booleans_are_remembered() -> None:
    loaded = _load("a: yes\nb: off\nc: true\n")
    assert loaded.data == {"a": True, "b": False, "c": True}
    assert loaded.yaml11_bools == {1: "yes", 2: "off"}


def test_gbk_file_is_named_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes("id: a\ntitle: 城关镇\n".encode("gb18030"))
    [finding] = load_file(path, tmp_path).findings
    assert (finding.rule, finding.line) == ("encoding", 2)
    assert "GBK" in finding.message and "UTF-8" in finding.message


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfid: a\n")
    assert load_file(path, tmp_path).data == {"id": "a"}


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: '" + "x" * 2000 + "'\n", encoding="utf-8")
    [finding] = load_file(path, tmp_path, max_bytes=1024).findings
    assert finding.rule == "too-large"


def test_empty_and_comment_only_files() -> None:
    assert [f.rule for f in _load("").findings] == ["empty"]
    assert [f.rule for f in _load("# 只有注释\n\n").findings] == ["empty"]


def test_multiple_documents_are_refused() -> None:
    [finding] = _load("a: 1\n---\nb: 2\n").findings
    assert finding.line == 2 and "一个文件只能有一条记录" in finding.message


# --- a file that parses to nothing, or to something that is not a record ----------------------


@pytest.mark.parametrize(
    "text", ["~\n", "null\n", "Null\n", "---\n", "--- ~\n", "---\n...\n", "--- null\n...\n"]
)
def test_a_null_document_is_an_error_never_no_data_and_no_finding(text: str) -> None:
    loaded = _load(text)
    assert loaded.data is None
    assert [(f.rule, f.severity, f.line) for f in loaded.findings] == [("empty", "error", 1)]


@pytest.mark.parametrize("text", ["...\n", "- a\n- b\n", "文字\n", "12\n", "[1, 2]\n", "'x'\n"])
def test_every_text_loads_to_a_mapping_or_an_error(text: str) -> None:
    loaded = _load(text)
    assert loaded.data is None
    assert loaded.findings and all(f.severity == "error" for f in loaded.findings)


def test_a_list_or_a_text_is_named() -> None:
    [finding] = _load("- id: a\n").findings
    assert finding.rule == "not-a-record" and "列表" in finding.message
    [finding] = _load("title：城关镇\n").findings
    assert "全角冒号" in finding.message


# --- characters no record may hold ------------------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "name"),
    [
        ("\\x01", "U+0001"),
        ("\\v", "U+000B"),
        ("\\e", "U+001B"),
        ("\\x1b[31m", "U+001B"),
        ("\\uFFFE", "U+FFFE"),
        ("\\ud800", "U+D800"),
        ("\\udfff", "U+DFFF"),
        ("\\x85", "U+0085"),
        ("\\u202e", "U+202E"),
        ("\\0", "U+0000"),
        ("\\r", "U+000D"),
    ],
)
def test_escaped_bad_characters_are_refused_on_their_line(escape: str, name: str) -> None:
    loaded = _load(f'id: a\ntitle: "城关镇{escape}北街村"\n')
    assert loaded.data is None
    [finding] = loaded.findings
    assert (finding.line, finding.rule, finding.severity) == (2, "bad-character", "error")
    assert name in finding.message and "删除" in finding.message


def test_bad_characters_in_keys_and_list_items() -> None:
    [key] = _load('id: a\n"ti\\ud800tle": x\n').findings
    assert (key.line, key.rule) == (2, "bad-character") and "键" in key.message
    [item] = _load('id: a\nevidence:\n  - ok\n  - "evidence/\\ud800.txt"\n').findings
    assert (item.line, item.rule) == (4, "bad-character")


@pytest.mark.parametrize(
    "char", ["\x01", "\x0b", "\x1b", "\x7f", "\x9b", "\ufffe", "\u202e", "\u2028"]
)
def test_raw_bad_characters_name_line_and_column_in_chinese(char: str) -> None:
    loaded = _load(f"id: a\nb: 1\ntitle: 城关{char}镇\n")
    assert loaded.data is None
    [finding] = loaded.findings
    assert (finding.line, finding.rule) == (3, "bad-character")
    assert "第 3 行第 10 列" in finding.message and f"U+{ord(char):04X}" in finding.message
    assert "special characters" not in finding.message


def test_tabs_and_line_breaks_are_text() -> None:
    loaded = _load('id: a\ndemand: "一\\t二\\n三"\nnote: |\n  四\n  五\n')
    assert loaded.findings == [] and loaded.data["demand"] == "一\t二\n三"


def test_a_file_name_with_control_characters_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "XF2008-T01-001\x1b[31m.yml"
    path.write_text("id: a\n", encoding="utf-8")
    [finding] = load_file(path, tmp_path).findings
    assert finding.rule == "bad-file-name" and "U+001B" in finding.message


# --- deep nesting, huge numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 300 + "]" * 300 + "\n",
        "a: " + "[" * 50_000 + "\n",
        "a: " + "{x: " * 400 + "1" + "}" * 400 + "\n",
        "a:\n" + "- " * 20_000 + "x\n",
        "a:\n" + "".join(" " * i + "- \n" for i in range(0, 2000, 2)),
        "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000)),
    ],
)
def test_deep_nesting_is_a_finding_not_a_recursion_error(text: str) -> None:
    loaded = _load(text)
    assert loaded.data is None
    [finding] = loaded.findings
    assert finding.rule in ("too-deep", "yaml-syntax"), finding
    assert "嵌套" in finding.message or "缩进" in finding.message


def test_nesting_a_record_needs_is_fine() -> None:
    text = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 20)) + "  " * 20 + "v: 1\n"
    assert _load(text).findings == []


@pytest.mark.parametrize("digits", ["9" * 19, "9" * 400, "9" * 4301, "0x" + "f" * 20_000])
def test_huge_integers_stay_text_and_never_convert(digits: str) -> None:
    loaded = _load(f"a: {digits}\nb: 12\n")
    assert loaded.findings == []
    assert repr(loaded.data["a"]).startswith(digits[:10]) and len(repr(loaded.data["a"])) < 30
    assert loaded.data["b"] == 12


# --- what YAML made of plain text ---------------------------------------------------------------


def test_a_comment_after_plain_text_is_remembered() -> None:
    loaded = _load("demand: 反映南关村委会 #3 号地块\nunit: T01  # 城关镇\nnote: '5 # 地块'\n")
    assert loaded.cut_comments == {1: ("反映南关村委会", "#3 号地块"), 2: ("T01", "# 城关镇")}
    assert loaded.data["note"] == "5 # 地块"


def test_typed_plain_scalars_keep_their_text() -> None:
    loaded = _load("a: 3.10\nb: ~\nc: yes\nd: '3.10'\n")
    assert loaded.plain_texts == {1: "3.10", 2: "~", 3: "yes"}


# --- syntax errors on the line of the mistake, with the diagnosis --------------------------------

CLERK = "id: a\n# 具体工作要求\nunit: T01\nrequirements: {value}\n# 下一项\nnote: x\n"


@pytest.mark.parametrize("indicator", ["*", "&", "@", "`", "!", "%", "|", ">", "[", "{"])
def test_a_text_starting_with_an_indicator_is_named_with_the_fix(indicator: str) -> None:
    close = {"[": "]", "{": "}"}.get(indicator, "")
    loaded = _load(CLERK.format(value=f"{indicator}紧急{close} 会同城关镇核清"))
    assert loaded.data is None
    [finding] = loaded.findings
    assert finding.line == 4, finding
    assert f"值以“{indicator}”开头" in finding.message and "单引号" in finding.message


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("unit：T01", "全角冒号"),
        ("unit ：T01", "全角冒号"),
        ("unit:T01", "冒号后面缺少空格"),
        ("\u3000\u3000unit: T01", "全角空格"),
        ("requirements: '核清'情况", "引号只括住了"),
    ],
)
def test_the_mistake_is_reported_on_its_own_line(line: str, words: str) -> None:
    text = f"id: a\nresponsibility:\n  handler: 褚文静\n{line}\n# 说明\n\nnote: x\n"
    [finding] = _load(text).findings
    assert finding.line == 4 and words in finding.message, finding


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    [finding] = _load("id: a\ntitle: '城关镇\nunit: T01\nnote: x\n").findings
    assert finding.line == 2 and "引号" in finding.message


def test_parser_messages_never_leak_english() -> None:
    for text in [
        "a: 'x\n",
        'a: "\\q"\n',
        "a: [1, 2\nb: 3\n",
        "%FOO\na: 1\n",
        "a: b: c\n",
    ]:
        [finding] = _load(text).findings
        assert not re.search(r"[a-z]{3,} [a-z]{3,}", finding.message), finding.message


def test_findings_about_unprintable_names_and_keys_can_be_written(tmp_path: Path) -> None:
    with open(bytes(tmp_path) + b"/XF2008-T01-009\xff.yml", "wb") as stream:
        stream.write(b"id: a\n")
    [path] = tmp_path.iterdir()
    loaded = load_file(path, tmp_path)
    assert loaded.rel == "XF2008-T01-009\\udcff.yml"
    [finding] = _load('id: a\n"k\\ud800": 1\n"k\\ud800": 2\n').findings
    assert finding.rule == "yaml-duplicate-key" and "k\\ud800" in finding.message
    (finding.file + finding.message + loaded.rel).encode("utf-8")


def test_an_unreadable_file_says_why_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "XF2008-T01-001.yml"
    folder.mkdir()  # a folder named like a case file: reading it fails
    [finding] = load_file(folder, tmp_path).findings
    assert finding.rule == "unreadable" and "这是一个目录" in finding.message, finding
