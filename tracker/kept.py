"""What a process compiles, kept for the next one as Python keeps bytecode.

A cold `tracker` process spends much of its start compiling things that are the same in
every run: regular expressions (`tracker.patterns`) and the methods `dataclasses`
generates from source (`tracker.records`). A `Kept` is one file of such compiled things
by key, in `__pycache__/<name>.<cache tag>.bin` beside this module (or under
`sys.pycache_prefix`), read once on first use and written anew at exit when the process
compiled something it did not find there.

It is written under the same rule as bytecode: not at all when `sys.dont_write_bytecode`
is set (PYTHONDONTWRITEBYTECODE), silently not where the folder cannot be written. The
file carries a stamp (the Python version and whatever else decides what is compiled): a
file with another stamp, or one that cannot be read, counts as empty. It is safe to
delete at any time. What it holds is trusted as the bytecode beside it is: whoever may
write the one may write the other.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import marshal
import os
import sys
import threading
import weakref
from collections.abc import Hashable
from pathlib import Path
from typing import Any

FORMAT = 1  # of the files' contents
MAX_ENTRIES = 4000  # entries beyond this are pruned to the ones this process used

OPEN: weakref.WeakSet[Kept] = weakref.WeakSet()  # every Kept of this process: `save_all`


def save_all() -> None:
    """Write what this process compiled (also done at exit): for a process that ends
    without exit handlers (`os._exit`)."""
    for kept in list(OPEN):
        kept.save()


atexit.register(save_all)  # does nothing where nothing was learned


def cache_path(name: str) -> Path | None:
    """Where this Python keeps file `name`: where `importlib` would put the bytecode of a
    module `name` beside this one (`__pycache__`, or under `sys.pycache_prefix`)."""
    module = Path(__file__).resolve().with_name(f"{name}.py")
    try:
        pyc = importlib.util.cache_from_source(str(module))
    except NotImplementedError:  # this Python keeps no bytecode (no cache tag)
        return None
    return Path(pyc).with_suffix(".bin")


class Kept:
    """Compiled values by key: those read from `path` and those made in this process.

    Keys and values are what `marshal` writes (strings, bytes, numbers, tuples, lists,
    dicts, code objects); `stamp` says which Python made them."""

    def __init__(self, path: Path | None, stamp: tuple[Any, ...]) -> None:
        self.path = path
        self.stamp = (FORMAT, sys.hexversion, *stamp)
        self.entries: dict[Hashable, Any] | None = None  # read on first use
        self.used: set[Hashable] = set()
        self.learned: dict[Hashable, Any] = {}
        self.lock = threading.Lock()
        OPEN.add(self)

    def get(self, key: Hashable) -> Any | None:
        """The value kept for `key`, or None."""
        if self.entries is None:
            self.entries = self.read()
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def forget(self, key: Hashable) -> None:
        """Drop a value that turned out unusable (it is learned again when made anew)."""
        if self.entries is not None:
            self.entries.pop(key, None)
        self.used.discard(key)

    @property
    def writable(self) -> bool:
        return self.path is not None and not sys.dont_write_bytecode

    def learn(self, key: Hashable, value: Any) -> None:
        """Keep `value` for the next process (written at exit or by `save`)."""
        if not self.writable:
            return
        with self.lock:
            self.learned[key] = value

    def read(self) -> dict[Hashable, Any]:
        """What the file holds, if it has this stamp and can be read; else nothing."""
        if self.path is None:
            return {}
        try:
            content = marshal.loads(self.path.read_bytes())
            if content[0] == self.stamp:
                return dict(content[1])
        except Exception:  # noqa: BLE001 - missing, damaged or another version's
            pass
        return {}

    def save(self) -> None:
        """Write the file anew when this process learned something it did not have."""
        with self.lock:
            if not self.learned or self.path is None or sys.dont_write_bytecode:
                return
            entries = dict(self.entries or {})
            if len(entries) + len(self.learned) > MAX_ENTRIES:  # old ones: drop them
                entries = {key: entries[key] for key in self.used if key in entries}
            entries.update(self.learned)
            self.learned = {}
        content = marshal.dumps((self.stamp, entries))
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(content)
            os.replace(partial, self.path)  # whole or not at all, also beside another run
        except OSError:  # a folder this process may not write: as with bytecode
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
