"""The `tracker` console script as people run it: a subprocess with its output piped."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TRACKER = str(Path(sys.executable).with_name("tracker"))


@dataclass(frozen=True)
class Ran:
    """What a run of `tracker` left: its exit status, standard output and standard error."""

    code: int
    out: str
    err: str


def tracker(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Ran:
    """Run `tracker ARGS` with `env` added to the environment, but never the caller's
    TRACKER_DATABASE_URL: tests name their store with `--config`."""
    inherited = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    done = subprocess.run(
        [TRACKER, *args],
        cwd=cwd,
        env=inherited | {"PYTHONIOENCODING": "utf-8"} | (env or {}),
        capture_output=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
