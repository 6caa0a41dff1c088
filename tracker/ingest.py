"""The ingest service: read, normalise, identify, fold, store — each letter whole or not at all.

One letter, one transaction: its document, the letter version it is (or is a rendition
of, by `tracker.identity`), its items, the threads and changes its arrival creates or
recomputes, the store's revision, and its snapshot (staged before the commit, put in place
after it: `tracker.staging`). `tracker.store.letters` keeps the facts; `tracker.threads`
folds; this module decides.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker import __version__, identity, staging
from tracker.canonical import read_canonical
from tracker.config import Config
from tracker.errors import InputError, TrackerError
from tracker.files import read_file
from tracker.models import Letter
from tracker.prepare import Read, prepare, prepare_job, start_worker
from tracker.records import dataclass
from tracker.store import letters as facts
from tracker.store.database import Store, refresh_statistics
from tracker.store.revision import bump_revision
from tracker.threads import DEFAULT_WINDOW, Heads, Member, Place, advance
from tracker.units import Unit, letter_units

log = logging.getLogger(__name__)
NORMALISER = f"tracker {__version__}"
UNITS_CACHED = 256  # letters whose units stay in memory during a run
POOL_FROM = 8  # documents from which a run normalises in worker processes
FREEZE_EVERY = 200  # documents a run stores between two freezes of what it keeps
READ_AHEAD = 8  # documents in flight per worker process
# A rebuild reads its stored documents in batches: one round trip for this many, as long
# as they add up to no more than this many bytes (memory does not grow with the store).
STORED_BATCH = 32
STORED_BATCH_BYTES = 8 * 1024 * 1024
# A run refreshes the database's statistics (`refresh_statistics`) when it has stored
# this many letters, and again each time that count doubles.
STATISTICS_FROM = 50


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


def default_workers() -> int:
    """Worker processes that normalise while the store folds: one per core this process
    may use (the fold here waits on the database part of the time)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def _kept_out_of_collections() -> Iterator[Callable[[], None]]:
    """For a run of many documents: `done()` after each; every `FREEZE_EVERY` of them,
    what this process still holds is frozen out of the collector's full collections, and
    given back to it when the run ends.

    The storing process keeps what it has read for the whole run (the threads' windows,
    identity's indexes, the session), and each full collection scans all of it again:
    they grow with the run (a SQLite rebuild of 4,000 letters: 17 full collections, 1.9 s;
    frozen every 200 documents, 3, 0.1 s). A process that has frozen objects already
    (`tracker serve` freezes what it loaded at start) is left as it is, since giving
    back releases everything frozen."""
    mine = gc.get_freeze_count() == 0
    count = 0

    def done() -> None:
        nonlocal count
        count += 1
        if mine and count % FREEZE_EVERY == 0:
            gc.freeze()

    try:
        yield done
    finally:
        if mine:
            gc.unfreeze()


@dataclass(frozen=True)
class _Job:
    """A document on its way through the workers: its bytes, name and stated id."""

    data: bytes
    source: str
    stated: str | None = None
    error: str | None = None  # it could not be read: the one-line reason
    document_id: int | None = None  # a stored document read anew by `rebuild`


def _prepared_in_order(
    jobs: Iterable[_Job], workers: int, skip: Callable[[_Job], bool]
) -> Iterator[tuple[_Job, Read | str | None]]:
    """Each job with what `prepare` made of it (None: `skip` said it needs no reading), in
    the order of `jobs`; with `workers`, read ahead in that many worker processes, started
    when a first job needs reading (a bounded number of documents in flight, so memory
    does not grow with the run). Until a worker has started, this process reads the jobs
    itself; from then on it waits for the workers (`prepare.start_worker`)."""
    if workers <= 0:
        for job in jobs:
            yield job, None if skip(job) else prepare_job(job.data, job.source, job.stated)
        return
    ahead = READ_AHEAD * workers
    with _Pool(workers) as pool:
        pending: deque[_InFlight] = deque()
        for job in jobs:
            flight = _InFlight(job)
            if skip(job):
                pass
            elif pool.started():
                flight.future = pool.submit(job)
            if flight.future is None and not skip(job):  # no worker up (yet): read it here
                flight.read = prepare_job(job.data, job.source, job.stated)
            pending.append(flight)
            while len(pending) > ahead or (pending and pending[0].ready()):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class _Pool:
    """Worker processes, started when first asked whether they have."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None
        self.up: Future[int] | None = None
        self.broken = False

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def started(self) -> bool:
        """Whether a worker is up; the first question starts them. A pool whose worker
        died (killed by the system for memory, say) is up no more: the run goes on
        reading here."""
        if self.broken:
            return False
        if self.executor is None:
            context = multiprocessing.get_context("spawn")  # no copy of our connections
            self.executor = ProcessPoolExecutor(
                self.workers, context, initializer=start_worker, initargs=(os.getpid(),)
            )
            self.up = self.executor.submit(os.getpid)  # done once a worker is up
        assert self.up is not None
        return self.up.done()

    def submit(self, job: _Job) -> Future[Read | str] | None:
        assert self.executor is not None
        try:
            return self.executor.submit(prepare_job, job.data, job.source, job.stated)
        except BrokenProcessPool:
            self.broken = True
            return None


@dataclass
class _InFlight:
    """A job on its way: its future in the pool, or what this process made of it."""

    job: _Job
    future: Future[Read | str] | None = None
    read: Read | str | None = None

    def ready(self) -> bool:
        return self.future is None or self.future.done()

    def result(self) -> tuple[_Job, Read | str | None]:
        if self.future is not None:
            try:
                self.read = self.future.result()
            except BrokenProcessPool:  # its worker died: read it here
                log.warning("%s: a reading process died; reading it in this one", self.job.source)
                self.read = prepare_job(self.job.data, self.job.source, self.job.stated)
        return self.job, self.read


@dataclass
class Ingestor:
    """Ingests into one store; keeps the units of letters it has read for the next one."""

    store: Store
    max_bytes: int
    window: int = DEFAULT_WINDOW
    _units: dict[str, list[Unit]] = field(default_factory=dict)
    _staging: list[Future[staging.Staged]] = field(default_factory=list)
    _writer: ThreadPoolExecutor | None = None  # stages snapshots while the fold goes on
    _emptied: set[int] = field(default_factory=set)  # threads a fold may have left empty
    _new_items: dict[int, list[facts.NewItem]] = field(default_factory=dict)  # by version
    _written: _Written = field(default_factory=lambda: _Written())  # by this transaction
    # A rebuild's documents not yet linked to their versions: (document, version, official
    # id), written a batch at a time (and before a stand-in's documents move to its letter)
    _links: list[tuple[int, int, str]] = field(default_factory=list)
    workers: int = 0  # processes that normalise ahead (0: `default_workers`)

    def ingest_paths(
        self,
        paths: Iterable[Path],
        now: datetime,
        progress: Callable[[Outcome], None] | None = None,
        source_url: str | None = None,
    ) -> Summary:
        """Ingest files and folders (recursively, in name order); a bad file is skipped.

        From `POOL_FROM` files on, worker processes read and normalise the files ahead
        while this process stores them one by one, in order: the outcomes are the same."""
        summary = Summary()
        files = list(files_under(paths))
        jobs = (self._read_job(path) for path in files)
        workers = self._pool_size(len(files))
        known = self._known_in(self._stored_keys()) if workers else self._known
        stored, refresh_at = 0, STATISTICS_FROM
        with _kept_out_of_collections() as done:
            for job, prepared in _prepared_in_order(jobs, workers, known):
                if job.error is not None:
                    outcome = Outcome(job.source, "failed", error=job.error)
                else:
                    outcome = self.ingest_document(
                        job.data, job.source, now, source_url, prepared=prepared
                    )
                summary.outcomes.append(outcome)
                done()
                if outcome.status in ("added", "version"):
                    stored += 1
                if stored >= refresh_at:  # the store has grown: 50, 100, 200 … letters on
                    refresh_statistics(self.store)
                    refresh_at *= 2
                if progress is not None:
                    progress(outcome)
        return summary

    def _read_job(self, path: Path) -> _Job:
        try:
            return _Job(read_file(path, self.max_bytes), str(path))
        except TrackerError as exc:
            return _Job(b"", str(path), error=str(exc))

    def _pool_size(self, documents: int) -> int:
        if documents < POOL_FROM:
            return 0
        return self.workers or default_workers()

    def _known(self, job: _Job) -> bool:
        """Whether a job needs no reading: unreadable, or its bytes are stored already."""
        if job.error is not None or len(job.data) > self.max_bytes:
            return True
        with self.store.sessions() as session:
            return self._stored(session, hashlib.sha256(job.data).hexdigest(), job.source, job.data)

    def _stored_keys(self) -> tuple[set[str], set[str]]:
        """The hashes of the stored documents and the stored snapshots' paths: a run of
        many files looks its files up in these, not in a query each (on PostgreSQL a
        session and a round trip a file)."""
        with self.store.sessions() as session:
            return facts.document_hashes(session), {p for p, _ in facts.snapshot_paths(session)}

    def _known_in(self, keys: tuple[set[str], set[str]]) -> Callable[[_Job], bool]:
        """`_known` against the stored keys read when the run began. A file stored since
        is read for nothing and then found stored; one found is stored (documents stay)."""
        hashes, snapshots = keys

        def known(job: _Job) -> bool:
            if job.error is not None or len(job.data) > self.max_bytes:
                return True
            if hashlib.sha256(job.data).hexdigest() in hashes:
                return True
            return job.source in snapshots and self._known(job)

        return known

    @staticmethod
    def _stored(session: Session, raw_sha: str, source: str, data: bytes) -> bool:
        """Whether these bytes are stored: as a document, or as a snapshot of ours."""
        return facts.is_stored(session, raw_sha, source, data)

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
        prepared: Read | str | None = None,
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
            return self.ingest_bytes(
                data, source, now, source_url, validators, official_id, prepared
            )
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
        prepared: Read | str | None = None,
    ) -> Outcome:
        """Ingest the bytes of one letter file, all of it in one transaction; `prepared`
        is what `prepare` made of them in a worker process (its error, for a refused file)."""
        raw_sha = hashlib.sha256(data).hexdigest()
        if prepared is None:  # (read ahead, it was looked up before it was read)
            with self.store.sessions() as session:
                if self._stored(session, raw_sha, source, data):
                    return Outcome(source, "unchanged")
        if isinstance(prepared, str):
            raise TrackerError(prepared)
        if prepared is None:
            stated = identity.official_id(official_id) if official_id else None
            prepared = prepare(data, source, stated)
        read = prepared
        letter = read.letter
        with self._transaction() as session:
            if self._stored(session, raw_sha, source, data):
                return Outcome(source, "unchanged")  # stored since it was looked up
            version, status, refold = self._place(session, read, now)
            fresh = version if status in ("added", "version") else None
            changes = self.refold(session, version.formation, version, fresh) if refold else 0
            etag, last_modified = validators
            document = facts.NewDocument(
                raw_sha, letter.id, letter.format, source, source_url, now, data,
                etag, last_modified,
            )  # fmt: skip
            facts.add_document(session, version.id, document)
            bump_revision(session, now)
        return Outcome(source, status, read.official_id or version.official_id, changes)

    def _place(
        self, session: Session, read: Read, now: datetime
    ) -> tuple[facts.Version, str, bool]:
        """The version a document is (or is a rendition of), by `tracker.identity`:
        (version, status, whether its formation must be folded anew)."""
        ids = [i for i in dict.fromkeys((read.official_id, read.letter.id)) if i]
        known = self._written.related(session, read.text_key, read.agenda_key, ids)
        same = known.by_text(read.text_key)
        if same is None and not (
            read.official_id and known.by_official_id(read.official_id)
        ):  # not a republication under a stored id (rule 2)
            same = self._same_letter(session, read, known)
            if same is not None and read.official_id and identity.official_id(same.official_id):
                same = None  # a letter published under another official id
        if same is not None:
            if read.official_id:
                if facts.adopt_official_id(session, same, read.official_id):
                    self._written.rename(same, read.official_id)
            return same, "rendition", False
        stand_ins = [] if read.agenda_only else known.by_agenda(read.agenda_key)
        version = self._add_version(session, read, now, known.by_official_id(read.letter.id))
        for stand_in in stand_ins:
            if stand_in.agenda_only and stand_in.formation == read.formation:
                self._link_documents(session)  # linked to the stand-in first, then moved
                self._emptied |= facts.absorb(session, stand_in, version)
                self._written.forget_letter(stand_in)
        return version, "added" if version.version == 1 else "version", True

    def _same_letter(
        self, session: Session, read: Read, known: facts.Related
    ) -> facts.Version | None:
        """A stored letter this id-less document is a rendition of (rules 3 and 4)."""
        if read.agenda_only:
            found = known.by_agenda(read.agenda_key)
            return found[0] if found else None
        meta = read.letter.meta
        if not (meta.council.start and meta.date):
            return None
        found = self._written.by_meeting(
            session, read.formation, meta.council.start, meta.addressee, meta.date
        )
        return found[0] if found else None

    def _add_version(
        self, session: Session, read: Read, now: datetime, published: list[facts.Version]
    ) -> facts.Version:
        """Insert a letter version and its items, and write its snapshot; `published`,
        the versions stored under its id."""
        letter = read.letter
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
        self._stage(read.xml, path)
        version = facts.add_version(session, _with_snapshot(new, str(path)))
        self._written.add_version(version)
        units = read.units
        self._remember(read.text_key, units)
        self._new_items[version.id] = [  # stored by its fold, with their threads
            facts.NewItem(u.ref, n, u.title, u.kind, stance)
            for n, (u, stance) in enumerate(zip(units, read.stances, strict=True))
        ]
        return version

    def refold(
        self,
        session: Session,
        formation: str,
        start: facts.Version | None = None,
        fresh: facts.Version | None = None,
    ) -> int:
        """Recompute the threads of `formation` from the meeting of `start` on (all: None).

        Only the meetings from `start`'s on and the window before it are read; `fresh`, a
        version added in this transaction, has nothing folded to forget, and the fold
        starts at it: the versions before it in fold order were folded from what came
        before them, so folding them again would store what they hold (it had been a
        third of the folding: 1,364 letters folded for 928 added)."""
        start_key = None if start is None else start.meeting_key
        order = facts.formation_versions(session, formation, start_key, self.window)
        meetings = _meeting_ordinals(order)
        first = 0
        if fresh is not None:
            first = next(n for n, v in enumerate(order) if v.id == fresh.id)
        elif start is not None:
            first = next(n for n, v in enumerate(order) if v.meeting_key == start.meeting_key)
        cleared = [v.id for v in order[first:] if fresh is None or v.id != fresh.id]
        emptied = facts.clear_folds(session, cleared)
        self._written.forget_changes(cleared)
        emptied |= self._emptied
        window_start = _first_in_window(order, first, meetings, self.window)
        window = facts.window_items(session, [v.id for v in order[window_start:]])
        heads = self._heads(session, order[window_start:first], window, meetings)
        items = {(letter, ref): item for letter, ref, item, _ in window}
        current = {(letter, ref): key for letter, ref, _, key in window}
        ids = {v.text_key: v.id for v in order}
        written = self._written
        threads, titled = written.thread_ids, written.thread_titles
        seen: set[str] = set()
        count = 0
        for version in order[first:]:
            units = self._units_of(session, version)
            place = _place_of(version, meetings)
            step = advance(heads, formation, place, units, self.window)
            titles = {u.ref: u.title for u in units}
            facts.assign_threads(
                session, formation, version.id, step.threads, titles, items, threads, titled,
                self._new_items.pop(version.id, ()), current, written.complete,
            )  # fmt: skip
            fresh_changes = [c for c in step.changes if c.guid not in seen]
            seen.update(c.guid for c in fresh_changes)
            stored = written.stored_guids(session, [c.guid for c in fresh_changes])
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
                for c in fresh_changes
                if c.guid not in stored  # the other chamber's letter carried it already
            ]
            facts.store_changes(session, formation, new, threads)
            written.add_changes(version.id, [c.guid for c in new])
            count += len(new)
        for key in facts.drop_empty_threads(session, emptied):
            threads.pop(key, None)
            titled.pop(key, None)
        self._emptied = set()
        return count

    def rebuild(self, now: datetime) -> Summary:
        """Re-normalise every stored document and re-derive letters, items, threads, changes.

        One transaction: all of it or none. Identities, thread keys and change GUIDs come
        from the letters' content, so whatever the current code reads the same as before
        keeps its keys and GUIDs. Worker processes normalise ahead, as in `ingest_paths`,
        and each letter is folded as it is placed, in the order its documents arrived (as
        `ingest` folded them): the fold goes on while the workers read.
        """
        summary = Summary()
        with self._transaction() as session:
            documents = facts.document_sizes(session)
            facts.forget_letters(session)
            self._written.complete = True  # every thread and change is this transaction's
            self._units.clear()
            jobs = self._stored_jobs(session, documents)
            workers = self._pool_size(len(documents))
            with _kept_out_of_collections() as done:
                for job, prepared in _prepared_in_order(jobs, workers, lambda job: False):
                    summary.outcomes.append(self._rederive(session, job, prepared, now))
                    done()
                    if len(self._links) >= STORED_BATCH:
                        self._link_documents(session)
            self._link_documents(session)
            bump_revision(session, now)
        return summary

    @staticmethod
    def _stored_jobs(session: Session, documents: list[tuple[int, int]]) -> Iterator[_Job]:
        """The stored documents as jobs, read a batch at a time: a round trip per batch,
        not per document (`_batches`: STORED_BATCH documents of STORED_BATCH_BYTES at most)."""
        for batch in _batches(documents, STORED_BATCH, STORED_BATCH_BYTES):
            for document in facts.stored_documents(session, batch):
                stated = identity.official_id(document.official_id)
                yield _Job(document.raw, document.source, stated, document_id=document.id)

    def _stage(self, xml: bytes, path: Path) -> None:
        """Write a snapshot's pending file in a thread of its own (its fsync overlaps the
        fold); the transaction waits for it before it commits."""
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="tracker-snapshots")
        self._staging.append(self._writer.submit(staging.stage, xml, path))

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One transaction; the snapshots staged in it are written (fsynced) before it
        commits and put in place once it has."""
        self._staging = []
        self._emptied = set()
        self._new_items = {}
        self._written = _Written()
        self._links = []
        staged: list[staging.Staged] = []
        try:
            with self.store.sessions.begin() as session:
                yield session
                if self._new_items:  # a letter is stored whole or not at all
                    raise RuntimeError(f"letter versions not folded: {sorted(self._new_items)}")
                staged = _all_staged(self._staging)
        except BaseException:
            staging.discard(staged or _staged_anyway(self._staging))
            raise
        finally:
            self._staging = []
        gone = []
        for item in staged:
            try:
                if not staging.place(item):
                    gone.append(item.target)
            except OSError as exc:  # stored all the same; `repair_snapshots` writes it later
                log.warning("%s: snapshot not written: %s", item.target, _os_reason(exc))
        if gone:
            self._write_snapshots(gone)

    def _write_snapshots(self, targets: list[Path]) -> None:
        """Write these committed letters' snapshots from the XML the store holds (none
        for a letter that is not stored: no file)."""
        with self.store.sessions() as session:
            for target in targets:
                xml = facts.snapshot_xml(session, str(target))
                try:
                    if xml:
                        staging.write_atomically(target, xml)
                except OSError as exc:  # `repair_snapshots` writes it later
                    log.warning("%s: snapshot not written: %s", target, _os_reason(exc))

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
        self,
        session: Session,
        job: _Job,
        prepared: Read | str | None,
        now: datetime,
    ) -> Outcome:
        """Place one stored document, normalised anew, in its letter version (linked to
        it by `_link_documents`), and fold its formation from that letter's meeting on
        when it is a letter of its own."""
        if prepared is None:
            prepared = prepare_job(job.data, job.source, job.stated)
        if isinstance(prepared, str):
            return Outcome(job.source, "failed", error=prepared)
        version, status, refold = self._place(session, prepared, now)
        if refold:
            self.refold(session, version.formation, version, version)
        assert job.document_id is not None
        self._links.append((job.document_id, version.id, prepared.letter.id))
        # As `ingest_bytes` reports it: `version` is as it was found, before a rendition's
        # official id was adopted by `_place`.
        return Outcome(job.source, status, prepared.official_id or version.official_id)

    def _link_documents(self, session: Session) -> None:
        """Link the documents `_rederive` has placed to their versions."""
        facts.link_documents(session, self._links)
        self._links = []

    def _heads(
        self,
        session: Session,
        earlier: list[facts.Version],
        window: list[facts.WindowItem],
        meetings: dict[str, int],
    ) -> Heads:
        """The latest member of every thread per chain in the `earlier` versions (those
        before the fold's first, within the window), from the window's items."""
        heads: Heads = {}
        members = [(letter, ref, key) for letter, ref, _, key in window if key is not None]
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


@dataclass
class _Written:
    """What one transaction has read and written of the store's threads and changes.

    Thread ids and stored titles by key: a rebuild folds every letter in one transaction,
    and no letter looks up the threads the letters before it made (threads a fold drops
    leave them). `complete`: the store held no letter, thread or change when the
    transaction began (a rebuild, once it has forgotten the letters), so what is not here
    is not stored: threads, change GUIDs and the versions identity asks for are not
    looked up.
    """

    complete: bool = False
    thread_ids: dict[str, int] = field(default_factory=dict)
    thread_titles: dict[str, str] = field(default_factory=dict)
    # the GUIDs of the changes stored, by the version of their new item (when complete)
    guids: dict[int, set[str]] = field(default_factory=dict)
    all_guids: set[str] = field(default_factory=set)
    versions: dict[int, facts.Version] = field(default_factory=dict)  # stored, by id
    # the stored versions' ids by text key, agenda key, official id and meeting
    indexes: tuple[dict[object, set[int]], ...] = field(default_factory=lambda: ({}, {}, {}, {}))

    def related(
        self, session: Session, text_key: str, agenda_key: str, official_ids: list[str]
    ) -> facts.Related:
        """`facts.related`: the versions a document may be."""
        if not self.complete:
            return facts.related(session, text_key, agenda_key, official_ids)
        by_text, by_agenda, by_official, _ = self.indexes
        found = by_text.get(text_key, set()) | by_agenda.get(agenda_key, set())
        for official_id in official_ids:
            found |= by_official.get(official_id, set())
        return facts.Related(tuple(self.versions[i] for i in sorted(found)))

    def by_meeting(
        self,
        session: Session,
        formation: str,
        meeting: str | None,
        addressee: str | None,
        date: str | None,
    ) -> list[facts.Version]:
        """`facts.by_meeting`: the versions for one meeting, to one chamber, of one date."""
        if not self.complete:
            return facts.by_meeting(session, formation, meeting, addressee, date)
        found = self.indexes[3].get((formation, meeting, addressee, date), set())
        versions = (self.versions[i] for i in sorted(found))
        return [v for v in versions if not v.agenda_only]

    def add_version(self, version: facts.Version) -> None:
        """A letter version stored."""
        if self.complete:
            self.versions[version.id] = version
            for index, key in zip(self.indexes, _index_keys(version), strict=True):
                index.setdefault(key, set()).add(version.id)

    def rename(self, version: facts.Version, official_id: str) -> None:
        """A version adopted an official id (`facts.adopt_official_id`)."""
        if self._unindex(version.id):
            self.add_version(replace(version, official_id=official_id))

    def forget_letter(self, version: facts.Version) -> None:
        """A version went, with its changes (`facts.absorb`)."""
        self.forget_changes([version.id])
        self._unindex(version.id)

    def _unindex(self, version_id: int) -> bool:
        """Take a version out of `versions` and `indexes`; whether it was there."""
        stored = self.versions.pop(version_id, None)
        if stored is None:
            return False
        for index, key in zip(self.indexes, _index_keys(stored), strict=True):
            index[key].discard(version_id)
        return True

    def stored_guids(self, session: Session, guids: list[str]) -> set[str]:
        """Which of these change GUIDs are stored."""
        if not self.complete:
            return facts.existing_guids(session, guids)
        return self.all_guids.intersection(guids)

    def add_changes(self, version_id: int, guids: list[str]) -> None:
        """Changes stored, their new items in this version."""
        if self.complete and guids:
            self.guids.setdefault(version_id, set()).update(guids)
            self.all_guids.update(guids)

    def forget_changes(self, version_ids: Iterable[int]) -> None:
        """The changes whose new items are in these versions went (`facts.clear_folds`)."""
        for version_id in version_ids:
            self.all_guids.difference_update(self.guids.pop(version_id, ()))


def _index_keys(version: facts.Version) -> tuple[object, ...]:
    """A version's keys in `_Written.indexes`."""
    meeting = (version.formation, version.meeting, version.addressee, version.date)
    return version.text_key, version.agenda_key, version.official_id, meeting


def _batches(sized: list[tuple[int, int]], most: int, most_bytes: int) -> Iterator[list[int]]:
    """The ids of (id, size) pairs in order, in batches of at most `most` ids whose sizes
    add up to at most `most_bytes` (a larger one goes in a batch of its own)."""
    batch: list[int] = []
    total = 0
    for row_id, size in sized:
        if batch and (len(batch) == most or total + size > most_bytes):
            yield batch
            batch, total = [], 0
        batch.append(row_id)
        total += size
    if batch:
        yield batch


def ingestor_for(store: Store, config: Config) -> Ingestor:
    """The ingest service for `store` as `config` sets it up."""
    normalise = config.normalise
    return Ingestor(
        store, normalise.max_bytes, config.store.thread_window, workers=normalise.workers
    )


def _all_staged(futures: list[Future[staging.Staged]]) -> list[staging.Staged]:
    """Every staged snapshot, once all are written; if one could not be, the others'
    pending files are removed and its error raised."""
    staged, error = [], None
    for future in futures:
        try:
            staged.append(future.result())
        except BaseException as exc:
            error = error or exc
    if error is not None:
        staging.discard(staged)
        raise error
    return staged


def _staged_anyway(futures: list[Future[staging.Staged]]) -> list[staging.Staged]:
    """The snapshots that were staged, waiting for each (to remove them)."""
    return [f.result() for f in futures if f.exception() is None]


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
