"""One ``git cat-file --batch`` for the versions the log names, read by a thread while the log
goes on: git and Python work side by side, never one process per version."""

from __future__ import annotations

import subprocess
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from .git_process import CHUNK, chunk_reader, close_streams

if TYPE_CHECKING:
    import git

T = TypeVar("T")


class BlobReader(Generic[T]):
    """One ``git cat-file --batch``: blobs requested as the log streams, each read by a thread with
    ``read(buf, start, end)`` (its content is ``buf[start:end]``) while the log goes on.

    ``results`` maps each blob to what ``read`` gave, or None for a blob git does not have.
    """

    def __init__(self, repo: git.Repo, read: Callable[[bytes, int, int], T | None]) -> None:
        self.proc = repo.git.cat_file(
            "--batch=%(objectsize)", as_process=True, istream=subprocess.PIPE
        )
        self.read = read
        self.results: dict[str, T | None] = {}
        self.requested: set[str] = set()
        self.order: deque[str] = deque()  # requested, not yet read: cat-file answers in order
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="xinfang-cat-file", daemon=True)
        self.thread.start()

    def request(self, shas: list[str]) -> None:
        requested = self.requested
        new: list[str] = []
        for sha in shas:
            if sha not in requested:
                requested.add(sha)
                new.append(sha)
        if new:
            self.order.extend(new)
            stdin = self.proc.proc.stdin
            assert stdin is not None
            stdin.write(("\n".join(new) + "\n").encode("ascii"))
            stdin.flush()

    def close(self, failed: bool = False) -> None:
        """Wait for the last blobs (or, after a failure, stop git) and raise the thread's error."""
        proc = self.proc.proc
        if failed:
            proc.kill()
        try:
            assert proc.stdin is not None
            proc.stdin.close()
        except OSError:  # git already gone: its error, if any, comes from wait()
            pass
        self.thread.join()
        try:
            if failed:
                proc.wait()
                return
            self.proc.wait()  # raises GitCommandError if cat-file failed
        finally:
            close_streams(proc)
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        stdout = self.proc.proc.stdout
        assert stdout is not None
        read_blob, results, order = self.read, self.results, self.order
        read = chunk_reader(stdout)
        buf = b""
        try:
            while True:
                chunk = read(CHUNK)
                if not chunk:
                    return
                buf = buf + chunk if buf else chunk
                pos, size = 0, len(buf)
                while True:
                    nl = buf.find(b"\n", pos)
                    if nl < 0:
                        break
                    sha = order.popleft()
                    header = buf[pos:nl]
                    if not header.isdigit():  # '<sha> missing': a shallow or partial clone
                        results[sha] = None
                        pos = nl + 1
                        continue
                    end = nl + 1 + int(header)  # the size, the content, a newline
                    if end + 1 > size:  # read the rest of this object
                        pieces = [buf]
                        while end + 1 > size:
                            more = read(max(end + 1 - size, CHUNK))
                            if not more:
                                return  # cut short: git stopped
                            pieces.append(more)
                            size += len(more)
                        buf = b"".join(pieces)
                    results[sha] = read_blob(buf, nl + 1, end)
                    pos = end + 1
                buf = buf[pos:]
        except BaseException as exc:  # re-raised by close() in the main thread
            self.error = exc
            while stdout.read(CHUNK):  # keep draining: git must never block on a full pipe
                pass
