"""Strict YAML loading with line marks.

A record file becomes a mapping of plain data (dicts, lists, str, int, float, bool, None) plus the
line of every key and list item, or findings saying why it could not be read; never neither. The
rules:

- UTF-8 only (a BOM is accepted); GBK/GB18030 files get a message saying how to convert them.
- No control characters, lone surrogates or non-characters, raw or escaped (``characters.py``).
- No duplicate keys (PyYAML would silently keep the last one: a lost edit).
- No anchors, aliases or tags: an alias bomb never expands, ``!!python/...`` never constructs.
- At most ``MAX_DEPTH`` levels of nesting, checked before the recursive composer runs.
- Timestamps stay strings, so that the schema's ``format: date`` applies.
- Plain scalars YAML reads as something else than their text are remembered (``builder.py``).
- A size limit per file; an empty file, a null document, a list or a lone text is a finding.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import os_reason
from ..findings import Finding
from . import characters
from .builder import Builder, Loaded
from .syntax_messages import diagnose, line_mistake, tag_message, yaml_error_message
from .yaml_nodes import NodeLoader, PyNodeLoader, line_of, nesting_too_deep

__all__ = ["MAX_BYTES", "Loaded", "load_file", "load_text"]

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32  # a case nests four levels deep; past this, a bracket is surely unclosed
_EMPTY = "文件是空的：请按模板填写记录，或删除这个文件。"
_INLINE_COMMENT = re.compile(r"[ \t]#")  # a comment after other text on its line


def _error(loaded: Loaded, line: int, rule: str, message: str) -> Loaded:
    loaded.findings.append(Finding(loaded.rel, line, rule, "error", message))
    return loaded


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
    lines = text.split("\n")
    for event in yaml.parse(text, Loader=loader or NodeLoader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        anchor = getattr(event, "anchor", None) and not isinstance(event, yaml.AliasEvent)
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit_tag = (
            tag
            and tag != "!"
            and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
        )
        if not (anchor or explicit_tag):
            continue
        # "note: &重点 …" with no alias anywhere, or a local tag ("note: !紧急 …"), was meant as
        # text: say so.
        as_text = ("*" not in text) if anchor else str(tag).startswith("!")
        found = diagnose(lines, line) if as_text else None
        if found and found[0] == line:
            loaded.findings.append(Finding(loaded.rel, line, "yaml-syntax", "error", found[1]))
        elif anchor:
            _error(
                loaded, line, "yaml-alias", "不允许使用锚点和别名（& 和 *）：请把内容直接写出来。"
            )
        else:
            _error(loaded, line, "yaml-tag", tag_message(str(tag)))


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


def _syntax_error(text: str, loaded: Loaded, err: yaml.YAMLError) -> Loaded:
    """A syntax error on the line of the mistake, in Chinese, with the fix."""
    if not isinstance(err, yaml.MarkedYAMLError):
        return _error(loaded, 1, "yaml-syntax", "YAML 格式错误：请检查文件的缩进、冒号和引号。")
    mark = err.problem_mark or err.context_mark
    if "quoted scalar" in str(err.context) and err.context_mark:
        mark = err.context_mark  # an unclosed quote: where it opened, not the end of the file
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    context = err.context_mark.line + 1 if err.context_mark else None
    found = diagnose(text.split("\n"), line, context)
    if found:
        return _error(loaded, found[0], "yaml-syntax", f"第 {found[0]} 行：{found[1]}")
    message = f"第 {line} 行第 {column} 列：{yaml_error_message(err)}"
    return _error(loaded, line, "yaml-syntax", message)


def _not_a_record(loaded: Loaded, data: Any, text: str) -> Loaded:
    if data is None:
        return _error(
            loaded,
            1,
            "empty",
            "文件里没有记录（只有 ~、null、--- 或 ... 这样的空内容）：请按模板填写记录，或删除这个文件。",
        )
    what = "一个列表" if isinstance(data, list) else "一段文字"
    first = next((ln for ln in text.split("\n") if ln.strip() and not ln.startswith("#")), "")
    hint = line_mistake(first) or "请按模板，每行写“键: 值”（冒号后加一个空格）。"
    return _error(loaded, 1, "not-a-record", f"文件读出来是{what}，不是“键: 值”形式的记录：{hint}")


def _comment_lines(text: str) -> tuple[list[str], frozenset[int]]:
    """The lines, and the numbers of those where a comment follows other text."""
    if " #" not in text and "\t#" not in text:
        return [], frozenset()
    lines = text.split("\n")
    return lines, frozenset(
        i + 1
        for i, ln in enumerate(lines)
        if _INLINE_COMMENT.search(ln) and not ln.lstrip().startswith("#")
    )


def load_text(text: str, loaded: Loaded) -> Loaded:
    """Load YAML text into ``loaded``: data that is a mapping, or an error finding."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return _error(loaded, 1, "empty", _EMPTY)
    bad = list(characters.in_text(text))
    for line, column, char in bad:
        _error(
            loaded,
            line,
            "bad-character",
            f"第 {line} 行第 {column} 列有字符 {characters.describe(char)}：{characters.FIX}",
        )
    if bad:
        return loaded
    deep = nesting_too_deep(text, MAX_DEPTH)
    if deep:
        return _error(
            loaded,
            deep,
            "too-deep",
            f"第 {deep} 行：嵌套超过 {MAX_DEPTH} 层（案件记录最多四五层）："
            f"多半是方括号 [ 、花括号 {{ 没有闭合，或“- ”层层嵌套；要写文字请整段加引号。",
        )
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
    except yaml.YAMLError as err:
        return _syntax_error(text, loaded, err)
    if node is _REFUSED:
        return loaded
    if node is None:
        return _error(loaded, 1, "empty", _EMPTY)
    lines, comment_lines = _comment_lines(text)
    data = Builder(loaded, "&" in text, lines, comment_lines, text).build(node)
    if any(f.severity == "error" for f in loaded.findings):
        return loaded
    if not isinstance(data, dict):
        return _not_a_record(loaded, data, text)
    if "\\" in text:  # only a double-quoted escape can make these from clean text
        before = len(loaded.findings)
        for path, where, char in characters.in_data(data):
            line = line_of(data, path)
            _error(
                loaded,
                line,
                "bad-character",
                f"第 {line} 行的{where}里有字符 {characters.describe(char)}，"
                f"是引号里的转义写出来的。{characters.FIX_ESCAPE}",
            )
        if len(loaded.findings) > before:
            return loaded
    loaded.data = data
    return loaded


def load_file(path: Path, root: Path, max_bytes: int = MAX_BYTES, rel: str | None = None) -> Loaded:
    """Read and load one record file; problems become findings, nothing is raised.

    ``rel`` is the path relative to ``root`` as ``path.relative_to(root).as_posix()`` gives it,
    for a caller that already knows it (computing it is a noticeable part of loading).
    """
    if rel is None:
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    bad_name = characters.VALUE_BAD.search(rel)
    # A name that cannot be printed or written is reported as its escape: site pages and
    # reports are written as UTF-8.
    loaded = Loaded(path, characters.printable(rel) if bad_name else rel)
    if bad_name:
        char = bad_name.group()
        what = (
            "不是 UTF-8 编码的文字"
            if "\udc80" <= char <= "\udcff"
            else f"有字符 {characters.describe(char)}"
        )
        return _error(
            loaded,
            1,
            "bad-file-name",
            f"文件名或目录名{what}：请把文件改名为“案件编号.yml”，放在 cases/ 下只含汉字、字母、数字的目录里。",
        )
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return _error(
                loaded,
                1,
                "too-large",
                f"文件有 {size // 1024} KB，超过单个记录 {max_bytes // 1024} KB 的上限："
                f"请把扫描件等材料放到 evidence/ 目录，在记录里只写路径。",
            )
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as err:
        return _error(
            loaded, 1, "unreadable", f"无法读取文件（{os_reason(err)}）：请检查文件权限。"
        )
    text = _decode(raw, loaded)
    if text is None:
        return loaded
    return load_text(text, loaded)
