"""Reporters: findings as text for people, JSON for tools, annotations for CI.

A file name, key or value in a finding may hold control characters (an ANSI escape in a file
name, a line break in a key): every reporter writes them as escapes (``\\x1b``), so that no
output runs terminal sequences, forges an annotation or fails to encode.
"""

from __future__ import annotations

import dataclasses
import json

from ..findings import Finding
from ..records.characters import printable

SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def summary(findings: list[Finding], checked: int) -> dict[str, int]:
    return {
        "checked": checked,
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
    }


def _safe(findings: list[Finding]) -> list[Finding]:
    return [
        dataclasses.replace(
            f, file=printable(f.file), rule=printable(f.rule), message=printable(f.message)
        )
        for f in findings
    ]


def as_text(findings: list[Finding], checked: int) -> str:
    findings = _safe(findings)
    lines = [
        f"{f.file}:{f.line}: {SEVERITY_ZH[f.severity]} [{f.rule}] {f.message}" for f in findings
    ]
    s = summary(findings, checked)
    verdict = "未通过" if s["errors"] else "通过"
    lines.append(
        f"检查了 {s['checked']} 个案件：{s['errors']} 个错误，{s['warnings']} 个警告，{verdict}。"
    )
    return "\n".join(lines)


def as_json(findings: list[Finding], checked: int) -> str:
    findings = _safe(findings)
    document = {"findings": [f.as_dict() for f in findings], "summary": summary(findings, checked)}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: list[Finding], checked: int) -> str:
    """Workflow commands, read by GitHub, Gitea and Forgejo Actions alike."""
    findings = _safe(findings)
    lines = [
        f"::{f.severity} file={_escape_property(f.file)},line={max(f.line, 1)},"
        f"title={_escape_property(f.rule)}::{_escape_data(f.message)}"
        for f in findings
    ]
    s = summary(findings, checked)
    lines.append(f"检查了 {s['checked']} 个案件：{s['errors']} 个错误，{s['warnings']} 个警告。")
    return "\n".join(lines)


REPORTERS = {"text": as_text, "json": as_json, "github": as_github}
