"""The files a county repository gets from the program: one source each, shipped in the wheel."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from xinfang import __version__
from xinfang.county.program_files import OWN, SHARED, program_files, shared_files

from .conftest import ROOT

PACKAGE = ROOT / "scripts" / "xinfang"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_packaged_copies_equal_this_repository_s_files() -> None:
    sources = {
        p.relative_to(ROOT).as_posix(): p.read_bytes()
        for pattern in SHARED
        for p in sorted(ROOT.glob(pattern))
        if p.is_file()
    }
    packaged = shared_files()
    stale = sorted(p for p in sources.keys() | packaged.keys() if sources.get(p) != packaged.get(p))
    assert not stale, (
        f"{stale}：county/files 中的副本与本仓库的文件不同，请运行 python scripts/sync_county_files.py"
    )
    assert "schema/case.schema.json" in packaged and "docs/guide.md" in packaged


def test_every_packaged_file_is_package_data_of_the_wheel() -> None:
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["xinfang"]
    county = PACKAGE / "county"
    files = [
        p.relative_to(PACKAGE).as_posix()
        for folder in ("files", "templates")
        for p in (county / folder).rglob("*")
        if p.is_file()
    ]
    assert len(files) > 20
    missing = [f for f in files if not any(fnmatch.fnmatchcase(f, pat) for pat in patterns)]
    assert not missing, f"pyproject.toml 的 package-data 没有包括 {missing}"


def test_the_program_version_is_written_once_more_in_pyproject() -> None:
    assert PYPROJECT["project"]["version"] == __version__


def test_a_county_s_files_name_its_county_and_version() -> None:
    files = program_files("东平县", "0.2.0")
    assert files["requirements.txt"].decode().splitlines()[-1] == "xinfang==0.2.0"
    assert b"site_name: \xe4\xb8\x9c\xe5\xb9\xb3\xe5\x8e\xbf" in files["mkdocs.yml"]  # 东平县
    assert set(OWN) <= files.keys()
    assert not any(p.startswith(("cases/", "campaign.yml", "scripts/")) for p in files)


def _steps(text: bytes) -> dict[str, str]:
    job = next(iter(yaml.safe_load(text)["jobs"].values()))
    return {step.get("name", ""): step.get("run", "") for step in job["steps"]}


def test_county_workflows_install_the_recorded_version_and_check() -> None:
    files = program_files("东平县")
    for path in OWN:
        steps = _steps(files[path])
        install = steps["安装本仓库使用的 xinfang 版本"]
        assert "-r requirements.txt" in install and '--find-links "$XINFANG_WHEELS"' in install
        assert "-e ." not in install  # the program is not in a county's repository
        assert any(".venv/bin/mkdocs build --strict" in run for run in steps.values())
        if path.endswith("ci.yml"):
            assert any("--base" in run for run in steps.values())  # the merge-request guard
        if path.startswith(".gitea/"):
            assert b"uses:" not in files[path]


def test_county_intranet_workflows_fetch_the_code_as_the_program_s_do() -> None:
    files = program_files("东平县")
    for name in ("ci.yml", "site.yml"):
        ours = _steps((ROOT / ".gitea" / "workflows" / name).read_bytes())
        theirs = _steps(files[f".gitea/workflows/{name}"])
        assert theirs["取出代码（完整历史）"] == ours["取出代码（完整历史）"]


def test_county_workflows_pass_the_workflow_schema(tmp_path: Path) -> None:
    paths = []
    for path, content in program_files("东平县").items():
        if "/workflows/" in path:
            target = tmp_path / path.replace("/", "_")
            target.write_bytes(content)
            paths.append(str(target))
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         *paths],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
