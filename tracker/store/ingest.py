"""Ingest letters: store each whole or not at all, then refold its formation's threads.

One letter, one transaction: its document, letter version, items, the threads and
changes its arrival creates or recomputes, and its snapshot (written atomically before
the commit; a snapshot left by a killed run is rewritten identically by the next).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from lxml import etree
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker import __version__
from tracker.canonical import letter_to_xml, xml_to_letter
from tracker.errors import InputError, TrackerError
from tracker.extract.safexml import parse_xml
from tracker.models import Letter
from tracker.normalise import agenda_refusal
from tracker.positions import STANCES_NL
from tracker.snapshots import normalise_bytes, read_file, write_snapshot
from tracker.store.database import Store
from tracker.store.models import (
    Base,
    ChangeRow,
    DocumentRow,
    FeedEntryRow,
    ItemRow,
    LetterRow,
    PositionEventRow,
    ThreadRow,
)
from tracker.threads import DEFAULT_WINDOW, Change, Member, Step, advance, unit_stance
from tracker.units import Unit, letter_units

log = logging.getLogger(__name__)
NORMALISER = f"tracker {__version__}"
UNITS_CACHED = 256  # letters whose units stay in memory during a run


@dataclass(frozen=True)
class Outcome:
    """What ingesting one file did."""

    source: str
    status: str  # added | version | rendition | unchanged | failed
    letter: str | None = None  # official id
    changes: int = 0
    error: str | None = None


@dataclass
class Summary:
    """What a run of `ingest_paths` did."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many files ended with `status`."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def line(self) -> str:
        """One summary line."""
        parts = [
            f"{self.count('added')} added",
            f"{self.count('version')} new versions",
            f"{self.count('rendition')} other renditions",
            f"{self.count('unchanged')} unchanged",
            f"{self.count('failed')} failed",
            f"{sum(o.changes for o in self.outcomes)} changes",
        ]
        return f"{len(self.outcomes)} files: " + ", ".join(parts)


@dataclass
class Ingestor:
    """Ingests into one store; keeps the units of letters it has read for the next one."""

    store: Store
    max_bytes: int
    window: int = DEFAULT_WINDOW
    _units: dict[str, list[Unit]] = field(default_factory=dict)

    def ingest_paths(
        self,
        paths: Iterable[Path],
        now: datetime,
        progress: Callable[[Outcome], None] | None = None,
    ) -> Summary:
        """Ingest files and folders (recursively, in name order); a bad file is skipped."""
        summary = Summary()
        for path in files_under(paths):
            outcome = self.ingest_file(path, now)
            summary.outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        return summary

    def ingest_file(self, path: Path, now: datetime, source_url: str | None = None) -> Outcome:
        """Ingest one file; errors become a `failed` outcome naming the file."""
        try:
            data = read_file(path, self.max_bytes)
        except TrackerError as exc:
            return Outcome(str(path), "failed", error=str(exc))
        return self.ingest_document(data, str(path), now, source_url)

    def ingest_document(
        self,
        data: bytes,
        source: str,
        now: datetime,
        source_url: str | None = None,
        validators: tuple[str | None, str | None] = (None, None),
    ) -> Outcome:
        """Ingest one document's bytes; errors become a `failed` outcome naming it.

        `validators` are the ETag and Last-Modified it came with, kept for the next
        conditional GET of `source_url`.
        """
        if source_url is None and "://" in source:
            source_url = source
        try:
            if len(data) > self.max_bytes:
                raise InputError(source, f"{len(data):,} bytes, over the limit")
            return self.ingest_bytes(data, source, now, source_url, validators)
        except TrackerError as exc:
            log.info("%s", exc)
            return Outcome(source, "failed", error=str(exc))
        except SQLAlchemyError as exc:  # the letter's transaction was rolled back whole
            log.info("%s: %s", source, exc)
            return Outcome(source, "failed", error=f"{source}: not stored: {exc}")

    def ingest_bytes(
        self,
        data: bytes,
        source: str,
        now: datetime,
        source_url: str | None = None,
        validators: tuple[str | None, str | None] = (None, None),
    ) -> Outcome:
        """Ingest the bytes of one letter file, all of it in one transaction."""
        raw_sha = hashlib.sha256(data).hexdigest()
        with self.store.sessions() as session:
            if session.scalar(select(DocumentRow.id).where(DocumentRow.raw_sha256 == raw_sha)):
                return Outcome(source, "unchanged")
        letter, xml = normalise_bytes(data, source)
        if refusal := agenda_refusal(letter):
            raise InputError(source, refusal)
        content = content_hash(letter)
        with self.store.sessions.begin() as session:
            if session.scalar(select(DocumentRow.id).where(DocumentRow.raw_sha256 == raw_sha)):
                return Outcome(source, "unchanged")  # another process was quicker
            row = session.scalar(select(LetterRow).where(LetterRow.content_sha256 == content))
            status = "rendition"
            changes = 0
            if row is not None:
                _adopt_official_id(session, row, letter.id)
            else:
                row, status = self._add_letter(session, letter, xml, content, now)
                changes = self.refold(session, row.formation, row)
            document = _document(letter, data, raw_sha, source, source_url, now, row.id)
            document.etag, document.last_modified = validators
            session.add(document)
        return Outcome(source, status, row.official_id, changes)

    def _add_letter(
        self, session: Session, letter: Letter, xml: bytes, content: str, now: datetime
    ) -> tuple[LetterRow, str]:
        """Insert a letter version and its items, and write its snapshot."""
        previous = session.scalar(
            select(func.max(LetterRow.version)).where(LetterRow.official_id == letter.id)
        )
        version = (previous or 0) + 1
        row = _letter_row(letter, xml, content, version, now)
        row.snapshot = str(
            write_snapshot(letter, xml, str(self.store.snapshots / snapshot_path(row)))
        )
        session.add(row)
        session.flush()
        units = letter_units(letter)
        self._remember(content, units)
        session.add_all(
            ItemRow(
                letter_id=row.id,
                ref=unit.ref,
                position=n,
                title=unit.title,
                kind=unit.kind,
                stance=unit_stance(unit),
            )
            for n, unit in enumerate(units)
        )
        return row, "added" if version == 1 else "version"

    def refold(self, session: Session, formation: str, start: LetterRow | None = None) -> int:
        """Recompute the threads of `formation` from letter `start` on (all when None)."""
        order = formation_letters(session, formation)
        first = 0 if start is None else next(n for n, r in enumerate(order) if r.id == start.id)
        _clear(session, [r.id for r in order[first:]])
        heads = self._heads(session, order, first)
        items = _item_ids(session, [r.id for r in order[max(0, first - self.window) :]])
        letter_ids = {r.content_sha256: r.id for r in order}
        threads: dict[str, int] = {}
        count = 0
        for position in range(first, len(order)):
            entry = order[position]
            units = self._letter_units(session, entry)
            step = advance(heads, formation, entry.content_sha256, position, units, self.window)
            _assign(session, entry, step, units, items, threads)
            pairs = [
                (
                    items[(letter_ids[c.old.letter], c.old.unit.ref)],
                    items[(entry.id, c.new.unit.ref)],
                )
                for c in step.changes
            ]
            _store_changes(session, entry, step.changes, pairs, threads)
            count += len(step.changes)
        _drop_empty_threads(session, formation)
        return count

    def rebuild(self, now: datetime) -> Summary:
        """Re-normalise every stored document and re-derive letters, items, threads, changes.

        One transaction: all of it or none. Content hashes, thread keys and change GUIDs
        come from the letters' content, so whatever the current code reads the same as
        before keeps its keys and GUIDs.
        """
        summary = Summary()
        with self.store.sessions.begin() as session:
            ids = session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)).all()
            session.execute(update(DocumentRow).values(letter_id=None))
            session.execute(delete(ThreadRow))
            session.execute(delete(LetterRow))
            self._units.clear()
            formations: set[str] = set()
            for doc_id in ids:
                outcome = self._rederive(session, doc_id, now, formations)
                summary.outcomes.append(outcome)
            for formation in sorted(formations):
                self.refold(session, formation)
        return summary

    def _rederive(
        self, session: Session, doc_id: int, now: datetime, formations: set[str]
    ) -> Outcome:
        """Normalise one stored document anew and link it to its letter version."""
        document = session.get_one(DocumentRow, doc_id)
        try:
            letter, xml = normalise_bytes(document.raw, document.source)
        except TrackerError as exc:
            return Outcome(document.source, "failed", error=str(exc))
        content = content_hash(letter)
        row = session.scalar(select(LetterRow).where(LetterRow.content_sha256 == content))
        status = "rendition"
        if row is None:
            row, status = self._add_letter(session, letter, xml, content, now)
            formations.add(row.formation)
        document.letter_id, document.official_id = row.id, letter.id
        session.flush()
        session.expunge(document)  # its raw bytes are not needed again
        return Outcome(document.source, status, row.official_id)

    def _heads(self, session: Session, order: list[Entry], first: int) -> dict[str, Member]:
        """The latest member of every thread in the letters before `first`, within the window."""
        heads: dict[str, Member] = {}
        for position in range(max(0, first - self.window), first):
            entry = order[position]
            by_ref = {u.ref: u for u in self._letter_units(session, entry)}
            query = (
                select(ItemRow.ref, ThreadRow.key)
                .join(ThreadRow, ItemRow.thread_id == ThreadRow.id)
                .where(ItemRow.letter_id == entry.id)
            )
            for ref, key in session.execute(query):
                if ref in by_ref:
                    heads[key] = Member(entry.content_sha256, position, by_ref[ref])
        return heads

    def _letter_units(self, session: Session, entry: Entry) -> list[Unit]:
        """The units of a stored letter version, read back from its XML unless cached."""
        units = self._units.pop(entry.content_sha256, None)
        if units is None:
            xml = session.scalar(select(LetterRow.xml).where(LetterRow.id == entry.id)) or ""
            letter = xml_to_letter(parse_xml(xml.encode("utf-8"), entry.official_id), "")
            units = letter_units(letter)
        self._remember(entry.content_sha256, units)
        return units

    def _remember(self, content: str, units: list[Unit]) -> None:
        """Keep the units of the most recently used letters (a window's worth per formation)."""
        self._units[content] = units
        while len(self._units) > UNITS_CACHED:
            del self._units[next(iter(self._units))]


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named and, for folders, every file below them in name order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    yield child
        else:
            yield path


def content_hash(letter: Letter) -> str:
    """The hash of what a letter says: its canonical XML without where it was read from.

    The id is left out too: a PDF does not state the official id its XML rendition
    carries, and both say the same.
    """
    root = letter_to_xml(letter)
    for name in ("id", "format", "sha256", "source"):
        root.attrib.pop(name, None)
    return hashlib.sha256(etree.tostring(root, method="c14n")).hexdigest()


def _adopt_official_id(session: Session, row: LetterRow, official_id: str) -> None:
    """A rendition that states the official id names a letter first read without one."""
    if not row.official_id.startswith("sha256-") or official_id.startswith("sha256-"):
        return
    if session.scalar(select(LetterRow.id).where(LetterRow.official_id == official_id)):
        return
    row.official_id = official_id


def snapshot_path(row: LetterRow) -> str:
    """`<formation>/<meeting>_<official id>[.vN].xml`: stable, sorted by meeting in a listing."""
    formation = _slug(row.formation) or "onbekend"
    stamp = row.meeting or row.date or "0000-00-00"
    version = "" if row.version == 1 else f".v{row.version}"
    return f"{formation}/{stamp}_{_slug(row.official_id)}{version}.xml"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "-" for c in text.lower()).strip("-")


def _letter_row(letter: Letter, xml: bytes, content: str, version: int, now: datetime) -> LetterRow:
    council = letter.meta.council
    return LetterRow(
        official_id=letter.id,
        version=version,
        content_sha256=content,
        normaliser=NORMALISER,
        formation=council.key or council.formation or "",
        meeting=council.start,
        date=letter.meta.date,
        place=council.place,
        addressee=letter.meta.addressee,
        title=letter.meta.title or letter.agenda_title,
        xml=xml.decode("utf-8"),
        snapshot="",
        ingested_at=now,
    )


def _document(
    letter: Letter,
    data: bytes,
    raw_sha: str,
    source: str,
    source_url: str | None,
    now: datetime,
    letter_id: int,
) -> DocumentRow:
    return DocumentRow(
        raw_sha256=raw_sha,
        official_id=letter.id,
        format=letter.format,
        source=source,
        source_url=source_url,
        fetched_at=now,
        size=len(data),
        raw=data,
        letter_id=letter_id,
    )


class Entry(NamedTuple):
    """A letter version's place in its formation, without its text."""

    id: int
    content_sha256: str
    official_id: str
    version: int
    meeting: str | None
    date: str | None
    formation: str


def formation_letters(session: Session, formation: str) -> list[Entry]:
    """The letter versions of `formation` in meeting order, versions in order."""
    query = select(
        LetterRow.id,
        LetterRow.content_sha256,
        LetterRow.official_id,
        LetterRow.version,
        LetterRow.meeting,
        LetterRow.date,
        LetterRow.formation,
    ).where(LetterRow.formation == formation)
    return sorted((Entry(*row) for row in session.execute(query)), key=letter_order)


def letter_order(row: Entry) -> tuple[str, str, str, int]:
    """Meeting, then letter date, then official id and version."""
    return (row.meeting or row.date or "", row.date or "", row.official_id, row.version)


def _clear(session: Session, letter_ids: list[int]) -> None:
    """Forget the threads and changes of these letters' items, to fold them anew."""
    if not letter_ids:
        return
    item_ids = select(ItemRow.id).where(ItemRow.letter_id.in_(letter_ids))
    session.execute(delete(ChangeRow).where(ChangeRow.new_item_id.in_(item_ids)))
    session.execute(update(ItemRow).where(ItemRow.letter_id.in_(letter_ids)).values(thread_id=None))


def _item_ids(session: Session, letter_ids: list[int]) -> dict[tuple[int, str], int]:
    query = select(ItemRow.letter_id, ItemRow.ref, ItemRow.id).where(
        ItemRow.letter_id.in_(letter_ids)
    )
    return {(letter, ref): item for letter, ref, item in session.execute(query)}


def _assign(
    session: Session,
    entry: Entry,
    step: Step,
    units: list[Unit],
    items: dict[tuple[int, str], int],
    threads: dict[str, int],
) -> None:
    """Give each item of the letter its thread, creating threads that start here.

    A few statements per letter, not per item: on PostgreSQL every statement is a
    round trip.
    """
    titles = {u.ref: u.title for u in units}
    title_of = {key: titles[ref] for ref, key in step.threads.items()}
    missing = [key for key in title_of if key not in threads]
    if missing:
        query = select(ThreadRow.key, ThreadRow.id).where(ThreadRow.key.in_(missing))
        threads.update({key: thread_id for key, thread_id in session.execute(query)})
        new = [
            ThreadRow(key=key, formation=entry.formation, title=title_of[key])
            for key in missing
            if key not in threads
        ]
        session.add_all(new)
        session.flush()
        threads.update({row.key: row.id for row in new})
    session.execute(
        update(ThreadRow), [{"id": threads[key], "title": title} for key, title in title_of.items()]
    )
    session.execute(
        update(ItemRow),
        [
            {"id": items[(entry.id, ref)], "thread_id": threads[key]}
            for ref, key in step.threads.items()
        ],
    )


def _store_changes(
    session: Session,
    entry: Entry,
    changes: Sequence[Change],
    item_pairs: list[tuple[int, int]],
    threads: dict[str, int],
) -> None:
    """Store a letter's changes with their feed entries, position events and their entries."""
    rows = [
        ChangeRow(
            guid=change.guid,
            thread_id=threads[change.thread],
            old_item_id=old_item,
            new_item_id=new_item,
            published=entry.date or entry.meeting,
            diff=json.dumps(change.item, ensure_ascii=False, sort_keys=True),
        )
        for change, (old_item, new_item) in zip(changes, item_pairs, strict=True)
    ]
    session.add_all(rows)
    session.flush()
    meeting = f"{entry.formation} {entry.meeting or entry.date or ''}".strip()
    for change, row in zip(changes, rows, strict=True):
        session.add_all(_events(change, row, meeting, entry.formation))


def _events(change: Change, row: ChangeRow, meeting: str, formation: str) -> list[Base]:
    """The feed entry of a change, and the position event and its entry when there is one."""
    title = change.new.unit.title
    common = {"change_id": row.id, "thread_id": row.thread_id, "published": row.published}
    events: list[Base] = [
        FeedEntryRow(
            guid=change.guid,
            kind="change",
            formation=formation,
            title=f"{title} — gewijzigd ({meeting})",
            **common,
        )
    ]
    move = change.position_change
    if move is None:
        return events
    guid = change.guid.replace("tracker:change:", "tracker:position:")
    stance = f"{STANCES_NL[move['old']]} → {STANCES_NL[move['new']]}"
    events.append(
        PositionEventRow(guid=guid, old_stance=move["old"], new_stance=move["new"], **common)
    )
    events.append(
        FeedEntryRow(
            guid=guid,
            kind="position",
            formation=formation,
            title=f"{title} — Nederland: {stance} ({meeting})",
            **common,
        )
    )
    return events


def _drop_empty_threads(session: Session, formation: str) -> None:
    used = select(ItemRow.thread_id).where(ItemRow.thread_id.is_not(None))
    session.execute(
        delete(ThreadRow).where(ThreadRow.formation == formation, ThreadRow.id.not_in(used))
    )
