"""tracker.forked: work in a forked copy of the process, handed over or given up."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tracker.forked import Aside, can_fork

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")


def _square(n: int) -> int:
    return n * n


def _fail(message: str) -> None:
    raise ValueError(message)


def _unpicklable() -> object:
    return lambda: None


def _sleep_then_touch(path: str) -> None:
    time.sleep(1)
    Path(path).touch()


def test_the_value_is_handed_over() -> None:
    with Aside(_square, 12) as aside:
        assert aside.result() == 144


@pytest.mark.parametrize("function", [_fail, _unpicklable])
def test_a_copy_that_fails_hands_over_nothing(function: object) -> None:
    args = ("kapot",) if function is _fail else ()
    with Aside(function, *args) as aside:  # type: ignore[arg-type]
        assert aside.result() is None


def test_a_large_value_does_not_block_the_copy() -> None:
    """More than a pipe holds: the copy writes while this process reads."""
    with Aside(bytes, 5_000_000) as aside:
        assert aside.result() == bytes(5_000_000)


def _sleep_then_square(n: int) -> int:
    time.sleep(0.5)
    return n * n


@pytest.mark.parametrize("function", [_sleep_then_square, _fail])
def test_ready_says_when_the_result_would_not_wait(function: object) -> None:
    """Not while the copy works; once it has handed over (or failed), without reading."""
    with Aside(function, 3) as aside:  # type: ignore[arg-type]
        assert function is _fail or not aside.ready()  # a failure may come at once
        deadline = time.monotonic() + 10
        while not aside.ready() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert aside.ready()
        assert aside.result() == (9 if function is _sleep_then_square else None)


def test_leaving_early_stops_the_copy(tmp_path: Path) -> None:
    """An error here (a bad first file) leaves no copy running: it is killed and reaped."""
    flag = tmp_path / "done"
    with pytest.raises(RuntimeError), Aside(_sleep_then_touch, str(flag)) as aside:
        pid = aside.pid
        raise RuntimeError("first file was bad")
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more
    time.sleep(1.5)
    assert not flag.exists()


def test_one_core_reads_in_turn() -> None:
    assert can_fork() == (len(os.sched_getaffinity(0)) > 1)
