"""From a YAML node tree to plain data with line marks, refusing what a record may not hold.

Aliases, tags and duplicate keys become findings. Plain (unquoted) scalars that YAML reads as
something other than the text typed are remembered with their text, so that validation can say
what happened: ``yes`` read as true, ``3.10`` as 3.1, a comment after the text (``3 #楼``) cutting
it short. Integers too long for any field stay as their text (``LongNumber``), so that nothing
later converts a 5,000-digit number to a string or a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import Finding
from .characters import shown_key
from .syntax_messages import FULL_WIDTH_INDENT, missing_dash, tag_message
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
    LongNumber,
)

MAX_INT_CHARS = 18  # any integer of a record fits in far fewer digits; beyond, keep the text


@dataclass
class Loaded:
    """The result of loading one file: data (None when unreadable) and findings."""

    path: Path
    rel: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    yaml11_bools: dict[int, str] = field(default_factory=dict)  # line -> spelling
    plain_texts: dict[int, str] = field(default_factory=dict)  # line -> a typed plain scalar's text
    # line of the key or item -> (the plain text kept, the comment YAML dropped after it)
    cut_comments: dict[int, tuple[str, str]] = field(default_factory=dict)


class Builder:
    """Turns a node tree into plain data, refusing aliases, tags and duplicate keys.

    An alias is the same node object met twice. Aliases need an anchor, and an anchor needs an
    ``&`` in the text, so ``track_aliases=False`` (no ``&`` anywhere) skips the bookkeeping.
    ``comment_lines`` are the lines where a comment follows other text: only plain scalars
    ending on them are looked at for a cut.
    """

    def __init__(
        self,
        loaded: Loaded,
        track_aliases: bool = True,
        lines: list[str] | None = None,
        comment_lines: frozenset[int] = frozenset(),
        text: str = "",
    ) -> None:
        self.text = text  # split into lines only when a repeated key needs a look at its line
        self.loaded = loaded
        self.seen: set[int] | None = set() if track_aliases else None
        self.lines = lines or []
        self.comment_lines = comment_lines

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
            cut = self.comment_lines
            for item in node.value:
                line = item.start_mark.line + 1
                if cut and isinstance(item, ScalarNode):
                    self.note_cut(line, item)
                seq.append(build(item))
                lines.append(line)
            return seq
        self.fail(node.start_mark.line + 1, "yaml-tag", tag_message(node.tag))
        return None

    def mapping(self, node: MappingNode) -> LineDict:
        result = LineDict()
        lines: dict[str, int] = {}
        result.lines = lines
        track = self.seen is not None
        build = self.build
        cut = self.comment_lines
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.fail(line, "yaml-key", "键必须是简单的文字：请改成“键: 值”的写法。")
                continue
            if key_node.tag == MERGE_TAG:
                self.fail(line, "yaml-alias", "不允许使用合并键 <<：请把内容直接写出来。")
                continue
            key = str(key_node.value)
            if key.startswith("\u3000") and not key_node.style:
                self.fail(line, "yaml-syntax", f"第 {line} 行：{FULL_WIDTH_INDENT}")
                continue
            if key in lines:
                if self.starts_entry(node, key_node):
                    self.fail(
                        line, "yaml-missing-dash", missing_dash(shown_key(key), line, lines[key])
                    )
                    # The keys from here on are the entry that lost its dash: one finding.
                    lines = {}
                    result = LineDict()
                    result.lines = lines
                else:
                    self.fail(
                        line,
                        "yaml-duplicate-key",
                        f"键 {shown_key(key)} 重复：第 {lines[key]} 行和第 {line} 行都写了它，"
                        f"后一个会覆盖前一个。请合并成一处。",
                    )
                    continue
            if isinstance(value_node, ScalarNode):
                if cut:
                    self.note_cut(line, value_node)
                if not track and value_node.tag == STR_TAG:
                    result[key] = value_node.value  # the common case, without a call
                    lines[key] = line
                    continue
            result[key] = build(value_node)
            lines[key] = line
        return result

    def starts_entry(self, node: MappingNode, key_node: ScalarNode) -> bool:
        """Whether a repeated key is where a list entry should begin: the mapping is an entry
        of a list (``- `` before its first key) and the key repeats that first key, at its
        column. Merging the two would lose an entry; a dash is missing."""
        first = node.value[0][0]
        mark = node.start_mark
        if not isinstance(first, ScalarNode) or key_node.value != first.value:
            return False
        if key_node.start_mark.column != first.start_mark.column:
            return False
        if not self.lines:
            self.lines = self.text.split("\n")
        if mark.line >= len(self.lines):
            return False
        return self.lines[mark.line][: mark.column].rstrip().endswith("-")

    def note_cut(self, line: int, node: ScalarNode) -> None:
        """Remember a comment right after a plain scalar: YAML dropped it from the text."""
        if node.style:  # quoted or a block scalar ("" or None is plain): "#" is text there
            return
        end = node.end_mark
        if end.line + 1 not in self.comment_lines or end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column :]
        if rest.lstrip().startswith("#"):
            self.loaded.cut_comments[line] = (node.value, rest.strip())

    def scalar(self, node: ScalarNode, line: int) -> Any:
        value, tag = node.value, node.tag
        if tag == STR_TAG:
            return value
        if not node.style:  # plain: None from the Python parser, "" from libyaml
            self.loaded.plain_texts[line] = value
        if tag == NULL_TAG:
            return None
        if tag == BOOL_TAG:
            if YAML11_BOOL.match(value):
                self.loaded.yaml11_bools[line] = value
            return value.lower() in ("true", "yes", "on", "y")
        if tag == INT_TAG:
            digits = value.replace("_", "")
            if len(digits.lstrip("+-")) > MAX_INT_CHARS:
                return LongNumber(value)
            try:
                return int(digits, 0)
            except ValueError:  # 012, 1:30 (YAML 1.1 octal and base 60): keep the text
                return value
        if tag == FLOAT_TAG:
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        self.fail(line, "yaml-tag", tag_message(tag))
        return None
