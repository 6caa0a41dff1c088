"""What the handlers share: the store, the base URL, the clock, and what is kept per ingest."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from tracker.store import Store
from tracker.store.queries import last_ingest
from tracker.web.caching import PageCache

T = TypeVar("T")
RECHECK = timedelta(seconds=1)
PARSED_LETTERS = 32  # letters kept parsed, by name and content hash
DIFFS = 16  # diffs kept, by the names and content hashes of their two letters


class Recent:
    """The last `size` values computed, by a key that fixes its value for ever (a letter
    parsed from its content, the diff of two contents): kept across ingests."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept for `key`, else `compute()` kept; the least recent go when full."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


class Site:
    """The store seen by the web app; answers are valid while its last ingest stays the same.

    The store's last ingest time is the version of everything the app renders: it is read
    again at most once per `recheck` (by the injected clock), so a hot page costs no query.
    """

    def __init__(
        self,
        store: Store,
        base_url: str,
        clock: Callable[[], datetime],
        recheck: timedelta = RECHECK,
        max_page_bytes: int = 64 * 2**20,
    ) -> None:
        self.store = store
        self.base_url = base_url.rstrip("/")
        self.clock = clock
        self.recheck = recheck
        self.pages = PageCache(max_page_bytes)
        self.letters = Recent(PARSED_LETTERS)
        self.diffs = Recent(DIFFS)
        self._version: datetime | None = None
        self._checked: datetime | None = None
        self._memo: dict[Any, Any] = {}
        self._memo_version: datetime | None = None
        self._lock = threading.Lock()
        self._refreshing = False

    def known_version(self) -> tuple[bool, datetime | None]:
        """The last ingest time known, and whether to go on with it without a query.

        While one request reads the time again, the others go on with the time known: a
        burst of requests at the end of a `recheck` interval is not a burst of queries.
        """
        checked = self._checked
        if checked is None:
            return False, None
        if self._refreshing:
            return True, self._version
        age = self.clock() - checked
        return timedelta(0) <= age < self.recheck, self._version

    async def current_version(self) -> datetime | None:
        """The last ingest time, read again (in a worker thread) if the known one is stale."""
        fresh, version = self.known_version()
        if fresh:
            return version
        self._refreshing = True  # set and cleared on the event loop: no lock needed
        try:
            return await run_in_threadpool(self.refresh)
        finally:
            self._refreshing = False

    def version(self) -> datetime | None:
        """The store's last ingest time, read again when the one known is older than `recheck`."""
        fresh, version = self.known_version()
        if fresh:
            return version
        return self.refresh()

    def refresh(self) -> datetime | None:
        """Read the store's last ingest time now."""
        version = last_ingest(self.store)
        self._version, self._checked = version, self.clock()
        return version

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the store's next ingest."""
        version = self.version()
        with self._lock:
            if self._memo_version != version:
                self._memo, self._memo_version = {}, version
            if key in self._memo:
                return self._memo[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if self._memo_version == version:
                self._memo[key] = value
        return value
