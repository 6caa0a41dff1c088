"""Files that take effect only with the commit they belong to: a letter's snapshot.

The database is what the store knows; a snapshot is its letter's canonical XML, written
out for people and tools. The protocol, so that a kill at any moment leaves neither a
snapshot of a letter the store does not have nor a letter whose snapshot is lost:

1. before the commit, the XML is written and fsynced to a pending file beside its
   target (`.pending-<name>.<random>`): a dot-file, which nothing reads as a letter;
2. the database transaction commits (or rolls back: the pending file is removed);
3. after the commit the pending file is renamed into place (atomic); had it gone (a
   repair by another process), the snapshot is written again from the XML the store
   holds (not kept in memory till then: a rebuild stages every letter in one
   transaction).

A kill between 1 and 2 leaves a pending file and no row; between 2 and 3 a row whose
snapshot is pending. `repair_snapshots` (at every `tracker serve` and `tracker ingest`
start) writes every missing snapshot from the XML in the database and removes every
pending file, so neither case is ever read back as a letter.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from tracker.records import dataclass

PENDING = ".pending-"
LEFTOVER = (PENDING, ".tmp-")  # `.tmp-` : the temp files of the older protocol


@dataclass(frozen=True)
class Staged:
    """A snapshot written to its pending file, to be put in place after the commit."""

    pending: Path
    target: Path


def stage(xml: bytes, target: Path) -> Staged:
    """Write `xml` (fsynced) to a pending file beside `target`; the target is untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f"{PENDING}{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(xml)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:  # named by the snapshot it was to become, not the pending file
        Path(name).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Staged(Path(name), target)


def place(staged: Staged) -> bool:
    """Put a staged snapshot in place (its letter is committed); False when its pending
    file has gone (removed by a repair in another process): the caller writes it anew."""
    try:
        os.replace(staged.pending, staged.target)
    except FileNotFoundError:
        return False
    return True


def discard(staged: Iterable[Staged]) -> None:
    """Remove pending files whose transaction did not commit."""
    for item in staged:
        item.pending.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` with `data` through a fsynced temp file and a rename."""
    placed = stage(data, target)
    try:
        os.replace(placed.pending, target)
    except BaseException:
        placed.pending.unlink(missing_ok=True)
        raise


def leftovers(folder: Path) -> list[Path]:
    """Pending and temp files below `folder` left by a killed run."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob(".*")
        if path.name.startswith(LEFTOVER) and path.is_file() and not path.is_symlink()
    )


def remove_leftovers(folder: Path) -> int:
    """Remove the pending and temp files below `folder`; how many went."""
    removed = 0
    for path in leftovers(folder):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed
