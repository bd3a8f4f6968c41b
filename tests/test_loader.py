"""Strict loading: the bad inputs that must become findings, never crashes or surprises."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

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
