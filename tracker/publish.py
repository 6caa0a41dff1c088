"""Publish the feeds as static files: every feed in Atom and RSS, and feeds.opml.

Files sit under the output folder at their URL paths (`out/feeds/positions.atom` for
`<base>/feeds/positions.atom`), so any static web server can serve the folder as it is.

The set switches as a whole. `out` is a symbolic link to the current set, a folder beside
it (`.out.<random>`); a publish writes the whole new set into a new folder (a file whose
bytes are unchanged is a hard link to the current one, so it keeps its inode and mtime),
then points a new link at it and renames that over `out`: one atomic step, after which a
web server resolves every path in the new set, and before which every path in the old.
The set before stays (a reader may be halfway through it) and older ones go. A publish
that fails (disk full) or is killed leaves `out` as it was; its half-written folder is
removed, at the latest by the next publish. When nothing changed, nothing is switched.
`out` a plain folder of an older release (feeds/ and feeds.opml only) is moved aside once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from tracker.errors import TrackerError
from tracker.feeds import FORMATS, Feed, all_feeds, feed_updated, render_feed, render_opml
from tracker.store.database import Store
from tracker.store.queries import feed_items, formations, list_threads

log = logging.getLogger(__name__)
OPML_NAME = "feeds.opml"
FEED_ENTRIES = 50  # entries per feed, newest first


class PublishError(TrackerError):
    """The feed set cannot be published where asked."""


def publish(store: Store, out: Path, base_url: str, now: datetime) -> list[Path]:
    """Write every feed and the OPML list as a new set and switch `out` to it; the files
    (under `out`) whose bytes changed.

    The files depend on the store alone (a feed's `updated` is its newest entry's date),
    so publishing again without new data switches nothing; `now` only dates the log line.
    """
    out = Path(os.path.abspath(out))
    current = _current_set(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_sets(out, keep={current} if current else set())
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        os.chmod(fresh, 0o755)  # mkdtemp makes it private; a web server must read it
        feeds = all_feeds(formations(store), list_threads(store))
        files = {path: data for feed in feeds for path, data in _render_feed(store, feed, base_url)}
        files[OPML_NAME] = render_opml(feeds, base_url)
        changed = [
            name for name, data in sorted(files.items()) if _write(fresh, current, name, data)
        ]
        if current is not None and not changed and _names(current) == set(files):
            shutil.rmtree(fresh)
            changed = []
        else:
            _sync_tree(fresh)
            _switch(out, fresh)
            _remove_stale_sets(out, keep={fresh, current} - {None})
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    log.info("published %d feeds to %s at %s: %d files changed", len(feeds), out, now, len(changed))
    return [out / name for name in changed]


def _render_feed(store: Store, feed: Feed, base_url: str) -> list[tuple[str, bytes]]:
    """One feed in every format: (path under the set, bytes)."""
    items = feed_items(
        store, kind=feed.kind, thread=feed.thread, formation=feed.formation, limit=FEED_ENTRIES
    )
    updated = feed_updated(items)
    return [
        (feed.path(fmt).lstrip("/"), render_feed(feed, items, fmt, base_url, updated))
        for fmt in FORMATS
    ]


def _write(fresh: Path, current: Path | None, name: str, data: bytes) -> bool:
    """Put file `name` into the new set: a hard link to the current set's copy when it
    holds these bytes (False), else a new file (True)."""
    target = fresh / name
    target.parent.mkdir(parents=True, exist_ok=True)
    old = current / name if current is not None else None
    if old is not None and old.is_file() and not old.is_symlink():
        with contextlib.suppress(OSError):
            if old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, target)
                return False
    with open(target, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(target, 0o644)
    return True


def _names(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _current_set(out: Path) -> Path | None:
    """The folder `out` shows now: the set its link points to, or `out` itself when it
    is a plain folder (an older release's); None when there is none."""
    if out.is_symlink():
        target = Path(os.path.join(out.parent, os.readlink(out)))
        return target if target.is_dir() else None
    if out.is_dir():
        return out
    if out.exists():
        raise PublishError(f"{out}: not a folder or a link to one; not published")
    return None


def _switch(out: Path, fresh: Path) -> None:
    """Point `out` at `fresh` in one rename (an older release's plain folder moved aside
    first: the one moment `out` is missing)."""
    link = out.parent / f".{out.name}.link-{fresh.name}"
    link.unlink(missing_ok=True)
    os.symlink(fresh.name, link)
    try:
        if out.is_dir() and not out.is_symlink():
            _retire_plain_folder(out)
        os.replace(link, out)
    except BaseException:
        link.unlink(missing_ok=True)
        raise
    _sync_folder(out.parent)


def _retire_plain_folder(out: Path) -> None:
    """Move an older release's output folder aside, if it holds only published feeds."""
    others = sorted(p.name for p in out.iterdir() if p.name not in ("feeds", OPML_NAME))
    if others:
        raise PublishError(
            f"{out}: holds more than published feeds ({', '.join(others[:3])}); "
            "publish into a folder of its own"
        )
    os.rename(out, tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent) + "/old")


def _remove_stale_sets(out: Path, keep: Iterable[Path | None]) -> None:
    """Remove the sets beside `out` other than those kept: older sets, and the folders
    and links of a publish that was killed."""
    kept = {Path(os.path.realpath(k)) for k in keep if k is not None}
    for path in out.parent.glob(f".{out.name}.*"):
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        elif Path(os.path.realpath(path)) not in kept and not any(
            Path(os.path.realpath(k)).is_relative_to(path) for k in kept
        ):
            shutil.rmtree(path, ignore_errors=True)


def _sync_tree(folder: Path) -> None:
    """fsync every folder of a new set, so its names survive a power cut."""
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        _sync_folder(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable: fsync the folder that holds the new name."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
