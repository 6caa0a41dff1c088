"""Publish the feeds as static files: every feed in Atom and RSS, and feeds.opml.

Files sit under the output folder at their URL paths (`out/feeds/positions.atom` for
`<base>/feeds/positions.atom`), so any static web server can serve the folder as it is.
Each file is replaced atomically, and only when its bytes differ: a reader or a cache
sees either the old file or the new one, and unchanged feeds keep their mtimes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path

from tracker.feeds import FORMATS, Feed, all_feeds, feed_updated, render_feed, render_opml
from tracker.store.database import Store
from tracker.store.queries import feed_items, formations, list_threads

log = logging.getLogger(__name__)
OPML_NAME = "feeds.opml"
FEED_ENTRIES = 50  # entries per feed, newest first


def publish(store: Store, out: Path, base_url: str, now: datetime) -> list[Path]:
    """Write every feed and the OPML list under `out`; return the files whose bytes changed.

    The files depend on the store alone (a feed's `updated` is its newest entry's date),
    so publishing again without new data writes nothing; `now` only dates the log line.
    """
    feeds = all_feeds(formations(store), list_threads(store))
    changed = [path for feed in feeds for path in _publish_feed(store, feed, out, base_url)]
    opml = out / OPML_NAME
    if write_if_changed(opml, render_opml(feeds, base_url)):
        changed.append(opml)
    log.info("published %d feeds to %s at %s: %d files changed", len(feeds), out, now, len(changed))
    return changed


def _publish_feed(store: Store, feed: Feed, out: Path, base_url: str) -> list[Path]:
    """Write one feed in every format; the files that changed."""
    items = feed_items(
        store, kind=feed.kind, thread=feed.thread, formation=feed.formation, limit=FEED_ENTRIES
    )
    updated = feed_updated(items)
    changed = []
    for fmt in FORMATS:
        path = out / feed.path(fmt).lstrip("/")
        if write_if_changed(path, render_feed(feed, items, fmt, base_url, updated)):
            changed.append(path)
    return changed


def write_if_changed(path: Path, data: bytes) -> bool:
    """Replace `path` atomically with `data` unless it holds those bytes already."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; a web server must read it
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename durable: fsync the folder that holds the new name."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
