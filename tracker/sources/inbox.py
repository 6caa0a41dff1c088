"""The inbox source: files dropped in a folder are ingested, then moved out of the way.

A stored file (or one the store already had) moves to `processed/`; a file that fails
moves to `failed/`, beside a `<name>.error` file that says why. Either way the inbox
holds only what has not been tried yet.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tracker.ingest import Outcome

PROCESSED = "processed"
FAILED = "failed"


def inbox_files(folder: Path) -> list[Path]:
    """The files waiting in `folder`, in name order (not those already moved aside)."""
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir() if path.is_file() and not path.name.startswith(".")
    )


def process_inbox(
    folder: Path, ingest: Callable[[Path], Outcome], stop: Callable[[], bool] = lambda: False
) -> list[Outcome]:
    """Ingest every waiting file and move it to processed/ or failed/ (with a .error file)."""
    outcomes: list[Outcome] = []
    for path in inbox_files(folder):
        if stop():
            break
        outcome = ingest(path)
        if outcome.status == "failed":
            target = _move(path, folder / FAILED)
            target.with_name(target.name + ".error").write_text(
                (outcome.error or "failed") + "\n", "utf-8"
            )
        else:
            _move(path, folder / PROCESSED)
        outcomes.append(outcome)
    return outcomes


def _move(path: Path, into: Path) -> Path:
    """Move `path` into folder `into` under a name not yet taken there."""
    into.mkdir(exist_ok=True)
    target = into / path.name
    n = 1
    while target.exists():
        n += 1
        target = into / f"{path.stem}.{n}{path.suffix}"
    os.replace(path, target)
    return target
