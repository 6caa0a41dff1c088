"""Run one source into the store: resume at its cursor, ingest, remember how it went.

After a complete run the cursor moves to the latest modification time handed over; the
next run asks for records at or after it. A record seen twice is a no-op in the store,
so resuming loses nothing and duplicates nothing. A document that fails is counted per
source and key and reported once it has failed `report_after` times; it never stops the
run, and the cursor stays before it so the next run tries it again. A source that fails
(unreachable, malformed answers after retries) ends its run with the error recorded and
its cursor where it was: a source searches several dossiers, each in modification
order, so a half-run's latest time may lie beyond records of a dossier it did not reach.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from tracker.errors import TrackerError
from tracker.ingest import Ingestor, Outcome
from tracker.sources.base import Cursor, Fetched
from tracker.store.database import Store
from tracker.store.state import clear_failure, record_failure, record_run, source_state

log = logging.getLogger(__name__)

Fetcher = Callable[[Cursor], Iterator[Fetched]]


@dataclass
class SourceRun:
    """How one run of one source went."""

    source: str
    outcomes: list[Outcome] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)  # failures past the report threshold
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the source itself could be read to the end."""
        return self.error is None


def run_source(
    store: Store,
    ingestor: Ingestor,
    name: str,
    fetch: Fetcher,
    now: datetime,
    report_after: int = 3,
    stop: Callable[[], bool] = lambda: False,
) -> SourceRun:
    """Fetch from source `name` starting at its cursor and ingest what it delivers."""
    start = cursor = source_state(store, name).cursor
    held = False  # after a failure the cursor stays put, so the next run tries it again
    run = SourceRun(name)
    try:
        for document in fetch(Cursor(cursor)):
            if stop():  # asked to end: the letter in hand is done, the cursor is sound
                break
            outcome = ingestor.ingest_document(
                document.data, document.url, now, None, (document.etag, document.last_modified)
            )
            run.outcomes.append(outcome)
            if outcome.status == "failed":
                held = True
                tries = record_failure(store, name, document.url, outcome.error or "", now)
                if tries >= report_after:
                    run.reported.append(f"{document.url}: {tries} tries: {outcome.error}")
            else:
                clear_failure(store, name, document.url)
            if not held and document.modified and (cursor is None or document.modified > cursor):
                cursor = document.modified
    except TrackerError as exc:
        run.error = str(exc)
        log.info("%s: %s", name, exc)
    record_run(store, name, now, cursor if run.ok else start, run.error)
    return run
