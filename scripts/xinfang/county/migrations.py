"""Fields a program version renames, and their renaming in a county's records.

``MIGRATIONS`` maps a version to the renames it makes; upgrading from an older version applies
every rename of the versions after it, up to the one installed, in order. A rename changes the
key's own text in each record and nothing else (values, comments and layout stay), so that the
upgrade's diff shows one line per renamed key. No version so far has renamed a field; the first
to do so adds its entry here, e.g.::

    "0.3.0": (Rename("cases", ("responsibility", "officer"), "handler"),),

(``tests/test_county_upgrade.py`` upgrades a repository through such a rename.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from packaging.version import Version

from ..errors import cannot_write


@dataclass(frozen=True)
class Rename:
    """Key ``path[-1]`` of the mapping at ``path[:-1]`` becomes ``new``; ``*`` is every item of
    a list. ``folder`` is a record folder, or ``""`` for ``campaign.yml``."""

    folder: str
    path: tuple[str, ...]
    new: str

    def describe(self) -> str:
        where = self.folder + "/" if self.folder else "campaign.yml"
        old = ".".join(p for p in self.path if p != "*")
        return f"{where} 的 {old} 改名为 {self.new}"


MIGRATIONS: dict[str, tuple[Rename, ...]] = {}


def due(old: str, new: str, table: Mapping[str, Sequence[Rename]]) -> list[Rename]:
    """The renames of the versions after ``old`` up to ``new``, in version order."""
    low, high = Version(old), Version(new)
    steps = sorted((Version(v), renames) for v, renames in table.items())
    return [r for v, renames in steps if low < v <= high for r in renames]


def _keys(node: yaml.Node, path: tuple[str, ...]) -> Iterator[yaml.ScalarNode]:
    """The key nodes that ``path`` names in the tree under ``node``."""
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from _keys(item, rest)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == head:
            if rest:
                yield from _keys(value, rest)
            else:
                yield key


def renamed_text(text: str, rename: Rename) -> str | None:
    """``text`` with the key renamed, or None when it has no such key (or cannot be read)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if root is None:
        return None
    keys = sorted(_keys(root, rename.path), key=lambda k: k.start_mark.index, reverse=True)
    if not keys:
        return None
    for key in keys:
        text = text[: key.start_mark.index] + rename.new + text[key.end_mark.index :]
    return text


def _files(root: Path, folder: str) -> list[Path]:
    if not folder:
        return [root / "campaign.yml"]
    base = root / folder
    return sorted(p for p in base.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def migrate(root: Path, renames: Sequence[Rename]) -> list[str]:
    """Apply ``renames`` to the repository's files; the paths changed, relative to ``root``."""
    changed: list[str] = []
    for rename in renames:
        for path in _files(root, rename.folder):
            text = path.read_bytes().decode(
                "utf-8", "surrogateescape"
            )  # line ends kept as they are
            new = renamed_text(text, rename)
            if new is None or new == text:
                continue
            try:
                path.write_bytes(new.encode("utf-8", "surrogateescape"))
            except OSError as err:
                raise cannot_write(path, err) from err
            rel = path.relative_to(root).as_posix()
            if rel not in changed:
                changed.append(rel)
    return changed
