"""Strict YAML loading with line marks.

A record file becomes plain data (dicts, lists, str, int, float, bool, None) plus the line of every
key and list item, or a list of findings saying why it could not be read. The rules:

- UTF-8 only (a BOM is accepted); GBK/GB18030 files get a message saying how to convert them.
- No duplicate keys (PyYAML would silently keep the last one: a lost edit).
- No anchors, aliases or tags: an alias bomb never expands, ``!!python/...`` never constructs.
- Timestamps stay strings, so that the schema's ``format: date`` applies.
- YAML 1.1 booleans spelt ``yes``/``no``/``on``/``off`` are remembered, so that validation can
  hint at them.
- A size limit per file; an empty file is a finding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import Finding
from .syntax_messages import tag_message, yaml_error_message
from .yaml_nodes import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    MAP_TAG,
    MERGE_TAG,
    NULL_TAG,
    SEQ_TAG,
    STR_TAG,
    YAML11_BOOL,
    LineDict,
    LineList,
    NodeLoader,
    PyNodeLoader,
)

MAX_BYTES = 256 * 1024


@dataclass
class Loaded:
    """The result of loading one file: data (None when unreadable) and findings."""

    path: Path
    rel: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    yaml11_bools: dict[int, str] = field(default_factory=dict)  # line -> spelling


class _Builder:
    """Turns a node tree into plain data, refusing aliases, tags and duplicate keys.

    An alias is the same node object met twice. Aliases need an anchor, and an anchor needs an
    ``&`` in the text, so ``track_aliases=False`` (no ``&`` anywhere) skips the bookkeeping.
    """

    def __init__(self, loaded: Loaded, track_aliases: bool = True) -> None:
        self.loaded = loaded
        self.seen: set[int] | None = set() if track_aliases else None

    def fail(self, line: int, rule: str, message: str) -> None:
        self.loaded.findings.append(Finding(self.loaded.rel, line, rule, "error", message))

    def build(self, node: Node) -> Any:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:
                self.fail(
                    node.start_mark.line + 1,
                    "yaml-alias",
                    "不允许使用锚点和别名（& 和 *）：请把内容直接写出来。",
                )
                return None
            seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.tag == STR_TAG:
                return node.value
            return self.scalar(node, node.start_mark.line + 1)
        if isinstance(node, MappingNode) and node.tag == MAP_TAG:
            return self.mapping(node)
        if isinstance(node, SequenceNode) and node.tag == SEQ_TAG:
            seq = LineList()
            lines: list[int] = []
            seq.lines = lines
            build = self.build
            for item in node.value:
                seq.append(build(item))
                lines.append(item.start_mark.line + 1)
            return seq
        self.fail(node.start_mark.line + 1, "yaml-tag", tag_message(node.tag))
        return None

    def mapping(self, node: MappingNode) -> LineDict:
        result = LineDict()
        lines: dict[str, int] = {}
        result.lines = lines
        track = self.seen is not None
        build = self.build
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.fail(line, "yaml-key", "键必须是简单的文字：请改成“键: 值”的写法。")
                continue
            if key_node.tag == MERGE_TAG:
                self.fail(line, "yaml-alias", "不允许使用合并键 <<：请把内容直接写出来。")
                continue
            key = str(key_node.value)
            if key in lines:
                self.fail(
                    line,
                    "yaml-duplicate-key",
                    f"键 {key} 重复：第 {lines[key]} 行和第 {line} 行都写了它，"
                    f"后一个会覆盖前一个。请合并成一处。",
                )
                continue
            if not track and value_node.__class__ is ScalarNode and value_node.tag == STR_TAG:
                result[key] = value_node.value  # the common case, without a call
            else:
                result[key] = build(value_node)
            lines[key] = line
        return result

    def scalar(self, node: ScalarNode, line: int) -> Any:
        value, tag = node.value, node.tag
        if tag == STR_TAG:
            return value
        if tag == NULL_TAG:
            return None
        if tag == BOOL_TAG:
            if YAML11_BOOL.match(value):
                self.loaded.yaml11_bools[line] = value
            return value.lower() in ("true", "yes", "on", "y")
        if tag == INT_TAG:
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag == FLOAT_TAG:
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        self.fail(line, "yaml-tag", tag_message(tag))
        return None


# libyaml's English problems, and what to tell a staff member instead.
def _decode(raw: bytes, loaded: Loaded) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        try:
            raw.decode("gb18030")
            what = "文件是 GBK/GB18030 编码，不是 UTF-8"
        except UnicodeDecodeError:
            what = "文件不是 UTF-8 编码"
        loaded.findings.append(
            Finding(
                loaded.rel,
                line,
                "encoding",
                "error",
                f"{what}。请转换为 UTF-8 后再提交：VS Code 右下角点编码，选“通过编码重新打开”"
                f"→ GBK，再选“通过编码保存”→ UTF-8；或运行 iconv -f GB18030 -t UTF-8。",
            )
        )
        return None


def _reject_anchors_and_tags(text: str, loaded: Loaded, loader: Any = None) -> None:
    """Events show anchors and explicit tags that composed nodes no longer carry."""
    for event in yaml.parse(text, Loader=loader or NodeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if getattr(event, "anchor", None) and not isinstance(event, yaml.AliasEvent):
            loaded.findings.append(
                Finding(
                    loaded.rel,
                    line,
                    "yaml-alias",
                    "error",
                    "不允许使用锚点和别名（& 和 *）：请把内容直接写出来。",
                )
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        if (
            tag
            and tag != "!"
            and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
        ):
            loaded.findings.append(Finding(loaded.rel, line, "yaml-tag", "error", tag_message(tag)))


_REFUSED: Any = object()  # _compose found anchors or tags


def _compose(text: str, loaded: Loaded, loader_class: Any) -> Any:
    """The document's node tree (None when it has none), or _REFUSED; raises YAMLError."""
    loader = loader_class(text)
    try:
        if "&" in text or "!" in text:
            _reject_anchors_and_tags(text, loaded, loader_class)
            if loaded.findings:
                return _REFUSED
        return loader.get_single_node()
    finally:
        loader.dispose()


def load_text(text: str, loaded: Loaded) -> Loaded:
    """Load YAML text into ``loaded`` (data and findings)."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        loaded.findings.append(
            Finding(
                loaded.rel, 1, "empty", "error", "文件是空的：请按模板填写记录，或删除这个文件。"
            )
        )
        return loaded
    before = len(loaded.findings)
    # libyaml accepts a few things the Python parser refuses (a tab inside a plain scalar, a "?"
    # inside a flow collection): such text goes to the Python parser, so that whether a file
    # passes never depends on how PyYAML was built.
    first = PyNodeLoader if "\t" in text or "?" in text else NodeLoader
    try:
        try:
            node = _compose(text, loaded, first)
        except yaml.YAMLError:
            if first is PyNodeLoader:
                raise
            # libyaml refused it: the pure-Python parser says why in the words the hints know.
            del loaded.findings[before:]
            node = _compose(text, loaded, PyNodeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        loaded.findings.append(
            Finding(
                loaded.rel,
                line,
                "yaml-syntax",
                "error",
                f"第 {line} 行第 {column} 列：{yaml_error_message(err)}",
            )
        )
        return loaded
    except yaml.YAMLError as err:
        loaded.findings.append(
            Finding(loaded.rel, 1, "yaml-syntax", "error", f"YAML 格式错误：{err}")
        )
        return loaded
    if node is _REFUSED:
        return loaded
    if node is None:
        loaded.findings.append(
            Finding(
                loaded.rel, 1, "empty", "error", "文件是空的：请按模板填写记录，或删除这个文件。"
            )
        )
        return loaded
    data = _Builder(loaded, track_aliases="&" in text).build(node)
    if not any(f.severity == "error" for f in loaded.findings):
        loaded.data = data
    return loaded


def load_file(path: Path, root: Path, max_bytes: int = MAX_BYTES, rel: str | None = None) -> Loaded:
    """Read and load one record file; problems become findings, nothing is raised.

    ``rel`` is the path relative to ``root`` as ``path.relative_to(root).as_posix()`` gives it,
    for a caller that already knows it (computing it is a noticeable part of loading).
    """
    if rel is None:
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    loaded = Loaded(path, rel)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            loaded.findings.append(
                Finding(
                    rel,
                    1,
                    "too-large",
                    "error",
                    f"文件有 {size // 1024} KB，超过单个记录 {max_bytes // 1024} KB 的上限："
                    f"请把扫描件等材料放到 evidence/ 目录，在记录里只写路径。",
                )
            )
            return loaded
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as err:
        loaded.findings.append(
            Finding(
                rel, 1, "unreadable", "error", f"无法读取文件（{err.strerror}）：请检查文件权限。"
            )
        )
        return loaded
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    return load_text(text, loaded)
