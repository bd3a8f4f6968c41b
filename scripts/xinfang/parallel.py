"""Work beside the main process, on the machine's other core.

Building the site has steps that need the same records but not each other's results: the git
history and the records, the rule checks and the published copies, two halves of the case pages.
The import writes half of its case files beside the other half. ``Beside(fn, *args)`` runs
``fn(*args)`` in a forked process, which starts with the parent's memory (the loaded records) and
sends back only its result; ``.result()`` waits for it.

Where a fork is not possible or not safe, the work is simply done when its result is asked for:
on Windows (no fork) and macOS (fork is not safe there), on a machine with one core, and in a
process that runs other threads (a fork copies only the calling thread, and a lock another thread
held would never be released in the child: ``mkdocs serve`` builds in a thread beside its web
server).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return (
        sys.platform == "linux"  # macOS has fork, but system libraries there may not survive it
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


def _run(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], nice: int) -> None:
    if nice:
        os.nice(nice)
    try:
        result: tuple[bool, Any] = (True, fn(*args))
    except BaseException as err:  # handed to the parent, which raises it there
        result = (False, err)
    try:
        conn.send(result)
    except Exception as err:  # the result or the error could not be pickled
        conn.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
    finally:
        conn.close()


class Beside(Generic[T]):
    def __init__(self, fn: Callable[..., T], *args: Any, nice: int = 0) -> None:
        """``nice``: a lower priority for work that nothing waits for soon (the workbook), so
        that on a busy machine the work the build waits for comes first."""
        self._fn, self._args = fn, args
        self._process: Any = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._conn, child_end = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_run, args=(child_end, fn, args, nice), daemon=True
            )
            self._process.start()
            child_end.close()

    def cancel(self) -> None:
        """Stop the work: its result is not wanted (the step before it failed)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._conn.close()
            self._process = None

    def result(self) -> T:
        if self._process is None:
            return self._fn(*self._args)
        try:
            ok, value = self._conn.recv()
        except EOFError as err:
            raise RuntimeError(
                f"后台进程意外退出（退出码 {self._process.exitcode}）：{self._fn.__name__}"
            ) from err
        finally:
            self._conn.close()
            self._process.join()
        if not ok:
            raise value
        result: T = value
        return result
