"""Shared fixtures: a throwaway repository made from the bundled campaign."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make_repo(target: Path, cases: Path | None = None) -> Path:
    """A repository in ``target`` with the bundled campaign, schemas and evidence."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "campaign.yml", target / "campaign.yml")
    shutil.copytree(ROOT / "schema", target / "schema")
    shutil.copytree(ROOT / "evidence", target / "evidence")
    if cases is not None:
        shutil.copytree(cases, target / "cases")
    else:
        (target / "cases").mkdir()
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")
