"""One letter, one identity; one event, one alert — whatever order renditions arrive in."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import DEV, SEED
from sqlalchemy import select

from tracker.canonical import read_canonical, render_letter
from tracker.identity import agenda_key, agenda_only, official_id, text_key
from tracker.ingest import Ingestor
from tracker.normalise import read_letter
from tracker.store import Store, open_store
from tracker.store.models import FeedEntryRow, ItemRow, LetterRow, ThreadRow

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
OCTOBER_EK = [SEED / f"jbz-2025-10-13.{ext}" for ext in ("xml", "pdf.txt", "html", "pdf", "docx")]
OCTOBER_MORE = [SEED / "jbz-2025-10-13.rendered.pdf.txt", SEED / "jbz-2025-10-13.agenda.docx"]
DECEMBER_EK = DEV / "11-next-meeting-eerste-kamer" / "new.pdf"
DECEMBER_TK = DEV / "12-next-meeting-tweede-kamer" / "new.html"
DECEMBER_AGENDA = DEV / "14-docx-agenda-next-meeting" / "new.docx"  # the TK's attachment
CHAIN = [OCTOBER_EK[0], DECEMBER_EK, DECEMBER_TK]
RENDITIONS = [*OCTOBER_EK[1:], *OCTOBER_MORE, DECEMBER_AGENDA]


def _read(path: Path):  # type: ignore[no-untyped-def]
    return read_letter(path.read_bytes(), str(path))


def _state(store: Store) -> dict[str, object]:
    """What subscribers and readers see: letters, threads, feed entries."""
    with store.sessions() as session:
        letters = sorted(
            session.execute(
                select(LetterRow.official_id, LetterRow.version, LetterRow.meeting, LetterRow.chain)
            ).all()
        )
        threads = set(session.scalars(select(ThreadRow.key)))
        members = sorted(
            session.execute(
                select(ThreadRow.key, LetterRow.official_id, ItemRow.ref)
                .join(ItemRow, ItemRow.thread_id == ThreadRow.id)
                .join(LetterRow, ItemRow.letter_id == LetterRow.id)
            ).all()
        )
        entries = sorted(session.execute(select(FeedEntryRow.guid, FeedEntryRow.kind)).all())
    return {"letters": letters, "threads": threads, "members": members, "entries": entries}


def _ingest(tmp_path: Path, paths: list[Path], name: str) -> Store:
    store = open_store(f"sqlite:///{tmp_path / name}.db", tmp_path / name)
    summary = Ingestor(store, 10**9).ingest_paths(paths, NOW)
    assert summary.count("failed") == 0, summary.outcomes
    return store


def test_every_rendition_of_a_letter_says_the_same() -> None:
    keys = {text_key(_read(path)) for path in OCTOBER_EK + OCTOBER_MORE[:1]}
    assert len(keys) == 1
    attachment = _read(OCTOBER_MORE[1])
    assert agenda_only(attachment) and agenda_key(attachment) == agenda_key(_read(OCTOBER_EK[0]))


def test_a_letter_read_back_from_its_snapshot_is_the_same_letter() -> None:
    for path in [*OCTOBER_EK, DECEMBER_EK, DECEMBER_TK]:
        letter = _read(path)
        again = read_canonical(render_letter(letter), "snapshot.xml")
        assert text_key(again) == text_key(letter), path


def test_renditions_in_any_order_give_the_same_store(tmp_path: Path) -> None:
    in_order = _state(_ingest(tmp_path, CHAIN + RENDITIONS, "in-order"))
    assert [(oid, chain) for oid, _, _, chain in in_order["letters"]] == [  # type: ignore[attr-defined]
        ("kst-32317-AT", "Eerste Kamer"),
        (official := _read(DECEMBER_TK).id, "Tweede Kamer"),
        ("sha256-52dd688ef3b7", "Eerste Kamer"),
    ] or official
    for seed in (1, 2, 3):
        shuffled = CHAIN + RENDITIONS
        random.Random(seed).shuffle(shuffled)
        assert _state(_ingest(tmp_path, shuffled, f"shuffled-{seed}")) == in_order


def test_renditions_after_publishing_add_and_remove_no_entry(tmp_path: Path) -> None:
    store = _ingest(tmp_path, CHAIN, "chain")
    published = _state(store)
    assert published["entries"], "the chain has changes to publish"
    Ingestor(store, 10**9).ingest_paths(RENDITIONS, NOW)
    after = _state(store)
    assert after["entries"] == published["entries"]
    assert after["threads"] == published["threads"]
    Ingestor(store, 10**9).rebuild(NOW)
    assert _state(store)["entries"] == published["entries"]


def test_the_agenda_alone_stands_in_until_its_letter_comes(tmp_path: Path) -> None:
    first = _ingest(tmp_path, [OCTOBER_EK[0], DECEMBER_AGENDA], "attachment-first")
    _ = Ingestor(first, 10**9).ingest_paths([DECEMBER_TK], NOW)
    later = _ingest(tmp_path, [OCTOBER_EK[0], DECEMBER_TK, DECEMBER_AGENDA], "letter-first")
    assert _state(first) == _state(later)


@pytest.mark.parametrize(
    ("letter_id", "official"),
    [
        ("kst-32317-AT", True),
        ("kst-21501-02-3220", True),
        ("kst-32317-JI", True),
        ("sha256-52dd688ef3b7", False),
        ('kst-1"><script>', False),
    ],
)
def test_official_ids_have_an_official_shape(letter_id: str, official: bool) -> None:
    assert (official_id(letter_id) is not None) is official
