"""Letters normalised ahead in worker processes are stored exactly as read one at a time."""

from __future__ import annotations

import gc
import json
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import load_corpus_generator
from sqlalchemy import select

from tracker import ingest
from tracker.ingest import Ingestor, Outcome, Summary
from tracker.prepare import WORKER_NICENESS
from tracker.store import Store, open_store
from tracker.store.models import ChangeRow, FeedEntryRow, ItemRow, LetterRow, ThreadRow

NOW = datetime(2026, 12, 1, tzinfo=UTC)
LETTERS = 24
NOT_LETTERS = ("00005-not-a-letter.html", "00009-empty.docx")


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic letters of several formations, with a file that is no letter among them."""
    folder = tmp_path_factory.mktemp("letters")
    load_corpus_generator().generate(folder, LETTERS)
    not_html, empty_docx = NOT_LETTERS
    (folder / not_html).write_text("<html><body><p>Geen agenda.</p></body></html>")
    (folder / empty_docx).write_bytes(b"")
    return folder


@dataclass
class Stores:
    """A store read ahead (in the database under test) and one read one file at a time
    (SQLite), for the same files."""

    database_url: str
    folder: Path
    monkeypatch: pytest.MonkeyPatch
    opened: list[Store] = field(default_factory=list)

    def ahead(self) -> Store:
        return self._open(self.database_url, self.folder / "ahead")

    def one_at_a_time(self, paths: list[Path], rebuild: bool = False) -> tuple[Store, Summary]:
        """A store of `paths` ingested (and rebuilt) reading every file here, in turn."""
        store = self._open(None, self.folder / "serial")
        with self.monkeypatch.context() as patched:
            patched.setattr(ingest, "POOL_FROM", 10**9)
            summary = Ingestor(store, 10**9).ingest_paths(paths, NOW)
            if rebuild:
                summary = Ingestor(store, 10**9).rebuild(NOW)
        return store, summary

    def _open(self, database_url: str | None, folder: Path) -> Store:
        """A store in `database_url`, or an SQLite file of its own in `folder`."""
        folder.mkdir()
        url = database_url or f"sqlite:///{folder / 'tracker.db'}"
        store = open_store(url, folder / "snapshots")
        self.opened.append(store)
        return store


@pytest.fixture
def stores(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stores]:
    made = Stores(database_url, tmp_path, monkeypatch)
    yield made
    for store in made.opened:
        store.engine.dispose()


def _rows(store: Store) -> dict[str, list[str]]:
    """Every derived row, ids left out, in the order of its ids (feeds list by id)."""
    with store.sessions() as session:
        letters = {
            r.id: f"{r.official_id}@{r.version}"
            for r in session.execute(select(LetterRow.id, LetterRow.official_id, LetterRow.version))
        }
        threads = {i: key for i, key in session.execute(select(ThreadRow.id, ThreadRow.key))}
        items = session.execute(select(ItemRow).order_by(ItemRow.id)).scalars()
        changes = session.execute(select(ChangeRow).order_by(ChangeRow.id)).scalars()
        entries = session.execute(select(FeedEntryRow).order_by(FeedEntryRow.id)).scalars()
        xml = session.execute(select(LetterRow.content_sha256, LetterRow.xml))
        return {
            "letters": sorted(json.dumps([key, text]) for key, text in xml),
            "items": [
                json.dumps([letters[i.letter_id], i.ref, i.title, i.stance, threads[i.thread_id]])
                for i in items
                if i.thread_id is not None  # every item has a thread (test_store asserts it)
            ],
            "changes": [json.dumps([c.guid, threads[c.thread_id], c.diff]) for c in changes],
            "entries": [json.dumps([e.guid, e.kind, e.formation, e.published]) for e in entries],
        }


def _seen(outcomes: list[Outcome]) -> list[tuple[str, str, str | None, int, str | None]]:
    return [(Path(o.source).name, o.status, o.letter, o.changes, o.error) for o in outcomes]


def _no_workers(*args: object, **kwargs: object) -> None:
    raise AssertionError("workers started with nothing to read")


def test_read_ahead_stores_what_one_at_a_time_stores(
    stores: Stores, letters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahead = stores.ahead()
    pooled = Ingestor(ahead, 10**9, workers=2).ingest_paths([letters], NOW)
    serial_store, serial = stores.one_at_a_time([letters])
    assert _seen(pooled.outcomes) == _seen(serial.outcomes)
    failed = [o for o in pooled.outcomes if o.status == "failed"]
    assert [Path(o.source).name for o in failed] == list(NOT_LETTERS)
    assert all(o.error and o.source in o.error for o in failed)
    assert pooled.count("added") > LETTERS // 2
    assert _rows(ahead) == _rows(serial_store)
    # again: nothing read anew (no worker started), nothing stored twice
    monkeypatch.setattr(ingest, "ProcessPoolExecutor", _no_workers)
    stored = [p for p in sorted(letters.iterdir()) if p.name not in NOT_LETTERS]
    again = Ingestor(ahead, 10**9, workers=2).ingest_paths(stored, NOW)
    assert {o.status for o in again.outcomes} == {"unchanged"}
    assert _rows(ahead) == _rows(serial_store)


def test_a_rebuild_read_ahead_derives_what_one_at_a_time_derives(
    stores: Stores, letters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "STORED_BATCH", 5)  # the documents come in several batches
    store = stores.ahead()
    Ingestor(store, 10**9, workers=2).ingest_paths([letters], NOW)
    stored = _rows(store)
    summary = Ingestor(store, 10**9, workers=2).rebuild(NOW)
    assert summary.count("failed") == 0 and len(summary.outcomes) == LETTERS  # every document
    serial_store, serial = stores.one_at_a_time([letters], rebuild=True)
    assert _seen(summary.outcomes) == _seen(serial.outcomes)
    assert _rows(store) == _rows(serial_store)
    # a rebuild folds the letters in the order their documents came, as the ingest did:
    # the same rows, the same GUIDs
    assert _rows(store) == stored


def test_a_long_run_freezes_what_it_keeps_and_gives_it_back(
    stores: Stores, letters: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every FREEZE_EVERY documents an ingest or a rebuild freezes what it holds out of
    the collector's full collections, and gives it back when it ends; the rows are those
    of a run without. A process that froze objects itself is left as it is."""
    monkeypatch.setattr(ingest, "FREEZE_EVERY", 3)
    freezes: list[int] = []
    freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: (freezes.append(1), freeze())[1])
    store = stores.ahead()
    during: list[int] = []
    progress = lambda outcome: during.append(gc.get_freeze_count())  # noqa: E731
    Ingestor(store, 10**9, workers=2).ingest_paths([letters], NOW, progress)
    assert during[:2] == [0, 0] and min(during[2:]) > 0  # from the third document on
    assert len(freezes) == len(during) // 3 and gc.get_freeze_count() == 0
    freezes.clear()
    Ingestor(store, 10**9, workers=2).rebuild(NOW)
    assert len(freezes) == len(during) // 3 and gc.get_freeze_count() == 0
    serial_store, _ = stores.one_at_a_time([letters], rebuild=True)
    assert _rows(store) == _rows(serial_store)
    freeze()  # as `tracker serve` does at start
    try:
        held = gc.get_freeze_count()
        freezes.clear()
        Ingestor(store, 10**9, workers=2).rebuild(NOW)
        assert freezes == [] and gc.get_freeze_count() >= held // 2 > 0  # not given back
    finally:
        gc.unfreeze()


def test_a_worker_killed_mid_run_costs_no_letter(stores: Stores, letters: Path) -> None:
    """A reading process killed (by the system, for memory, say): the run reads on in
    its own process and stores what it would have stored."""
    killed: list[int] = []

    def kill_a_worker(outcome: Outcome) -> None:
        if not killed:
            workers = _workers_of(os.getpid())
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])

    ahead = stores.ahead()
    pooled = Ingestor(ahead, 10**9, workers=2).ingest_paths([letters], NOW, kill_a_worker)
    assert killed, "a worker was up to be killed"
    serial_store, serial = stores.one_at_a_time([letters])
    assert _seen(pooled.outcomes) == _seen(serial.outcomes)
    assert _rows(ahead) == _rows(serial_store)


def _workers_of(pid: int) -> list[int]:
    """The reading processes `pid` started."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def test_stored_documents_are_read_in_batches_bounded_by_count_and_bytes() -> None:
    sized = [(1, 10), (2, 10), (3, 10), (4, 100), (5, 1), (6, 1), (7, 1)]
    assert list(ingest._batches(sized, 2, 1000)) == [[1, 2], [3, 4], [5, 6], [7]]
    # a batch ends before the document that would take it past the bytes; a document
    # larger than that alone makes a batch of its own
    assert list(ingest._batches(sized, 10, 25)) == [[1, 2], [3], [4], [5, 6, 7]]
    assert list(ingest._batches([], 10, 25)) == []


def test_the_workers_yield_the_processor_to_the_storing_process() -> None:
    """The run is as fast as the process that stores the letters one by one: its
    workers run at a lower priority (a higher niceness) than it, from their start."""
    with ingest._Pool(2) as pool:
        pool.started()
        assert pool.executor is not None
        # a worker's set-up runs before its first task: every task sees its niceness
        niceness = {pool.executor.submit(os.nice, 0).result() for _ in range(8)}
    ours = os.nice(0)
    assert niceness == {min(19, ours + WORKER_NICENESS)}
    assert ours == 19 or min(niceness) > ours
