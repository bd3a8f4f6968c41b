"""Work beside the build: the same results as doing it in order, errors raised where asked for."""

from __future__ import annotations

import os
import threading
from datetime import date

import pytest

from xinfang import parallel
from xinfang.errors import ConfigError
from xinfang.parallel import Beside
from xinfang.site import generator

from .conftest import ROOT


def _pid_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _fail(message: str) -> None:
    raise ConfigError(message)


needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="这里不能 fork（Windows 或单核）")


@needs_fork
def test_work_runs_in_another_process_with_the_parent_s_memory() -> None:
    numbers = list(range(100_000))  # not handed over: the child starts with the parent's memory
    pid, total = Beside(_pid_and_sum, numbers).result()
    assert pid != os.getpid() and total == sum(numbers)


def test_an_error_beside_is_raised_where_the_result_is_asked_for() -> None:
    job = Beside(_fail, "活动配置有误：请改正 campaign.yml 第 3 行")
    with pytest.raises(ConfigError, match=r"campaign\.yml 第 3 行"):
        job.result()


def test_with_other_threads_running_the_work_is_done_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        pid, total = Beside(_pid_and_sum, [1, 2, 3]).result()
        assert pid == os.getpid() and total == 6
    finally:
        stop.set()
        thread.join()


def test_a_cancelled_job_leaves_no_process() -> None:
    job = Beside(_pid_and_sum, [1])
    job.cancel()
    assert job._process is None


@needs_fork
def test_case_pages_rendered_beside_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = generator.generate(ROOT, date(2008, 7, 20))
    monkeypatch.setattr(generator, "CASES_TO_SPLIT", 10)
    split = generator.generate(ROOT, date(2008, 7, 20))
    assert [(p.path, p.title, p.body) for p in split.pages] == [
        (p.path, p.title, p.body) for p in whole.pages
    ]
    assert len([p for p in split.pages if p.path.startswith("cases/")]) == 48


def _niceness() -> int:
    return os.nice(0)


@needs_fork
def test_work_that_can_wait_runs_at_a_lower_priority() -> None:
    assert Beside(_niceness, nice=10).result() == min(os.nice(0) + 10, 19)
    assert Beside(_niceness).result() == os.nice(0)
