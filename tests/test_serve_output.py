"""What `mkdocs serve` prints to a clerk: Chinese, or English with a Chinese line saying what it
means; no library start-up chatter (jieba's "Building prefix dict…")."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

from .conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_mkdocs_serve_speaks_to_a_clerk_in_chinese() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{_free_port()}",
         "--no-livereload"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    out: list[str] = []
    try:
        deadline = time.monotonic() + 240
        assert serve.stdout is not None
        while time.monotonic() < deadline:
            line = serve.stdout.readline()
            if not line:
                break
            out.append(line.rstrip("\n"))
            if "网站已启动" in line:
                break
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
        if serve.stdout is not None:
            serve.stdout.close()
    text = "\n".join(out)
    assert "网站已启动：用浏览器打开 http://127.0.0.1:" in text, text
    assert "Building prefix dict" not in text and "Loading model" not in text, text
    logged = [line for line in out if re.match(r"^(INFO|WARNING|ERROR)\s+-", line)]
    assert logged and all(re.search(r"[\u4e00-\u9fff]", line) for line in logged), logged
    if "end of life" in text:  # the theme's own notice, printed before any plugin runs
        assert (
            "启动时的英文方框（Material for MkDocs reaches end of life）是网站主题的停止维护通知"
            in text
        )
