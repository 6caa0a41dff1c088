"""Work done in a forked copy of this process while this one goes on.

`tracker diff a.pdf b.pdf` waits for two letters to be read; on a machine with a second
core, a copy of the process (forked: it has every module imported already) reads the
second while this one reads the first, and hands it over pickled through a pipe.

The copy does nothing else: it never prints, never runs exit handlers (os._exit) and
reports only a result. When it fails for any reason (a bad file, a signal, memory), the
caller is told nothing more than that, and does the work itself, so every error it
reports is the one it would have reported without the copy.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
from collections.abc import Callable
from typing import Any


def can_fork() -> bool:
    """Whether a forked copy would run beside this process: fork exists, and a second core."""
    if not hasattr(os, "fork"):
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # no affinity call (macOS): count the cores
        return (os.cpu_count() or 1) > 1


class Aside:
    """`function(*args)` run in a forked copy; `result()` is its value, or None when it
    failed. Used as a context manager: leaving it stops and reaps a copy still running."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        read, write = os.pipe()
        gc.freeze()  # collections here and there would touch, so copy, every page
        pid = os.fork()
        if pid == 0:  # the copy
            try:
                os.close(read)
                payload = _run(function, args)
                with os.fdopen(write, "wb") as stream:
                    stream.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        self.pid: int | None = pid
        self.stream = os.fdopen(read, "rb")

    def ready(self) -> bool:
        """Whether `result()` would answer now: the copy has handed over, or ended."""
        return bool(select.select([self.stream], [], [], 0)[0])

    def result(self) -> Any:
        """The function's value (waits for it), or None when the copy failed."""
        try:
            payload = self.stream.read()
        finally:
            self._reap(kill=False)
        if not payload:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a truncated hand-over is a failed copy
            return None

    def __enter__(self) -> Aside:
        return self

    def __exit__(self, *exc: object) -> None:
        self._reap(kill=True)

    def _reap(self, kill: bool) -> None:
        self.stream.close()
        if self.pid is None:
            return
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)
        self.pid = None
        gc.unfreeze()  # the copy is gone: this process's objects are collected again


def _run(function: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
    """The pickled value of the call, or b"" when it raised (or its value won't pickle)."""
    try:
        return pickle.dumps(function(*args), pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the caller redoes the work and reports it
        return b""
