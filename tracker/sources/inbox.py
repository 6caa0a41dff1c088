"""The inbox source: files dropped in a folder are ingested, then moved out of the way.

A stored file (or one the store already had) moves to `processed/`; a file that fails
moves to `failed/`, beside a `<name>.error` file that says why. Either way the inbox
holds only what has not been tried yet.

Only regular files are read, and never through a link: a symbolic link, a FIFO or a
device moves to `failed/` (the link itself, never what it points to) unread. A file that
may still be being written waits for a later run: a name a copy in progress has
(`*.part`, `*.tmp`, `*~`, a dot-file), or a file changed within the settle time, or one
whose size or modification time is not the same when read as when first looked at.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from tracker.errors import InputError, TrackerError
from tracker.files import read_regular
from tracker.ingest import Outcome
from tracker.records import dataclass

log = logging.getLogger(__name__)

PROCESSED = "processed"
FAILED = "failed"
# Names of files a copy, a download or an editor is still writing: never read.
IN_PROGRESS_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")

Ingest = Callable[[bytes, str], Outcome]


@dataclass(frozen=True)
class Look:
    """What a file looked like: its size and modification time (ns)."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> Look:
        return cls(info.st_size, info.st_mtime_ns)


def in_progress(name: str) -> bool:
    """Whether a file name is one a copy in progress has (or a hidden file)."""
    return name.startswith(".") or name.endswith(IN_PROGRESS_SUFFIXES)


def inbox_files(folder: Path) -> dict[Path, Look]:
    """The entries waiting in `folder`, in name order, each as first looked at (links and
    other non-regular files included, so that they are refused; folders and names of
    copies in progress left out)."""
    if not folder.is_dir():
        return {}
    found: dict[Path, Look] = {}
    for path in sorted(folder.iterdir()):
        if in_progress(path.name):
            continue
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue  # moved away meanwhile
        if not stat.S_ISDIR(info.st_mode):
            found[path] = Look.of(info)
    return found


def settled(
    looks: dict[Path, Look],
    now: float,
    settle: float,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[Path, Look]:
    """The files not changed for `settle` seconds: a file changed more recently is looked
    at again once that time has passed, and kept only if it is still the same."""
    young = {p: look for p, look in looks.items() if look.mtime_ns / 1e9 > now - settle}
    if not young:
        return dict(looks)
    newest = max(look.mtime_ns for look in young.values()) / 1e9
    sleep(max(0.0, min(settle, newest + settle - now)))
    ready = {p: look for p, look in looks.items() if p not in young}
    for path, look in young.items():
        again = _look(path)
        if again == look:
            ready[path] = look
        else:
            log.info("inbox: %s is still being written; it waits for the next run", path)
    return dict(sorted(ready.items()))


def _look(path: Path) -> Look | None:
    try:
        return Look.of(path.lstat())
    except OSError:
        return None


def process_inbox(
    folder: Path,
    ingest: Ingest,
    max_bytes: int,
    now: float,
    settle: float = 1.0,
    stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Outcome]:
    """Ingest every settled file and move it to processed/ or failed/ (with a .error file).

    `now` is the run's clock (seconds since the epoch); `settle` how long a file must have
    been unchanged; `sleep` waits that long for a second look."""
    outcomes: list[Outcome] = []
    for path, look in settled(inbox_files(folder), now, settle, sleep).items():
        if stop():
            break
        outcome = _try(path, look, ingest, max_bytes)
        if outcome is None:
            continue
        if outcome.status == "failed":
            target = _move(path, folder / FAILED)
            target.with_name(target.name + ".error").write_text(
                (outcome.error or "failed") + "\n", "utf-8"
            )
        else:
            _move(path, folder / PROCESSED)
        outcomes.append(outcome)
    return outcomes


def _try(path: Path, look: Look, ingest: Ingest, max_bytes: int) -> Outcome | None:
    """Read one file (never through a link) and ingest it; None when it changed since it
    was looked at, so it waits for the next run."""
    try:
        data, info = read_regular(path, max_bytes, follow_links=False)
    except TrackerError as exc:
        if _look(path) != look:
            log.info("inbox: %s changed while being read; it waits for the next run", path)
            return None
        return Outcome(str(path), "failed", error=str(exc))
    if Look.of(info) != look:
        log.info("inbox: %s changed since it was looked at; it waits for the next run", path)
        return None
    try:
        return ingest(data, str(path))
    except Exception as exc:  # a reader's bug must not hold up every file after this one
        log.exception("inbox: %s could not be read", path)
        problem = f"cannot be read ({type(exc).__name__}: {exc})"
        return Outcome(str(path), "failed", error=str(InputError(str(path), problem)))


def _move(path: Path, into: Path) -> Path:
    """Move `path` (a link itself, never what it points to) into folder `into` under a
    name not yet taken there."""
    into.mkdir(exist_ok=True)
    target = into / path.name
    n = 1
    while os.path.lexists(target):
        n += 1
        target = into / f"{path.stem}.{n}{path.suffix}"
    os.replace(path, target)
    return target
