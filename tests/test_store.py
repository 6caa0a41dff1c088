"""The store on SQLite and on a real PostgreSQL: ingest, threads, versions, rebuild."""

from __future__ import annotations

import sqlite3
import warnings
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import DEV, SEED
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.exc import SAWarning

from tracker.ingest import Ingestor
from tracker.store import Store, open_store
from tracker.store.models import (
    MEETING_KEY_SQL,
    Base,
    ChangeRow,
    DocumentRow,
    FeedEntryRow,
    ItemRow,
    LetterRow,
    PositionEventRow,
    ThreadRow,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OCTOBER = SEED / "jbz-2025-10-13.xml"
OCTOBER_MOVED = DEV / "10-meeting-moved-notes-renumbered" / "new.pdf.txt"  # meeting 16 October
DECEMBER = DEV / "11-next-meeting-eerste-kamer" / "new.pdf"
CORRECTED = DEV / "05-position-changes" / "new.html"  # the October letter, positions edited
TABLES = (DocumentRow, LetterRow, ItemRow, ThreadRow, ChangeRow, PositionEventRow, FeedEntryRow)


_OPEN: list[Store] = []


def _store(url: str, tmp_path: Path) -> Store:
    store = open_store(url, tmp_path / "snapshots")
    _OPEN.append(store)
    return store


@pytest.fixture(autouse=True)
def _close_stores() -> Iterator[None]:
    """Dispose of every engine a test opened, so no connection outlives its test."""
    yield
    while _OPEN:
        _OPEN.pop().engine.dispose()


def _counts(store: Store) -> dict[str, int]:
    with store.sessions() as session:
        return {
            t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0
            for t in TABLES
        }


def threads_of(store: Store) -> set[tuple[str, frozenset[tuple[str, str]]]]:
    """Every thread as its key and members (letter content hash, ref)."""
    with store.sessions() as session:
        rows = session.execute(
            select(ThreadRow.key, LetterRow.content_sha256, ItemRow.ref)
            .join(ItemRow, ItemRow.thread_id == ThreadRow.id)
            .join(LetterRow, ItemRow.letter_id == LetterRow.id)
        ).all()
    members: dict[str, set[tuple[str, str]]] = {}
    for key, letter, ref in rows:
        members.setdefault(key, set()).add((letter, ref))
    return {(key, frozenset(m)) for key, m in members.items()}


def guids_of(store: Store) -> set[str]:
    with store.sessions() as session:
        return set(session.scalars(select(FeedEntryRow.guid)))


def test_ingest_twice_adds_nothing(database_url: str, tmp_path: Path) -> None:
    store = _store(database_url, tmp_path)
    files = [OCTOBER, DECEMBER, SEED / "jbz-2025-10-13.html"]
    first = Ingestor(store, 10**9).ingest_paths(files, NOW)
    assert [o.status for o in first.outcomes] == ["added", "added", "rendition"]
    counts = _counts(store)
    assert counts["letters"] == 2 and counts["documents"] == 3 and counts["changes"] > 0
    again = Ingestor(store, 10**9).ingest_paths(files, NOW)
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3
    assert _counts(store) == counts


def test_every_item_has_a_thread_and_changes_link_consecutive_items(
    database_url: str, tmp_path: Path
) -> None:
    store = _store(database_url, tmp_path)
    Ingestor(store, 10**9).ingest_paths([OCTOBER, OCTOBER_MOVED, DECEMBER], NOW)
    with store.sessions() as session:
        assert session.scalar(select(func.count()).where(ItemRow.thread_id.is_(None))) == 0
        titles = set(session.scalars(select(ThreadRow.title)))
        events = session.execute(select(PositionEventRow.old_stance, PositionEventRow.new_stance))
        moves = set(events.all())
    assert "Jaarlijkse solidariteitspool" in titles
    assert ("oppose", "support") in moves  # the CSAM regulation between October and December


def test_backfill_gives_the_same_threads_as_in_order(tmp_path: Path, database_url: str) -> None:
    in_order = _store(f"sqlite:///{tmp_path / 'in-order.db'}", tmp_path / "a")
    Ingestor(in_order, 10**9).ingest_paths([OCTOBER, OCTOBER_MOVED, DECEMBER], NOW)
    backfilled = _store(database_url, tmp_path / "b")
    ingestor = Ingestor(backfilled, 10**9)
    for path in (DECEMBER, OCTOBER, OCTOBER_MOVED):  # the older letters arrive last
        assert ingestor.ingest_file(path, NOW).status == "added"
    assert threads_of(backfilled) == threads_of(in_order)
    assert guids_of(backfilled) == guids_of(in_order)
    assert _counts(backfilled) == _counts(in_order)


def test_a_refold_writes_only_the_items_whose_thread_moves(
    database_url: str, tmp_path: Path
) -> None:
    """An older letter that arrives last folds the later ones anew; their items keep
    their threads, and only those whose thread differs are written."""
    store = _store(database_url, tmp_path)
    ingestor = Ingestor(store, 10**9)
    for path in (DECEMBER, OCTOBER_MOVED):
        ingestor.ingest_file(path, NOW)

    def keys() -> dict[int, str]:
        with store.sessions() as session:
            rows = session.execute(
                select(ItemRow.id, ThreadRow.key).join(ThreadRow, ItemRow.thread_id == ThreadRow.id)
            )
            return {item: key for item, key in rows}

    before = keys()
    written: list[int | None] = []  # items written one by one (None: by letter)

    def record(conn: Any, statement: Any, multiparams: Any, params: Any, options: Any) -> None:
        if getattr(statement, "is_update", False) and statement.table is ItemRow.__table__:
            written.extend(row.get("b_id") for row in (multiparams or [params]))

    event.listen(store.engine, "before_execute", record)
    try:
        assert ingestor.ingest_file(OCTOBER, NOW).status == "added"
    finally:
        event.remove(store.engine, "before_execute", record)
    after = keys()
    assert set(before) <= set(after)  # the later letters' items stay, with a thread each
    moved = {item for item, key in before.items() if after[item] != key}
    assert moved  # the October letter takes some of the later letters' items into its threads
    assert Counter(written) == Counter(moved)


def test_a_corrected_republication_is_a_new_version_diffed_against_the_first(
    database_url: str, tmp_path: Path
) -> None:
    store = _store(database_url, tmp_path)
    ingestor = Ingestor(store, 10**9)
    ingestor.ingest_file(OCTOBER, NOW)
    outcome = ingestor.ingest_file(CORRECTED, NOW)
    assert (outcome.status, outcome.letter) == ("version", "kst-32317-AT")
    with store.sessions() as session:
        versions = session.execute(
            select(LetterRow.version, LetterRow.snapshot).order_by(LetterRow.version)
        ).all()
        moves = session.execute(
            select(PositionEventRow.old_stance, PositionEventRow.new_stance)
        ).all()
    assert [v for v, _ in versions] == [1, 2]
    assert versions[1][1].endswith("2025-10-13_kst-32317-at.v2.xml")
    assert Path(versions[1][1]).is_file()
    assert sorted(moves) == sorted(
        [
            ("neutral", "support"),
            ("oppose", "support"),
            ("support", "conditional"),
            ("support", "none"),
            ("none", "support"),
            ("conditional", "oppose"),
        ]
    )


def test_rebuild_keeps_the_guids_of_unchanged_events(database_url: str, tmp_path: Path) -> None:
    store = _store(database_url, tmp_path)
    ingestor = Ingestor(store, 10**9)
    ingestor.ingest_paths([OCTOBER, DECEMBER, CORRECTED, SEED / "jbz-2025-10-13.pdf"], NOW)
    before_threads, before_guids, counts = threads_of(store), guids_of(store), _counts(store)
    summary = Ingestor(store, 10**9).rebuild(NOW)
    assert summary.count("failed") == 0
    assert threads_of(store) == before_threads
    assert guids_of(store) == before_guids
    assert _counts(store) == counts


def test_a_rebuild_links_every_document_as_ingest_did(database_url: str, tmp_path: Path) -> None:
    """The agenda on its own arrives first and stands in for its letter until the letter
    comes: its document then moves to the letter, in a rebuild as in the ingest."""
    store = _store(database_url, tmp_path)
    files = [SEED / "jbz-2025-10-13.agenda.docx", OCTOBER, SEED / "jbz-2025-10-13.html", DECEMBER]
    Ingestor(store, 10**9).ingest_paths(files, NOW)

    def links() -> set[tuple[str, str, str]]:
        with store.sessions() as session:
            rows = session.execute(
                select(DocumentRow.source, DocumentRow.official_id, LetterRow.content_sha256).join(
                    LetterRow, DocumentRow.letter_id == LetterRow.id
                )
            )
            return {(source, official_id, letter) for source, official_id, letter in rows}

    ingested = links()
    assert len(ingested) == 4 and _counts(store)["letters"] == 2  # the stand-in went
    assert Ingestor(store, 10**9).rebuild(NOW).count("failed") == 0
    assert links() == ingested


def test_a_rebuild_looks_up_no_thread_or_change_it_has_written(
    database_url: str, tmp_path: Path
) -> None:
    """A rebuild starts from a store without threads or changes: what it has not written
    itself is not stored, so it asks the database for neither (both chambers' December
    letters: the Eerste Kamer's restates the changes the Tweede Kamer's carried)."""
    store = _store(database_url, tmp_path)
    files = [OCTOBER, DEV / "12-next-meeting-tweede-kamer" / "new.html", DECEMBER]
    Ingestor(store, 10**9).ingest_paths(files, NOW)
    before = threads_of(store), guids_of(store), _counts(store)
    asked: list[str] = []

    def record(conn: Any, statement: Any, multiparams: Any, params: Any, options: Any) -> None:
        if getattr(statement, "is_select", False):
            tables = {t.name for t in statement.get_final_froms()}
            asked.extend(tables & {"threads", "changes"})

    event.listen(store.engine, "before_execute", record)
    try:
        assert Ingestor(store, 10**9).rebuild(NOW).count("failed") == 0
    finally:
        event.remove(store.engine, "before_execute", record)
    assert asked == []
    assert (threads_of(store), guids_of(store), _counts(store)) == before


def test_a_long_run_refreshes_the_statistics_as_the_store_grows(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL the tables are analyzed once a run has stored STATISTICS_FROM
    letters, and at every doubling of that; SQLite gets no statistics tables."""
    import tracker.ingest

    store = _store(database_url, tmp_path)
    monkeypatch.setattr(tracker.ingest, "STATISTICS_FROM", 2)
    analyzed: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("ANALYZE"):
            analyzed.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    files = [OCTOBER, OCTOBER_MOVED, DECEMBER, SEED / "jbz-2025-10-13.html"]  # 3 letters
    try:
        assert Ingestor(store, 10**9).ingest_paths(files, NOW).count("failed") == 0
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "postgresql":
            assert len(analyzed) == 1  # at 2 letters; the next at 4
            # ANALYZE writes the row count into the catalog (-1: never analyzed or vacuumed)
            rows = "SELECT reltuples FROM pg_class WHERE oid = 'items'::regclass"
            assert connection.execute(text(rows)).scalar() > 0
        else:
            assert analyzed == []
            assert not inspect(connection).has_table("sqlite_stat1")


def test_a_rebuild_finds_a_letter_by_the_id_it_adopted(database_url: str, tmp_path: Path) -> None:
    """The PDF states no id; the official XML, a rendition, gives it kst-32317-AT; the
    corrected republication under that id is its second version, in a rebuild as in the
    ingest (a rebuild keeps the versions it stored in memory, renamed as they adopt)."""
    store = _store(database_url, tmp_path)
    files = [SEED / "jbz-2025-10-13.pdf", OCTOBER, CORRECTED, DECEMBER]
    ingested = Ingestor(store, 10**9).ingest_paths(files, NOW)
    assert [o.status for o in ingested.outcomes] == ["added", "rendition", "version", "added"]

    def letters() -> set[tuple[str, int, str]]:
        with store.sessions() as session:
            rows = session.execute(
                select(LetterRow.official_id, LetterRow.version, LetterRow.content_sha256)
            )
            return {(official_id, version, text) for official_id, version, text in rows}

    before = letters(), threads_of(store), guids_of(store), _counts(store)
    rebuilt = Ingestor(store, 10**9).rebuild(NOW)
    assert [o.status for o in rebuilt.outcomes] == ["added", "rendition", "version", "added"]
    assert (letters(), threads_of(store), guids_of(store), _counts(store)) == before
    # Each document is reported under the id it was reported under when ingested: the
    # rendition that gave the letter its official id under that id, not the id before.
    reported = [(o.source, o.letter) for o in ingested.outcomes]
    assert [(o.source, o.letter) for o in rebuilt.outcomes] == reported
    assert reported[1] == (str(OCTOBER), "kst-32317-AT")


def test_a_bad_file_is_reported_and_the_run_goes_on(database_url: str, tmp_path: Path) -> None:
    store = _store(database_url, tmp_path)
    bad = tmp_path / "kapot.xml"
    bad.write_bytes(b"<?xml version='1.0'?><kamerstuk><al>open")
    summary = Ingestor(store, 10**9).ingest_paths([bad, OCTOBER], NOW)
    assert [o.status for o in summary.outcomes] == ["failed", "added"]
    assert str(bad) in (summary.outcomes[0].error or "")
    assert _counts(store)["documents"] == 1


def test_the_migrations_match_the_models(database_url: str, tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = _store(database_url, tmp_path)
    with store.engine.connect() as connection, warnings.catch_warnings():
        # SQLite's reflection skips expression indexes (PostgreSQL's compares them):
        # that one is looked up by name below.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
        warnings.filterwarnings("ignore", "autogenerate skipping .* expression-based index")
        differences: list[Any] = compare_metadata(
            MigrationContext.configure(connection), Base.metadata
        )
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        indexes = {index["name"] for index in inspect(connection).get_indexes("letters")}
    assert differences == []
    assert version == "0009"
    if store.engine.dialect.name == "sqlite":
        with sqlite3.connect(store.engine.url.database or "") as raw:
            found = raw.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'ix_letters_formation_meeting_key'"
            ).fetchone()
        assert found and MEETING_KEY_SQL in found[0]
    else:
        assert "ix_letters_formation_meeting_key" in indexes


RBZ = [
    DEV / "15-rbz-chain-january-to-february" / "old.html",  # January: Sudan not on the agenda
    DEV / "15-rbz-chain-january-to-february" / "new.pdf.txt",  # February: Sudan 1.c in the group
    DEV / "16-rbz-chain-february-to-march" / "new.xml",  # March: Sudan 1.b
    DEV / "20-rbz-item-moved-out-of-group-and-retitled" / "new.pdf.txt",  # revised: Sudan item 4
]


def test_threads_follow_a_topic_into_and_out_of_a_group(database_url: str, tmp_path: Path) -> None:
    store = _store(database_url, tmp_path)
    outcomes = Ingestor(store, 10**9).ingest_paths(RBZ, NOW).outcomes
    assert [o.status for o in outcomes] == ["added"] * 4
    with store.sessions() as session:
        formations = set(session.scalars(select(LetterRow.formation)))
        sudan = session.execute(
            select(ItemRow.ref, ThreadRow.key)
            .join(ThreadRow, ItemRow.thread_id == ThreadRow.id)
            .where(ItemRow.title.like("%Sudan%"))
            .order_by(ItemRow.id)
        ).all()
    assert formations == {"rbz"}  # one set of threads for every spelling of the Council
    assert [ref for ref, _ in sudan] == ["1.c", "1.b", "4"]
    assert len({key for _, key in sudan}) == 1  # one thread, in and out of "Current affairs"


def test_the_two_chambers_letters_of_one_meeting_raise_no_change(
    database_url: str, tmp_path: Path
) -> None:
    store = _store(database_url, tmp_path)
    case = DEV / "21-epsco-tweede-vs-eerste-kamer"
    Ingestor(store, 10**9).ingest_paths([case / "old.html", case / "new.pdf"], NOW)
    counts = _counts(store)
    assert counts["letters"] == 2 and counts["changes"] == 0 and counts["feed_entries"] == 0
