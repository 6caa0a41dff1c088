"""The ingest service: read, normalise, identify, fold, store — each letter whole or not at all.

One letter, one transaction: its document, the letter version it is (or is a rendition
of, by `tracker.identity`), its items, the threads and changes its arrival creates or
recomputes, the store's revision, and its snapshot (staged before the commit, put in place
after it: `tracker.staging`). `tracker.store.letters` keeps the facts; `tracker.threads`
folds; this module decides.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker import __version__, identity, staging
from tracker.canonical import read_canonical
from tracker.errors import InputError, TrackerError
from tracker.models import Letter
from tracker.normalise import agenda_refusal
from tracker.snapshots import normalise_bytes, read_file
from tracker.store import letters as facts
from tracker.store.database import Store
from tracker.store.revision import bump_revision
from tracker.threads import DEFAULT_WINDOW, Heads, Member, Place, advance, unit_stance
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


@dataclass(frozen=True)
class _Read:
    """A normalised document and what identifies it."""

    letter: Letter
    xml: bytes
    official_id: str | None
    text_key: str
    agenda_key: str
    agenda_only: bool
    units: list[Unit]  # computed once: they cost as much as normalising (issue 16)

    @property
    def chain(self) -> str:
        return identity.chain(self.letter.meta.addressee, self.agenda_only)

    @property
    def formation(self) -> str:
        council = self.letter.meta.council
        return council.key or council.formation or ""


def _identify(letter: Letter, xml: bytes) -> _Read:
    units = letter_units(letter)
    return _Read(
        letter,
        xml,
        identity.official_id(letter.id),
        identity.text_key(letter, units),
        identity.agenda_key(letter, units),
        identity.agenda_only(letter),
        units,
    )


@dataclass
class Ingestor:
    """Ingests into one store; keeps the units of letters it has read for the next one."""

    store: Store
    max_bytes: int
    window: int = DEFAULT_WINDOW
    _units: dict[str, list[Unit]] = field(default_factory=dict)
    _staged: list[staging.Staged] = field(default_factory=list)

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
        official_id: str | None = None,
    ) -> Outcome:
        """Ingest one document's bytes; errors become a `failed` outcome naming it.

        `validators` are the ETag and Last-Modified it came with, kept for the next
        conditional GET of `source_url`; `official_id` is the id its source states for it
        (the Tweede Kamer's `kst-` id of an agenda attachment that does not state it).
        """
        if source_url is None and "://" in source:
            source_url = source
        try:
            if len(data) > self.max_bytes:
                raise InputError(source, f"{len(data):,} bytes, over the limit")
            return self.ingest_bytes(data, source, now, source_url, validators, official_id)
        except TrackerError as exc:
            log.info("%s", exc)
            return Outcome(source, "failed", error=str(exc))
        # The letter's transaction was rolled back whole (a database error, a full disk, no
        # permission): this letter fails in one line and the run goes on.
        except (SQLAlchemyError, OSError) as exc:
            reason = _os_reason(exc) if isinstance(exc, OSError) else _db_reason(exc)
            log.info("%s: not stored: %s", source, reason)
            return Outcome(source, "failed", error=f"{source}: not stored: {reason}")

    def ingest_bytes(
        self,
        data: bytes,
        source: str,
        now: datetime,
        source_url: str | None = None,
        validators: tuple[str | None, str | None] = (None, None),
        official_id: str | None = None,
    ) -> Outcome:
        """Ingest the bytes of one letter file, all of it in one transaction."""
        raw_sha = hashlib.sha256(data).hexdigest()
        with self.store.sessions() as session:
            if facts.has_document(session, raw_sha) or facts.is_own_snapshot(session, source, data):
                return Outcome(source, "unchanged")
        stated = identity.official_id(official_id) if official_id else None
        letter, xml = normalise_bytes(data, source, stated)
        if refusal := agenda_refusal(letter):
            raise InputError(source, refusal)
        read = _identify(letter, xml)
        with self._transaction() as session:
            if facts.has_document(session, raw_sha):
                return Outcome(source, "unchanged")  # another process was quicker
            version, status, refold = self._place(session, read, now)
            changes = self.refold(session, version.formation, version) if refold else 0
            etag, last_modified = validators
            document = facts.NewDocument(
                raw_sha, letter.id, letter.format, source, source_url, now, data,
                etag, last_modified,
            )  # fmt: skip
            facts.add_document(session, version.id, document)
            bump_revision(session, now)
        return Outcome(source, status, read.official_id or version.official_id, changes)

    def _place(
        self, session: Session, read: _Read, now: datetime
    ) -> tuple[facts.Version, str, bool]:
        """The version a document is (or is a rendition of), by `tracker.identity`:
        (version, status, whether its formation must be folded anew)."""
        same = facts.by_text(session, read.text_key)
        if same is None and not (
            read.official_id and facts.by_official_id(session, read.official_id)
        ):  # not a republication under a stored id (rule 2)
            same = self._same_letter(session, read)
            if same is not None and read.official_id and identity.official_id(same.official_id):
                same = None  # a letter published under another official id
        if same is not None:
            if read.official_id:
                facts.adopt_official_id(session, same, read.official_id)
            return same, "rendition", False
        stand_ins = [] if read.agenda_only else facts.by_agenda(session, read.agenda_key)
        version = self._add_version(session, read, now)
        for stand_in in stand_ins:
            if stand_in.agenda_only and stand_in.formation == read.formation:
                facts.absorb(session, stand_in, version)
        return version, "added" if version.version == 1 else "version", True

    def _same_letter(self, session: Session, read: _Read) -> facts.Version | None:
        """A stored letter this id-less document is a rendition of (rules 3 and 4)."""
        if read.agenda_only:
            found = facts.by_agenda(session, read.agenda_key)
            return found[0] if found else None
        meta = read.letter.meta
        found = facts.by_meeting(
            session, read.formation, meta.council.start, meta.addressee, meta.date
        )
        return found[0] if found and meta.council.start and meta.date else None

    def _add_version(self, session: Session, read: _Read, now: datetime) -> facts.Version:
        """Insert a letter version and its items, and write its snapshot."""
        letter = read.letter
        published = facts.by_official_id(session, letter.id)
        version_number = (published[-1].version + 1) if published else 1
        council = letter.meta.council
        new = facts.NewVersion(
            official_id=letter.id,
            version=version_number,
            text_key=read.text_key,
            agenda_key=read.agenda_key,
            agenda_only=read.agenda_only,
            chain=read.chain,
            normaliser=NORMALISER,
            formation=read.formation,
            meeting=council.start,
            date=letter.meta.date,
            place=council.place,
            addressee=letter.meta.addressee,
            title=letter.meta.title or letter.agenda_title,
            xml=read.xml.decode("utf-8"),
            snapshot="",
            ingested_at=now,
        )
        path = self.store.snapshots / snapshot_path(new)
        self._staged.append(staging.stage(read.xml, path))
        version = facts.add_version(session, _with_snapshot(new, str(path)))
        units = read.units
        self._remember(read.text_key, units)
        facts.add_items(
            session,
            version.id,
            [facts.NewItem(u.ref, n, u.title, u.kind, unit_stance(u)) for n, u in enumerate(units)],
        )
        return version

    def refold(self, session: Session, formation: str, start: facts.Version | None = None) -> int:
        """Recompute the threads of `formation` from the meeting of `start` on (all: None)."""
        order = facts.formation_versions(session, formation)
        meetings = _meeting_ordinals(order)
        first = 0
        if start is not None:
            first = next(n for n, v in enumerate(order) if v.meeting_key == start.meeting_key)
        facts.clear_folds(session, [v.id for v in order[first:]])
        heads = self._heads(session, order, first, meetings)
        window_start = _first_in_window(order, first, meetings, self.window)
        items = facts.item_ids(session, [v.id for v in order[window_start:]])
        ids = {v.text_key: v.id for v in order}
        threads: dict[str, int] = {}
        seen: set[str] = set()
        count = 0
        for version in order[first:]:
            units = self._units_of(session, version)
            place = _place_of(version, meetings)
            step = advance(heads, formation, place, units, self.window)
            titles = {u.ref: u.title for u in units}
            facts.assign_threads(
                session, formation, version.id, step.threads, titles, items, threads
            )
            fresh = [c for c in step.changes if c.guid not in seen]
            seen.update(c.guid for c in fresh)
            stored = facts.existing_guids(session, [c.guid for c in fresh])
            new = [
                facts.NewChange(
                    c.guid,
                    c.thread,
                    items[(ids[c.old.letter], c.old.unit.ref)],
                    items[(version.id, c.new.unit.ref)],
                    version.date or version.meeting,
                    c.item,
                    c.position_change,
                )
                for c in fresh
                if c.guid not in stored  # the other chamber's letter carried it already
            ]
            facts.store_changes(session, formation, new, threads)
            count += len(new)
        facts.drop_empty_threads(session, formation)
        return count

    def rebuild(self, now: datetime) -> Summary:
        """Re-normalise every stored document and re-derive letters, items, threads, changes.

        One transaction: all of it or none. Identities, thread keys and change GUIDs come
        from the letters' content, so whatever the current code reads the same as before
        keeps its keys and GUIDs.
        """
        summary = Summary()
        with self._transaction() as session:
            documents = facts.document_ids(session)
            facts.forget_letters(session)
            self._units.clear()
            formations: set[str] = set()
            for document_id in documents:
                outcome = self._rederive(session, document_id, now, formations)
                summary.outcomes.append(outcome)
            for formation in sorted(formations):
                self.refold(session, formation)
            bump_revision(session, now)
        return summary

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One transaction; the snapshots staged in it are put in place once it commits."""
        self._staged = []
        try:
            with self.store.sessions.begin() as session:
                yield session
        except BaseException:
            staging.discard(self._staged)
            raise
        finally:
            staged, self._staged = self._staged, []
        for item in staged:
            try:
                staging.place(item)
            except OSError as exc:  # stored all the same; `repair_snapshots` writes it later
                log.warning("%s: snapshot not written: %s", item.target, _os_reason(exc))

    def repair_snapshots(self) -> tuple[int, int]:
        """After a killed run: write every letter's missing snapshot from the database and
        remove pending files; (snapshots written, pending files removed)."""
        written = 0
        with self.store.sessions() as session:
            for snapshot, letter_id in facts.snapshot_paths(session):
                target = Path(snapshot)
                if snapshot and not target.is_file():
                    xml = facts.letter_xml(session, letter_id).encode("utf-8")
                    staging.write_atomically(target, xml)
                    written += 1
        return written, staging.remove_leftovers(self.store.snapshots)

    def _rederive(
        self, session: Session, document_id: int, now: datetime, formations: set[str]
    ) -> Outcome:
        """Normalise one stored document anew and link it to its letter version."""
        document = facts.stored_document(session, document_id)
        try:
            stated = identity.official_id(document.official_id)
            letter, xml = normalise_bytes(document.raw, document.source, stated)
            if refusal := agenda_refusal(letter):
                raise InputError(document.source, refusal)
        except TrackerError as exc:
            return Outcome(document.source, "failed", error=str(exc))
        version, status, refold = self._place(session, _identify(letter, xml), now)
        if refold:
            formations.add(version.formation)
        facts.link_document(session, document_id, version, letter.id)
        return Outcome(document.source, status, version.official_id)

    def _heads(
        self,
        session: Session,
        order: list[facts.Version],
        first: int,
        meetings: dict[str, int],
    ) -> Heads:
        """The latest member of every thread per chain, before `first`, within the window."""
        heads: Heads = {}
        earlier = order[_first_in_window(order, first, meetings, self.window) : first]
        members = facts.thread_members(session, [v.id for v in earlier])
        by_letter: dict[int, list[tuple[str, str]]] = {}
        for letter_id, ref, key in members:
            by_letter.setdefault(letter_id, []).append((ref, key))
        for version in earlier:
            by_ref = {u.ref: u for u in self._units_of(session, version)}
            place = _place_of(version, meetings)
            for ref, key in by_letter.get(version.id, []):
                if ref in by_ref:
                    member = Member(version.text_key, place.chain, place.meeting, by_ref[ref])
                    heads.setdefault(key, {})[place.chain] = member
        return heads

    def _units_of(self, session: Session, version: facts.Version) -> list[Unit]:
        """The units of a stored version, read back from its XML unless cached."""
        units = self._units.pop(version.text_key, None)
        if units is None:
            xml = facts.letter_xml(session, version.id)
            units = letter_units(read_canonical(xml, version.official_id))
        self._remember(version.text_key, units)
        return units

    def _remember(self, key: str, units: list[Unit]) -> None:
        """Keep the units of the most recently used letters (a window's worth per formation)."""
        self._units[key] = units
        while len(self._units) > UNITS_CACHED:
            del self._units[next(iter(self._units))]


def _db_reason(exc: SQLAlchemyError) -> str:
    """A database error in one line: the driver's message, not SQLAlchemy's wrapping."""
    return " ".join(str(getattr(exc, "orig", None) or exc).split())


def _os_reason(exc: OSError) -> str:
    """An OS error in one line: `cannot write <file>: No space left on device`."""
    reason = exc.strerror or str(exc)
    return f"cannot write {exc.filename}: {reason}" if exc.filename else reason


def _meeting_ordinals(order: list[facts.Version]) -> dict[str, int]:
    keys = sorted({v.meeting_key for v in order})
    return {key: n for n, key in enumerate(keys)}


def _place_of(version: facts.Version, meetings: dict[str, int]) -> Place:
    return Place(
        version.text_key, version.chain, meetings[version.meeting_key], version.meeting_key
    )


def _first_in_window(
    order: list[facts.Version], first: int, meetings: dict[str, int], window: int
) -> int:
    """The first version whose meeting is within `window` meetings of `order[first]`'s."""
    if first >= len(order):
        return first
    oldest = meetings[order[first].meeting_key] - window
    return next(n for n, v in enumerate(order) if meetings[v.meeting_key] >= oldest)


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named and, for folders, every file below them in name order (a FIFO or
    a device below a folder too, so that reading it refuses it by name)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_dir() and not child.name.startswith("."):
                    yield child
        else:
            yield path


def content_hash(letter: Letter) -> str:
    """A letter's identity: `tracker.identity.text_key` (kept under its old name)."""
    return identity.text_key(letter)


def snapshot_path(version: facts.NewVersion) -> str:
    """`<formation>/<meeting>_<official id>[.vN].xml`: stable, sorted by meeting in a listing."""
    formation = _slug(version.formation) or "onbekend"
    stamp = version.meeting or version.date or "0000-00-00"
    suffix = "" if version.version == 1 else f".v{version.version}"
    return f"{formation}/{stamp}_{_slug(version.official_id)}{suffix}.xml"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "-" for c in text.lower()).strip("-")


def _with_snapshot(new: facts.NewVersion, snapshot: str) -> facts.NewVersion:
    from dataclasses import replace

    return replace(new, snapshot=snapshot)
