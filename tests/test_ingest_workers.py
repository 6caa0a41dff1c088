"""Letters normalised ahead in worker processes are stored exactly as read one at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import load_corpus_generator
from sqlalchemy import select

from tracker import ingest
from tracker.ingest import Ingestor, Outcome
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


@pytest.fixture
def stores(database_url: str, tmp_path: Path) -> Iterator[list[Store]]:
    opened: list[Store] = []
    yield opened
    for store in opened:
        store.engine.dispose()


def _open(stores: list[Store], database_url: str | None, folder: Path) -> Store:
    """A store in `database_url`, or an SQLite file of its own in `folder`."""
    folder.mkdir()
    store = open_store(database_url or f"sqlite:///{folder / 'tracker.db'}", folder / "snapshots")
    stores.append(store)
    return store


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
            ],
            "changes": [json.dumps([c.guid, threads[c.thread_id], c.diff]) for c in changes],
            "entries": [json.dumps([e.guid, e.kind, e.formation, e.published]) for e in entries],
        }


def _seen(outcomes: list[Outcome]) -> list[tuple[str, str, str | None, int, str | None]]:
    return [(Path(o.source).name, o.status, o.letter, o.changes, o.error) for o in outcomes]


def _no_workers(*args: object, **kwargs: object) -> None:
    raise AssertionError("workers started with nothing to read")


def test_read_ahead_stores_what_one_at_a_time_stores(
    stores: list[Store],
    database_url: str,
    tmp_path: Path,
    letters: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ahead = _open(stores, database_url, tmp_path / "ahead")
    pooled = Ingestor(ahead, 10**9, workers=2).ingest_paths([letters], NOW)
    with monkeypatch.context() as patched:
        patched.setattr(ingest, "POOL_FROM", 10**9)  # every file read here, one at a time
        serial_store = _open(stores, None, tmp_path / "serial")
        serial = Ingestor(serial_store, 10**9).ingest_paths([letters], NOW)
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
    stores: list[Store],
    database_url: str,
    tmp_path: Path,
    letters: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = _open(stores, database_url, tmp_path / "store")
    Ingestor(store, 10**9, workers=2).ingest_paths([letters], NOW)
    stored = _rows(store)
    summary = Ingestor(store, 10**9, workers=2).rebuild(NOW)
    assert summary.count("failed") == 0 and len(summary.outcomes) == LETTERS  # every document
    with monkeypatch.context() as patched:
        patched.setattr(ingest, "POOL_FROM", 10**9)
        serial_store = _open(stores, None, tmp_path / "serial")
        Ingestor(serial_store, 10**9).ingest_paths([letters], NOW)
        serial = Ingestor(serial_store, 10**9).rebuild(NOW)
    assert _seen(summary.outcomes) == _seen(serial.outcomes)
    assert _rows(store) == _rows(serial_store)
    # the same rows as the ingest made, in the order a rebuild folds them
    assert {k: sorted(v) for k, v in _rows(store).items()} == {
        k: sorted(v) for k, v in stored.items()
    }
