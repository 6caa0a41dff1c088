"""Reading the store: letters, one letter, a thread's timeline. Plain values out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from tracker.errors import TrackerError
from tracker.records import dataclass
from tracker.store.database import Store
from tracker.store.models import (
    ChangeRow,
    DocumentRow,
    FeedEntryRow,
    ItemRow,
    LetterRow,
    ThreadRow,
)
from tracker.store.revision import store_revision


class NotFound(TrackerError):
    """Nothing in the store answers to what was asked for."""


@dataclass(frozen=True)
class LetterInfo:
    """A stored letter version, as listed."""

    official_id: str
    version: int
    date: str | None
    formation: str
    meeting: str | None
    place: str | None
    addressee: str | None
    title: str | None
    items: int
    formats: tuple[str, ...]
    snapshot: str
    content_sha256: str
    withdrawn: datetime | None = None  # when its source reported it deleted

    @property
    def name(self) -> str:
        """`official id@version`: what `tracker show` and `tracker diff` accept."""
        return f"{self.official_id}@{self.version}"


@dataclass(frozen=True)
class Moment:
    """One meeting in a thread's timeline."""

    meeting: str | None
    letter: str
    ref: str
    title: str
    kind: str | None
    stance: str | None
    change: dict[str, Any] | None
    withdrawn: bool = False  # the letter was withdrawn by its source


@dataclass(frozen=True)
class Timeline:
    """One thread: a topic of a formation across meetings."""

    key: str
    formation: str
    title: str
    moments: tuple[Moment, ...]


# The columns a listing reads: never the canonical XML, which only `find_letter` needs.
# `snapshot` and `withdrawn_at` are stored after the XML: SQLite reaches them by walking
# each row's XML overflow pages (at 4,000 letters ~45 ms more), so an index of the
# letters (`letter_index`) leaves them out and `with_tails` reads them for the few shown.
INDEXED = (
    LetterRow.id,
    LetterRow.official_id,
    LetterRow.version,
    LetterRow.date,
    LetterRow.formation,
    LetterRow.meeting,
    LetterRow.place,
    LetterRow.addressee,
    LetterRow.title,
    LetterRow.content_sha256,
)
TAILS = (LetterRow.snapshot, LetterRow.withdrawn_at)
UNREAD = ""  # the snapshot path of a letter of `letter_index`: not read


def list_letters(store: Store, formation: str | None = None) -> list[LetterInfo]:
    """Every stored letter version, in formation and meeting order: three queries, however
    many letters (their columns, their item counts, their formats)."""
    return _list(store, formation, tails=True)


def letter_index(store: Store) -> list[LetterInfo]:
    """Every stored letter version as `list_letters` gives it, but without its snapshot
    path (UNREAD) and withdrawal (None): for names, order and counts; `with_tails` adds
    them to the letters shown."""
    return _list(store, None, tails=False)


def with_tails(store: Store, infos: Sequence[LetterInfo]) -> list[LetterInfo]:
    """`infos` (of `letter_index`) with their snapshot paths and withdrawals read."""
    hashes = [info.content_sha256 for info in infos]
    with store.sessions() as session:
        query = select(LetterRow.content_sha256, *TAILS).where(LetterRow.content_sha256.in_(hashes))
        tails = {
            sha: (snapshot, _aware(withdrawn))
            for sha, snapshot, withdrawn in session.execute(query)
        }
    return [
        replace(
            info, snapshot=tails[info.content_sha256][0], withdrawn=tails[info.content_sha256][1]
        )
        for info in infos
    ]


def _list(store: Store, formation: str | None, tails: bool) -> list[LetterInfo]:
    letters = select(*INDEXED, *TAILS) if tails else select(*INDEXED)
    counts = select(ItemRow.letter_id, func.count()).group_by(ItemRow.letter_id)
    formats = select(DocumentRow.letter_id, DocumentRow.format).distinct()
    if formation:
        ids = select(LetterRow.id).where(func.lower(LetterRow.formation) == formation.lower())
        letters = letters.where(LetterRow.id.in_(ids))
        counts = counts.where(ItemRow.letter_id.in_(ids))
        formats = formats.where(DocumentRow.letter_id.in_(ids))
    with store.engine.connect() as connection:  # Core rows: plain tuples, no ORM on the way
        rows = connection.execute(letters).all()
        counted = {letter_id: count for letter_id, count in connection.execute(counts).all()}
        kinds: dict[int | None, set[str]] = {}
        for letter_id, fmt in connection.execute(formats).all():
            kinds.setdefault(letter_id, set()).add(fmt)
    # Columns read by position (INDEXED, then TAILS): by name, at 4,000 letters, ~10 ms.
    infos = [
        LetterInfo(
            *row[1:9],  # official_id to title
            counted.get(row[0], 0),
            tuple(sorted(kinds.get(row[0], ()))),
            row[10] if tails else UNREAD,
            row[9],  # content_sha256
            _aware(row[11]) if tails else None,
        )
        for row in rows
    ]
    return sorted(infos, key=lambda i: (i.formation, i.meeting or "", i.official_id, i.version))


def _info(session: Session, row: LetterRow) -> LetterInfo:
    items = session.scalar(select(func.count()).where(ItemRow.letter_id == row.id)) or 0
    formats = session.scalars(
        select(DocumentRow.format).where(DocumentRow.letter_id == row.id).distinct()
    ).all()
    return _listed(row, items, formats, tails=True)


def _listed(row: Any, items: int, formats: Iterable[str], tails: bool) -> LetterInfo:
    """A letter as listed, from a LetterRow or a row of the INDEXED (and TAILS) columns."""
    return LetterInfo(
        row.official_id,
        row.version,
        row.date,
        row.formation,
        row.meeting,
        row.place,
        row.addressee,
        row.title,
        items,
        tuple(sorted(formats)),
        row.snapshot if tails else UNREAD,
        row.content_sha256,
        _aware(row.withdrawn_at) if tails else None,
    )


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def find_letter(store: Store, ident: str) -> tuple[LetterInfo, str]:
    """A letter version and its canonical XML, by `id`, `id@version` or content hash prefix."""
    with store.sessions() as session:
        row = _find(session, ident)
        return _info(session, row), row.xml


def _find(session: Session, ident: str) -> LetterRow:
    official, _, version = ident.partition("@")
    query = select(LetterRow).where(LetterRow.official_id == official)
    if version.isdigit():
        query = query.where(LetterRow.version == int(version))
    row = session.scalars(query.order_by(LetterRow.version.desc())).first()
    if row is None and len(ident) >= 8:
        matches = session.scalars(
            select(LetterRow).where(LetterRow.content_sha256.startswith(ident.lower()))
        ).all()
        row = matches[0] if len(matches) == 1 else None
    if row is None:
        raise NotFound(f"{ident}: no such letter in the store (see `tracker letters`)")
    return row


def letter_threads(store: Store, name: str) -> dict[str, str]:
    """The thread key of each item (by ref) of a stored letter version."""
    with store.sessions() as session:
        row = _find(session, name)
        query = (
            select(ItemRow.ref, ThreadRow.key)
            .join(ThreadRow, ItemRow.thread_id == ThreadRow.id)
            .where(ItemRow.letter_id == row.id)
        )
        return {ref: key for ref, key in session.execute(query)}


def history(store: Store, query: str) -> list[Timeline]:
    """The timelines of threads whose title contains `query` (or whose key starts with it)."""
    with store.sessions() as session:
        threads = session.scalars(
            select(ThreadRow)
            .where(
                or_(
                    func.lower(ThreadRow.title).contains(query.lower()),
                    ThreadRow.key.startswith(query.lower()),
                )
            )
            .order_by(ThreadRow.formation, ThreadRow.title)
        ).all()
        return [_timeline(session, thread) for thread in threads]


def _timeline(session: Session, thread: ThreadRow) -> Timeline:
    rows = session.execute(
        select(ItemRow, LetterRow)
        .join(LetterRow, ItemRow.letter_id == LetterRow.id)
        .where(ItemRow.thread_id == thread.id)
    ).all()
    changes = {
        new_item: json.loads(diff)
        for new_item, diff in session.execute(
            select(ChangeRow.new_item_id, ChangeRow.diff).where(ChangeRow.thread_id == thread.id)
        )
    }
    moments = [
        Moment(
            letter.meeting or letter.date,
            f"{letter.official_id}@{letter.version}",
            item.ref,
            item.title,
            item.kind,
            item.stance,
            changes.get(item.id),
            letter.withdrawn_at is not None,
        )
        for item, letter in rows
    ]
    return Timeline(thread.key, thread.formation, thread.title, _per_meeting(moments, rows))


def _per_meeting(moments: list[Moment], rows: Sequence[Any]) -> tuple[Moment, ...]:
    """One moment per meeting, the meeting being the unit of history: what its latest
    letter says (the Tweede Kamer's chain first, then the latest date and version), with
    the change that letter brought, or the meeting's other change when it brought none."""
    chains = {"Tweede Kamer": 0, "Eerste Kamer": 1}
    ranked = sorted(
        zip(moments, rows, strict=True),
        key=lambda pair: (
            pair[0].meeting or "",
            -chains.get(pair[1][1].chain, 2),
            pair[1][1].date or "",
            pair[1][1].version,
        ),
    )
    latest: dict[str, Moment] = {}
    changed: dict[str, dict[str, Any]] = {}
    for moment, _ in ranked:
        key = moment.meeting or moment.letter
        latest[key] = moment
        if moment.change is not None:
            changed[key] = moment.change
    return tuple(
        replace(moment, change=moment.change or changed.get(key))
        for key, moment in sorted(latest.items(), key=lambda kv: kv[0])
    )


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: a change or a position event, with what a feed needs to show it."""

    guid: str
    kind: str  # change | position
    published: str | None  # the new letter's date, YYYY-MM-DD
    formation: str
    thread_key: str
    thread_title: str
    letter: str  # the new letter version, id@version
    old_letter: str
    meeting: str | None
    official_id: str
    source_url: str | None  # where the new letter's document was fetched from, if known
    change: dict[str, Any]  # the diff-json item entry
    undoes: str | None  # the GUID of the change this one reverses (A -> B -> A), if any
    addressee: str | None = None  # the new letter's chamber
    date: str | None = None  # the new letter's date
    old_meeting: str | None = None
    old_addressee: str | None = None
    old_date: str | None = None


@dataclass(frozen=True)
class ThreadInfo:
    """A thread as listed: its key, formation, title and latest change date."""

    key: str
    formation: str
    title: str
    changes: int
    latest: str | None
    agenda: bool = True  # an agenda dossier, not a section of the covering letters


def feed_items(
    store: Store,
    kind: str | None = None,
    thread: str | None = None,
    formation: str | None = None,
    limit: int = 50,
) -> list[FeedItem]:
    """The newest feed entries, newest first, optionally of one kind, thread or formation."""
    with store.sessions() as session:
        query = (
            select(FeedEntryRow, ChangeRow, ThreadRow)
            .join(ChangeRow, FeedEntryRow.change_id == ChangeRow.id)
            .join(ThreadRow, FeedEntryRow.thread_id == ThreadRow.id)
        )
        if kind:
            query = query.where(FeedEntryRow.kind == kind)
        if thread:
            query = query.where(ThreadRow.key == thread)
        if formation:
            query = query.where(func.lower(FeedEntryRow.formation) == formation.lower())
        query = query.order_by(FeedEntryRow.published.desc(), FeedEntryRow.guid).limit(limit)
        return _feed_items(session, session.execute(query).all())


Entry = tuple[FeedEntryRow, ChangeRow, ThreadRow]  # a feed entry row with its change and thread


def _feed_items(session: Session, rows: Sequence[Entry]) -> list[FeedItem]:
    """Feed items of `rows`, with three more queries however many there are: the letters
    of their units, those letters' source URLs, and the changes they may undo."""
    changes = [change for _, change, _ in rows]
    letters = _letters_of_items(
        session, {c.new_item_id for c in changes} | {c.old_item_id for c in changes}
    )
    urls = _source_urls(session, {letters[c.new_item_id].id for c in changes})
    previous = _changes_to(session, {c.old_item_id for c in changes})
    return [
        _feed_item(
            entry,
            change,
            thread,
            (letters[change.new_item_id], letters[change.old_item_id]),
            urls.get(letters[change.new_item_id].id),
            previous.get((change.thread_id, change.old_item_id)),
        )
        for entry, change, thread in rows
    ]


def _feed_item(
    entry: FeedEntryRow,
    change: ChangeRow,
    thread: ThreadRow,
    letters: tuple[Any, Any],
    url: str | None,
    previous: tuple[str, str] | None,
) -> FeedItem:
    new, old = letters
    item = json.loads(change.diff)
    return FeedItem(
        entry.guid,
        entry.kind,
        entry.published,
        entry.formation,
        thread.key,
        thread.title,
        f"{new.official_id}@{new.version}",
        f"{old.official_id}@{old.version}",
        new.meeting,
        new.official_id,
        url,
        item,
        _undoes(previous, item),
        new.addressee,
        new.date,
        old.meeting,
        old.addressee,
        old.date,
    )


def _letters_of_items(session: Session, item_ids: set[int]) -> dict[int, Any]:
    """The letter (its id, name, meeting, chamber and date) of each unit, by the unit's id."""
    query = select(
        ItemRow.id.label("item_id"),
        LetterRow.id,
        LetterRow.official_id,
        LetterRow.version,
        LetterRow.meeting,
        LetterRow.addressee,
        LetterRow.date,
    ).join(LetterRow, ItemRow.letter_id == LetterRow.id)
    return {row.item_id: row for row in session.execute(query.where(ItemRow.id.in_(item_ids)))}


def _source_urls(session: Session, letter_ids: set[int]) -> dict[int, str]:
    """Where each letter's first document with a source URL was fetched from."""
    query = (
        select(DocumentRow.letter_id, DocumentRow.source_url)
        .where(DocumentRow.letter_id.in_(letter_ids), DocumentRow.source_url.is_not(None))
        .order_by(DocumentRow.id.desc())
    )
    return {
        letter_id: url
        for letter_id, url in session.execute(query)
        if letter_id is not None and url is not None
    }


def _changes_to(session: Session, item_ids: set[int]) -> dict[tuple[int, int], tuple[str, str]]:
    """The change (GUID, diff) that brought each of these units, by (thread, unit)."""
    query = (
        select(ChangeRow.thread_id, ChangeRow.new_item_id, ChangeRow.guid, ChangeRow.diff)
        .where(ChangeRow.new_item_id.in_(item_ids))
        .order_by(ChangeRow.id.desc())
    )
    return {(thread, item): (guid, diff) for thread, item, guid, diff in session.execute(query)}


def _undoes(previous: tuple[str, str] | None, item: dict[str, Any]) -> str | None:
    """The GUID of the thread's previous change if this one puts its text back (A -> B -> A)."""
    if previous is None:
        return None
    guid, diff = previous
    before = sorted(_edits(json.loads(diff), swap=True))
    return guid if before and before == sorted(_edits(item, swap=False)) else None


def _edits(item: dict[str, Any], swap: bool) -> list[tuple[str, str, str]]:
    out = []
    for c in item.get("changes", []):
        old, new = c.get("old") or "", c.get("new") or ""
        out.append(
            (c.get("field", "body"), new, old) if swap else (c.get("field", "body"), old, new)
        )
    return out


def list_threads(
    store: Store, formation: str | None = None, key: str | None = None
) -> list[ThreadInfo]:
    """Every thread (of a formation, or the one of `key`) with its number of changes and
    latest change date."""
    with store.sessions() as session:
        query = (
            select(
                ThreadRow.key,
                ThreadRow.formation,
                ThreadRow.title,
                func.count(ChangeRow.id),
                func.max(ChangeRow.published),
                _is_agenda_thread(),
            )
            .outerjoin(ChangeRow, ChangeRow.thread_id == ThreadRow.id)
            .group_by(ThreadRow.id)
            .order_by(ThreadRow.formation, ThreadRow.title)
        )
        if formation:
            query = query.where(func.lower(ThreadRow.formation) == formation.lower())
        if key is not None:
            query = query.where(ThreadRow.key == key)
        return [ThreadInfo(*row) for row in session.execute(query)]


def _is_agenda_thread() -> Any:
    """Whether a thread follows an agenda item: its items' refs are not `B…` sections."""
    agenda_items = select(ItemRow.id).where(
        ItemRow.thread_id == ThreadRow.id, ItemRow.ref.not_like("B%")
    )
    return agenda_items.exists()


def formations(store: Store) -> list[str]:
    """The Council formations with stored letters."""
    with store.sessions() as session:
        return sorted(set(session.scalars(select(LetterRow.formation).distinct())))


def thread_timeline(store: Store, key: str) -> Timeline:
    """One thread's timeline by its key."""
    with store.sessions() as session:
        thread = session.scalar(select(ThreadRow).where(ThreadRow.key == key))
        if thread is None:
            raise NotFound(f"{key}: no such thread")
        return _timeline(session, thread)


def find_change(store: Store, guid: str) -> FeedItem:
    """A change (or position event) by its GUID, or the hex part of it."""
    with store.sessions() as session:
        query = (
            select(FeedEntryRow, ChangeRow, ThreadRow)
            .join(ChangeRow, FeedEntryRow.change_id == ChangeRow.id)
            .join(ThreadRow, FeedEntryRow.thread_id == ThreadRow.id)
            .where(or_(FeedEntryRow.guid == guid, FeedEntryRow.guid.endswith(":" + guid)))
            .order_by(FeedEntryRow.kind)
        )
        row = session.execute(query).first()
        if row is None:
            raise NotFound(f"{guid}: no such change")
        return _feed_items(session, [row])[0]


def last_ingest(store: Store) -> datetime | None:
    """When the store last changed what it shows (UTC), or None for an empty store.

    It is the store's revision (`tracker.store.revision`), bumped by every such commit and
    a microsecond later at least than the one before, so it is different for every
    commit: the version of everything the web app renders."""
    return store_revision(store).changed_at


# --- for the pages -------------------------------------------------------------------


def letter_feed_items(store: Store, ident: str) -> list[FeedItem]:
    """The feed entries (changes and position events) that letter `ident` brought: those
    whose change's new unit is in it, in the letter's order of units."""
    with store.sessions() as session:
        letter = _find(session, ident)
        query = (
            select(FeedEntryRow, ChangeRow, ThreadRow)
            .join(ChangeRow, FeedEntryRow.change_id == ChangeRow.id)
            .join(ThreadRow, FeedEntryRow.thread_id == ThreadRow.id)
            .join(ItemRow, ChangeRow.new_item_id == ItemRow.id)
            .where(ItemRow.letter_id == letter.id)
            .order_by(ItemRow.position, FeedEntryRow.kind, FeedEntryRow.guid)
        )
        return _feed_items(session, session.execute(query).all())
