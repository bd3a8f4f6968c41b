"""The schemas of risks, key persons, assigned cases, submissions and accountability in the
editor staff use: tests/editor/check-records.mjs drives the real yaml-language-server (as
tests/test_editor_schema.py does for cases) and reports each check by group."""

from __future__ import annotations

from typing import Any

import pytest

from .test_editor_schema import EDITOR, _failures, _show, pytestmark, run_checker  # noqa: F401

SCRIPT = EDITOR / "check-records.mjs"


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return run_checker(SCRIPT)


def test_the_server_ran(report: dict[str, Any]) -> None:
    assert "error" not in report, report.get("error")
    assert report["server"]["package"] == "yaml-language-server"


@pytest.mark.parametrize(
    "group", ["association:", "schemas:", "validation:", "completion:", "hover:"]
)
def test_group(report: dict[str, Any], group: str) -> None:
    failures = _failures(report, group)
    assert not failures, _show(failures)


@pytest.mark.parametrize("kind", ["risk", "person", "assignment", "submission", "accountability"])
def test_every_kind_is_checked(report: dict[str, Any], kind: str) -> None:
    names = [c["name"] for c in report["checks"]]
    assert [n for n in names if n.startswith("validation:") and f"{kind}" in n]
    assert [
        n for n in names if n.startswith("hover:") and f"{kind}" in n.replace("persons/", "person")
    ]
    assert report["returncode"] == 0 and report["ok"]
