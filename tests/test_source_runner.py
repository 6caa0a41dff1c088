"""Running a source into the store: cursor, resuming, failures counted and reported."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import DEV, SEED

from tracker.sources.base import Cursor, Fetched, FetchError
from tracker.sources.runner import run_source
from tracker.store import Store, open_store
from tracker.store.ingest import Ingestor
from tracker.store.state import source_state

NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
RECORDS = [  # (modified, file): what a source hands over, oldest first
    ("2025-09-29T10:00:00", SEED / "jbz-2025-10-13.xml"),
    ("2025-10-02T10:00:00", DEV / "10-meeting-moved-notes-renumbered" / "new.pdf.txt"),
    ("2025-11-24T10:00:00", DEV / "11-next-meeting-eerste-kamer" / "new.pdf"),
]


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(database_url, tmp_path / "snapshots")
    yield opened
    opened.engine.dispose()


def source(records: list[tuple[str, bytes]], asked: list[str | None], fail_after: int = -1):  # type: ignore[no-untyped-def]
    """A source over `records` that notes each cursor it is asked for; may break mid-way."""

    def fetch(cursor: Cursor) -> Iterator[Fetched]:
        asked.append(cursor.modified)
        for n, (modified, data) in enumerate(records):
            if n == fail_after:
                raise FetchError(f"http://127.0.0.1/sru?page={n}: 503 after 4 tries")
            if cursor.modified is None or modified >= cursor.modified:
                yield Fetched("test", f"doc-{n}", f"http://127.0.0.1/doc/{n}", data, modified)

    return fetch


def _records(broken: int | None = None) -> list[tuple[str, bytes]]:
    return [
        (
            modified,
            b"<?xml version='1.0'?><kamerstuk><al>open" if n == broken else path.read_bytes(),
        )
        for n, (modified, path) in enumerate(RECORDS)
    ]


def test_the_cursor_resumes_and_nothing_is_stored_twice(store: Store) -> None:
    asked: list[str | None] = []
    ingestor = Ingestor(store, 10**9)
    first = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert first.ok and [o.status for o in first.outcomes] == ["added"] * 3
    second = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert asked == [None, "2025-11-24T10:00:00"]
    assert [o.status for o in second.outcomes] == ["unchanged"]
    assert source_state(store, "test").last_success == NOW


def test_a_failing_document_holds_the_cursor_and_is_reported_after_three_tries(
    store: Store,
) -> None:
    asked: list[str | None] = []
    ingestor = Ingestor(store, 10**9)
    runs = [run_source(store, ingestor, "test", source(_records(1), asked), NOW) for _ in range(3)]
    assert [o.status for o in runs[0].outcomes] == ["added", "failed", "added"]
    assert asked == [None, "2025-09-29T10:00:00", "2025-09-29T10:00:00"]  # held before the failure
    assert runs[1].reported == [] and len(runs[2].reported) == 1
    assert runs[2].reported[0].startswith("http://127.0.0.1/doc/1: 3 tries: ")
    fixed = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert [o.status for o in fixed.outcomes] == ["unchanged", "added", "unchanged"]
    assert source_state(store, "test").cursor == "2025-11-24T10:00:00"


def test_a_source_that_breaks_mid_way_keeps_what_it_delivered(store: Store) -> None:
    asked: list[str | None] = []
    ingestor = Ingestor(store, 10**9)
    broken = run_source(store, ingestor, "test", source(_records(), asked, fail_after=2), NOW)
    assert not broken.ok and "503" in (broken.error or "")
    state = source_state(store, "test")
    assert (state.cursor, state.last_success, state.last_error) == (None, None, broken.error)
    resumed = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert [o.status for o in resumed.outcomes] == ["unchanged", "unchanged", "added"]
