"""One fetch: every enabled source in turn, under a process lock, into the store.

`tracker fetch` and the daemon's nightly job both run `fetch_sources`. The lock (an
flock on a file) keeps two of them from ingesting at once: the second one does not
wait, it says so and returns. `stop` is asked between letters, so a SIGTERM finishes
the letter in hand and ends the run cleanly.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.config import Config
from tracker.errors import TrackerError
from tracker.ingest import Ingestor, Outcome, ingestor_for
from tracker.records import dataclass
from tracker.sources.inbox import process_inbox
from tracker.sources.runner import SourceRun, run_source
from tracker.store.database import Store
from tracker.store.state import record_run

if TYPE_CHECKING:
    from tracker.notify.deliver import NotifyReport

RUN = "run"  # the name under which a whole fetch's last run and success are kept


class Locked(TrackerError):
    """Another process is fetching or ingesting right now."""


@dataclass
class FetchReport:
    """What one fetch did, source by source."""

    runs: list[SourceRun] = field(default_factory=list)
    notified: NotifyReport | None = None  # None: no notifications configured

    @property
    def failures(self) -> int:
        """Failed documents plus sources that broke off."""
        return sum(
            sum(1 for o in run.outcomes if o.status == "failed") + (0 if run.ok else 1)
            for run in self.runs
        )


@contextmanager
def process_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the block, or raise `Locked` at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Locked(f"{path}: another tracker process is fetching; not starting") from None
        yield
    finally:
        os.close(handle)


def fetch_sources(
    store: Store,
    config: Config,
    now: datetime,
    only: str | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> FetchReport:
    """Run the enabled sources (or just `only`) once, holding the process lock."""
    report = FetchReport()
    with process_lock(config.lock):
        ingestor = ingestor_for(store, config)
        if config.sources.inbox and only in (None, "inbox"):
            report.runs.append(_inbox(config, ingestor, now, stop))
        for source in config.sources.official:
            if source.enabled and only in (None, source.name) and not stop():
                report.runs.append(_official(store, config, ingestor, source.name, now, stop))
        if only is None:
            error = None if report.failures == 0 else f"{report.failures} failures"
            record_run(store, RUN, now, None, error)
    if not stop():
        report.notified = _notify(store, config, now)
    return report


def _notify(store: Store, config: Config, now: datetime) -> NotifyReport | None:
    """Notifications of the position events this fetch found, after the lock is let go."""
    from tracker.notify.deliver import notify_after_run

    return notify_after_run(store, config, now)


def _inbox(
    config: Config, ingestor: Ingestor, now: datetime, stop: Callable[[], bool]
) -> SourceRun:
    def ingest(data: bytes, source: str) -> Outcome:
        return ingestor.ingest_document(data, source, now)

    outcomes = process_inbox(
        config.inbox, ingest, ingestor.max_bytes, now.timestamp(), config.sources.inbox_settle, stop
    )
    return SourceRun("inbox", outcomes)


def _official(
    store: Store,
    config: Config,
    ingestor: Ingestor,
    name: str,
    now: datetime,
    stop: Callable[[], bool],
) -> SourceRun:
    from tracker.sources.http import RateLimit, make_session
    from tracker.sources.official import fetcher
    from tracker.store.state import document_validators, held_urls

    source = next(s for s in config.sources.official if s.name == name)
    koop = next((s for s in config.sources.official if s.name == "koop_sru"), None)
    with make_session() as session:
        limit = RateLimit(config.sources.rate_per_second)

        def held(prefix: str) -> frozenset[str]:
            return held_urls(store, prefix)

        fetch = fetcher(source, session, limit, document_validators(store), held, koop)
        return run_source(
            store, ingestor, name, fetch, now, config.sources.report_after_tries, stop
        )
