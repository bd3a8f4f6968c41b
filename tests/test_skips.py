"""A run that skips tests says so at the end, with the count and each reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.parametrize("workers", [[], ["-p", "xdist.plugin", "-n", "2"]], ids=["one", "xdist"])
def test_the_summary_counts_skips_and_names_their_reasons(
    tmp_path: Path, workers: list[str]
) -> None:
    """Run alone or over several workers (pytest-xdist, as the default run is), the same."""
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_some.py").write_text(
        "import pytest\n\n"
        "def test_runs():\n    pass\n\n"
        "@pytest.mark.skip(reason='没有 node')\ndef test_a():\n    pass\n\n"
        "@pytest.mark.skip(reason='没有 node')\ndef test_b():\n    pass\n\n"
        "def test_c():\n    pytest.skip('没有 Chromium')\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *workers, str(tmp_path)],
        cwd=tmp_path,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "跳过了 3 个测试（没有运行，不算通过）" in result.stdout
    assert "2 个：没有 node" in result.stdout and "1 个：没有 Chromium" in result.stdout
