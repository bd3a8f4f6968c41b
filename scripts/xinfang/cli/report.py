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
from ..records.finding_groups import UnitFindings

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


def _line(f: Finding) -> str:
    return f"{f.file}:{f.line}: {SEVERITY_ZH[f.severity]} [{f.rule}] {f.message}"


def _counts(errors: int, warnings: int) -> str:
    parts = [f"{errors} 个错误"] * bool(errors) + [f"{warnings} 个警告"] * bool(warnings)
    return "，".join(parts) or "没有问题"


def as_text(findings: list[Finding], checked: int) -> str:
    """Findings one a line, then the verdict (for the files a commit checks, one unit's own)."""
    findings = _safe(findings)
    lines = [_line(f) for f in findings]
    lines.append(_verdict(findings, checked))
    return "\n".join(lines)


def _verdict(findings: list[Finding], checked: int) -> str:
    s = summary(findings, checked)
    verdict = "未通过" if s["errors"] else "通过"
    return (
        f"检查了 {s['checked']} 个案件：{s['errors']} 个错误，{s['warnings']} 个警告，{verdict}。"
    )


def grouped_text(
    groups: list[UnitFindings], findings: list[Finding], checked: int, unit: str | None = None
) -> str:
    """For a clerk: the verdict and each unit's count first, then the findings by unit and by
    record kind. With ``unit`` (a unit's name) the groups and the verdict are that unit's
    alone, and the summary says how many the other units have."""
    shown = [f for g in groups for f in g.findings]
    if unit is None:
        lines = [_verdict(findings, checked)]
        if len(groups) > 1:
            lines.append(
                "各单位："
                + "；".join(f"{printable(g.name)} {_counts(g.errors, g.warnings)}" for g in groups)
                + "。只看一个单位：xinfang check --unit 单位名称或代码。"
            )
    else:
        s = summary(shown, checked)
        verdict = "未通过" if s["errors"] else "通过"
        lines = [
            f"检查了 {checked} 个案件，{printable(unit)}：{s['errors']} 个错误，"
            f"{s['warnings']} 个警告，{verdict}。"
        ]
        rest = len(findings) - len(shown)
        if rest:
            errors = sum(f.severity == "error" for f in findings) - s["errors"]
            lines.append(
                f"其他单位和文件另有 {_counts(errors, rest - errors)}（去掉 --unit 查看）。"
            )
    for g in groups:
        lines += ["", f"== {printable(g.name)}：{_counts(g.errors, g.warnings)} =="]
        for kind, found in g.kinds.items():
            lines.append(f"-- {kind}（{len(found)} 项）")
            lines += [_line(f) for f in _safe(found)]
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
