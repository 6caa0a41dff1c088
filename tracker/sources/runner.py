"""Run one source into the store: resume at its cursor, ingest, remember how it went.

A source yields, in the order of its records, fetched documents, checkpoints ("every
record up to here is handed over"), letters it cannot hand over yet and documents it
reports withdrawn. The cursor moves to the latest time of a document or checkpoint handed
over, compared as times; the next run asks for records from there (a source may re-read
an overlap before it: the store ignores repeats). A document that fails, or that the
source cannot hand over, is counted per source and key and reported once it has failed
`report_after` times; it never stops the run, and the cursor stays before it so the next
run tries it again. A source that fails (unreachable, malformed answers after retries)
ends its run with the error recorded and its cursor where it was: a source searches
several dossiers, each in modification order, so a half-run's latest time may lie beyond
records of a dossier it did not reach. A withdrawn document is marked in the store and
raises no change, feed entry or alert.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import field
from datetime import datetime

from tracker.errors import TrackerError
from tracker.ingest import Ingestor, Outcome
from tracker.records import dataclass
from tracker.sources.base import Checkpoint, Cursor, Fetched, Item, Unreadable, later
from tracker.store.database import Store
from tracker.store.state import (
    clear_failure,
    mark_withdrawn,
    record_failure,
    record_run,
    source_state,
)

log = logging.getLogger(__name__)

Fetcher = Callable[[Cursor], Iterator[Item]]


@dataclass
class SourceRun:
    """How one run of one source went."""

    source: str
    outcomes: list[Outcome] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)  # failures past the report threshold
    withdrawn: list[str] = field(default_factory=list)  # letters marked withdrawn
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
        for item in fetch(Cursor(cursor)):
            if stop():  # asked to end: the letter in hand is done, the cursor is sound
                break
            if isinstance(item, Checkpoint | Fetched | Unreadable):
                outcome = _handle(store, ingestor, name, item, now, report_after, run)
                held = held or outcome == "failed"
                stamp = item.modified
                if not held and stamp and later(stamp, cursor):
                    cursor = stamp
            else:
                run.withdrawn.extend(mark_withdrawn(store, item.url, now))
    except TrackerError as exc:
        run.error = str(exc)
        log.info("%s: %s", name, exc)
    record_run(store, name, now, cursor if run.ok else start, run.error)
    return run


def _handle(
    store: Store,
    ingestor: Ingestor,
    name: str,
    item: Checkpoint | Fetched | Unreadable,
    now: datetime,
    report_after: int,
    run: SourceRun,
) -> str | None:
    """Ingest a fetched document or record an unreadable one: the outcome's status."""
    if isinstance(item, Checkpoint):
        return None
    if isinstance(item, Unreadable):
        outcome = Outcome(item.url, "failed", error=item.error)
    else:
        validators = (item.etag, item.last_modified)
        outcome = ingestor.ingest_document(
            item.data, item.url, now, None, validators, item.official_id
        )
    run.outcomes.append(outcome)
    if outcome.status == "failed":
        tries = record_failure(store, name, item.url, outcome.error or "", now)
        if tries >= report_after:
            run.reported.append(f"{item.url}: {tries} tries: {outcome.error}")
    else:
        clear_failure(store, name, item.url)
    return outcome.status
