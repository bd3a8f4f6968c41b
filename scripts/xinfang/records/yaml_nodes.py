"""YAML text as a node tree, with every key's and item's line: the parsers and the data types.

The resolver keeps YAML's implicit types except timestamps (dates stay strings, so that the
schema's ``format: date`` applies). libyaml parses when PyYAML was built with it; the pure-Python
parser reads what libyaml refuses, so that messages never depend on how PyYAML was built.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
MERGE_TAG = "tag:yaml.org,2002:merge"

YAML11_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of each key (1-based)."""

    lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that remembers the line of each item (1-based)."""

    lines: list[int]


class LongNumber:
    """An unquoted integer too long for any field, kept as its text (never converted).

    Python refuses to turn integers of more than 4,300 digits into text, and nothing in a record
    needs more than a few digits: the schema reports this value as of the wrong type, with its
    length, and no later stage ever sees it.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        if len(self.text) <= 24:
            return self.text
        return f"{self.text[:10]}…{self.text[-6:]}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LongNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


class _Resolver(yaml.resolver.Resolver):
    """YAML's implicit types, without timestamps: dates stay strings.

    ``resolve`` gives what ``BaseResolver.resolve`` gives for a resolver without path resolvers
    (this one has none), with each first character's candidates looked up once, and the
    path-resolver bookkeeping the composer calls for every node is skipped.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _CANDIDATES.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return STR_TAG
        if kind is SequenceNode:
            return SEQ_TAG
        if kind is MappingNode:
            return MAP_TAG
        return None


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
assert not _Resolver.yaml_path_resolvers, "resolve() above assumes no path resolvers"
# The regexes to try for a plain scalar by its first character ("" for the empty scalar), then
# the wildcard ones, in the order BaseResolver.resolve tries them.
_WILDCARD: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    _Resolver.yaml_implicit_resolvers.get(None, [])
)
_CANDIDATES: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: (*resolvers, *_WILDCARD)
    for first, resolvers in _Resolver.yaml_implicit_resolvers.items()
    if first is not None
}


class PyNodeLoader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver
):
    """Parses and composes one document into nodes with the pure-Python parser; constructs nothing.

    Its error messages are the ones the hints below are written for.
    """

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


# libyaml's parser and composer when PyYAML was built with it (about ten times faster). It lives
# in yaml._yaml, re-exported by yaml.cyaml: there is no yaml.CParser (looking for one always found
# the Python parser). Text libyaml refuses is parsed again by PyNodeLoader, so that the finding
# reads the same whichever parser is installed.
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml
    NodeLoader: Any = PyNodeLoader
else:

    class _CNodeLoader(_CParser, _Resolver):
        """Parses and composes one document into nodes with libyaml; constructs nothing."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _Resolver.__init__(self)

    NodeLoader = _CNodeLoader


def line_of(data: Any, path: list[str | int] | tuple[str | int, ...]) -> int:
    """The line of the deepest key or item on ``path`` that the data has marks for."""
    line = 1
    node = data
    for step in path:
        if isinstance(node, LineDict) and isinstance(step, str) and step in node.lines:
            line, node = node.lines[step], node[step]
            continue
        if isinstance(node, LineList) and isinstance(step, int) and step < len(node.lines):
            line, node = node.lines[step], node[step]
            continue
        break
    return line


# A line whose indentation and "- ", "? " or ": " prefixes reach this far, or text with this many
# opening brackets, may nest deeply; only then are the events counted.
_DEEP_PREFIX = re.compile(r"\n[ \-?:]{24,}")  # a literal first: quicker than ^ in MULTILINE


def nesting_too_deep(text: str, limit: int) -> int | None:
    """The line where collections nest more than ``limit`` deep, or None.

    The composers build nodes recursively (libyaml's in C, on the C stack): a few thousand levels
    of ``[`` or ``- `` exhaust the stack before they could be refused. Events come from a parser
    that keeps its own stack, so counting them is safe at any depth. A syntax error ends the count
    (the load then reports it).
    """
    if text.count("[") + text.count("{") <= limit and not _DEEP_PREFIX.search("\n" + text):
        return None
    for parser_class in dict.fromkeys((NodeLoader, PyNodeLoader)):
        line = _deeper_than(parser_class(text), limit)
        if line != -1:
            return line
    return None


def _deeper_than(parser: Any, limit: int) -> int | None:
    """The line where the events nest past ``limit``; None when they do not, -1 when the parser
    gave up first (libyaml refuses a thousand levels while scanning ahead: the Python parser,
    which scans one token at a time, then finds the line)."""
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return event.start_mark.line + 1 if event.start_mark else 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return -1
    finally:
        parser.dispose()
    return None
