"""The facts the store keeps of letters: versions, documents, items, threads, changes.

Plain values in and out (ORM rows stay here); the session is passed in, so the ingest
service (`tracker.ingest`) decides what makes one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Executable,
    Select,
    String,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from tracker import identity
from tracker.identity import EERSTE, TWEEDE
from tracker.records import dataclass
from tracker.store.models import (
    MEETING_KEY_SQL,
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


# The ingest's statements are built once, on the tables, with bound parameters, and run
# on the session's connection: per letter they are many and small, and building and
# caching an ORM statement anew each time cost more than SQLite running it (issue 17).
_LETTERS = cast(Table, LetterRow.__table__)
_DOCUMENTS = cast(Table, DocumentRow.__table__)
_ITEMS = cast(Table, ItemRow.__table__)
_THREADS = cast(Table, ThreadRow.__table__)
_CHANGES = cast(Table, ChangeRow.__table__)
_EVENTS = cast(Table, PositionEventRow.__table__)
_ENTRIES = cast(Table, FeedEntryRow.__table__)
_L, _D, _I, _T, _C = _LETTERS.c, _DOCUMENTS.c, _ITEMS.c, _THREADS.c, _CHANGES.c
_COLUMNS = (
    _L.id,
    _L.official_id,
    _L.version,
    _L.content_sha256,
    _L.agenda_key,
    _L.agenda_only,
    _L.chain,
    _L.formation,
    _L.meeting,
    _L.date,
    _L.addressee,
)
_CHAINS = {TWEEDE: 0, EERSTE: 1}
WindowItem = tuple[int, str, int, str | None]  # version id, ref, item id, thread key
# `Version.meeting_key` in SQL, written as ix_letters_formation_meeting_key indexes it
# (a bound value would not be that expression): a fold's read of the letters from a
# meeting on then searches that index instead of reading every letter of the formation.
_MEETING_KEY: ColumnElement[str] = literal_column(MEETING_KEY_SQL, String)


def _run(session: Session, statement: Executable, params: Any = None) -> Any:
    """Run a Core statement on the session's connection (in its transaction); its
    `CursorResult`, rows of plain values (typed Any: the rows' shapes vary by statement)."""
    return session.connection().execute(statement, params)


def _pairs(result: Iterable[tuple[str, int]]) -> dict[str, int]:
    """A (key, id) result as a dict."""
    return {key: row_id for key, row_id in result}


def _select_versions(*where: Any) -> Select[Any]:
    return select(*_COLUMNS).where(*where).order_by(_L.id)


# A stored document with these bytes (its row: xml NULL), and the letters whose snapshot
# is at this path (their XML): one round trip.
_STORED = union_all(
    select(null().label("xml")).where(_D.raw_sha256 == bindparam("sha")),
    select(_L.xml).where(_L.snapshot == bindparam("source")),
)
_BY_OFFICIAL_ID = _select_versions(_L.official_id == bindparam("official_id"))
_BY_MEETING = _select_versions(
    _L.formation == bindparam("formation"),
    _L.meeting.is_not_distinct_from(bindparam("meeting")),
    _L.addressee.is_not_distinct_from(bindparam("addressee")),
    _L.date.is_not_distinct_from(bindparam("date")),
    _L.agenda_only.is_(False),
)
_RELATED = _select_versions(
    or_(
        _L.content_sha256 == bindparam("text_key"),
        _L.agenda_key == bindparam("agenda_key"),
        _L.official_id.in_(bindparam("official_ids", expanding=True)),
    )
)
_OF_FORMATION = _select_versions(_L.formation == bindparam("formation"))
_MEETING_BEFORE = (
    select(_MEETING_KEY)
    .where(_L.formation == bindparam("formation"), _MEETING_KEY < bindparam("key"))
    .distinct()
    .order_by(_MEETING_KEY.desc())
    .offset(bindparam("skip"))
    .limit(1)
)
# From the meeting `skip + 1` meetings before `key` on (all of them when there are fewer).
_OF_FORMATION_FROM = _select_versions(
    _L.formation == bindparam("formation"),
    _MEETING_KEY >= func.coalesce(_MEETING_BEFORE.scalar_subquery(), ""),
)
_INSERT_LETTER = insert(_LETTERS).returning(_L.id)
_INSERT_ITEMS = insert(_ITEMS).returning(_I.ref, _I.id)  # by ref: unique in a letter
_INSERT_DOCUMENT = insert(_DOCUMENTS)
_LETTER_XML = select(_L.xml).where(_L.id == bindparam("id"))
_SNAPSHOT_XML = select(_L.xml).where(_L.snapshot == bindparam("snapshot"))
# The thread's key by its primary key, row by row: with a join, PostgreSQL's planner
# read and hashed the whole threads table for each fold (EXPLAIN at 4,000 letters).
_WINDOW_ITEMS = (
    select(
        _I.letter_id, _I.ref, _I.id, select(_T.key).where(_T.id == _I.thread_id).scalar_subquery()
    )
    .where(_I.letter_id.in_(bindparam("ids", expanding=True)))
    .order_by(_I.id)
)
_THREAD_IDS = select(_T.key, _T.id, _T.title).where(_T.key.in_(bindparam("keys", expanding=True)))
_INSERT_THREADS = insert(_THREADS).returning(_T.key, _T.id)
_RETITLE_THREAD = (
    update(_THREADS).where(_T.id == bindparam("b_id")).values(title=bindparam("b_title"))
)
_THREAD_ITEM = (
    update(_ITEMS).where(_I.id == bindparam("b_id")).values(thread_id=bindparam("b_thread"))
)
_EXISTING_GUIDS = select(_C.guid).where(_C.guid.in_(bindparam("guids", expanding=True)))
_INSERT_CHANGES = insert(_CHANGES).returning(_C.guid, _C.id)
_INSERT_EVENTS = insert(_EVENTS)
_INSERT_ENTRIES = insert(_ENTRIES)
_FOLDED_ITEMS = select(_I.id).where(_I.letter_id.in_(bindparam("letters", expanding=True)))
_FOLDED_CHANGES = select(_C.id).where(_C.new_item_id.in_(_FOLDED_ITEMS))
_FOLDED_THREADS = (
    select(_I.thread_id)
    .where(_I.letter_id.in_(bindparam("letters", expanding=True)), _I.thread_id.is_not(None))
    .distinct()
)
_CLEAR_FOLDS = (
    delete(_ENTRIES).where(_ENTRIES.c.change_id.in_(_FOLDED_CHANGES)),
    delete(_EVENTS).where(_EVENTS.c.change_id.in_(_FOLDED_CHANGES)),
    delete(_CHANGES).where(_C.new_item_id.in_(_FOLDED_ITEMS)),
)
_STORED_DOCUMENTS = select(_D.id, _D.raw, _D.source, _D.official_id).where(
    _D.id.in_(bindparam("ids", expanding=True))
)
_LINK_DOCUMENT = (
    update(_DOCUMENTS)
    .where(_D.id == bindparam("b_id"))
    .values(letter_id=bindparam("b_letter"), official_id=bindparam("b_official"))
)
_DROP_EMPTY_THREADS = (
    delete(_THREADS)
    .where(_T.id.in_(bindparam("ids", expanding=True)), ~exists().where(_I.thread_id == _T.id))
    .returning(_T.key)
)


def is_stored(session: Session, raw_sha256: str, source: str, data: bytes) -> bool:
    """Whether these exact bytes are stored already: as a document, or as the snapshot the
    store wrote of one of its letters at `source` (read back, as `tracker serve` reads its
    snapshot folder, it is that letter, no new document of it)."""
    rows = _run(session, _STORED, {"sha": raw_sha256, "source": source}).scalars().all()
    return any(xml is None or xml.encode("utf-8") == data for xml in rows)


def document_hashes(session: Session) -> set[str]:
    """The SHA-256 of every stored document's bytes."""
    return set(session.execute(select(DocumentRow.raw_sha256)).scalars())


def snapshot_paths(session: Session) -> list[tuple[str, int]]:
    """(snapshot path, letter version id) of every stored version."""
    query = select(LetterRow.snapshot, LetterRow.id).order_by(LetterRow.id)
    return [(snapshot, letter_id) for snapshot, letter_id in session.execute(query)]


def _versions(session: Session, query: Select[Any], **params: Any) -> list[Version]:
    return [Version(*row) for row in _run(session, query, params).all()]  # all: one fetch


def by_official_id(session: Session, official_id: str) -> list[Version]:
    """The versions published under an official id, oldest first."""
    found = _versions(session, _BY_OFFICIAL_ID, official_id=official_id)
    return sorted(found, key=lambda v: v.version)


@dataclass(frozen=True)
class Related:
    """The versions a new document may be: those that say the same, whose agenda says
    the same, or published under one of its ids — read in one statement, answering by
    text, by agenda and by official id for those keys."""

    versions: tuple[Version, ...]

    def by_text(self, text_key: str) -> Version | None:
        return next((v for v in self.versions if v.text_key == text_key), None)

    def by_official_id(self, official_id: str) -> list[Version]:
        found = [v for v in self.versions if v.official_id == official_id]
        return sorted(found, key=lambda v: v.version)

    def by_agenda(self, agenda_key: str) -> list[Version]:
        found = [v for v in self.versions if v.agenda_key == agenda_key]
        return sorted(found, key=lambda v: (v.agenda_only, _CHAINS.get(v.chain, 2), v.id))


def related(
    session: Session, text_key: str, agenda_key: str, official_ids: Sequence[str]
) -> Related:
    """The versions related to a document by these keys (`Related`)."""
    params = {"text_key": text_key, "agenda_key": agenda_key, "official_ids": list(official_ids)}
    return Related(tuple(_versions(session, _RELATED, **params)))


def by_meeting(
    session: Session, formation: str, meeting: str | None, addressee: str | None, date: str | None
) -> list[Version]:
    """The versions for one meeting, to one chamber, of one date."""
    return _versions(
        session, _BY_MEETING, formation=formation, meeting=meeting, addressee=addressee, date=date
    )


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
        "withdrawn_at": None,
    }
    letter_id: int = _run(session, _INSERT_LETTER, values).scalar_one()
    return Version(
        letter_id, new.official_id, new.version, new.text_key, new.agenda_key, new.agenda_only,
        new.chain, new.formation, new.meeting, new.date, new.addressee,
    )  # fmt: skip


def _add_items(
    session: Session,
    letter_id: int,
    new_items: Sequence[NewItem],
    thread_ids: dict[str, int],
    items: dict[tuple[int, str], int],
) -> None:
    """Store the items of a fresh letter version with their threads (`thread_ids`, by
    ref), in one statement; their ids go into `items`. Its fold stores them: inserted
    before it and given their threads by it, every item was written twice (a statement
    more per letter, and on PostgreSQL a dead row version per item)."""
    rows = [
        {
            "letter_id": letter_id,
            "ref": i.ref,
            "position": i.position,
            "title": i.title,
            "kind": i.kind,
            "stance": i.stance,
            "thread_id": thread_ids.get(i.ref),
        }
        for i in new_items
    ]
    for ref, item_id in _run(session, _INSERT_ITEMS, rows):
        items[(letter_id, ref)] = item_id


def add_document(session: Session, letter_id: int, document: NewDocument) -> None:
    """Store a published file of a letter version."""
    values = {
        "raw_sha256": document.raw_sha256,
        "official_id": document.official_id,
        "format": document.format,
        "source": document.source,
        "source_url": document.source_url,
        "fetched_at": document.fetched_at,
        "size": len(document.raw),
        "raw": document.raw,
        "etag": document.etag,
        "last_modified": document.last_modified,
        "letter_id": letter_id,
    }
    _run(session, _INSERT_DOCUMENT, values)


def adopt_official_id(session: Session, version: Version, official_id: str) -> bool:
    """A rendition that states an official id names a letter first read without one;
    an id not in the official shape (`tracker.identity.official_id`) renames nothing.
    Whether the letter was renamed."""
    if identity.official_id(official_id) is None or identity.official_id(version.official_id):
        return False
    if by_official_id(session, official_id):
        return False
    session.execute(
        update(LetterRow).where(LetterRow.id == version.id).values(official_id=official_id)
    )
    return True


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


def snapshot_xml(session: Session, snapshot: str) -> bytes:
    """The canonical XML of the stored version whose snapshot is at this path."""
    found: str | None = _run(session, _SNAPSHOT_XML, {"snapshot": snapshot}).scalar()
    return (found or "").encode("utf-8")


def letter_xml(session: Session, letter_id: int) -> str:
    """The canonical XML of a stored version."""
    found: str | None = _run(session, _LETTER_XML, {"id": letter_id}).scalar()
    return found or ""


def formation_versions(
    session: Session, formation: str, start: str | None = None, window: int = 0
) -> list[Version]:
    """A formation's versions in the order they are folded: meeting by meeting, the
    Tweede Kamer's chain before the Eerste Kamer's, each chain in date order. With
    `start` (a meeting's date key), only from `window` meetings before that meeting on:
    what a fold from `start` reads."""
    if start is None:
        found = _versions(session, _OF_FORMATION, formation=formation)
    else:
        params = {"formation": formation, "key": start, "skip": max(window - 1, 0)}
        found = _versions(session, _OF_FORMATION_FROM, **params)
    return sorted(found, key=fold_order)


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
    """Forget the changes of these versions' items, to fold them anew; the ids of the
    threads their items belong to (`drop_empty_threads` takes them).

    The items keep their threads: the fold gives every item of a version a thread, and
    `assign_threads` writes only those that differ (most stay where they were; on
    PostgreSQL each item written leaves a dead row version behind)."""
    if not letter_ids:
        return set()
    params = {"letters": list(letter_ids)}
    threads = set(_run(session, _FOLDED_THREADS, params).scalars())
    for statement in _CLEAR_FOLDS:
        _run(session, statement, params)
    return threads


def window_items(session: Session, letter_ids: Sequence[int]) -> list[WindowItem]:
    """The items of these versions: (version id, ref, item id, thread key or None)."""
    rows = _run(session, _WINDOW_ITEMS, {"ids": list(letter_ids)}).all()
    return [(letter, ref, item, key) for letter, ref, item, key in rows]


def assign_threads(
    session: Session,
    formation: str,
    letter_id: int,
    threads_of_refs: dict[str, str],
    titles: dict[str, str],
    items: dict[tuple[int, str], int],
    known: dict[str, int],
    stored: dict[str, str],
    new_items: Sequence[NewItem] = (),
    current: Mapping[tuple[int, str], str | None] | None = None,
    complete: bool = False,
) -> None:
    """Give each item of a version its thread, creating threads that start here; a
    thread is titled as its latest item. `new_items`: the items of a fresh version, not
    stored yet, stored here with their threads. `current`: the thread key each stored
    item has now, by (version id, ref); only items whose thread differs are written.

    A few statements per letter, not per item: on PostgreSQL every statement is a round
    trip. `known` (thread key -> id) and `stored` (thread key -> its stored title) are
    what the caller's transaction has read and written of the threads: only keys not
    in them are looked up, and none when they are `complete` (all the store holds).
    """
    title_of = {key: titles[ref] for ref, key in threads_of_refs.items()}
    missing = [key for key in title_of if key not in known]
    if missing:
        found = () if complete else _run(session, _THREAD_IDS, {"keys": missing})
        for key, thread_id, title in found:
            known[key] = thread_id
            stored[key] = title
        new = [
            {"key": key, "formation": formation, "title": title_of[key]}
            for key in missing
            if key not in known
        ]
        if new:
            known.update(_pairs(_run(session, _INSERT_THREADS, new)))
            stored.update((row["key"], row["title"]) for row in new)
    retitled = [
        {"b_id": known[key], "b_title": title}
        for key, title in title_of.items()
        if stored.get(key) != title
    ]
    if retitled:
        _run(session, _RETITLE_THREAD, retitled)
        stored.update((key, title) for key, title in title_of.items())
    if new_items:
        thread_ids = {ref: known[key] for ref, key in threads_of_refs.items()}
        _add_items(session, letter_id, new_items, thread_ids, items)
    elif threads_of_refs:
        current = current or {}
        threaded = [
            {"b_id": items[(letter_id, ref)], "b_thread": known[key]}
            for ref, key in threads_of_refs.items()
            if current.get((letter_id, ref)) != key
        ]
        if threaded:
            _run(session, _THREAD_ITEM, threaded)


def existing_guids(session: Session, guids: Sequence[str]) -> set[str]:
    """Which of these change GUIDs are stored."""
    if not guids:
        return set()
    return set(_run(session, _EXISTING_GUIDS, {"guids": list(guids)}).scalars())


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
    ids = _pairs(_run(session, _INSERT_CHANGES, rows))
    entries: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for change, row in zip(changes, rows, strict=True):
        common = {
            "change_id": ids[change.guid],
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
        _run(session, _INSERT_EVENTS, events)
    _run(session, _INSERT_ENTRIES, entries)


def drop_empty_threads(session: Session, thread_ids: set[int]) -> list[str]:
    """Those of these threads no item belongs to any more go (only threads a fold may
    have emptied are looked at, not every thread of the store); the keys of those gone."""
    if not thread_ids:
        return []
    return list(_run(session, _DROP_EMPTY_THREADS, {"ids": sorted(thread_ids)}).scalars())


@dataclass(frozen=True)
class StoredDocument:
    """A stored document's bytes and origin, for `rebuild`."""

    id: int
    raw: bytes
    source: str
    official_id: str = ""  # the id it was stored under (its source's, when it states none)


def document_sizes(session: Session) -> list[tuple[int, int]]:
    """Every stored document, in the order they arrived: (id, size in bytes)."""
    return [
        (row_id, size) for row_id, size in _run(session, select(_D.id, _D.size).order_by(_D.id))
    ]


def forget_letters(session: Session) -> None:
    """Everything derived from the documents goes; the documents stay, unlinked."""
    session.execute(update(DocumentRow).values(letter_id=None))
    session.execute(delete(FeedEntryRow))
    session.execute(delete(PositionEventRow))
    session.execute(delete(ChangeRow))
    session.execute(delete(ThreadRow))
    session.execute(delete(ItemRow))
    session.execute(delete(LetterRow))


def stored_documents(session: Session, document_ids: Sequence[int]) -> list[StoredDocument]:
    """These stored documents, in the order of `document_ids` (one round trip)."""
    rows = _run(session, _STORED_DOCUMENTS, {"ids": list(document_ids)}).all()
    found = {row[0]: StoredDocument(*row) for row in rows}
    return [found[document_id] for document_id in document_ids]


def link_documents(session: Session, links: Sequence[tuple[int, int, str]]) -> None:
    """Stored documents are renditions of these versions: (document id, version id, the
    official id it states), in one statement."""
    if links:
        rows = [{"b_id": doc, "b_letter": letter, "b_official": oid} for doc, letter, oid in links]
        _run(session, _LINK_DOCUMENT, rows)
