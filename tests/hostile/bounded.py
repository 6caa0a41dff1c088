"""Run a command as a real child process within a time and memory bound, and measure it.

The child's peak resident memory is the kernel's high-water mark of its address space
(VmHWM in /proc/<pid>/status), read every few milliseconds while it runs: wait4's
ru_maxrss would count the memory of the (large) test process it was forked from, which
the child shares until it execs. While it runs its resident memory is also watched, so
that a child growing without bound is killed at the bound instead of taking the machine
with it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    """How a bounded child ended."""

    returncode: int  # -9 when killed at a bound
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # peak resident memory (VmHWM)
    killed: str = ""  # "time" or "memory" when killed at that bound


def _memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of a running process, in MB; zeros once it ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0, 0.0
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    now, peak = (int(fields.get(k, "0 kB").split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))
    return now, peak


def run_bounded(
    args: list[str], *, seconds: float, memory_mb: float, cwd: Path, env: dict[str, str]
) -> Run:
    """Run `args`; kill it past `seconds` or `memory_mb` of resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=env
        )
        killed, peak = "", 0.0
        while True:
            pid, status, _usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            resident, high = _memory_mb(child.pid)
            peak = max(peak, high)
            if time.monotonic() - start > seconds:
                killed = "time"
            elif resident > memory_mb:
                killed = "memory"
            if killed:
                os.kill(child.pid, signal.SIGKILL)
                pid, status, _usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.01)
        child.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        elapsed = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            elapsed,
            peak,
            killed,
        )
