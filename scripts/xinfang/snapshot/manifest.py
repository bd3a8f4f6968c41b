"""The snapshot's manifest: who made it from what, and a SHA-256 for every file.

``manifest.json`` names the county (name and administrative division code), the campaign, the
commit and the as-of date it was made from, the versions of xinfang and of the snapshot's own
format, each table's file, row count and SHA-256, and the fingerprint of the city key the
identity numbers were hashed with. The city checks a snapshot against it before using it
(``verify``); a snapshot of a newer format than this program knows is refused, not misread.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .layout import LAYOUT

FORMAT = "xinfang-snapshot"
#: The tables' layout. Raise it when a column is removed, renamed or changes its meaning; the
#: city refuses snapshots of a newer version than it knows.
SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
TABLES = tuple(LAYOUT)


@dataclass
class TableFile:
    file: str
    rows: int
    sha256: str


@dataclass
class Manifest:
    county: str
    county_code: str
    campaign: str
    campaign_year: int
    commit: str | None
    as_of: str  # YYYY-MM-DD
    created: str  # ISO time, Asia/Shanghai
    xinfang_version: str
    key_fingerprint: str | None
    tables: dict[str, TableFile] = field(default_factory=dict)
    format: str = FORMAT
    schema_version: int = SCHEMA_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Manifest:
        tables = {name: TableFile(**entry) for name, entry in data["tables"].items()}
        return cls(**{**data, "tables": tables})

    @property
    def label(self) -> str:
        """How the page names this snapshot: its as-of date and short commit."""
        return f"{self.as_of}（{(self.commit or '无提交号')[:8]}）"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ManifestError(Exception):
    """A manifest that cannot be read or used; the message is Chinese and names the fix."""


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(
            f"{path} 不存在：这不是 xinfang 快照（xinfang snapshot 的输出目录）。"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ManifestError(
            f"{path} 读不出来（{type(err).__name__}）：快照已损坏，请让县里重新生成。"
        ) from err
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError(f"{path} 不是 xinfang 快照的清单：请检查快照的位置。")
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise ManifestError(
            f"{path} 没有快照格式版本（schema_version）：快照已损坏，请让县里重新生成。"
        )
    if version > SCHEMA_VERSION:
        raise ManifestError(
            f"快照格式版本 {version} 比本程序认识的版本 {SCHEMA_VERSION} 新（快照由 xinfang "
            f"{data.get('xinfang_version', '?')} 生成）：请先升级市里的 xinfang，再汇总。"
            f"在升级之前，继续使用这个县上一份合格的快照。"
        )
    try:
        return Manifest.from_data(data)
    except (KeyError, TypeError, AttributeError) as err:
        raise ManifestError(
            f"{path} 缺少或多出项目（{err}）：快照已损坏，请让县里重新生成。"
        ) from err
