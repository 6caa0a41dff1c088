"""The facts the store keeps of letters: versions, documents, items, threads, changes.

Plain values in and out (ORM rows stay here); the session is passed in, so the ingest
service (`tracker.ingest`) decides what makes one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from tracker import identity
from tracker.identity import EERSTE, TWEEDE
from tracker.store.models import (
    ChangeRow,
    DocumentRow,
    FeedEntryRow,
    ItemRow,
    LetterRow,
    PositionEventRow,
    ThreadRow,
)


@dataclass(frozen=True)
class Version:
    """A stored letter version, as identity and the fold need it."""

    id: int
    official_id: str
    version: int
    text_key: str
    agenda_key: str
    agenda_only: bool
    chain: str
    formation: str
    meeting: str | None
    date: str | None
    addressee: str | None

    @property
    def meeting_key(self) -> str:
        """Its meeting's date, or the letter's own date for a letter that states none."""
        return self.meeting or self.date or ""


@dataclass(frozen=True)
class NewVersion:
    """What is stored of a letter version that is not yet in the store."""

    official_id: str
    version: int
    text_key: str
    agenda_key: str
    agenda_only: bool
    chain: str
    normaliser: str
    formation: str
    meeting: str | None
    date: str | None
    place: str | None
    addressee: str | None
    title: str | None
    xml: str
    snapshot: str
    ingested_at: datetime


@dataclass(frozen=True)
class NewItem:
    """An item (or covering section) of a letter version, as listed."""

    ref: str
    position: int
    title: str
    kind: str | None
    stance: str | None


@dataclass(frozen=True)
class NewDocument:
    """One published file of a letter: its bytes and where they came from."""

    raw_sha256: str
    official_id: str
    format: str
    source: str
    source_url: str | None
    fetched_at: datetime
    raw: bytes
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class NewChange:
    """A change to store, with the item ids it connects and its stance move."""

    guid: str
    thread: str
    old_item: int
    new_item: int
    published: str | None
    item: dict[str, Any]
    position_change: dict[str, str] | None


_COLUMNS = (
    LetterRow.id,
    LetterRow.official_id,
    LetterRow.version,
    LetterRow.content_sha256,
    LetterRow.agenda_key,
    LetterRow.agenda_only,
    LetterRow.chain,
    LetterRow.formation,
    LetterRow.meeting,
    LetterRow.date,
    LetterRow.addressee,
)
_CHAINS = {TWEEDE: 0, EERSTE: 1}
# `Version.meeting_key` in SQL: the meeting's date, else the letter's own date, else "".
_MEETING_KEY = func.coalesce(
    func.nullif(LetterRow.meeting, ""), func.nullif(LetterRow.date, ""), ""
)


def is_own_snapshot(session: Session, source: str, data: bytes) -> bool:
    """Whether `data` at `source` is the snapshot the store wrote of one of its letters:
    read back (`tracker serve` reads its snapshot folder), it is that letter, no new
    document of it."""
    query = select(LetterRow.xml).where(LetterRow.snapshot == source)
    return any(xml.encode("utf-8") == data for xml in session.scalars(query))


def snapshot_paths(session: Session) -> list[tuple[str, int]]:
    """(snapshot path, letter version id) of every stored version."""
    query = select(LetterRow.snapshot, LetterRow.id).order_by(LetterRow.id)
    return [(snapshot, letter_id) for snapshot, letter_id in session.execute(query)]


def has_document(session: Session, raw_sha256: str) -> bool:
    """Whether these exact bytes are stored already."""
    found = session.scalar(select(DocumentRow.id).where(DocumentRow.raw_sha256 == raw_sha256))
    return found is not None


def _versions(session: Session, *where: Any) -> list[Version]:
    query = select(*_COLUMNS).where(*where).order_by(LetterRow.id)
    return [Version(*row) for row in session.execute(query)]


def by_text(session: Session, text_key: str) -> Version | None:
    """The version that says exactly this."""
    found = _versions(session, LetterRow.content_sha256 == text_key)
    return found[0] if found else None


def by_official_id(session: Session, official_id: str) -> list[Version]:
    """The versions published under an official id, oldest first."""
    return sorted(_versions(session, LetterRow.official_id == official_id), key=lambda v: v.version)


def by_meeting(
    session: Session, formation: str, meeting: str | None, addressee: str | None, date: str | None
) -> list[Version]:
    """The versions for one meeting, to one chamber, of one date."""
    return _versions(
        session,
        LetterRow.formation == formation,
        LetterRow.meeting == meeting,
        LetterRow.addressee == addressee,
        LetterRow.date == date,
        LetterRow.agenda_only.is_(False),
    )


def by_agenda(session: Session, agenda_key: str) -> list[Version]:
    """The versions whose agenda says exactly this, the Tweede Kamer's first."""
    found = _versions(session, LetterRow.agenda_key == agenda_key)
    return sorted(found, key=lambda v: (v.agenda_only, _CHAINS.get(v.chain, 2), v.id))


def add_version(session: Session, new: NewVersion) -> Version:
    """Store a letter version (one INSERT, its id returned)."""
    values = {
        "official_id": new.official_id,
        "version": new.version,
        "content_sha256": new.text_key,
        "agenda_key": new.agenda_key,
        "agenda_only": new.agenda_only,
        "chain": new.chain,
        "normaliser": new.normaliser,
        "formation": new.formation,
        "meeting": new.meeting,
        "date": new.date,
        "place": new.place,
        "addressee": new.addressee,
        "title": new.title,
        "xml": new.xml,
        "snapshot": new.snapshot,
        "ingested_at": new.ingested_at,
    }
    letter_id = session.scalar(insert(LetterRow).values(values).returning(LetterRow.id))
    assert letter_id is not None
    return Version(
        letter_id, new.official_id, new.version, new.text_key, new.agenda_key, new.agenda_only,
        new.chain, new.formation, new.meeting, new.date, new.addressee,
    )  # fmt: skip


def add_items(session: Session, letter_id: int, items: Sequence[NewItem]) -> None:
    """Store the items of a letter version (one executemany)."""
    if not items:
        return
    session.execute(
        insert(ItemRow),
        [
            {
                "letter_id": letter_id,
                "ref": i.ref,
                "position": i.position,
                "title": i.title,
                "kind": i.kind,
                "stance": i.stance,
            }
            for i in items
        ],
    )


def add_document(session: Session, letter_id: int, document: NewDocument) -> None:
    """Store a published file of a letter version."""
    session.add(
        DocumentRow(
            raw_sha256=document.raw_sha256,
            official_id=document.official_id,
            format=document.format,
            source=document.source,
            source_url=document.source_url,
            fetched_at=document.fetched_at,
            size=len(document.raw),
            raw=document.raw,
            etag=document.etag,
            last_modified=document.last_modified,
            letter_id=letter_id,
        )
    )


def adopt_official_id(session: Session, version: Version, official_id: str) -> None:
    """A rendition that states an official id names a letter first read without one;
    an id not in the official shape (`tracker.identity.official_id`) renames nothing."""
    if identity.official_id(official_id) is None or identity.official_id(version.official_id):
        return
    if by_official_id(session, official_id):
        return
    session.execute(
        update(LetterRow).where(LetterRow.id == version.id).values(official_id=official_id)
    )


def absorb(session: Session, stand_in: Version, letter: Version) -> set[int]:
    """The agenda on its own gives way to the whole letter: its documents become the
    letter's, and it goes (with its items and changes); the threads it leaves, which may
    now be empty."""
    session.execute(
        update(DocumentRow).where(DocumentRow.letter_id == stand_in.id).values(letter_id=letter.id)
    )
    emptied = clear_folds(session, [stand_in.id])
    session.execute(delete(LetterRow).where(LetterRow.id == stand_in.id))
    return emptied


def letter_xml(session: Session, letter_id: int) -> str:
    """The canonical XML of a stored version."""
    return session.scalar(select(LetterRow.xml).where(LetterRow.id == letter_id)) or ""


def formation_versions(session: Session, formation: str, since: str | None = None) -> list[Version]:
    """A formation's versions in the order they are folded: meeting by meeting, the
    Tweede Kamer's chain before the Eerste Kamer's, each chain in date order; from the
    meeting `since` on when given."""
    where = [LetterRow.formation == formation]
    if since is not None:
        where.append(_MEETING_KEY >= since)
    return sorted(_versions(session, *where), key=fold_order)


def meeting_before(session: Session, formation: str, meeting_key: str, count: int) -> str | None:
    """The meeting `count` meetings of `formation` before `meeting_key` (its date key), or
    None when it has fewer meetings before it: where a fold from `meeting_key` must start
    reading to see a window of `count` meetings."""
    if count <= 0:
        return meeting_key
    query = (
        select(_MEETING_KEY)
        .where(LetterRow.formation == formation, _MEETING_KEY < meeting_key)
        .distinct()
        .order_by(_MEETING_KEY.desc())
        .offset(count - 1)
        .limit(1)
    )
    found: str | None = session.scalar(query)
    return found


def fold_order(version: Version) -> tuple[str, int, str, str, int]:
    """Meeting, chain, letter date, official id and version."""
    return (
        version.meeting_key,
        _CHAINS.get(version.chain, 2),
        version.date or "",
        version.official_id,
        version.version,
    )


def clear_folds(session: Session, letter_ids: Sequence[int]) -> set[int]:
    """Forget the threads and changes of these versions' items, to fold them anew; the
    ids of the threads their items belonged to (`drop_empty_threads` takes them)."""
    if not letter_ids:
        return set()
    item_ids = select(ItemRow.id).where(ItemRow.letter_id.in_(letter_ids))
    changes = select(ChangeRow.id).where(ChangeRow.new_item_id.in_(item_ids))
    session.execute(delete(FeedEntryRow).where(FeedEntryRow.change_id.in_(changes)))
    session.execute(delete(PositionEventRow).where(PositionEventRow.change_id.in_(changes)))
    session.execute(delete(ChangeRow).where(ChangeRow.new_item_id.in_(item_ids)))
    threads = set(
        session.scalars(
            select(ItemRow.thread_id)
            .where(ItemRow.letter_id.in_(letter_ids), ItemRow.thread_id.is_not(None))
            .distinct()
        )
    )
    if threads:
        session.execute(
            update(ItemRow)
            .where(ItemRow.letter_id.in_(letter_ids))
            .values(thread_id=None)
            .execution_options(synchronize_session=False)
        )
    return {thread for thread in threads if thread is not None}


def item_ids(session: Session, letter_ids: Sequence[int]) -> dict[tuple[int, str], int]:
    """Item ids by (letter version id, ref)."""
    query = select(ItemRow.letter_id, ItemRow.ref, ItemRow.id).where(
        ItemRow.letter_id.in_(letter_ids)
    )
    return {(letter, ref): item for letter, ref, item in session.execute(query)}


def thread_members(session: Session, letter_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """(letter version id, ref, thread key) of the threaded items of these versions."""
    query = (
        select(ItemRow.letter_id, ItemRow.ref, ThreadRow.key)
        .join(ThreadRow, ItemRow.thread_id == ThreadRow.id)
        .where(ItemRow.letter_id.in_(letter_ids))
    )
    return [(letter, ref, key) for letter, ref, key in session.execute(query)]


def assign_threads(
    session: Session,
    formation: str,
    letter_id: int,
    threads_of_refs: dict[str, str],
    titles: dict[str, str],
    items: dict[tuple[int, str], int],
    known: dict[str, int],
) -> None:
    """Give each item of a version its thread, creating threads that start here.

    A few statements per letter, not per item: on PostgreSQL every statement is a round
    trip. `known` (thread key -> id) is kept across the letters of one fold.
    """
    title_of = {key: titles[ref] for ref, key in threads_of_refs.items()}
    missing = [key for key in title_of if key not in known]
    if missing:
        query = select(ThreadRow.key, ThreadRow.id).where(ThreadRow.key.in_(missing))
        known.update({key: thread_id for key, thread_id in session.execute(query)})
        new = [
            ThreadRow(key=key, formation=formation, title=title_of[key])
            for key in missing
            if key not in known
        ]
        session.add_all(new)
        session.flush()
        known.update({row.key: row.id for row in new})
    session.execute(
        update(ThreadRow), [{"id": known[key], "title": title} for key, title in title_of.items()]
    )
    session.execute(
        update(ItemRow),
        [
            {"id": items[(letter_id, ref)], "thread_id": known[key]}
            for ref, key in threads_of_refs.items()
        ],
    )


def existing_guids(session: Session, guids: Sequence[str]) -> set[str]:
    """Which of these change GUIDs are stored."""
    if not guids:
        return set()
    return set(session.scalars(select(ChangeRow.guid).where(ChangeRow.guid.in_(guids))))


def store_changes(
    session: Session, formation: str, changes: Sequence[NewChange], threads: dict[str, int]
) -> None:
    """Store changes with their feed entries; a position event (and its entry) where the
    stance moved — a position sentence reworded with the same stance is a change only.
    Three statements however many changes: on PostgreSQL every statement is a round trip."""
    if not changes:
        return
    rows = [
        {
            "guid": c.guid,
            "thread_id": threads[c.thread],
            "old_item_id": c.old_item,
            "new_item_id": c.new_item,
            "published": c.published,
            "diff": json.dumps(c.item, ensure_ascii=False, sort_keys=True),
        }
        for c in changes
    ]
    ids = session.scalars(
        insert(ChangeRow).returning(ChangeRow.id, sort_by_parameter_order=True), rows
    ).all()
    entries: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for change, row, change_id in zip(changes, rows, ids, strict=True):
        common = {
            "change_id": change_id,
            "thread_id": row["thread_id"],
            "published": row["published"],
        }
        entries.append({"guid": change.guid, "kind": "change", "formation": formation, **common})
        move = change.position_change
        if move is None or move["old"] == move["new"]:
            continue
        guid = change.guid.replace("tracker:change:", "tracker:position:")
        events.append(
            {"guid": guid, "old_stance": move["old"], "new_stance": move["new"], **common}
        )
        entries.append({"guid": guid, "kind": "position", "formation": formation, **common})
    if events:
        session.execute(insert(PositionEventRow), events)
    session.execute(insert(FeedEntryRow), entries)


def drop_empty_threads(session: Session, thread_ids: set[int]) -> None:
    """Those of these threads no item belongs to any more go (only threads a fold may
    have emptied are looked at, not every thread of the store)."""
    if not thread_ids:
        return
    used = exists().where(ItemRow.thread_id == ThreadRow.id)
    session.execute(delete(ThreadRow).where(ThreadRow.id.in_(sorted(thread_ids)), ~used))


@dataclass(frozen=True)
class StoredDocument:
    """A stored document's bytes and origin, for `rebuild`."""

    id: int
    raw: bytes
    source: str
    official_id: str = ""  # the id it was stored under (its source's, when it states none)


def document_ids(session: Session) -> list[int]:
    """Every stored document, in the order they arrived."""
    return list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))


def forget_letters(session: Session) -> None:
    """Everything derived from the documents goes; the documents stay, unlinked."""
    session.execute(update(DocumentRow).values(letter_id=None))
    session.execute(delete(FeedEntryRow))
    session.execute(delete(PositionEventRow))
    session.execute(delete(ChangeRow))
    session.execute(delete(ThreadRow))
    session.execute(delete(ItemRow))
    session.execute(delete(LetterRow))


def stored_document(session: Session, document_id: int) -> StoredDocument:
    """One stored document."""
    raw, source, official_id = session.execute(
        select(DocumentRow.raw, DocumentRow.source, DocumentRow.official_id).where(
            DocumentRow.id == document_id
        )
    ).one()
    return StoredDocument(document_id, raw, source, official_id)


def link_document(session: Session, document_id: int, letter: Version, official_id: str) -> None:
    """A stored document is a rendition of this version."""
    session.execute(
        update(DocumentRow)
        .where(DocumentRow.id == document_id)
        .values(letter_id=letter.id, official_id=official_id)
    )
